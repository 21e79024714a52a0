/**
 * bench:monitor, part 3: the whole event pipeline in process (the service behind POST
 * /v1/events without HTTP: checks, monitoring, decision, the batched SQLite write with alerts
 * and audit), CPU time per event, with monitoring off, on, and on with one piece changed at a
 * time, each on a fresh copy of the prepared store. The variants are built here from the
 * server's own modules (createEventService, createMonitoringService, createStoreState), so a
 * proposed optimisation is measured before anyone changes the shared files:
 * - off: SEKISHO_MONITORING=off;
 * - on: as the server runs it;
 * - on, no rules: every rule disabled (the monitoring plumbing: state reads, context, rows);
 * - on, state in memory: the replay's memory state (no monitoring reads or writes in the store;
 *   customers read through the store's state): the bound of what moving the state out of SQLite
 *   could save.
 * (Three variants measured on 2026-11-27, prepared SQL, a customer cache and a geolocation
 * cache, are now how the server runs: services/monitoring-state.ts, services/alerts.ts and
 * monitoring/enrichment.ts.)
 * CPU is read for the whole process (main thread and screening workers) and for the main thread
 * alone (/proc/self/task), which is what bounds the server's throughput.
 */
import { readFileSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import pino from 'pino';
import { compileConfig, DEFAULT_TYPOLOGIES, EventSchema, RULES, TransferGraph } from '../../packages/core/src/index.ts';
import { createApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { createEventService } from '../../packages/server/src/services/events.ts';
import { createMonitoringService } from '../../packages/server/src/services/monitoring.ts';
import { createMemoryState, createStoreState } from '../../packages/server/src/services/monitoring-state.ts';
import { openEnrichment } from '../../packages/server/src/monitoring/enrichment.ts';
import { createEventStore } from '../../packages/server/src/storage/event-store.ts';
import { startBackgroundCheckpoints, syncOffThread } from '../../packages/server/src/storage/wal.ts';
import { type Population, STREAM_STEP_MS, TIMELINE, withdrawals } from './workload.ts';

export const VARIANTS = ['off', 'on', 'on, no rules', 'on, state in memory'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface AblationRun {
  variant: Variant;
  round: number;
  events: number;
  /** CPU µs per event, all threads. */
  cpuUs: number;
  /** CPU µs per event, main thread. */
  mainUs: number;
  wallUs: number;
  /** Wall µs per event the main thread spent in COMMIT (writing the log; its fsync runs off the thread). */
  commitUs: number;
  /** Events per batch (one transaction, one fsync). */
  perBatch: number;
}

/** Times the COMMIT statements of one connection (Kysely prepares them through db.prepare). */
function timeCommits(sqlite: BetterSqlite3.Database): { ms: number; count: number } {
  const totals = { ms: 0, count: 0 };
  const prepare = sqlite.prepare.bind(sqlite);
  (sqlite as { prepare: unknown }).prepare = (sql: string) => {
    const statement = prepare(sql);
    if (!/^\s*commit\b/i.test(sql)) return statement;
    const run = statement.run.bind(statement);
    (statement as { run: unknown }).run = (...args: unknown[]) => {
      const t = performance.now();
      try {
        return run(...(args as []));
      } finally {
        totals.ms += performance.now() - t;
        totals.count++;
      }
    };
    return statement;
  };
  return totals;
}

/** Main-thread CPU seconds (Linux /proc; NaN elsewhere). */
function mainThreadCpu(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export async function measureAblation(options: { copyStore: (name: string) => string; pop: Population; onboardedAt: number; events: number; rounds: number; concurrency: number; variants?: readonly Variant[]; log: (s: string) => void }): Promise<AblationRun[]> {
  const runs: AblationRun[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const variant of options.variants ?? VARIANTS) {
      const app = await createApp(loadConfig({ SEKISHO_DB: options.copyStore(`ablation`), SEKISHO_MONITORING: variant === 'off' ? 'off' : 'on' }), { logger: pino({ level: 'silent' }), rescreenOnActivation: false });
      // As `sekisho serve` runs it: the log's fsyncs and checkpoints off the main thread (storage/wal.ts).
      const checkpoints = startBackgroundCheckpoints(app.store.sqlite!, app.store.file!);
      const sync = syncOffThread(app.store);
      try {
        app.screening.useWorkers(app.config.screenWorkers);
        await app.screening.index();
        while (!(await app.screening.workersReady())) await new Promise((r) => setTimeout(r, 100));
        const all = compileConfig(RULES, DEFAULT_TYPOLOGIES, {});
        const none = compileConfig(RULES, DEFAULT_TYPOLOGIES, { rules: Object.fromEntries(RULES.map((r) => [r.id, { enabled: false }])) });
        const storeState = createStoreState(app.store);
        const state = variant === 'on, state in memory' ? createMemoryState({ fallback: (id) => storeState.customer(id) }) : storeState;
        const geo = () => openEnrichment(app.config);
        const monitoring =
          variant === 'off'
            ? undefined
            : createMonitoringService({ state, config: () => (variant === 'on, no rules' ? none : all), geo, graph: new TransferGraph() });
        const eventStore = createEventStore(app.store);
        const batcher = app.batcher;
        const events = createEventService({
          db: app.store.db,
          screening: app.screening,
          customers: app.customers,
          eventStore,
          alerts: app.alerts,
          batcher,
          logger: app.logger,
          threshold: app.config.threshold,
          policy: { confirmScore: app.config.confirmScore },
          exposure: app.exposure,
          exposureHops: app.config.exposureHops,
          exposurePolicy: app.config.exposurePolicy,
          ...(monitoring ? { monitoring } : {}),
        });
        const stream = withdrawals(options.pop, 17);
        const start = TIMELINE.stream(options.onboardedAt);
        let i = 0;
        const post = async (n: number) => {
          // `concurrency` requests in flight, as the HTTP clients keep them.
          let next = 0;
          const worker = async () => {
            while (next++ < n) {
              const raw = stream.next(i, start + i * STREAM_STEP_MS, `a${round}`);
              i++;
              await events.submit(EventSchema.parse(raw), 'bench');
            }
          };
          await Promise.all(Array.from({ length: options.concurrency }, worker));
        };
        await post(1000); // warm-up: JIT, the geolocation opened, windows cached
        const commits = timeCommits(app.store.sqlite!);
        const batches0 = batcher.stats();
        const cpu0 = process.cpuUsage();
        const main0 = mainThreadCpu();
        const t0 = performance.now();
        await post(options.events);
        const wall = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        const main = mainThreadCpu() - main0;
        const batches = batcher.stats().batches - batches0.batches;
        const run = { variant, round, events: options.events, cpuUs: (cpu.user + cpu.system) / options.events, mainUs: (main * 1e6) / options.events, wallUs: (wall * 1000) / options.events, commitUs: (commits.ms * 1000) / options.events, perBatch: options.events / Math.max(1, batches) };
        options.log(`ablation round ${round + 1}, ${variant}: ${run.cpuUs.toFixed(0)} µs CPU per event (main thread ${run.mainUs.toFixed(0)} µs), wall ${run.wallUs.toFixed(0)} µs, commit ${run.commitUs.toFixed(0)} µs, ${run.perBatch.toFixed(1)} events per batch`);
        runs.push(run);
      } finally {
        await app.batcher.drain();
        await sync.stop();
        await checkpoints.stop();
        await app.close();
        // (a batcher of our own has nothing left: every submit was awaited)
      }
    }
  }
  return runs;
}
