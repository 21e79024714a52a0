/**
 * @module storage/checkpoint
 * WAL checkpoints of the server's SQLite store on a worker thread. By default SQLite checkpoints
 * inside the COMMIT that takes the write-ahead log past 1,000 pages: it copies the log into the
 * database file and fsyncs it, on the main thread, which better-sqlite3 blocks. On the event path
 * that was about a third of the time the main thread spent in COMMIT (bench:monitor, 2026-11-27:
 * 484 against 314 µs per event). The server turns automatic checkpoints off on its connection
 * and a worker with its own connection runs PASSIVE checkpoints every `intervalMs`: they copy
 * what the writer has committed without blocking it, and the writer starts the log over once a
 * checkpoint has copied all of it. Durability is unchanged: a commit is on disk (synchronous =
 * FULL) when it returns, in the log if not yet in the database file.
 *
 * If the worker fails (it reports an error, or exits), automatic checkpoints are turned back on
 * for the main connection, so the log never grows without bound.
 */
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from 'pino';

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
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { path, intervalMs } });
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
