/**
 * @module api/openapi
 * Builds the OpenAPI 3.1 document from the route declarations (api/route.ts). OpenAPI 3.1
 * schemas are JSON Schema 2020-12, which zod 4 emits directly; schemas given an id with
 * `.meta({ id })` become named components, and the `$defs` zod writes per schema are hoisted
 * into components so every `$ref` resolves from the document root.
 */
import { z } from 'zod';
import { ErrorBodySchema } from './errors.ts';
import type { AnyRoute } from './route.ts';

type Json = Record<string, unknown>;

const ERROR_RESPONSES: Record<number, string> = {
  400: 'Invalid request: malformed JSON, a field of the wrong type, an unknown field (code SEK_REQUEST_*)',
  401: 'No API key, or an unknown or revoked one (SEK_UNAUTHENTICATED)',
  403: 'The key’s role may not call this route (SEK_FORBIDDEN)',
  413: 'The body is larger than the server accepts (SEK_REQUEST_TOO_LARGE)',
  429: 'The key is over its rate limit (SEK_RATE_LIMITED); see Retry-After',
  500: 'The server failed; nothing was applied (SEK_INTERNAL)',
};

export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
}

/** The OpenAPI 3.1 document of `routes`. Deterministic: the same routes give the same bytes. */
export function buildOpenApi(routes: AnyRoute[], info: DocumentInfo): Json {
  const components: Record<string, Json> = {};
  // zod names the definitions it has no id for __schema0, __schema1 … afresh in every
  // conversion; they get document-wide names here (Schema1, Schema2 …), one per distinct shape.
  const anonymous = new Map<string, string>();
  const convert = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline', cycles: 'ref' }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    const local = new Map<string, string>();
    for (const [name, def] of Object.entries(defs)) {
      if (!name.startsWith('__schema')) continue;
      const shape = JSON.stringify(def);
      let global = anonymous.get(shape);
      if (!global) anonymous.set(shape, (global = `Schema${anonymous.size + 1}`));
      local.set(name, global);
    }
    const rename = (name: string) => local.get(name) ?? name;
    for (const [name, def] of Object.entries(defs)) components[rename(name)] ??= rewrite(def, rename) as Json;
    return rewrite(json, rename) as Json;
  };
  /** A schema as an inline object (a named one is looked up in the components). */
  const inline = (schema: z.ZodType): Json => {
    const json = convert(schema, 'input');
    const ref = typeof json.$ref === 'string' ? json.$ref.replace('#/components/schemas/', '') : undefined;
    return ref && components[ref] ? components[ref]! : json;
  };
  const paths: Record<string, Record<string, Json>> = {};
  for (const def of routes) {
    if (def.hidden) continue;
    const path = def.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters: Json[] = [];
    for (const [where, schema] of [['path', def.params], ['query', def.query]] as const) {
      if (!schema) continue;
      const json = inline(schema);
      const props = (json.properties ?? {}) as Record<string, Json>;
      const required = new Set((json.required ?? []) as string[]);
      for (const [name, prop] of Object.entries(props)) {
        const { description, ...rest } = prop;
        parameters.push({ name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest });
      }
    }
    const responses: Record<string, Json> = {};
    for (const [status, r] of Object.entries(def.responses)) {
      responses[status] = { description: r.description, ...(r.schema ? { content: { 'application/json': { schema: convert(r.schema, 'output') } } } : {}) };
    }
    const errorStatuses = def.roles === 'public' ? [500] : [400, 401, 403, 429, 500];
    if (def.body) errorStatuses.push(413);
    for (const status of errorStatuses.sort()) {
      responses[String(status)] ??= { description: ERROR_RESPONSES[status]!, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const operation: Json = {
      operationId: def.operationId,
      summary: def.summary,
      ...(def.description ? { description: def.description } : {}),
      tags: def.tags,
      ...(parameters.length ? { parameters } : {}),
      ...(def.body ? { requestBody: { required: true, content: { 'application/json': { schema: convert(def.body, 'input') } } } } : {}),
      responses,
      ...(def.roles === 'public' ? { security: [] } : { 'x-roles': def.roles }),
    };
    (paths[path] ??= {})[def.method.toLowerCase()] = operation;
  }
  convert(ErrorBodySchema, 'output');
  const sortedComponents = Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description, license: { name: 'Apache-2.0', identifier: 'Apache-2.0' } },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    tags: [...new Set(routes.filter((r) => !r.hidden).flatMap((r) => r.tags))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key made with `sekisho keys create --role R`: `Authorization: Bearer sek_<id>_<secret>`. Each operation lists the roles that may call it in x-roles.' } },
      schemas: sortedComponents,
    },
  };
}

function rewrite(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, rename));
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) out[k] = `#/components/schemas/${rename(v.slice(8))}`;
      else if (k === '$id' || k === '$schema') continue;
      else out[k] = rewrite(v, rename);
    }
    return out;
  }
  return value;
}
