/**
 * @module api/routes/screening
 * Ad-hoc screening: one party or up to 1,000, and one address. Nothing is stored (a screened
 * party that matters is a customer or an event's counterparty, which are); the answer names
 * the list versions used.
 */
import { CHAINS, partyFromInput, PartySchema } from '@sekisho/core';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { defineRoute } from '../route.ts';
import { SCREENERS } from './roles.ts';
import { ServerErrors } from '../../errors.ts';

const HitSchema = z
  .object({
    entityId: z.string(),
    schema: z.string(),
    caption: z.string(),
    source: z.string(),
    listVersion: z.number().int(),
    programs: z.array(z.string()),
    score: z.number(),
    match: z.boolean(),
    explanation: z.object({}).passthrough().describe('Matched names, token alignment and feature effects'),
  })
  .meta({ id: 'ScreeningHit' });
const Lists = z.array(z.object({ source: z.string(), version: z.number().int() }));

export function screeningRoutes(app: App) {
  return [
    defineRoute({
      method: 'POST', url: '/v1/screen/party', operationId: 'screenParty', tags: ['screening'], roles: SCREENERS,
      summary: 'Screen one party, or up to 1,000, against the active lists',
      body: z
        .strictObject({
          party: PartySchema.optional(),
          parties: z.array(PartySchema).min(1).max(1000).optional(),
          threshold: z.number().min(0).max(1).optional().describe('Default: the configured threshold'),
        })
        .refine((b) => (b.party ? 1 : 0) + (b.parties ? 1 : 0) === 1, { message: 'send either party or parties' }),
      responses: {
        200: {
          description: 'Hits per party, best first',
          schema: z.object({ results: z.array(z.object({ index: z.number().int(), name: z.string(), hits: z.array(HitSchema), warnings: z.array(z.string()) })), lists: Lists }),
        },
      },
      handler: async ({ body }) => {
        if (!(await app.screening.ready())) throw ServerErrors.NOT_READY('no sanctions list is active');
        const parties = body.parties ?? [body.party!];
        const threshold = body.threshold ?? app.config.threshold;
        const results = [];
        let lists: { source: string; version: number }[] = [];
        for (const [index, party] of parties.entries()) {
          const { query } = partyFromInput('counterparty', 'screen', party);
          const result = await app.screening.screen({ ...query, threshold });
          lists = result.lists;
          results.push({ index, name: query.name, hits: result.hits, warnings: result.warnings });
        }
        return { results, lists };
      },
    }),
    defineRoute({
      method: 'POST', url: '/v1/screen/address', operationId: 'screenAddress', tags: ['screening'], roles: SCREENERS,
      summary: 'Check a blockchain address against the wallets on the active lists and the attribution tags',
      body: z.strictObject({ address: z.string().trim().min(1).max(200), chain: z.enum(CHAINS).optional() }),
      responses: { 200: { description: 'Validation, listed hits, formerly listed entries and tags', schema: z.object({}).passthrough() } },
      handler: async ({ body }) => {
        if (!(await app.screening.ready())) throw ServerErrors.NOT_READY('no sanctions list is active');
        const result = await app.screening.screenAddress(body.address, body.chain);
        // A string that is no address is refused, unless it is exactly what a list published.
        if (!result.validation.valid && !result.hits.length) {
          throw ServerErrors.ADDRESS_INVALID(`body.address: not a valid ${body.chain ?? 'blockchain'} address (${result.validation.rejections[0]?.reason ?? 'unrecognised form'})`, { field: 'body.address' });
        }
        return result;
      },
    }),
  ];
}
