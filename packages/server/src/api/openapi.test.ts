/**
 * buildOpenApi on a small hand-made route table: Fastify paths become OpenAPI templates with
 * their parameters (OpenAPI 3.1 §4.8.12: every template expression is a required path
 * parameter), named schemas become components and every $ref resolves from the document root,
 * the error answers are documented, public routes need no key, and the output is deterministic.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { buildOpenApi } from './openapi.ts';
import { defineRoute, type AnyRoute } from './route.ts';

const INFO = { title: 'Test API', version: '1.2.3', description: 'a test document' };

const Widget = z.object({ id: z.string(), size: z.number().int() }).meta({ id: 'Widget', description: 'A widget' });
const Order = z.object({ widget: Widget, quantity: z.number().int().positive() }).meta({ id: 'Order' });

function routes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/widgets',
      operationId: 'listWidgets',
      summary: 'List widgets',
      tags: ['widgets'],
      roles: ['viewer', 'analyst'],
      query: z.strictObject({
        status: z.enum(['new', 'old']).describe('Only widgets in this state'),
        limit: z.coerce.number().int().min(1).max(100).optional(),
      }),
      responses: { 200: { description: 'The widgets', schema: z.object({ widgets: z.array(Widget) }) } },
      handler: () => ({ widgets: [] }),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/widgets/:id/parts/:partNo',
      operationId: 'getPart',
      summary: 'One part of a widget',
      tags: ['widgets'],
      roles: ['viewer'],
      params: z.strictObject({ id: z.string(), partNo: z.coerce.number().int() }),
      responses: { 200: { description: 'The part', schema: Widget }, 404: { description: 'No such part' } },
      handler: () => ({}),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/orders',
      operationId: 'createOrder',
      summary: 'Order widgets',
      description: 'Places an order.',
      tags: ['orders'],
      roles: ['service'],
      body: Order,
      responses: { 201: { description: 'Ordered', schema: Order }, 400: { description: 'Our own words for a bad order' } },
      handler: () => ({}),
    }),
    defineRoute({
      method: 'GET',
      url: '/healthz',
      operationId: 'health',
      summary: 'Liveness',
      tags: ['operations'],
      roles: 'public',
      responses: { 200: { description: 'Alive' } },
      handler: () => ({ ok: true }),
    }),
    defineRoute({
      method: 'GET',
      url: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus metrics',
      tags: ['hidden-tag'],
      roles: 'public',
      hidden: true,
      responses: { 200: { description: 'Metrics' } },
      handler: () => '',
    }),
  ];
}

/** Every `$ref` in a document, with the JSON pointer it names. */
function refs(doc: unknown): string[] {
  return [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
}

function resolveRef(doc: any, ref: string): unknown {
  assert.ok(ref.startsWith('#/'), `${ref} is not a local reference`);
  return ref
    .slice(2)
    .split('/')
    .reduce((node: any, part) => (node === undefined ? undefined : node[part.replace(/~1/g, '/').replace(/~0/g, '~')]), doc);
}

describe('buildOpenApi', () => {
  const doc: any = buildOpenApi(routes(), INFO);

  test('an OpenAPI 3.1 document with the given info and bearer-key security', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.info.title, 'Test API');
    assert.equal(doc.info.version, '1.2.3');
    assert.deepEqual(doc.security, [{ apiKey: [] }]);
    assert.equal(doc.components.securitySchemes.apiKey.type, 'http');
    assert.equal(doc.components.securitySchemes.apiKey.scheme, 'bearer');
  });

  test('Fastify path parameters become {templates}, each a required path parameter', () => {
    assert.deepEqual(Object.keys(doc.paths).sort(), ['/healthz', '/v1/orders', '/v1/widgets', '/v1/widgets/{id}/parts/{partNo}']);
    const params = doc.paths['/v1/widgets/{id}/parts/{partNo}'].get.parameters;
    assert.deepEqual(
      params.map((p: any) => [p.name, p.in, p.required, p.schema.type]),
      [
        ['id', 'path', true, 'string'],
        ['partNo', 'path', true, 'integer'],
      ],
    );
  });

  test('query parameters are listed with their own required flag and description', () => {
    const params = doc.paths['/v1/widgets'].get.parameters;
    const byName = Object.fromEntries(params.map((p: any) => [p.name, p]));
    assert.deepEqual(Object.keys(byName).sort(), ['limit', 'status']);
    assert.equal(byName.status.in, 'query');
    assert.equal(byName.status.required, true);
    assert.equal(byName.status.description, 'Only widgets in this state');
    assert.deepEqual(byName.status.schema.enum, ['new', 'old']);
    assert.equal(byName.status.schema.description, undefined, 'the description moves to the parameter');
    assert.equal(byName.limit.required, false);
    assert.equal(byName.limit.schema.type, 'integer');
  });

  test('named schemas are hoisted into components, and every $ref resolves from the root', () => {
    const text = JSON.stringify(doc);
    assert.ok(!text.includes('#/$defs/'), 'a $defs reference was left in the document');
    assert.ok(!text.includes('"$defs"'), 'a $defs block was left in the document');
    assert.ok(!text.includes('"$schema"'));
    for (const ref of refs(doc)) assert.ok(resolveRef(doc, ref), `unresolved ${ref}`);
    assert.ok(doc.components.schemas.Widget);
    assert.ok(doc.components.schemas.Order);
    assert.ok(doc.components.schemas.Error, 'the error body is a component');
    assert.equal(doc.components.schemas.Widget.description, 'A widget');
    assert.deepEqual(doc.components.schemas.Order.properties.widget, { $ref: '#/components/schemas/Widget' });
    assert.deepEqual(doc.paths['/v1/orders'].post.requestBody, { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } });
    assert.deepEqual(doc.paths['/v1/widgets/{id}/parts/{partNo}'].get.responses['200'].content['application/json'].schema, { $ref: '#/components/schemas/Widget' });
  });

  test('protected routes document 400, 401, 403, 429 and 500 with the Error body, and 413 when they take a body', () => {
    const errorBody = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
    const list = doc.paths['/v1/widgets'].get.responses;
    assert.deepEqual(Object.keys(list), ['200', '400', '401', '403', '429', '500']);
    for (const status of ['400', '401', '403', '429', '500']) {
      assert.deepEqual(list[status].content, errorBody, status);
      assert.ok(list[status].description, status);
    }
    assert.deepEqual(Object.keys(doc.paths['/v1/orders'].post.responses).sort(), ['201', '400', '401', '403', '413', '429', '500']);
    assert.deepEqual(doc.paths['/v1/orders'].post.responses['413'].content, errorBody);
  });

  test('a response the route documents itself is kept, not replaced by the generic one', () => {
    assert.deepEqual(doc.paths['/v1/orders'].post.responses['400'], { description: 'Our own words for a bad order' });
    assert.deepEqual(doc.paths['/v1/widgets/{id}/parts/{partNo}'].get.responses['404'], { description: 'No such part' });
  });

  test('public routes need no key (security []) and document only 500; protected ones name their roles', () => {
    const health = doc.paths['/healthz'].get;
    assert.deepEqual(health.security, []);
    assert.equal(health['x-roles'], undefined);
    assert.deepEqual(Object.keys(health.responses), ['200', '500']);
    const list = doc.paths['/v1/widgets'].get;
    assert.equal(list.security, undefined, 'protected routes inherit the document’s security');
    assert.deepEqual(list['x-roles'], ['viewer', 'analyst']);
  });

  test('operations carry their id, summary, description and tags; hidden routes and their tags are left out', () => {
    const order = doc.paths['/v1/orders'].post;
    assert.equal(order.operationId, 'createOrder');
    assert.equal(order.summary, 'Order widgets');
    assert.equal(order.description, 'Places an order.');
    assert.deepEqual(order.tags, ['orders']);
    assert.equal('description' in doc.paths['/v1/widgets'].get, false);
    assert.equal(doc.paths['/metrics'], undefined);
    assert.deepEqual(doc.tags, [{ name: 'widgets' }, { name: 'orders' }, { name: 'operations' }]);
  });

  test('deterministic: the same routes give the same bytes, components in name order', () => {
    const again = JSON.stringify(buildOpenApi(routes(), INFO));
    assert.equal(again, JSON.stringify(doc));
    const names = Object.keys(doc.components.schemas);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
  });
});

