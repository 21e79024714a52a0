import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Command } from 'commander';
import { buildIndex, CustomerSchema, DEFAULT_POLICY, type Entity, type Finding, screen } from '@sekisho/core';
import { parse } from 'csv-parse/sync';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createCustomerStore, type CustomerStore } from '../storage/customer-store.ts';
import { registerRescreenCommands } from '../cli/rescreen.ts';
import type { CommandContext } from '../cli/context.ts';
import { createRescreener, tokenStatsOf, type RescreenDeps, type Rescreener } from './rescreen.ts';
import { writeVariants } from '../../test/list-store-suite.ts';
import { sharedPath, silentLogger, sqliteDatabase, tempDir, type TestDatabase } from '../../test/helpers.ts';

type Batch = Parameters<RescreenDeps['onFindings']>[0];

describe('rescreening', () => {
  let database: TestDatabase;
  let app: App;
  let customers: CustomerStore;
  let files: ReturnType<typeof writeVariants>;
  let dir: string;
  let cleanupDir: () => void;
  let calls: Batch[];
  let failing: boolean;
  let rescreen: Rescreener;

  const findingsOf = (customerId: string): Finding[] => calls.flat().filter((c) => c.customerId === customerId).flatMap((c) => c.findings);
  const customerIds = () => [...new Set(calls.flat().map((c) => c.customerId))].sort();
  const state = async (source: string) =>
    (await app.store.db.selectFrom('service_state').select('value').where('key', '=', `rescreen:${source}`).executeTakeFirst())?.value;

  before(async () => {
    database = sqliteDatabase();
    app = await createApp(loadConfig({ SEKISHO_DB: database.url }), { logger: silentLogger, rescreenOnActivation: false });
    customers = createCustomerStore(app.store);
    const temp = tempDir();
    dir = temp.dir;
    cleanupDir = temp.cleanup;
    files = writeVariants(dir);
    calls = [];
    failing = false;
    rescreen = createRescreener({
      store: app.store,
      lists: app.lists,
      customers,
      screening: app.screening,
      logger: silentLogger,
      threshold: 0.7,
      policy: DEFAULT_POLICY,
      pageSize: 3,
      chunkSize: 2,
      onFindings: async (batch) => {
        if (failing) throw new Error('alerts store down');
        calls.push(batch);
      },
    });
    const at = '2026-03-01T00:00:00.000Z';
    await app.store.db.transaction().execute(async (trx) => {
      const records = [
        { id: 'C-IVAN', type: 'person', names: [{ name: 'Ivan Petrov' }] },
        { id: 'C-NEWFRONT', type: 'legal', names: [{ name: 'New Front Ltd.' }], jurisdiction: 'JP' },
        { id: 'C-OWNED', type: 'legal', names: [{ name: '株式会社サンプル', kana: 'カブシキガイシャサンプル' }], owners: [{ share: 51, party: { type: 'legal', names: [{ name: 'NEW FRONT LIMITED' }] } }] },
        { id: 'C-WALLET', type: 'person', names: [{ name: 'Hanako Sato' }], wallets: [{ address: 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ' }] },
        { id: 'C-TARO', type: 'person', names: [{ name: '山田 太郎', kana: 'ヤマダ タロウ' }], birthDate: '1980-04-01', nationalities: ['JP'] },
      ];
      for (const r of records) await customers.upsert(trx, CustomerSchema.parse(r), at);
    });
  });
  after(async () => {
    await app.close();
    await database.cleanup();
    cleanupDir();
  });

  test('the first rescreen of a source screens everyone against all its entities; the version is recorded', async () => {
    await app.loader.load('ofac-advanced', [files.original]);
    const [report, ...rest] = await rescreen.pending();
    assert.equal(rest.length, 0);
    assert.equal(report!.source, 'ofac-advanced');
    assert.equal(report!.fromVersion, undefined);
    assert.equal(report!.toVersion, 1);
    assert.equal(report!.changedEntities, 4);
    assert.equal(report!.parties, 6);
    assert.deepEqual(customerIds(), ['C-IVAN', 'C-WALLET']);
    assert.ok(findingsOf('C-IVAN').some((f) => f.check === 'sanctions.name' && f.entityId === 'ofac:91001' && f.party.key === 'self' && f.listVersion === 1));
    const wallet = findingsOf('C-WALLET');
    assert.deepEqual(wallet.map((f) => [f.check, f.severity, f.party.key, f.party.role]), [['sanctions.wallet', 'confirmed', 'own-wallet:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'customer']]);
    assert.equal(report!.customersWithFindings, 2);
    assert.equal(report!.findings, calls.flat().reduce((n, c) => n + c.findings.length, 0));
    // Each customer is handed over once, with all its findings, in chunks of at most chunkSize.
    assert.ok(calls.every((b) => b.length <= 2));
    assert.equal(JSON.parse((await state('ofac-advanced'))!).version, 1);
    assert.deepEqual(await rescreen.pending(), [], 'nothing left to do');
  });

  test('a version that adds a stored customer’s name produces findings for that customer and for the company it owns', async () => {
    calls = [];
    await app.loader.load('ofac-advanced', [files.update]);
    const report = await rescreen.afterActivation('ofac-advanced');
    assert.equal(report.fromVersion, 1);
    assert.equal(report.toVersion, 2);
    assert.equal(report.changedEntities, 2, 'ofac:91005 added, ofac:91004 changed');
    assert.deepEqual(customerIds(), ['C-NEWFRONT', 'C-OWNED']);
    assert.deepEqual(findingsOf('C-NEWFRONT').map((f) => [f.entityId, f.party.key, f.party.role, f.listVersion]), [['ofac:91005', 'self', 'customer', 2]]);
    assert.deepEqual(findingsOf('C-OWNED').map((f) => [f.entityId, f.party.key, f.party.role]), [['ofac:91005', 'owner:0', 'owner']]);
    // Ivan Petrov's entity did not change: he is not reported again.
    assert.deepEqual(findingsOf('C-IVAN'), []);
  });

  test('a version that changes nothing relevant produces no findings', async () => {
    calls = [];
    const text = readFileSync(files.update, 'utf8').replace('<Comment>DPRK4</Comment>', '<Comment>DPRK5</Comment>');
    const path = join(dir, 'update-program.xml');
    writeFileSync(path, text);
    await app.loader.load('ofac-advanced', [path]);
    const report = await rescreen.afterActivation('ofac-advanced');
    assert.equal(report.changedEntities, 1);
    assert.equal(report.findings, 0);
    assert.deepEqual(calls, []);
    assert.equal(JSON.parse((await state('ofac-advanced'))!).version, 3);
    // The same version again: nothing changed at all.
    const again = await rescreen.afterActivation('ofac-advanced');
    assert.equal(again.changedEntities, 0);
    assert.equal(again.parties, 0);
  });

  test('a failing onFindings leaves the version unrecorded, and pending() does the work again', async () => {
    calls = [];
    failing = true;
    const text = readFileSync(files.update, 'utf8').replace('>Arkadyevich<', '>Arkadievich<').replace('<Comment>DPRK4</Comment>', '<Comment>DPRK5</Comment>');
    const path = join(dir, 'update-petrov.xml');
    writeFileSync(path, text);
    await app.loader.load('ofac-advanced', [path]);
    await assert.rejects(rescreen.afterActivation('ofac-advanced'), /alerts store down/);
    assert.equal(JSON.parse((await state('ofac-advanced'))!).version, 3);
    failing = false;
    const reports = await rescreen.pending();
    assert.deepEqual(reports.map((r) => [r.source, r.fromVersion, r.toVersion, r.changedEntities]), [['ofac-advanced', 3, 4, 1]]);
    assert.equal(JSON.parse((await state('ofac-advanced'))!).version, 4);
    // Ivan Petrov's entity changed (a name): his name and the wallet listed with him are reported again.
    assert.deepEqual(customerIds(), ['C-IVAN', 'C-WALLET']);
    assert.deepEqual(await rescreen.pending(), []);
  });

  test('all() screens every party and wallet against the whole active index', async () => {
    calls = [];
    const progress: number[] = [];
    const report = await rescreen.all({ onProgress: (done) => progress.push(done) });
    assert.equal(report.source, undefined);
    assert.equal(report.parties, 6);
    assert.equal(progress.at(-1), 6);
    assert.deepEqual(customerIds(), ['C-IVAN', 'C-NEWFRONT', 'C-OWNED', 'C-WALLET']);
    assert.equal(report.customersWithFindings, 4);
  });

  test('all() on worker threads finds the same', async () => {
    const single = calls;
    calls = [];
    const report = await rescreen.all({ workers: 2 });
    assert.equal(report.customersWithFindings, 4);
    const summary = (b: Batch[]) => b.flat().flatMap((c) => c.findings.map((f) => `${c.customerId} ${f.party.key} ${f.entityId} ${f.score}`)).sort();
    assert.deepEqual(summary(calls), summary(single));
  });

  test('sekisho rescreen --pending / --all print their reports', async () => {
    const outputs: string[] = [];
    const run = async (...args: string[]) => {
      const program = new Command('sekisho').exitOverride();
      const ctx: CommandContext = {
        program,
        io: { stdout: process.stdout, stderr: process.stderr, env: {} },
        out: (text) => outputs.push(text),
        setJson: () => {},
        setStatus: () => {},
        withApp: (work) => work(Object.assign(Object.create(app), { rescreen })),
      };
      registerRescreenCommands(ctx);
      await program.parseAsync(args, { from: 'user' });
    };
    await run('rescreen', '--pending', '--json');
    assert.deepEqual(JSON.parse(outputs.pop()!), []);
    await run('rescreen', '--all', '--json');
    assert.equal(JSON.parse(outputs.pop()!).parties, 6);
    await run('rescreen', '--all');
    assert.match(outputs.pop()!, /^all active lists: 4 entities; 6 parties and \d+ wallets screened in [\d.]+ s/);
    await assert.rejects(run('rescreen'), { exitCode: 2 });
    // main turns every CommanderError into exit status 2.
    await assert.rejects(run('rescreen', '--all', '--pending'), { code: 'commander.conflictingOption' });
  });
});

describe('the small index scores like the full one', () => {
  let database: TestDatabase;
  let app: App;
  before(async () => {
    database = sqliteDatabase();
    app = await createApp(loadConfig({ SEKISHO_DB: database.url }), { logger: silentLogger, rescreenOnActivation: false });
    await app.loader.load('un', [sharedPath('screening-data/watchman/UN_consolidated_2026-02-27.xml')]);
  });
  after(async () => {
    await app.close();
    await database.cleanup();
  });

  test('with the full index’s token statistics, a match scores the same; without them, token weights differ', async () => {
    const all = await app.lists.activeEntities();
    const full = buildIndex(all);
    // Every seventh entity: about a hundred, as a list update brings.
    const subset = all.filter((_, i) => i % 7 === 0);
    const small = buildIndex(subset, undefined, tokenStatsOf(full));
    const plain = buildIndex(subset);
    const rows = parse(readFileSync(sharedPath('screening-data/yente/positives_un_untreated.csv')), { columns: true }) as Record<string, string>[];
    const names = [...rows.map((r) => r.full_name!), ...subset.map((e: { entity: Entity }) => e.entity.names[0]!.full)].filter(Boolean);
    const ids = new Set(subset.map((e) => e.entity.id));
    let compared = 0;
    let differs = 0;
    for (const name of names) {
      const query = { name, limit: 1000 };
      const smallHits = new Map(screen(small, query).hits.filter((h) => h.match).map((h) => [h.entityId, h.score]));
      const plainHits = new Map(screen(plain, query).hits.map((h) => [h.entityId, h.score]));
      const fullHits = new Map(screen(full, query).hits.filter((h) => h.match && ids.has(h.entityId)).map((h) => [h.entityId, h.score]));
      // Every match of the full index on these entities is a match of the small one, with the same score, and no more.
      assert.deepEqual(smallHits, fullHits, name);
      for (const [id, score] of fullHits) {
        compared++;
        if (plainHits.get(id) !== score) differs++;
      }
    }
    assert.ok(compared > 100, `${compared} matches compared`);
    // "Scores do not depend on the other entities" holds only with the borrowed statistics:
    // an index's own document frequencies weigh tokens differently.
    assert.ok(differs > 0, `${differs} of ${compared} scores differ without the statistics`);
  });
});
