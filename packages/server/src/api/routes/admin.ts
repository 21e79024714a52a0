/**
 * @module api/routes/admin
 * API keys (admin) and the audit log (supervisor, admin). The key's secret is shown once, in
 * the answer that creates it.
 */
import { z } from 'zod';
import type { App } from '../../app.ts';
import { ROLES } from '../../services/keys.ts';
import { defineRoute } from '../route.ts';
import { ADMINS, AUDIT_READERS } from './roles.ts';

const KeySchema = z
  .object({ id: z.string(), name: z.string(), role: z.enum(ROLES), createdAt: z.string(), createdBy: z.string().nullable(), revokedAt: z.string().nullable() })
  .meta({ id: 'ApiKey' });
const AuditEntrySchema = z
  .object({ seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), subject: z.string().nullable(), data: z.unknown(), prevHash: z.string(), hash: z.string() })
  .meta({ id: 'AuditEntry' });

export function adminRoutes(app: App) {
  return [
    defineRoute({
      method: 'GET', url: '/v1/keys', operationId: 'listKeys', tags: ['keys'], roles: ADMINS,
      summary: 'API keys (never their secrets)',
      responses: { 200: { description: 'Keys', schema: z.object({ keys: z.array(KeySchema) }) } },
      handler: async () => ({ keys: await app.keys.list() }),
    }),
    defineRoute({
      method: 'POST', url: '/v1/keys', operationId: 'createKey', tags: ['keys'], roles: ADMINS,
      summary: 'Create an API key; the token is in this answer only',
      body: z.strictObject({ role: z.enum(ROLES), name: z.string().min(1).max(200).optional() }),
      responses: { 201: { description: 'The key and its token', schema: z.object({ key: KeySchema, token: z.string() }) } },
      handler: async ({ body, principal, reply }) => {
        const created = await app.keys.create({ role: body.role, name: body.name, actor: principal.actor });
        void reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'DELETE', url: '/v1/keys/:id', operationId: 'revokeKey', tags: ['keys'], roles: ADMINS,
      summary: 'Revoke an API key (at once in this process; within the key cache time elsewhere)',
      params: z.strictObject({ id: z.string().min(1).max(64) }),
      responses: { 200: { description: 'The revoked key', schema: KeySchema } },
      handler: ({ params, principal }) => app.keys.revoke(params.id, principal.actor),
    }),
    defineRoute({
      method: 'GET', url: '/v1/audit', operationId: 'listAudit', tags: ['audit'], roles: AUDIT_READERS,
      summary: 'Audit entries in order',
      query: z.strictObject({
        after: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(10_000).default(100),
        action: z.string().optional(),
        subject: z.string().optional(),
      }),
      responses: { 200: { description: 'Entries', schema: z.object({ entries: z.array(AuditEntrySchema) }) } },
      handler: async ({ query }) => ({ entries: await app.audit.list(query) }),
    }),
    defineRoute({
      method: 'GET', url: '/v1/audit/verify', operationId: 'verifyAudit', tags: ['audit'], roles: AUDIT_READERS,
      summary: 'Check the whole hash chain: every altered, reordered or deleted entry is reported',
      responses: { 200: { description: 'The verification', schema: z.object({}).passthrough() } },
      handler: () => app.audit.verify(),
    }),
  ];
}
