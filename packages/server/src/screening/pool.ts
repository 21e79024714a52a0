/**
 * @module screening/pool
 * Screening threads for the service. Name screening is the largest share of an event's CPU
 * time; on the main thread it competes with HTTP, validation and the store. The pool keeps a
 * copy of the current index in each worker thread and sends queries to the least busy one, so
 * a machine's other cores screen while the main thread serves. A worker answers only for the
 * index generation the service has now: while a worker rebuilds after a list change, the caller
 * screens on its own index instead (services/screening.ts), so no answer ever comes from an
 * index older than the service's. The threads keep the process alive until close() (app.close()).
 */
import { Worker } from 'node:worker_threads';
import { SekishoError } from '@sekisho/core/errors';
import type { IndexInput, ScreeningQuery, ScreeningResult } from '@sekisho/core';

interface Slot {
  worker: Worker;
  generation: number;
  pending: Map<number, { resolve(result: ScreeningResult): void; reject(error: unknown): void }>;
}

export interface ScreeningPool {
  /** Workers whose index is the given generation (the others are rebuilding). */
  ready(generation: number): boolean;
  /** Screens on the least busy worker of that generation. */
  screen(query: ScreeningQuery, generation: number, matchesOnly?: boolean): Promise<ScreeningResult>;
  /** Hands every worker the inputs of a new index generation to build. */
  load(generation: number, entities: IndexInput[], readings: Map<string, string[]>): void;
  close(): Promise<void>;
  size: number;
}

export function createScreeningPool(count: number): ScreeningPool {
  let nextId = 0;
  const slots: Slot[] = Array.from({ length: count }, () => {
    const slot: Slot = { worker: new Worker(new URL('./pool-worker.mjs', import.meta.url)), generation: -1, pending: new Map() };
    slot.worker.on('message', (message: { kind: 'ready'; generation: number } | { kind: 'result'; id: number; generation: number; json?: string; error?: string }) => {
      if (message.kind === 'ready') {
        slot.generation = message.generation;
        return;
      }
      const waiting = slot.pending.get(message.id);
      slot.pending.delete(message.id);
      if (!waiting) return;
      if (message.json !== undefined) waiting.resolve(JSON.parse(message.json) as ScreeningResult);
      else {
        const parsed = (() => {
          try {
            return JSON.parse(message.error!) as { code: string; message: string; hint: string; details: Record<string, unknown> };
          } catch {
            return undefined;
          }
        })();
        waiting.reject(parsed?.code ? new SekishoError({ code: parsed.code, status: 400, hint: parsed.hint }, parsed.message, parsed.details) : new Error(`screening worker: ${message.error}`));
      }
    });
    // A worker that dies fails what it had in hand; the caller's error answers 500, nothing is stored.
    slot.worker.on('error', (error) => {
      slot.generation = -1;
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
    });
    return slot;
  });

  return {
    size: count,
    ready: (generation) => slots.some((s) => s.generation === generation),
    screen(query, generation, matchesOnly = false) {
      let best: Slot | undefined;
      for (const s of slots) if (s.generation === generation && (!best || s.pending.size < best.pending.size)) best = s;
      if (!best) return Promise.reject(new Error(`no screening worker has index generation ${generation}`));
      const id = nextId++;
      const slot = best;
      return new Promise<ScreeningResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ kind: 'screen', id, query, matchesOnly });
      });
    },
    load(generation, entities, readings) {
      for (const s of slots) s.worker.postMessage({ kind: 'index', generation, entities, readings: [...readings] });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
