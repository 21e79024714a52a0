/**
 * @module api/routes/customers
 * Customer records. A PUT is decided like a `customer.updated` event (screened, alerts raised,
 * audited), with an event id derived from the customer id and the record's content, so putting
 * the same record again changes nothing.
 */
import { z } from 'zod';
import type { App } from '../../app.ts';
import { ServerErrors } from '../../errors.ts';
import { payloadHash } from '../../services/events.ts';
import { CustomerSchema, DecisionSchema, type SekishoEvent } from '@sekisho/core';
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
        200: { description: 'Unchanged (the same record was put before)', schema: z.object({ customer: StoredCustomerSchema, decision: DecisionSchema }) },
        201: { description: 'Stored and screened', schema: z.object({ customer: StoredCustomerSchema, decision: DecisionSchema }) },
      },
      handler: async ({ params, body, principal, reply }) => {
        if (body.id !== params.id) throw ServerErrors.REQUEST_INVALID(`body.id ${body.id} differs from the path’s ${params.id}`, { field: 'body.id' });
        const existed = await app.customers.get(body.id);
        // The id depends on the content only, so a repeated PUT of the same record is a replay.
        const contentId = `put:${body.id}:${payloadHash({ id: '', type: 'customer.updated', data: { customer: body } }).slice(0, 24)}`;
        const prior = await app.events.get(contentId);
        const event: SekishoEvent = prior?.event ?? { id: contentId, type: existed ? 'customer.updated' : 'customer.onboarded', data: { customer: body } };
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
