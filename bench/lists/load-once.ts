// One full `lists load` of a file into a fresh SQLite database, in its own process so its
// peak RSS is its own. Prints JSON on stdout.
import { rmSync } from 'node:fs';
import pino from 'pino';
import { createApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';

const [source, file, db] = process.argv.slice(2) as [string, string, string];
rmSync(db, { force: true });
rmSync(`${db}-wal`, { force: true });
rmSync(`${db}-shm`, { force: true });
const app = await createApp(loadConfig({ SEKISHO_DB: db }), { logger: pino({ level: 'silent' }) });
const started = performance.now();
const result = await app.loader.load(source, [file]);
const ms = performance.now() - started;
await app.close();
console.log(JSON.stringify({ ms, entities: result.version.entityCount, wallets: result.version.walletCount, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
