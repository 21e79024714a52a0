/**
 * @module api/routes/events
 * `POST /v1/events`: the exchange's systems post what happens (onboarding, logins, deposits,
 * withdrawals, trades, fiat transfers) and get a decision back synchronously (docs/events.md).
 */
import { z } from 'zod';
import type { App } from '../../app.ts';
import type { Metrics } from '../metrics.ts';
import { DecisionSchema, EventSchema, EVENT_TYPES } from '@sekisho/core';
import { defineRoute } from '../route.ts';
import { EVENT_WRITERS, READERS } from './roles.ts';
import { ServerErrors } from '../../errors.ts';

export function eventRoutes(app: App, metrics: Metrics) {
  return [
    defineRoute({
      method: 'POST', url: '/v1/events', operationId: 'postEvent', tags: ['events'], roles: EVENT_WRITERS,
      summary: 'Decide an event: allow, review, hold, block or freeze, with reasons, alerts and list versions',
      description: `Types: ${EVENT_TYPES.join(', ')}. The answer comes after the event, its alerts and its audit entry are stored. Posting the same id again returns the first decision (200, replayed: true) and changes nothing; the same id with a different body is refused (409 SEK_EVENT_CONFLICT).`,
      body: EventSchema,
      responses: {
        201: { description: 'Decided and stored', schema: DecisionSchema },
        200: { description: 'A repeated id: the first decision', schema: DecisionSchema },
        409: { description: 'The id was used for a different event (SEK_EVENT_CONFLICT)' },
        503: { description: 'No sanctions list is active (SEK_NOT_READY)' },
      },
      handler: async ({ body, principal, reply }) => {
        const { answer, status } = await app.events.submit(body, principal.actor);
        if (status === 201) {
          metrics.events.inc({ type: answer.type, decision: answer.decision });
          const created = answer.alerts.filter((a) => a.created).length;
          if (created) metrics.alerts.inc(created);
        }
        void reply.code(status);
        return answer;
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/events/:id', operationId: 'getEvent', tags: ['events'], roles: READERS,
      summary: 'An event as received and the decision it got',
      params: z.strictObject({ id: z.string().min(1).max(128) }),
      responses: { 200: { description: 'The event and its decision', schema: z.object({ event: EventSchema, decision: DecisionSchema }) } },
      handler: async ({ params }) => {
        const found = await app.events.get(params.id);
        if (!found) throw ServerErrors.EVENT_NOT_FOUND(`no event ${params.id}`);
        return { event: found.event, decision: found.answer };
      },
    }),
  ];
}
