/**
 * The list-store behaviour every database must show, run against SQLite (always) and
 * PostgreSQL (integration). Variants of the OFAC advanced fixture stand in for list updates.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { diffVersions } from '../src/services/list-diff.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { coreFixture, repoRoot, silentLogger, tempDir, type TestDatabase } from './helpers.ts';

const run = promisify(execFile);
const BIN = join(repoRoot, 'packages/server/bin/sekisho.js');

const FIXTURE = coreFixture('ofac-advanced/sdn_advanced_small.xml');
const original = readFileSync(FIXTURE, 'utf8');
const party = (id: string) => original.match(new RegExp(`<DistinctParty FixedRef="${id}">[\\s\\S]*?</DistinctParty>`))![0];

/** Fixture variants: an update (one party removed, one added, one program changed) and a shrink. */
export function writeVariants(dir: string) {
  const added = party('91003').replaceAll('91003', '91005').replaceAll('5003', '5005').replaceAll('6020', '6025').replace('HASH HOLDING AG', 'NEW FRONT LTD');
  const update = original.replace(party('91003'), added).replace('<Comment>DPRK3</Comment>', '<Comment>DPRK4</Comment>');
  const shrink = original.replace(party('91003'), '').replace(party('91004'), '');
  const paths = { original: FIXTURE, update: join(dir, 'update.xml'), shrink: join(dir, 'shrink.xml'), truncated: join(dir, 'truncated.xml'), empty: join(dir, 'empty.xml') };
  writeFileSync(paths.update, update);
  writeFileSync(paths.shrink, shrink);
  writeFileSync(paths.truncated, original.slice(0, Math.floor(original.length / 2)));
  writeFileSync(paths.empty, '');
  // Our own blocklist format (docs/sources/custom.md), one id on two rows.
  const header = 'id,schema,name,aliases,wallets';
  writeFileSync(join(dir, 'dup-a.csv'), `${header}\nBL-1,Person,Ivan Petrov,,XBT:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\nBL-2,Organization,Hash Farm OOO,,\n`);
  writeFileSync(join(dir, 'dup-b.csv'), `${header}\nBL-1,Person,Ivan Petrov,Иван Петров,ETH:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n`);
  // Two small UN lists in the official layout, for concurrent loads.
  const un = (ref: string, name: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:00.000Z"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>${name}</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>${ref}</REFERENCE_NUMBER><LISTED_ON>2016-03-02</LISTED_ON></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`;
  writeFileSync(join(dir, 'un-a.xml'), un('KPi.901', 'ALPHA'));
  writeFileSync(join(dir, 'un-b.xml'), un('KPi.902', 'BETA'));
  return { ...paths, dupA: join(dir, 'dup-a.csv'), dupB: join(dir, 'dup-b.csv'), unA: join(dir, 'un-a.xml'), unB: join(dir, 'un-b.xml') };
}

export function listStoreSuite(label: string, makeDatabase: () => Promise<TestDatabase>) {
  describe(`list store on ${label}`, () => {
    let database: TestDatabase;
    let app: App;
    let files: ReturnType<typeof writeVariants>;
    let cleanupDir: () => void;

    before(async () => {
      database = await makeDatabase();
      app = await createApp(loadConfig({ SEKISHO_DB: database.url, DATABASE_URL: database.url.startsWith('postgres') ? database.url : undefined }), { logger: silentLogger });
      const temp = tempDir();
      cleanupDir = temp.cleanup;
      files = writeVariants(temp.dir);
    });
    after(async () => {
      await app.close();
      await database.cleanup();
      cleanupDir();
    });

    test('a first load becomes version 1 and is active', async () => {
      const result = await app.loader.load('ofac-advanced', [files.original]);
      assert.equal(result.status, 'loaded');
      assert.equal(result.version.version, 1);
      assert.equal(result.version.status, 'active');
      assert.deepEqual(result.version.counts, { Organization: 2, Person: 1, Vessel: 1 });
      assert.equal(result.version.walletCount, 3);
      assert.equal(result.version.issueDate, '2026-03-04');
      assert.equal(result.version.warningCount, 1);
      const stored = await app.lists.activeEntity('ofac:91002');
      assert.equal(stored?.entity.relations[0]?.target, 'ofac:91003');
    });

    test('loading the same files again changes nothing', async () => {
      const result = await app.loader.load('ofac-advanced', [files.original]);
      assert.equal(result.status, 'unchanged');
      assert.equal((await app.lists.versions('ofac-advanced')).length, 1);
    });

    test('failed loads leave the active version and no trace of themselves', async () => {
      const before = await app.lists.activeVersions();
      await assert.rejects(app.loader.load('ofac-advanced', [files.truncated]), { code: 'SEK_LIST_TRUNCATED' });
      await assert.rejects(app.loader.load('ofac-advanced', [files.empty]), { code: 'SEK_LIST_EMPTY' });
      await assert.rejects(app.loader.load('ofac-advanced', [files.shrink]), { code: 'SEK_LIST_SHRINK' });
      await assert.rejects(app.loader.load('ofac-advanced', [join(files.update, 'missing')]), { code: 'SEK_FILE_NOT_FOUND' });
      await assert.rejects(app.loader.load('no-such-source', [files.original]), { code: 'SEK_UNKNOWN_SOURCE' });
      assert.deepEqual(await app.lists.activeVersions(), before);
      assert.equal((await app.lists.versions('ofac-advanced')).length, 1);
      const rows = await app.store.db.selectFrom('list_entity').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(rows.n), 4);
    });

    test('an update becomes version 2 and the diff names what changed', async () => {
      const result = await app.loader.load('ofac-advanced', [files.update]);
      assert.equal(result.version.version, 2);
      assert.deepEqual(result.previous, { version: 1, entityCount: 4 });
      const diff = await diffVersions(app.lists, 'ofac-advanced');
      assert.deepEqual(diff.added.map((e) => e.id), ['ofac:91005']);
      assert.deepEqual(diff.removed.map((e) => e.id), ['ofac:91003']);
      assert.deepEqual(diff.changed, [{ id: 'ofac:91004', caption: 'OCEAN FICTION', schema: 'Vessel', fields: ['program'] }]);
      const versions = await app.lists.versions('ofac-advanced');
      assert.deepEqual(versions.map((v) => v.status), ['superseded', 'active']);
      assert.equal(await app.lists.activeEntity('ofac:91003'), undefined);
    });

    test('a shrinking list loads only with force', async () => {
      const result = await app.loader.load('ofac-advanced', [files.shrink], { force: true });
      assert.equal(result.version.version, 3);
      assert.equal(result.version.forced, true);
      assert.equal(result.version.entityCount, 2);
    });

    test('a repeated id is merged, with a warning, so no name or wallet is lost', async () => {
      const result = await app.loader.load('custom', [files.dupA, files.dupB]);
      assert.equal(result.version.entityCount, 2);
      assert.equal(result.version.walletCount, 2);
      assert.deepEqual(result.version.warnings.map((w) => [w.code, w.file, w.position]), [['duplicate-id', 'dup-b.csv', 'line 2']]);
      const stored = await app.lists.activeEntity('custom:BL-1');
      assert.deepEqual(stored?.entity.names.map((n) => n.full), ['Ivan Petrov', 'Иван Петров']);
      assert.equal(stored?.entity.wallets.length, 2);
    });

    test('two processes loading the same source at once both land, one after the other', async () => {
      // Separate processes, as a cron update and an operator's load would be: SQLite's lock is
      // per connection and better-sqlite3 is synchronous, so in-process concurrency proves nothing.
      const before = (await app.lists.versions('un')).length;
      const load = (file: string) => run(process.execPath, [BIN, '--db', database.url, 'lists', 'load', 'un', file, '--json'], { env: { ...process.env, SEKISHO_LOG_LEVEL: 'silent' } });
      const results = await Promise.all([load(files.unA), load(files.unB)]);
      const outcomes = results.map((r) => JSON.parse(r.stdout));
      assert.deepEqual(outcomes.map((o) => o.status), ['loaded', 'loaded']);
      assert.deepEqual(new Set(outcomes.map((o) => o.version.version)), new Set([before + 1, before + 2]));
      const versions = await app.lists.versions('un');
      assert.equal(versions.length, before + 2);
      assert.equal(versions.filter((v) => v.status === 'active').length, 1);
    });

    test('an earlier version can be made active again', async () => {
      const v = await app.loader.activate('ofac-advanced', 1);
      assert.equal(v.status, 'active');
      assert.equal((await app.lists.activeVersion('ofac-advanced'))?.version, 1);
      assert.ok(await app.lists.activeEntity('ofac:91003'));
      await assert.rejects(app.loader.activate('ofac-advanced', 9), { code: 'SEK_VERSION_NOT_FOUND' });
      const diff = await diffVersions(app.lists, 'ofac-advanced', 2, 3);
      assert.deepEqual(diff.removed.map((e) => e.id), ['ofac:91004', 'ofac:91005']);
    });
  });
}
