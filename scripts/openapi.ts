// Writes docs/openapi.json from the route declarations (npm run openapi). The API test
// packages/server/test/openapi.test.ts fails when the committed document is stale.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pino from 'pino';
import { createApp } from '../packages/server/src/app.ts';
import { openApiDocument } from '../packages/server/src/api/server.ts';
import { loadConfig } from '../packages/server/src/config.ts';

const app = await createApp(loadConfig({ SEKISHO_DB: ':memory:' }), { logger: pino({ level: 'silent' }) });
const path = resolve(import.meta.dirname, '../docs/openapi.json');
writeFileSync(path, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
await app.close();
console.error(`wrote ${path}`);
