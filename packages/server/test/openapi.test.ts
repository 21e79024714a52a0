/**
 * The committed OpenAPI document (docs/openapi.json) is what the server serves: regenerate it
 * with `npm run openapi` when this fails. Plus the document's own soundness: every $ref
 * resolves, operation ids are unique, every protected operation names its roles.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../src/app.ts';
import { openApiDocument } from '../src/api/server.ts';
import { loadConfig } from '../src/config.ts';
import { repoRoot, silentLogger } from './helpers.ts';

test('docs/openapi.json is up to date with the routes (run `npm run openapi` to refresh it)', async () => {
  const app = await createApp(loadConfig({ SEKISHO_DB: ':memory:' }), { logger: silentLogger });
  try {
    const generated = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
    const committed = readFileSync(resolve(repoRoot, 'docs/openapi.json'), 'utf8');
    assert.ok(generated === committed, 'docs/openapi.json is stale: run `npm run openapi` and commit the result');
  } finally {
    await app.close();
  }
});

test('the OpenAPI document is sound: refs resolve, ids unique, roles declared', () => {
  const doc = JSON.parse(readFileSync(resolve(repoRoot, 'docs/openapi.json'), 'utf8'));
  assert.equal(doc.openapi, '3.1.0');
  const text = JSON.stringify(doc);
  for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) assert.ok(doc.components.schemas[name!], `unresolved $ref ${name}`);
  assert.ok(!text.includes('"#/$defs/'), 'no $defs refs left');
  const ids = new Set<string>();
  for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      assert.ok(!ids.has(op.operationId), `duplicate operationId ${op.operationId}`);
      ids.add(op.operationId);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic) {
        assert.ok(Array.isArray(op['x-roles']) && op['x-roles'].length, `${method} ${path} declares no roles`);
        assert.ok(op.responses['401'] && op.responses['403'], `${method} ${path} documents 401 and 403`);
      }
    }
  }
  assert.ok(doc.paths['/v1/events'].post.responses['409']);
});