describe('buildOpenApi: schema shapes today’s routes do not use (latent)', () => {
  type Tree = { name: string; children: Tree[] };
  type Chain = { label: string; next?: Chain };
  const TreeSchema: z.ZodType<Tree> = z.lazy(() => z.object({ name: z.string(), children: z.array(TreeSchema) }));
  const ChainSchema: z.ZodType<Chain> = z.lazy(() => z.object({ label: z.string(), next: ChainSchema.optional() }));
  const recursive = (): AnyRoute[] => [
    defineRoute({ method: 'POST', url: '/trees', operationId: 'postTree', summary: 'tree', tags: ['t'], roles: ['admin'], body: z.object({ tree: TreeSchema }), responses: { 204: { description: 'ok' } }, handler: () => undefined }),
    defineRoute({ method: 'POST', url: '/chains', operationId: 'postChain', summary: 'chain', tags: ['t'], roles: ['admin'], body: z.object({ chain: ChainSchema }), responses: { 204: { description: 'ok' } }, handler: () => undefined }),
  ];

  test('two different recursive schemas each keep their own component', () => {
    // zod numbers the definitions of an unnamed recursive schema __schema0, __schema1 … afresh
    // for every schema it converts; hoisting them under those names makes the second overwrite
    // (or here: be dropped in favour of) the first, and its $ref then points at the wrong schema.
    const doc: any = buildOpenApi(recursive(), INFO);
    const treeRef = doc.paths['/trees'].post.requestBody.content['application/json'].schema.properties.tree.$ref;
    const chainRef = doc.paths['/chains'].post.requestBody.content['application/json'].schema.properties.chain.$ref;
    assert.notEqual(treeRef, chainRef, `both bodies refer to ${treeRef}`);
    assert.deepEqual(Object.keys((resolveRef(doc, chainRef) as any).properties).sort(), ['label', 'next']);
    assert.deepEqual(Object.keys((resolveRef(doc, treeRef) as any).properties).sort(), ['children', 'name']);
  });

  test('component names are valid OpenAPI component keys, whatever the title', () => {
    // OpenAPI 3.1 §4.8.7.1: component keys match ^[a-zA-Z0-9.\-_]+$ (the title has a space).
    const doc: any = buildOpenApi(recursive(), INFO);
    for (const name of Object.keys(doc.components.schemas)) assert.match(name, /^[a-zA-Z0-9.\-_]+$/);
  });

  test('a params schema that has an id still lists its path parameters', () => {
    const Params = z.strictObject({ id: z.string() }).meta({ id: 'IdParams' });
    const doc: any = buildOpenApi(
      [defineRoute({ method: 'GET', url: '/things/:id', operationId: 'getThing', summary: 'thing', tags: ['t'], roles: ['viewer'], params: Params, responses: { 200: { description: 'ok' } }, handler: () => ({}) })],
      INFO,
    );
    const params = doc.paths['/things/{id}'].get.parameters ?? [];
    assert.deepEqual(params.map((p: any) => [p.name, p.in, p.required]), [['id', 'path', true]]);
  });
});
