/**
 * @module api/routes/lists
 * Sanctions lists over HTTP: status, versions and diffs for anyone with a key; loading (from
 * files on the server's disk), updating from the official sources and rolling back for admins.
 */
import { SOURCE_NAMES } from '@sekisho/core/model';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { ServerErrors } from '../../errors.ts';
import { diffVersions } from '../../services/list-diff.ts';
import { updateLists } from '../../services/list-update.ts';
import { defineRoute } from '../route.ts';
import { READERS } from './roles.ts';

const Source = z.enum(SOURCE_NAMES).describe('The list source');
const ListVersionSchema = z
  .object({
    source: z.string(),
    version: z.number().int(),
    status: z.enum(['active', 'superseded', 'inactive']),
    fileHash: z.string(),
    issueDate: z.string().nullable(),
    loadedAt: z.string(),
    activatedAt: z.string().nullable(),
    entityCount: z.number().int(),
    counts: z.record(z.string(), z.number()),
    walletCount: z.number().int(),
    warningCount: z.number().int(),
  })
  .meta({ id: 'ListVersion' });
const view = (v: z.input<typeof ListVersionSchema>) => ({ source: v.source, version: v.version, status: v.status, fileHash: v.fileHash, issueDate: v.issueDate, loadedAt: v.loadedAt, activatedAt: v.activatedAt, entityCount: v.entityCount, counts: v.counts, walletCount: v.walletCount, warningCount: v.warningCount });

export function listRoutes(app: App) {
  return [
    defineRoute({
      method: 'GET', url: '/v1/lists', operationId: 'listStatus', tags: ['lists'], roles: READERS,
      summary: 'The active version of every loaded source',
      responses: { 200: { description: 'Active versions', schema: z.object({ lists: z.array(ListVersionSchema) }) } },
      handler: async () => ({ lists: (await app.lists.activeVersions()).map(view) }),
    }),
    defineRoute({
      method: 'GET', url: '/v1/lists/:source/versions', operationId: 'listVersions', tags: ['lists'], roles: READERS,
      summary: 'Every version of a source, newest first',
      params: z.strictObject({ source: Source }),
      responses: { 200: { description: 'Versions', schema: z.object({ versions: z.array(ListVersionSchema) }) } },
      handler: async ({ params }) => {
        const versions = await app.lists.versions(params.source);
        if (!versions.length) throw ServerErrors.LIST_NOT_LOADED(`no version of ${params.source} is loaded`);
        return { versions: versions.map(view) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/lists/:source/diff', operationId: 'listDiff', tags: ['lists'], roles: READERS,
      summary: 'What changed between two versions of a source (default: the active one against the one before)',
      params: z.strictObject({ source: Source }),
      query: z.strictObject({ from: z.coerce.number().int().positive().optional(), to: z.coerce.number().int().positive().optional() }),
      responses: { 200: { description: 'Added, removed and changed entities', schema: z.object({}).passthrough() } },
      handler: ({ params, query }) => diffVersions(app.lists, params.source, query.from, query.to),
    }),
    defineRoute({
      method: 'POST', url: '/v1/lists/:source/load', operationId: 'listLoad', tags: ['lists'], roles: ['admin'],
      summary: 'Load files on the server’s disk as a new version of the source and activate it',
      description: 'The files are read by the server process (paths on its machine). A load that fails, or shrinks the list by more than the configured share without force, changes nothing.',
      params: z.strictObject({ source: Source }),
      body: z.strictObject({ files: z.array(z.string().min(1)).min(1).max(10), force: z.boolean().optional() }),
      responses: { 200: { description: 'The load result', schema: z.object({}).passthrough() } },
      handler: ({ params, body, principal }) => app.loader.load(params.source, body.files, { force: body.force, actor: principal.actor }),
    }),
    defineRoute({
      method: 'POST', url: '/v1/lists/update', operationId: 'listUpdate', tags: ['lists'], roles: ['admin'],
      summary: 'Fetch sources from their official URLs and load the ones that changed',
      body: z.strictObject({ source: Source.optional(), force: z.boolean().optional() }),
      responses: { 200: { description: 'One outcome per source', schema: z.object({ outcomes: z.array(z.object({}).passthrough()) }) } },
      handler: async ({ body, principal }) => {
        const outcomes = await updateLists({ loader: app.loader, sourceUrls: app.config.sourceUrls, fetchTimeoutMs: app.config.fetchTimeoutMs }, { source: body.source, force: body.force, actor: principal.actor });
        return { outcomes: outcomes.map((o) => (o.status === 'failed' ? { source: o.source, status: o.status, error: o.error.toJSON() } : o)) };
      },
    }),
    defineRoute({
      method: 'POST', url: '/v1/lists/:source/activate', operationId: 'listActivate', tags: ['lists'], roles: ['admin'],
      summary: 'Make an earlier (or later) loaded version of the source the active one',
      params: z.strictObject({ source: Source }),
      body: z.strictObject({ version: z.number().int().positive() }),
      responses: { 200: { description: 'The version now active', schema: ListVersionSchema } },
      handler: async ({ params, body, principal }) => view(await app.loader.activate(params.source, body.version, { actor: principal.actor })),
    }),
  ];
}
