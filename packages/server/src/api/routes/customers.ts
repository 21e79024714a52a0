/**
 * @module api/routes/customers
 * Customer records. A PUT that changes the record is decided like a `customer.onboarded` or
 * `customer.updated` event (screened, alerts raised, audited); a PUT of the record as stored
 * changes nothing.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { ServerErrors } from '../../errors.ts';
import { canonicalJson, CustomerSchema, DecisionSchema, type SekishoEvent } from '@sekisho/core';
import { defineRoute } from '../route.ts';
import { EVENT_WRITERS, READERS } from './roles.ts';

const StoredCustomerSchema = z
  .object({
    customer: CustomerSchema,
    revision: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    status: z.enum(['unscreened', 'clear', 'possible-match', 'match']).describe('From the customer’s open alerts: match when one is confirmed (or closed as a true match), possible-match when one awaits review'),
    screenedAt: z.string().nullable(),
  })
  .meta({ id: 'StoredCustomer' });
const IdParam = z.strictObject({ id: z.string().min(1).max(128) });

export function customerRoutes(app: App) {
  const view = (c: NonNullable<Awaited<ReturnType<App['customers']['get']>>>) => ({ customer: c.data, revision: c.revision, createdAt: c.createdAt, updatedAt: c.updatedAt, status: c.status, screenedAt: c.screenedAt });
  return [
    defineRoute({
      method: 'PUT', url: '/v1/customers/:id', operationId: 'putCustomer', tags: ['customers'], roles: EVENT_WRITERS,
      summary: 'Create or replace a customer record; it is screened with its owners, directors and wallets',
      params: IdParam,
      body: CustomerSchema,
      responses: {
        200: { description: 'Unchanged: the stored record is this one (decision: the one that stored it, if it came through the API)', schema: z.object({ customer: StoredCustomerSchema, decision: DecisionSchema.nullable() }) },
        201: { description: 'Stored and screened', schema: z.object({ customer: StoredCustomerSchema, decision: DecisionSchema }) },
      },
      handler: async ({ params, body, principal, reply }) => {
        if (body.id !== params.id) throw ServerErrors.REQUEST_INVALID(`body.id ${body.id} differs from the path’s ${params.id}`, { field: 'body.id' });
        const existed = await app.customers.get(body.id);
        if (existed && canonicalJson(existed.data) === canonicalJson(body)) {
          // The stored record is this one: nothing changes; the answer names the decision that stored it.
          const eventId = (existed.screening as { eventId?: string } | null)?.eventId;
          const prior = eventId ? await app.events.get(eventId) : undefined;
          void reply.code(200);
          return { customer: view(existed), decision: prior ? { ...prior.answer, replayed: true } : null };
        }
        // One event per revision: the id names the revision it makes and the content, so a PUT
        // retried concurrently is decided once, and going back to an earlier record is a change.
        const revision = (existed?.revision ?? 0) + 1;
        const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
        const event: SekishoEvent = { id: `put:${digest(body.id)}:r${revision}:${digest(canonicalJson(body))}`, type: existed ? 'customer.updated' : 'customer.onboarded', data: { customer: body } };
        const { answer, status } = await app.events.submit(event, principal.actor);
        const stored = await app.customers.get(body.id);
        void reply.code(status);
        return { customer: view(stored!), decision: answer };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/customers/:id', operationId: 'getCustomer', tags: ['customers'], roles: READERS,
      summary: 'A customer record with its screening status',
      params: IdParam,
      responses: { 200: { description: 'The customer', schema: StoredCustomerSchema } },
      handler: async ({ params }) => {
        const found = await app.customers.get(params.id);
        if (!found) throw ServerErrors.CUSTOMER_NOT_FOUND(`no customer ${params.id}`);
        return view(found);
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/customers', operationId: 'listCustomers', tags: ['customers'], roles: READERS,
      summary: 'Customers by id, optionally only those with a given screening status',
      query: z.strictObject({
        status: z.enum(['unscreened', 'clear', 'possible-match', 'match']).optional(),
        after: z.string().optional().describe('Cursor: the last id of the previous page'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      responses: { 200: { description: 'A page of customers', schema: z.object({ customers: z.array(StoredCustomerSchema), next: z.string().nullable() }) } },
      handler: async ({ query }) => {
        const page = await app.customers.list({ status: query.status, after: query.after, limit: query.limit });
        return { customers: page.map(view), next: page.length === query.limit ? page[page.length - 1]!.id : null };
      },
    }),
  ];
}
