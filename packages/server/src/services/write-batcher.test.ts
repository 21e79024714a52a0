/**
 * Group commit on a real audit log over a temporary SQLite store: jobs of one tick share a
 * transaction, each caller gets its own result, one bad job fails only itself, drain() waits
 * for everything, and no promise resolves before its transaction is committed (checked from a
 * second connection, which sees committed data only).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { Transaction } from 'kysely';
import { sqliteDatabase, type TestDatabase } from '../../test/helpers.ts';
import { openStore, type Store } from '../storage/db.ts';
import type { Database } from '../storage/schema.ts';
import { createAuditLog, type AuditAppend, type AuditLog } from './audit.ts';
import { createWriteBatcher, type DeferredRows, type WriteJob } from './write-batcher.ts';

let db: TestDatabase;
let store: Store;
let audit: AuditLog;
/** A second connection to the same file: it sees only what was committed. */
let reader: BetterSqlite3.Database;

before(async () => {
  db = sqliteDatabase();
  store = await openStore(db.url);
  audit = createAuditLog({ store });
  reader = new BetterSqlite3(db.url, { readonly: true });
});

after(async () => {
  reader.close();
  await store.close();
  await db.cleanup();
});

beforeEach(async () => {
  await store.db.deleteFrom('service_state').execute();
});

const committed = (key: string): boolean => reader.prepare('select 1 from service_state where key = ?').get(key) !== undefined;
const auditSubjects = async (): Promise<string[]> => (await audit.list({ limit: 10_000 })).map((e) => e.subject ?? '');

/** A job that writes one row and one audit entry, and answers `answer`. */
function writes<T>(key: string, answer: T): WriteJob<T> {
  return async (trx, append) => {
    await trx.insertInto('service_state').values({ key, value: key, updated_at: '2026-01-01T00:00:00.000Z' }).execute();
    append({ actor: 'system', action: 'test.wrote', subject: key, data: { key } });
    return answer;
  };
}

/**
 * A job whose own work succeeds but whose transaction cannot commit: it takes the audit seq the
 * transaction's entries are about to be chained at, so appending them fails after the work.
 */
function breaksTheCommit(key: string): WriteJob<string> {
  return async (trx: Transaction<Database>, append: AuditAppend) => {
    const head = await trx.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
    await trx.insertInto('audit_log').values({ seq: Number(head.seq) + 1, at: 'x', actor: 'x', action: 'x', subject: null, data: 'null', prev_hash: 'x', hash: 'x' }).execute();
    append({ actor: 'system', action: 'test.wrote', subject: key, data: { key } });
    return key;
  };
}

