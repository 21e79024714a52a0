/**
 * @module api/routes/chain
 * `GET /v1/chain/exposure?chain=&address=` and `?tx=`: the exposure of an address or a
 * transaction over the chain data in the store (issue 6), as `sekisho trace` gives it. Nothing
 * is stored. The query names are an interface others build on; keep them stable.
 */
import { CHAINS, DEFAULT_HOPS, MAX_HOPS } from '@sekisho/core';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { resolveSubject } from '../../services/exposure.ts';
import { defineRoute } from '../route.ts';
import { SCREENERS } from './roles.ts';

const Step = z.object({ tx: z.string(), address: z.string().optional(), vout: z.number().int().optional(), time: z.number().int().optional() });
const Finding = z
  .object({
    kind: z.enum(['OWNERSHIP', 'DIRECT', 'INDIRECT']),
    actor: z.string(),
    label: z.string(),
    categories: z.array(z.string()),
    jurisdictions: z.array(z.string()),
    sanctioned: z.boolean(),
    sources: z.array(z.string()).describe('The list versions and tag sets that attributed it'),
    hops: z.number().int(),
    share: z.number().describe('Share of the subject’s value, 0 to 1 (poison: 1 when touched)'),
    amount: z.string().describe('Smallest unit, decimal'),
    path: z.array(Step).describe('The path that carried the largest share, from the subject outwards'),
  })
  .meta({ id: 'ExposureFinding' });
const Mining = z
  .object({
    pool: z.string(),
    actor: z.string(),
    jurisdictions: z.array(z.string()),
    sanctioned: z.boolean(),
    flagged: z.boolean().describe('Russia-based or sanctioned'),
    by: z.enum(['coinbase-tag', 'payout-address']),
    evidence: z.string(),
    hops: z.number().int(),
    share: z.number(),
    amount: z.string(),
    path: z.array(Step),
  })
  .meta({ id: 'MiningOrigin' });
const ExposureSchema = z
  .object({
    subject: z.object({ kind: z.enum(['address', 'tx']), chain: z.enum(CHAINS), address: z.string().optional(), txid: z.string().optional(), asset: z.string().optional() }),
    direction: z.enum(['in', 'out']),
    method: z.enum(['haircut', 'poison']),
    hops: z.number().int(),
    amount: z.string(),
    asset: z.string(),
    findings: z.array(Finding),
    byCategory: z.array(z.object({ category: z.string(), share: z.number(), amount: z.string(), actor: z.string(), path: z.array(Step) })),
    mining: z.array(Mining),
    unattributed: z.number().describe('Share that reached no attributed address within the hops'),
    untraced: z.number().describe('Share cut by the limits or missing from the store: not known to be clean'),
    found: z.boolean().describe('Whether the subject is in the chain store at all'),
    nodesExpanded: z.number().int(),
  })
  .meta({ id: 'Exposure' });

export function chainRoutes(app: App) {
  return [
    defineRoute({
      method: 'GET', url: '/v1/chain/exposure', operationId: 'chainExposure', tags: ['chain'], roles: SCREENERS,
      summary: 'Exposure of an address or transaction: shares from (in) or to (out) attributed actors, with a path each, and mining origins',
      query: z
        .strictObject({
          chain: z.enum(CHAINS).optional().describe('Inferred from the address or hash form when left out'),
          address: z.string().trim().min(1).max(200).optional(),
          tx: z.string().trim().min(1).max(200).optional(),
          direction: z.enum(['in', 'out']).default('in'),
          hops: z.coerce.number().int().min(1).max(MAX_HOPS).default(DEFAULT_HOPS),
          method: z.enum(['haircut', 'poison']).default('haircut'),
          asset: z.string().trim().min(1).max(100).optional().describe('Account chains: native (default), USDT, USDC or a token contract'),
        })
        .refine((q) => q.address !== undefined || q.tx !== undefined, { message: 'give address or tx' }),
      responses: { 200: { description: 'The exposure; `found: false` when the subject is not in the chain store', schema: ExposureSchema } },
      handler: async ({ query }) => {
        const subject = resolveSubject(query);
        return app.exposure.trace(subject, { direction: query.direction, hops: query.hops, method: query.method });
      },
    }),
  ];
}
