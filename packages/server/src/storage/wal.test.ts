import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { tempDir } from '../../test/helpers.ts';
import { createAuditLog } from '../services/audit.ts';
import { openStore } from './db.ts';
import { startBackgroundCheckpoints, syncOffThread } from './wal.ts';

const until = async (done: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

test('the worker checkpoints what the main connection commits, and the log starts over', async () => {
  const { dir, cleanup } = tempDir('sekisho-ckpt-');
  try {
    const path = join(dir, 'store.db');
    const db = new BetterSqlite3(path);
    db.pragma('journal_mode = WAL');
    db.exec('create table t (k integer primary key, v text)');
    const checkpoints = startBackgroundCheckpoints(db, path, undefined, 20);
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 0, 'the main connection no longer checkpoints in COMMIT');
    const insert = db.prepare('insert into t (v) values (?)');
    for (let i = 0; i < 3000; i++) insert.run('x'.repeat(500)); // about 3,000 commits, far past 1,000 pages
    await until(() => checkpoints.stats().checkpoints > 2);
    // Once a checkpoint has copied the whole log, the writer starts it over: it stops growing.
    await until(() => {
      insert.run('y');
      return checkpoints.stats().lastLogPages < 50;
    });
    const walSize = statSync(`${path}-wal`).size;
    for (let i = 0; i < 500; i++) insert.run('x'.repeat(500));
    await until(() => checkpoints.stats().lastLogPages < 50 && (insert.run('z'), true) && checkpoints.stats().lastLogPages < 50);
    assert.ok(statSync(`${path}-wal`).size <= walSize + 600 * 4096, 'the log is reused, not grown by every commit');
    await checkpoints.stop();
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000, 'stopped: SQLite checkpoints in COMMIT again');
    assert.ok((db.prepare('select count(*) n from t').get() as { n: number }).n >= 3500);
    db.close();
  } finally {
    cleanup();
  }
});

test('a worker that cannot checkpoint hands checkpoints back to SQLite and says so', async () => {
  const { dir, cleanup } = tempDir('sekisho-ckpt-');
  try {
    const path = join(dir, 'store.db');
    const db = new BetterSqlite3(path);
    db.pragma('journal_mode = WAL');
    const notADatabase = join(dir, 'garbage.db');
    writeFileSync(notADatabase, 'this is not a SQLite file, it is long enough to have a header of sorts'.repeat(20));
    const warnings: unknown[] = [];
    const checkpoints = startBackgroundCheckpoints(db, notADatabase, { warn: (o: unknown) => warnings.push(o) } as never, 20);
    await until(() => warnings.length > 0);
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
    await checkpoints.stop();
    db.close();
  } finally {
    cleanup();
  }
});

test('commits synced off the main thread: every audited transaction waits for an fsync, concurrent ones share it', async () => {
  const { dir, cleanup } = tempDir('sekisho-sync-');
  try {
    const store = await openStore(join(dir, 'store.db'));
    const audit = createAuditLog({ store });
    const sync = syncOffThread(store);
    assert.equal(store.sqlite!.pragma('synchronous', { simple: true }), 1, 'NORMAL: COMMIT no longer syncs');
    assert.ok(store.durable);
    await audit.append([{ actor: 'test', action: 'one', subject: 's', data: {} }]);
    assert.deepEqual(sync.stats(), { fsyncs: 1, waits: 1 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.append([{ actor: 'test', action: `many-${i}`, subject: 's', data: {} }])));
    const { fsyncs, waits } = sync.stats();
    assert.equal(waits, 21);
    assert.ok(fsyncs >= 2 && fsyncs <= 21, `fsyncs ${fsyncs}`);
    await sync.stop();
    assert.equal(store.sqlite!.pragma('synchronous', { simple: true }), 2, 'stopped: FULL again');
    assert.equal(store.durable, undefined);
    assert.equal((await audit.verify()).ok, true);
    await store.close();
  } finally {
    cleanup();
  }
});
