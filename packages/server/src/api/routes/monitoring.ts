/**
 * @module api/routes/monitoring
 * Monitoring configuration over the API (issue 7): the rules, the configuration versions, a
 * proposal (analysts and up), and its approval or rejection by a supervisor or admin other
 * than the proposer (four eyes; services/monitoring-config.ts). Every step is audited.
 */
import { z } from 'zod';
import { MonitoringConfigSchema, RULES } from '@sekisho/core';
import type { App } from '../../app.ts';
import { defineRoute } from '../route.ts';
import { ALERT_WORKERS, READERS } from './roles.ts';

const APPROVERS = ['supervisor', 'admin'] as const;

const VersionSchema = z
  .object({
    version: z.number().int(),
    status: z.enum(['proposed', 'active', 'superseded', 'rejected']),
    config: z.object({}).passthrough(),
    note: z.string().nullable(),
    proposedBy: z.string(),
    proposedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'MonitoringConfigVersion' });
const RuleSchema = z.object({ no: z.number().int(), id: z.string(), family: z.string(), title: z.string(), outcome: z.string(), events: z.array(z.string()), defaults: z.unknown(), source: z.string() }).meta({ id: 'MonitoringRule' });
const VersionParam = z.strictObject({ version: z.coerce.number().int().positive() });
const Decision = z.strictObject({ note: z.string().min(1).max(10_000).optional() });

export function monitoringRoutes(app: App) {
  return [
    defineRoute({
      method: 'GET', url: '/v1/monitoring/rules', operationId: 'listMonitoringRules', tags: ['monitoring'], roles: READERS,
      summary: 'The monitoring rules: catalogue number, id, default outcome, events, parameters and source',
      responses: { 200: { description: 'The rules', schema: z.object({ rules: z.array(RuleSchema) }) } },
      handler: () => ({ rules: RULES.map((r) => ({ no: r.no, id: r.id, family: r.family, title: r.title, outcome: r.outcome, events: [...r.events], defaults: r.defaults, source: r.source })) }),
    }),
    defineRoute({
      method: 'GET', url: '/v1/monitoring/configs', operationId: 'listMonitoringConfigs', tags: ['monitoring'], roles: READERS,
      summary: 'Versions of the monitoring configuration, newest first (the active one is in force)',
      responses: { 200: { description: 'The versions', schema: z.object({ versions: z.array(VersionSchema) }) } },
      handler: async () => ({ versions: await app.monitoringConfigs.list() }),
    }),
    defineRoute({
      method: 'POST', url: '/v1/monitoring/configs', operationId: 'proposeMonitoringConfig', tags: ['monitoring'], roles: ALERT_WORKERS,
      summary: 'Propose a configuration; it takes effect when a supervisor or admin other than the proposer approves it',
      body: z.strictObject({ config: MonitoringConfigSchema, note: z.string().min(1).max(10_000).optional() }),
      responses: { 201: { description: 'The proposed version', schema: VersionSchema }, 422: { description: 'The configuration is refused (SEK_MONITOR_CONFIG): an unknown rule, a parameter out of range' } },
      handler: async ({ body, principal, reply }) => {
        const version = await app.monitoringConfigs.propose(body.config, principal.actor, body.note);
        void reply.code(201);
        return version;
      },
    }),
    defineRoute({
      method: 'POST', url: '/v1/monitoring/configs/:version/approve', operationId: 'approveMonitoringConfig', tags: ['monitoring'], roles: APPROVERS,
      summary: 'Approve a proposed configuration: it is in force from the next second',
      params: VersionParam,
      body: Decision,
      responses: { 200: { description: 'The version, now active', schema: VersionSchema }, 409: { description: 'Not a proposal, or approved by its proposer (SEK_MONITOR_CONFIG_DECISION)' } },
      handler: ({ params, body, principal }) => app.monitoringConfigs.approve(params.version, { name: principal.actor, role: principal.role }, body.note),
    }),
    defineRoute({
      method: 'POST', url: '/v1/monitoring/configs/:version/reject', operationId: 'rejectMonitoringConfig', tags: ['monitoring'], roles: APPROVERS,
      summary: 'Reject a proposed configuration',
      params: VersionParam,
      body: Decision,
      responses: { 200: { description: 'The version, rejected', schema: VersionSchema }, 409: { description: 'Not a proposal, or decided by its proposer (SEK_MONITOR_CONFIG_DECISION)' } },
      handler: ({ params, body, principal }) => app.monitoringConfigs.reject(params.version, { name: principal.actor, role: principal.role }, body.note),
    }),
  ];
}
