/**
 * @module services/write-batcher
 * Group commit for the event path. Each event's writes (the event row, its alerts, its audit
 * entries) are a job; jobs that arrive while a transaction is being written wait and then go
 * together in the next one, so thousands of events per second cost tens of transactions, not
 * thousands (and on SQLite one fsync per batch). A job's promise resolves only after its
 * transaction committed and is on disk: an answer is never given for a write that could still be
 * lost. When commits are synced off the main thread (storage/wal.ts), the next batch is written
 * while the previous one's fsync runs; its answers still wait for it.
 * If a batch fails, each of its jobs is retried alone, so one bad job fails only itself.
 *
 * Jobs may also defer rows (`defer(table, row)`) instead of writing them; the batcher's `flush`
 * writes the deferred rows of the whole batch at its end, in the same transaction: on
 * PostgreSQL a batch of events is then a handful of multi-row statements, not a round trip per
 * row (each round trip is spent holding the audit head every writer waits for).
 */
import type { Transaction } from 'kysely';
import type { Database } from '../storage/schema.ts';
import type { AuditAppend, AuditLog } from './audit.ts';

/** Collects a row for the batch's flush, by table (or any key the flush knows). */
export type Defer = (table: string, row: unknown) => void;
export type DeferredRows = Map<string, unknown[]>;
export type WriteJob<T> = (trx: Transaction<Database>, audit: AuditAppend, defer: Defer) => Promise<T>;

interface Pending {
  job: WriteJob<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface WriteBatcher {
  run<T>(job: WriteJob<T>): Promise<T>;
  /** Resolves when every job handed in so far is written (graceful shutdown). */
  drain(): Promise<void>;
  stats(): { batches: number; jobs: number; largest: number };
}

export function createWriteBatcher(deps: { audit: AuditLog; maxBatch?: number; windowMs?: number; flush?: (trx: Transaction<Database>, rows: DeferredRows) => Promise<void> }): WriteBatcher {
  const maxBatch = deps.maxBatch ?? 512;
  const windowMs = deps.windowMs ?? 0;
  let queue: Pending[] = [];
  let writing: Promise<void> | undefined;
  const stats = { batches: 0, jobs: 0, largest: 0 };

  /** Runs jobs in one transaction, then writes what they deferred. */
  async function transaction(jobs: Pending[]): Promise<unknown[]> {
    return deps.audit.transaction(
      async (trx, audit) => {
        const rows: DeferredRows = new Map();
        const defer: Defer = (table, row) => {
          const list = rows.get(table);
          if (list) list.push(row);
          else rows.set(table, [row]);
        };
        const results: unknown[] = [];
        for (const p of jobs) results.push(await p.job(trx, audit, defer));
        if (rows.size) {
          if (!deps.flush) throw new Error('write batcher: a job deferred rows but no flush is configured');
          await deps.flush(trx, rows);
        }
        return results;
      },
      { sync: 'caller' },
    );
  }

  // Batches committed whose answers wait for the disk (commits synced off the main thread).
  const syncing = new Set<Promise<void>>();
  /** Settles the jobs once their commit is on disk; the next batch need not wait for that. */
  function settleWhenDurable(settle: () => void, fail: (error: unknown) => void): void {
    const done = deps.audit.durable().then(settle, fail);
    syncing.add(done);
    void done.finally(() => syncing.delete(done));
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    try {
      const results = await transaction(batch);
      stats.batches++;
      stats.jobs += batch.length;
      stats.largest = Math.max(stats.largest, batch.length);
      settleWhenDurable(
        () => batch.forEach((p, i) => p.resolve(results[i])),
        (error) => batch.forEach((p) => p.reject(error)),
      );
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Find the job that failed: each alone, in order; the others still commit.
      for (const p of batch) {
        try {
          const [result] = await transaction([p]);
          stats.batches++;
          stats.jobs++;
          settleWhenDurable(() => p.resolve(result), (error) => p.reject(error));
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }

  let timer: NodeJS.Timeout | undefined;

  function pump(): void {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (writing || queue.length === 0) return;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    writing = writeBatch(batch).finally(() => {
      writing = undefined;
      schedule();
    });
  }

  /**
   * Starts the next batch after the commit window: the transaction holds the thread (the SQLite
   * driver is synchronous), so requests are read, screened and queued only between batches.
   * Committing at once after each batch would write one or two events per commit; waiting the
   * window lets the events of that time share one commit. A full batch goes at once.
   */
  function schedule(): void {
    if (writing || timer || queue.length === 0) return;
    if (queue.length >= maxBatch || windowMs <= 0) setImmediate(pump);
    else timer = setTimeout(pump, windowMs);
  }

  return {
    run<T>(job: WriteJob<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ job: job as WriteJob<unknown>, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    async drain(): Promise<void> {
      while (writing || queue.length || syncing.size) {
        pump();
        await writing;
        await Promise.all(syncing);
      }
    },
    stats: () => ({ ...stats }),
  };
}
