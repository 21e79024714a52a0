/**
 * @module storage/wal
 * The write-ahead log's disk work of the server's SQLite store, off the main thread. better-sqlite3
 * is synchronous: whatever SQLite waits for in a COMMIT, the event loop waits for too. On the
 * event path COMMIT was the largest single cost of the main thread (bench:monitor, 2026-11-27:
 * 484 µs per event of 1,935, in process), for two waits:
 * - the fsync of the log at every commit (synchronous = FULL). With `syncOffThread` the
 *   connection commits with synchronous = NORMAL (the log is written, not yet synced) and every
 *   audited transaction (services/audit.ts: the event batches, alert changes, keys,
 *   configurations) then awaits an fsync of the log file run in libuv's thread pool before its
 *   caller goes on. An answer is still given only for what is on disk; fsyncs of transactions
 *   that commit while one runs are merged into the next. WAL with NORMAL is SQLite's documented
 *   safe mode against corruption; what it gives up, durability of the last commits, is what the
 *   fsync here restores before anyone is told;
 * - the checkpoint, which by default runs inside the COMMIT that takes the log past 1,000 pages
 *   (it copies the log into the database file and fsyncs it). Automatic checkpoints are turned
 *   off on the connection and a worker with its own connection runs PASSIVE checkpoints every
 *   `intervalMs`: they copy what is committed without blocking the writer, and the writer starts
 *   the log over once a checkpoint has copied all of it.
 *
 * If the checkpoint worker fails (it reports an error, or exits), automatic checkpoints are
 * turned back on, so the log never grows without bound. If an fsync fails, the connection goes
 * back to synchronous = FULL and the transaction that waited fails with SEK_STORE.
 */
import { closeSync, fsync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from 'pino';
import { ServerErrors } from '../errors.ts';
import type { Store } from './db.ts';

/** SQLite's own default, restored when the worker fails. */
const AUTO_CHECKPOINT_PAGES = 1000;

export interface BackgroundCheckpointer {
  /** Stops the worker (its connection closed); automatic checkpoints are on again. */
  stop(): Promise<void>;
  /** PASSIVE checkpoints the worker ran, and the last one's log size in pages. */
  stats(): { checkpoints: number; lastLogPages: number };
}

/**
 * Starts checkpointing the store at `path` (a file, not `:memory:`) on a worker thread.
 * @example const checkpoints = startBackgroundCheckpoints(store.sqlite!, path, logger); … await checkpoints.stop();
 */
export function startBackgroundCheckpoints(sqlite: BetterSqlite3.Database, path: string, logger?: Pick<Logger, 'warn'>, intervalMs = 250): BackgroundCheckpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), { workerData: { path, intervalMs } });
  worker.unref();
  let checkpoints = 0;
  let lastLogPages = 0;
  let failed = false;
  let stopping = false;
  const fallBack = (why: string) => {
    if (failed) return;
    failed = true;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    if (!stopping) logger?.warn({ why }, 'background WAL checkpoints stopped; SQLite checkpoints in COMMIT again');
  };
  worker.on('message', (m: { ok: boolean; log?: number; message?: string }) => {
    if (!m.ok) return fallBack(m.message ?? 'checkpoint failed');
    checkpoints++;
    lastLogPages = m.log ?? 0;
  });
  worker.on('error', (error) => fallBack(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(() => fallBack('the checkpoint worker exited'));
  return {
    async stop() {
      stopping = true;
      worker.ref(); // wait for it: an unreferenced worker would let the process end first
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
    stats: () => ({ checkpoints, lastLogPages }),
  };
}

export interface OffThreadSync {
  /** Puts FULL commits back (the log synced in COMMIT) and syncs once more. */
  stop(): Promise<void>;
  stats(): { fsyncs: number; waits: number };
}

/**
 * Commits of `store` synced off the main thread (see the module comment); `store.durable` is
 * what audited transactions await. SQLite on a file only.
 * @example const sync = syncOffThread(store); … await sync.stop();
 */
export function syncOffThread(store: Store): OffThreadSync {
  const sqlite = store.sqlite;
  if (!sqlite || !store.file) throw new Error('syncOffThread: a SQLite store on a file is needed');
  // The log exists from the first read of a WAL database (migrations have run); its descriptor
  // stays open, and the file is reused, not replaced, while the store is open.
  const fd = openSync(`${store.file}-wal`, 'r');
  sqlite.pragma('synchronous = NORMAL');
  let fsyncs = 0;
  let waits = 0;
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      fsyncs++;
      fsync(fd, (error) => {
        if (!error) return resolve();
        if (sqlite.open) sqlite.pragma('synchronous = FULL');
        store.durable = undefined;
        reject(ServerErrors.STORE(`the store's write-ahead log could not be synced to disk: ${error.message}; the last changes may not be durable`, {}, { cause: error }));
      });
    });
  /** Resolves when everything committed before the call is on disk. */
  const durable = (): Promise<void> => {
    waits++;
    if (!running) {
      running = once().finally(() => (running = undefined));
      return running;
    }
    // One is running, started perhaps before this commit: the next one covers it (and every
    // other commit that arrives meanwhile).
    next ??= running.catch(() => undefined).then(() => {
      next = undefined;
      running = once().finally(() => (running = undefined));
      return running;
    });
    return next;
  };
  store.durable = durable;
  return {
    async stop() {
      if (store.durable === durable) store.durable = undefined;
      await (next ?? running)?.catch(() => undefined);
      if (sqlite.open) sqlite.pragma('synchronous = FULL');
      await once().catch(() => undefined);
      closeSync(fd);
    },
    stats: () => ({ fsyncs, waits }),
  };
}
