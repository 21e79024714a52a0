/**
 * @module api/server
 * The HTTP service: Fastify with our route declarations, API-key authentication, per-key rate
 * limits, a body limit, Prometheus metrics, health and readiness, and the OpenAPI document.
 * Logs carry method, route, status and time, never bodies: names, birth dates and wallets stay
 * out of logs above debug level (STYLE).
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import type { App } from '../app.ts';
import { errorHandler } from './errors.ts';
import { createMetrics } from './metrics.ts';
import { buildOpenApi } from './openapi.ts';
import { createRateLimiter } from './rate-limit.ts';
import { defineRoute, registerRoutes, type AnyRoute, type Principal } from './route.ts';
import { adminRoutes } from './routes/admin.ts';
import { alertRoutes } from './routes/alerts.ts';
import { customerRoutes } from './routes/customers.ts';
import { eventRoutes } from './routes/events.ts';
import { listRoutes } from './routes/lists.ts';
import { screeningRoutes } from './routes/screening.ts';
import { chainRoutes } from './routes/chain.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { z } from 'zod';
import { ServerErrors } from '../errors.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface ServerOptions {
  /** Largest accepted request body, bytes (SEKISHO_BODY_LIMIT). */
  bodyLimit: number;
  /** Requests per second per key, and the burst (0 = no limit). */
  rateLimit: { rate: number; burst: number };
}

/** Every route of the service, in document order. */
export function allRoutes(app: App, metrics = createMetrics()): AnyRoute[] {
  const health = [
    defineRoute({
      method: 'GET', url: '/healthz', operationId: 'health', tags: ['operations'], roles: 'public',
      summary: 'Liveness: the process answers',
      responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
      handler: () => ({ status: 'ok' as const }),
    }),
    defineRoute({
      method: 'GET', url: '/readyz', operationId: 'ready', tags: ['operations'], roles: 'public',
      summary: 'Readiness: at least one sanctions list is active and its index is built',
      responses: {
        200: { description: 'Ready', schema: z.object({ status: z.literal('ready'), lists: z.array(z.object({ source: z.string(), version: z.number().int() })) }) },
        503: { description: 'Not ready (SEK_NOT_READY)' },
      },
      handler: async () => {
        if (!(await app.screening.ready())) throw ServerErrors.NOT_READY('no sanctions list is active');
        return { status: 'ready' as const, lists: app.screening.stats()?.lists ?? [] };
      },
    }),
    defineRoute({
      method: 'GET', url: '/metrics', operationId: 'metrics', tags: ['operations'], roles: 'public', hidden: true,
      summary: 'Prometheus metrics',
      responses: { 200: { description: 'Prometheus text format' } },
      handler: async ({ reply }) => {
        metrics.indexEntities.set(app.screening.stats()?.entities ?? 0);
        void reply.type(metrics.registry.contentType);
        return metrics.registry.metrics();
      },
    }),
  ];
  return [...health, ...listRoutes(app), ...screeningRoutes(app), ...chainRoutes(app), ...customerRoutes(app), ...eventRoutes(app, metrics), ...alertRoutes(app), ...monitoringRoutes(app), ...adminRoutes(app)];
}

/** The OpenAPI document of the service (committed as docs/openapi.json; a test keeps it fresh). */
export function openApiDocument(app: App): Record<string, unknown> {
  return buildOpenApi(allRoutes(app), {
    title: 'Sekisho API',
    version: VERSION,
    description: 'Sanctions screening, customer records, decisions on events, alerts and the audit log of a Sekisho service. Every error answers { error: { code, message, hint } } with a stable code.',
  });
}

export async function createServer(app: App, options: ServerOptions): Promise<FastifyInstance> {
  const metrics = createMetrics({ cache: () => app.screening.cacheStats() });
  const fastify = Fastify({
    loggerInstance: app.logger.child({ component: 'api' }) as unknown as FastifyBaseLogger,
    // Our onResponse hook logs requests (without bodies); Fastify's own request lines are off.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Ids in paths are up to 128 characters (customer and event ids), percent-encoded longer.
    routerOptions: { maxParamLength: 512 },
    // Fastify's own refusals (a malformed URL, an over-long parameter) answer in our error shape.
    frameworkErrors: (error, request, reply) => {
      errorHandler(ServerErrors.REQUEST_INVALID(`the request URL cannot be read (${error.code})`) as never, request, reply);
    },
  });
  fastify.setErrorHandler(errorHandler);
  // JSON only: a text body is refused with 415, not handed to a schema as a string.
  fastify.removeContentTypeParser(['text/plain']);
  fastify.setNotFoundHandler((request, reply) => {
    errorHandler(ServerErrors.ROUTE_NOT_FOUND(`no route ${request.method} ${request.url.split('?')[0]}`) as never, request, reply);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    metrics.requests.inc({ route, method: request.method, status: String(reply.statusCode) });
    metrics.latency.observe({ route }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) request.log.warn({ method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request failed');
    else request.log.debug({ method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  const limiter = createRateLimiter(options.rateLimit);
  const routes = allRoutes(app, metrics);
  const document = openApiDocument(app);
  routes.push(
    defineRoute({
      method: 'GET', url: '/openapi.json', operationId: 'openapi', tags: ['operations'], roles: 'public', hidden: true,
      summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } },
      handler: () => document,
    }),
  );
  registerRoutes(fastify, routes, {
    authenticate: async (token): Promise<Principal | undefined> => {
      const key = await app.keys.authenticate(token);
      return key && { keyId: key.id, name: key.name, role: key.role, actor: `key:${key.id}` };
    },
    admit: (principal) => limiter.take(principal.keyId),
  });
  // In-flight writes finish before the store closes (app.close drains the write batcher).
  fastify.addHook('onClose', async () => {
    await app.batcher.drain();
  });
  await fastify.ready();
  return fastify;
}