/** Tracks whether a promise has settled, without awaiting it. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  const done = promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error) => Object.assign(state, { settled: true, error }),
  );
  return { state, done };
}

describe('write batcher', () => {
  test('jobs handed in during one tick share one transaction, and each caller gets its own result', async () => {
    const batcher = createWriteBatcher({ audit });
    const transactions = new Set<unknown>();
    const jobs = Array.from({ length: 5 }, (_, i) =>
      batcher.run(async (trx, append, defer) => {
        transactions.add(trx);
        // Jobs that await in between still answer in their own order.
        await new Promise((r) => setTimeout(r, (5 - i) * 2));
        return writes(`k${i}`, { job: i })(trx, append, defer);
      }),
    );
    assert.deepEqual(await Promise.all(jobs), [{ job: 0 }, { job: 1 }, { job: 2 }, { job: 3 }, { job: 4 }]);
    assert.equal(transactions.size, 1);
    assert.deepEqual(batcher.stats(), { batches: 1, jobs: 5, largest: 5 });
    for (let i = 0; i < 5; i++) assert.ok(committed(`k${i}`));
    assert.equal((await audit.verify()).ok, true);
  });

  test('jobs that arrive while a batch is being written go together in the next one', async () => {
    const batcher = createWriteBatcher({ audit });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = batcher.run(async (trx, append, defer) => {
      started();
      await gate;
      return writes('first', 'first')(trx, append, defer);
    });
    await running;
    const later = ['a', 'b', 'c'].map((k) => batcher.run(writes(k, k)));
    release();
    assert.deepEqual(await Promise.all([first, ...later]), ['first', 'a', 'b', 'c']);
    assert.deepEqual(batcher.stats(), { batches: 2, jobs: 4, largest: 3 });
  });

  test('a batch holds at most maxBatch jobs', async () => {
    const batcher = createWriteBatcher({ audit, maxBatch: 2 });
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => batcher.run(writes(k, k))));
    assert.deepEqual(results, ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(batcher.stats(), { batches: 3, jobs: 5, largest: 2 });
  });

  test('a job that throws fails only itself: the others of its batch commit with their audit entries', async () => {
    const before = (await audit.head()).seq;
    const batcher = createWriteBatcher({ audit });
    const boom = new Error('job failed');
    const a = track(batcher.run(writes('a', 'a')));
    const bad = track(
      batcher.run(async (trx, append) => {
        await trx.insertInto('service_state').values({ key: 'bad', value: 'bad', updated_at: 'x' }).execute();
        append({ actor: 'system', action: 'test.wrote', subject: 'bad', data: {} });
        throw boom;
      }),
    );
    const c = track(batcher.run(writes('c', 'c')));
    await Promise.all([a.done, bad.done, c.done]);
    assert.equal(a.state.value, 'a');
    assert.equal(c.state.value, 'c');
    assert.equal(bad.state.error, boom, 'the failing caller gets its own error');
    assert.ok(committed('a') && committed('c'));
    assert.equal(committed('bad'), false, 'nothing of the failed job is written');
    const entries = (await audit.list({ after: before, limit: 100 })).map((e) => e.subject);
    assert.deepEqual(entries, ['a', 'c']);
    const verification = await audit.verify();
    assert.equal(verification.ok, true, JSON.stringify(verification.problems));
    assert.equal(verification.head.seq, before + 2);
  });

  test('a job whose transaction fails at commit is not answered as written; its batch mates are', async () => {
    const before = (await audit.head()).seq;
    const batcher = createWriteBatcher({ audit });
    const alone = track(batcher.run(breaksTheCommit('alone')));
    await alone.done;
    assert.ok(alone.state.error, 'its work returned a value, but the commit failed: the caller gets an error');
    assert.equal(alone.state.value, undefined);
    assert.equal(committed('alone'), false);

    const x = track(batcher.run(writes('x', 'x')));
    const broken = track(batcher.run(breaksTheCommit('broken')));
    const y = track(batcher.run(writes('y', 'y')));
    await Promise.all([x.done, broken.done, y.done]);
    assert.ok(broken.state.error);
    assert.equal(broken.state.value, undefined);
    assert.equal(x.state.value, 'x');
    assert.equal(y.state.value, 'y');
    assert.deepEqual((await audit.list({ after: before, limit: 100 })).map((e) => e.subject), ['x', 'y']);
    assert.equal((await audit.verify()).ok, true);
  });

  test('no job is answered before its transaction is committed', async () => {
    const batcher = createWriteBatcher({ audit });
    const seenAtAnswer: Record<string, boolean> = {};
    const keys = ['p', 'q', 'r', 's'];
    const answers = keys.map((k) => batcher.run(writes(k, k)).then((v) => (seenAtAnswer[k] = committed(k), v)));
    // One that fails in the same batch makes the others go through the one-by-one path too.
    const failing = batcher.run(async () => {
      throw new Error('no');
    });
    await Promise.allSettled([...answers, failing]);
    assert.deepEqual(seenAtAnswer, { p: true, q: true, r: true, s: true });
  });

  test('drain() resolves only when every job handed in is written', async () => {
    const batcher = createWriteBatcher({ audit });
    const tracked = ['d1', 'd2', 'd3'].map((k) =>
      track(
        batcher.run(async (trx, append, defer) => {
          await new Promise((r) => setTimeout(r, 10));
          return writes(k, k)(trx, append, defer);
        }),
      ),
    );
    await batcher.drain();
    for (const t of tracked) assert.equal(t.state.settled, true, 'every caller was answered before drain resolved');
    for (const k of ['d1', 'd2', 'd3']) assert.ok(committed(k), `${k} written before drain resolved`);
    // A job handed in while the first batch is being written is waited for too.
    const gate = track(batcher.run(async (trx, append, defer) => {
      await new Promise((r) => setTimeout(r, 20));
      return writes('e1', 'e1')(trx, append, defer);
    }));
    await new Promise((r) => setImmediate(r));
    const second = track(batcher.run(writes('e2', 'e2')));
    await batcher.drain();
    assert.ok(committed('e1') && committed('e2'));
    await Promise.all([gate.done, second.done]);
  });

  test('drain() on an idle batcher resolves at once', async () => {
    const batcher = createWriteBatcher({ audit });
    await batcher.drain();
    assert.deepEqual(batcher.stats(), { batches: 0, jobs: 0, largest: 0 });
  });
});

describe('write batcher: deferred rows', () => {
  /** Writes deferred service_state rows in one statement per batch. */
  const flushes: number[] = [];
  const flush = async (trx: Transaction<Database>, rows: DeferredRows) => {
    const list = (rows.get('service_state') ?? []) as { key: string }[];
    flushes.push(list.length);
    await trx.insertInto('service_state').values(list.map((r) => ({ key: r.key, value: r.key, updated_at: 'x' }))).execute();
  };

  beforeEach(() => {
    flushes.length = 0;
  });

  test('the rows a batch defers are written once, at its end, in its transaction', async () => {
    const batcher = createWriteBatcher({ audit, flush });
    const results = await Promise.all(
      ['f1', 'f2', 'f3'].map((key) =>
        batcher.run(async (_trx, append, defer) => {
          defer('service_state', { key });
          append({ actor: 'system', action: 'test.deferred', subject: key });
          return key;
        }),
      ),
    );
    assert.deepEqual(results, ['f1', 'f2', 'f3']);
    assert.deepEqual(flushes, [3]);
    for (const k of results) assert.ok(committed(k));
  });

  test('a deferred row that cannot be written fails only the job that deferred it', async () => {
    await store.db.insertInto('service_state').values({ key: 'taken', value: 'taken', updated_at: 'x' }).execute();
    const before = (await audit.head()).seq;
    const batcher = createWriteBatcher({ audit, flush });
    const job = (key: string) =>
      track(
        batcher.run(async (_trx, append, defer) => {
          defer('service_state', { key });
          append({ actor: 'system', action: 'test.deferred', subject: key });
          return key;
        }),
      );
    const [g1, taken, g2] = [job('g1'), job('taken'), job('g2')];
    await Promise.all([g1.done, taken.done, g2.done]);
    assert.equal(g1.state.value, 'g1');
    assert.equal(g2.state.value, 'g2');
    assert.ok(taken.state.error);
    assert.deepEqual((await audit.list({ after: before, limit: 100 })).map((e) => e.subject), ['g1', 'g2']);
    assert.equal((await audit.verify()).ok, true);
  });

  test('deferring without a flush configured is an error for that job, not a silent drop', async () => {
    const batcher = createWriteBatcher({ audit });
    await assert.rejects(
      batcher.run(async (_trx, _append, defer) => {
        defer('service_state', { key: 'lost' });
        return 'lost';
      }),
    );
    assert.equal(committed('lost'), false);
  });

  test('with commits synced off the main thread, answers wait for the disk while the next batch is written', async () => {
    // A durable() the test releases by hand stands in for the fsync of storage/wal.ts.
    const releases: (() => void)[] = [];
    const failures: ((error: Error) => void)[] = [];
    const slowDisk: AuditLog = {
      ...audit,
      durable: () =>
        new Promise<void>((resolve, reject) => {
          releases.push(resolve);
          failures.push(reject);
        }),
    };
    const batcher = createWriteBatcher({ audit: slowDisk });
    let firstAnswered = false;
    const first = batcher.run(writes('sync-1', 'one')).then((v) => ((firstAnswered = true), v));
    while (releases.length < 1) await new Promise((r) => setImmediate(r));
    assert.equal(committed('sync-1'), true, 'committed');
    assert.equal(firstAnswered, false, 'but not answered before its fsync');
    // The next batch is written while the first one's fsync is still running.
    const second = batcher.run(writes('sync-2', 'two'));
    while (releases.length < 2) await new Promise((r) => setImmediate(r));
    assert.equal(committed('sync-2'), true);
    assert.equal(firstAnswered, false);
    let drained = false;
    const draining = batcher.drain().then(() => (drained = true));
    releases[0]!();
    assert.equal(await first, 'one');
    await new Promise((r) => setImmediate(r));
    assert.equal(drained, false, 'drain() waits for every fsync');
    failures[1]!(new Error('EIO'));
    await assert.rejects(second, /EIO/, 'a failed fsync fails the answers that waited for it');
    await draining;
  });
});
