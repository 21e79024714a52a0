/**
 * @module api/route
 * One way to declare a route: method, path, the roles that may call it, zod schemas for what
 * it takes (body, query, path) and documents for what it answers. Registration checks the key,
 * the role and the input before the handler runs, so a handler only ever sees valid, allowed
 * input; the same declarations produce the OpenAPI document (api/openapi.ts), so the document
 * cannot drift from what the server checks.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Role } from '../services/keys.ts';
import { invalidRequest } from './errors.ts';
import { ServerErrors } from '../errors.ts';

/** Who is calling: the API key that authenticated the request. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  /** How the audit log names this caller. */
  actor: string;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<B, Q, P> {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  /** Undefined only on public routes. */
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDefinition<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify path syntax: /v1/alerts/:id */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** The roles that may call the route, or 'public' (health, metrics, the document itself). */
  roles: readonly Role[] | 'public';
  body?: B;
  query?: Q;
  params?: P;
  /** Documented answers by status; the error answers (400, 401, 403, 429, 500) are added for every route. */
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** Hidden routes are served but not in the OpenAPI document (/metrics is plain text). */
  hidden?: boolean;
  handler(ctx: RouteContext<B, Q, P>): unknown;
}

export type AnyRoute = RouteDefinition<any, any, any>;

/** Declares a route (an identity function that gives the handler its types). */
export function defineRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  definition: RouteDefinition<B, Q, P>,
): AnyRoute {
  return definition as AnyRoute;
}

export interface RegisterOptions {
  /** Resolves a bearer token to the key's principal, or undefined (unknown, revoked, malformed). */
  authenticate(token: string): Promise<Principal | undefined>;
  /** Called once the caller is known; throws SEK_RATE_LIMITED when the key is over its rate. */
  admit?(principal: Principal): void;
}

/** Deeper bodies are refused before validation: a schema walks nesting by recursion. */
export const MAX_DEPTH = 48;

function depthOver(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (depthOver(child, limit - 1)) return true;
  return false;
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, part: 'body' | 'query' | 'path'): unknown {
  if (!schema) return undefined;
  if (depthOver(value, MAX_DEPTH)) throw ServerErrors.REQUEST_INVALID(`${part} is nested more than ${MAX_DEPTH} levels deep`, { field: part });
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(part, result.error);
  return result.data;
}

/** Registers routes on a Fastify instance with authentication, authorisation and validation in front. */
export function registerRoutes(app: FastifyInstance, routes: AnyRoute[], options: RegisterOptions): void {
  for (const def of routes) {
    app.route({
      method: def.method,
      url: def.url,
      handler: async (request, reply) => {
        let principal: Principal | undefined;
        if (def.roles !== 'public') {
          // The scheme name is case-insensitive (RFC 7235 §2.1).
          const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
          const token = match?.[1];
          if (!token) throw ServerErrors.UNAUTHENTICATED('no API key in the Authorization header');
          principal = await options.authenticate(token);
          if (!principal) throw ServerErrors.UNAUTHENTICATED('the API key is unknown or revoked');
          if (!def.roles.includes(principal.role)) {
            throw ServerErrors.FORBIDDEN(`role ${principal.role} may not ${def.method} ${def.url}; roles that may: ${def.roles.join(', ')}`, { role: principal.role, allowed: def.roles });
          }
          options.admit?.(principal);
          request.principal = principal;
        }
        const body = def.body ? parse(def.body, request.body, 'body') : undefined;
        if (!def.body && request.body !== undefined && request.body !== null && def.method !== 'GET') {
          throw ServerErrors.REQUEST_INVALID(`${def.method} ${def.url} takes no body`);
        }
        const ctx = {
          body,
          query: parse(def.query, request.query, 'query'),
          params: parse(def.params, request.params, 'path'),
          principal: principal as Principal,
          request,
          reply,
        };
        return def.handler(ctx as RouteContext<any, any, any>);
      },
    });
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
