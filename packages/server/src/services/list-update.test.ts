import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SOURCE_NAMES, type SourceName } from '@sekisho/core/model';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { cli, coreFixture, repoRoot, silentLogger, sqliteDatabase, tempDir, type TestDatabase } from '../../test/helpers.ts';
import { updateLists } from './list-update.ts';

const UN = join(repoRoot, '..', 'shared', 'screening-data', 'watchman', 'UN_consolidated_2026-02-27.xml');
const OFAC = coreFixture('ofac-advanced/sdn_advanced_small.xml');
const MOF = coreFixture('jp-mof/shisantouketsu20250110.xlsx');

function noUrls(): Record<SourceName, string[]> {
  return Object.fromEntries(SOURCE_NAMES.map((s) => [s, []])) as unknown as Record<SourceName, string[]>;
}

describe('lists update', () => {
  let db: TestDatabase;
  let app: App;
  let mirror: string;
  let cleanup: () => void;
  let server: Server;
  let base: string;
  const hits: string[] = [];

  before(async () => {
    db = sqliteDatabase();
    app = await createApp(loadConfig({ SEKISHO_DB: db.url }), { logger: silentLogger });
    ({ dir: mirror, cleanup } = tempDir());
    mkdirSync(join(mirror, 'un'));
    copyFileSync(UN, join(mirror, 'un', 'consolidated.xml'));
    mkdirSync(join(mirror, 'ofac-advanced'));
    copyFileSync(OFAC, join(mirror, 'ofac-advanced', 'sdn_advanced.xml'));
    // A loopback server standing in for the official sites.
    server = createServer((req, res) => {
      hits.push(req.url!);
      if (req.url === '/un/consolidated.xml') res.writeHead(200, { 'content-type': 'application/xml' }).end(readFileSync(UN));
      else if (req.url === '/mof/list.html')
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<a href="files/shisantouketsu20240101.xlsx">old</a> <a href="files/shisantouketsu20250110.xlsx">資産凍結等対象者リスト</a>');
      else if (req.url === '/mof/files/shisantouketsu20250110.xlsx') res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }).end(readFileSync(MOF));
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
    await db.cleanup();
    cleanup();
    await new Promise((ok) => server.close(ok));
  });

  test('--from-dir loads every source the mirror has and skips the rest', async () => {
    const outcomes = await updateLists({ loader: app.loader, sourceUrls: noUrls(), fetchTimeoutMs: 5000 }, { fromDir: mirror });
    const byStatus = Object.fromEntries(outcomes.map((o) => [o.source, o.status]));
    assert.equal(byStatus.un, 'loaded');
    assert.equal(byStatus['ofac-advanced'], 'loaded');
    assert.equal(byStatus.eu, 'skipped');
    const un = outcomes.find((o) => o.source === 'un');
    assert.ok(un && un.status === 'loaded');
    assert.deepEqual(un.result.version.counts, { LegalEntity: 273, Person: 730 });
    const again = await updateLists({ loader: app.loader, sourceUrls: noUrls(), fetchTimeoutMs: 5000 }, { fromDir: mirror, source: 'un' });
    assert.equal(again[0]!.status, 'unchanged');
  });

  test('a named source missing from the mirror is an error', async () => {
    const outcomes = await updateLists({ loader: app.loader, sourceUrls: noUrls(), fetchTimeoutMs: 5000 }, { fromDir: mirror, source: 'uk' });
    assert.equal(outcomes[0]!.status, 'failed');
    assert.equal(outcomes[0]!.status === 'failed' && outcomes[0]!.error.code, 'SEK_FILE_NOT_FOUND');
  });

  test('downloads from the configured URL; follows the MOF page to its newest workbook', async () => {
    const urls = { ...noUrls(), un: [`${base}/un/consolidated.xml`], 'jp-mof': [`${base}/mof/list.html`] };
    const outcomes = await updateLists({ loader: app.loader, sourceUrls: urls, fetchTimeoutMs: 5000 }, {});
    const mof = outcomes.find((o) => o.source === 'jp-mof');
    assert.ok(mof && mof.status === 'loaded', JSON.stringify(mof));
    assert.equal(mof.result.version.issueDate, '2025-01-10');
    assert.deepEqual(mof.result.version.files.map((f) => f.name), ['shisantouketsu20250110.xlsx']);
    assert.equal(outcomes.find((o) => o.source === 'un')?.status, 'unchanged');
    assert.ok(hits.includes('/mof/files/shisantouketsu20250110.xlsx'));
  });

  test('a failed download keeps the active version and reports SEK_LIST_FETCH', async () => {
    const before = await app.lists.activeVersions();
    const urls = { ...noUrls(), un: [`${base}/un/missing.xml`] };
    const outcomes = await updateLists({ loader: app.loader, sourceUrls: urls, fetchTimeoutMs: 5000 }, { source: 'un' });
    assert.equal(outcomes[0]!.status === 'failed' && outcomes[0]!.error.code, 'SEK_LIST_FETCH');
    assert.deepEqual(await app.lists.activeVersions(), before);
  });

  test('the CLI exits 1 when a source fails and prints each outcome', async () => {
    const r = await cli(db.url, 'lists', 'update', '--from-dir', mirror, '--source', 'eu');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /eu: FAILED SEK_FILE_NOT_FOUND/);
    const ok = await cli(db.url, 'lists', 'update', '--from-dir', mirror, '--json');
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.json().find((o: { source: string }) => o.source === 'un').status, 'unchanged');
  });
});
