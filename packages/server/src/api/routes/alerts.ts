/**
 * @module api/routes/alerts
 * Alerts for analysts: list with filters, read one with its history, change status, assignee
 * and disposition with a note (closing needs a disposition). Every change is audited.
 */
import { z } from 'zod';
import type { App } from '../../app.ts';
import { ALERT_STATUSES, DISPOSITIONS } from '../../services/alerts.ts';
import { defineRoute } from '../route.ts';
import { ALERT_WORKERS, READERS } from './roles.ts';

const AlertSchema = z
  .object({
    id: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    status: z.enum(ALERT_STATUSES),
    assignee: z.string().nullable(),
    disposition: z.enum(DISPOSITIONS).nullable(),
    origin: z.enum(['event', 'rescreen']),
    kind: z.enum(['name', 'wallet', 'rule']).describe('name, wallet: sanctions screening; rule: a monitoring rule or typology (entityId rule:<id> or typology:<id>, listVersion: the monitoring configuration version)'),
    severity: z.enum(['confirmed', 'possible']),
    customerId: z.string().nullable(),
    eventId: z.string().nullable(),
    partyKey: z.string().nullable(),
    entityId: z.string(),
    source: z.string(),
    listVersion: z.number().int(),
    score: z.number(),
    occurrences: z.number().int().describe('How many times the same finding was seen while the alert was open'),
    summary: z.object({}).passthrough().describe('Sanctions alerts: the party, the listed entity’s caption and programs, and the match explanation. Rule alerts: the rule, its reasons and evidence'),
  })
  .meta({ id: 'Alert' });
const NoteSchema = z.object({ at: z.string(), actor: z.string(), note: z.string().nullable(), change: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])) });
const AlertWithNotes = z.object({ alert: AlertSchema, notes: z.array(NoteSchema) }).meta({ id: 'AlertWithNotes' });
const IdParam = z.strictObject({ id: z.coerce.number().int().positive() });

export function alertRoutes(app: App) {
  return [
    defineRoute({
      method: 'GET', url: '/v1/alerts', operationId: 'listAlerts', tags: ['alerts'], roles: READERS,
      summary: 'Alerts, newest first, with filters',
      query: z.strictObject({
        status: z.enum(ALERT_STATUSES).optional(),
        severity: z.enum(['confirmed', 'possible']).optional(),
        customerId: z.string().optional(),
        assignee: z.string().optional(),
        kind: z.enum(['name', 'wallet', 'rule']).optional(),
        origin: z.enum(['event', 'rescreen']).optional(),
        before: z.coerce.number().int().positive().optional().describe('Cursor: the last id of the previous page'),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
      responses: { 200: { description: 'A page of alerts', schema: z.object({ alerts: z.array(AlertSchema), next: z.number().int().nullable() }) } },
      handler: async ({ query }) => {
        const alerts = await app.alerts.list(query);
        return { alerts, next: alerts.length === query.limit ? alerts[alerts.length - 1]!.id : null };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/alerts/:id', operationId: 'getAlert', tags: ['alerts'], roles: READERS,
      summary: 'One alert with its history of changes and notes',
      params: IdParam,
      responses: { 200: { description: 'The alert', schema: AlertWithNotes } },
      handler: ({ params }) => app.alerts.get(params.id),
    }),
    defineRoute({
      method: 'PATCH', url: '/v1/alerts/:id', operationId: 'updateAlert', tags: ['alerts'], roles: ALERT_WORKERS,
      summary: 'Change an alert’s status, assignee or disposition, with a note',
      params: IdParam,
      body: z
        .strictObject({
          status: z.enum(ALERT_STATUSES).optional(),
          assignee: z.string().min(1).max(200).nullable().optional(),
          disposition: z.enum(DISPOSITIONS).nullable().optional(),
          note: z.string().min(1).max(10_000).optional(),
        })
        .refine((b) => Object.keys(b).length > 0, { message: 'send at least one of status, assignee, disposition, note' }),
      responses: { 200: { description: 'The alert after the change', schema: AlertWithNotes }, 409: { description: 'The change is not allowed (SEK_ALERT_CHANGE)' } },
      handler: ({ params, body, principal }) => app.alerts.update(params.id, body, principal.actor),
    }),
  ];
}
