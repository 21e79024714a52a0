/**
 * @module services/write-batcher
 * Group commit for the event path. Each event's writes (the event row, its alerts, its audit
 * entries) are a job; jobs that arrive while a transaction is being written wait and then go
 * together in the next one, so thousands of events per second cost tens of transactions, not
 * thousands (and on SQLite one fsync per batch). A job's promise resolves only after its
 * transaction committed: an answer is never given for a write that could still be lost.
 * If a batch fails, each of its jobs is retried alone, so one bad job fails only itself.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../storage/schema.ts';
import type { AuditAppend, AuditLog } from './audit.ts';

export type WriteJob<T> = (trx: Transaction<Database>, audit: AuditAppend) => Promise<T>;

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

export function createWriteBatcher(deps: { audit: AuditLog; maxBatch?: number }): WriteBatcher {
  const maxBatch = deps.maxBatch ?? 512;
  let queue: Pending[] = [];
  let writing: Promise<void> | undefined;
  const stats = { batches: 0, jobs: 0, largest: 0 };

  async function writeBatch(batch: Pending[]): Promise<void> {
    const results: unknown[] = [];
    try {
      await deps.audit.transaction(async (trx, audit) => {
        results.length = 0;
        for (const p of batch) results.push(await p.job(trx, audit));
      });
      stats.batches++;
      stats.jobs += batch.length;
      stats.largest = Math.max(stats.largest, batch.length);
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Find the job that failed: each alone, in order; the others still commit.
      for (const p of batch) {
        try {
          let result: unknown;
          await deps.audit.transaction(async (trx, audit) => {
            result = await p.job(trx, audit);
          });
          stats.batches++;
          stats.jobs++;
          p.resolve(result);
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }

  function pump(): void {
    if (writing || queue.length === 0) return;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    writing = writeBatch(batch).finally(() => {
      writing = undefined;
      pump();
    });
  }

  return {
    run<T>(job: WriteJob<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ job: job as WriteJob<unknown>, resolve: resolve as (v: unknown) => void, reject });
        // Let the jobs of this turn of the event loop join the batch before it starts.
        if (!writing) setImmediate(pump);
      });
    },
    async drain(): Promise<void> {
      while (writing || queue.length) {
        pump();
        await writing;
      }
    },
    stats: () => ({ ...stats }),
  };
}
