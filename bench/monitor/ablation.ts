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
 * - on, customer cache: the monitoring state's customer(id) answered from a map after the first
 *   read (the customer row is read and parsed once, not per event);
 * - on, geolocation cache: each IP located once (a map in front of the enrichment's locate);
 * - on, prepared SQL: the monitoring state's reads and the monitoring rows of a batch through
 *   better-sqlite3 statements prepared once (the path customer-store.ts and event-store.ts
 *   already take on SQLite) instead of Kysely queries built and prepared per call; the same
 *   statements, semantics and overlay as services/monitoring-state.ts;
 * - on, all three: the customer cache, the geolocation cache and prepared SQL together;
 * - on, state in memory: the replay's memory state (no monitoring reads or writes in the store;
 *   customers read once): the bound of what moving the state out of SQLite could save.
 * CPU is read for the whole process (main thread and screening workers) and for the main thread
 * alone (/proc/self/task), which is what bounds the server's throughput.
 */
import { readFileSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import pino from 'pino';
import { type Activity, ActivityWindow, type Customer, compileConfig, DEFAULT_TYPOLOGIES, EventSchema, type GeoInfo, type LinkIdentifier, RULES, TransferGraph, WINDOWS } from '../../packages/core/src/index.ts';
import { createApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { createEventService, flushEventRows } from '../../packages/server/src/services/events.ts';
import { createWriteBatcher, type DeferredRows } from '../../packages/server/src/services/write-batcher.ts';
import { createMonitoringService } from '../../packages/server/src/services/monitoring.ts';
import { createMemoryState, createStoreState, type KnownCustomer, type MonitoringState } from '../../packages/server/src/services/monitoring-state.ts';
import { openEnrichment } from '../../packages/server/src/monitoring/enrichment.ts';
import { createEventStore } from '../../packages/server/src/storage/event-store.ts';
import { type Population, STREAM_STEP_MS, TIMELINE, withdrawals } from './workload.ts';

export const VARIANTS = ['off', 'on', 'on, no rules', 'on, customer cache', 'on, geolocation cache', 'on, prepared SQL', 'on, all three', 'on, state in memory'] as const;
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
  /** Wall µs per event the main thread spent in COMMIT (the fsync of synchronous = FULL, blocking). */
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

/** The state with customer(id) remembered after the first read (dropped when the event carries a new record). */
function withCustomerCache(state: MonitoringState): MonitoringState {
  const cache = new Map<string, KnownCustomer | undefined>();
  return {
    history: (...a) => state.history(...a),
    linked: (...a) => state.linked(...a),
    async customer(id) {
      if (cache.has(id)) return cache.get(id);
      const known = await state.customer(id);
      cache.set(id, known);
      return known;
    },
    remember(input, defer) {
      if (input.customer) cache.delete(input.customerId);
      state.remember(input, defer);
    },
  };
}

/** Each IP located once. */
function withGeoCache(open: () => Promise<{ locate(ip: string): GeoInfo }>): () => Promise<{ locate(ip: string): GeoInfo }> {
  return async () => {
    const geo = await open();
    const cache = new Map<string, GeoInfo>();
    return {
      locate(ip) {
        let g = cache.get(ip);
        if (!g) {
          g = geo.locate(ip);
          cache.set(ip, g);
          if (cache.size > 100_000) cache.delete(cache.keys().next().value!);
        }
        return g;
      },
    };
  };
}

const idKey = (i: LinkIdentifier) => `${i.kind}\u0000${i.value}`;

/**
 * services/monitoring-state.ts createStoreState with better-sqlite3 statements prepared once,
 * and the batch's monitoring rows written row by row through prepared statements (then handed
 * on to the server's flush without them). Same reads, same overlay, same rows.
 */
function preparedState(sqlite: BetterSqlite3.Database, maxCustomers = 20_000) {
  const q = {
    window: sqlite.prepare<[string, string], { activity: string }>('select activity from customer_activity where customer_id = ? and at > ? order by at'),
    linked: sqlite.prepare<[string, string, string, number], { customer_id: string }>('select customer_id from customer_identifier where kind = ? and value = ? and customer_id <> ? limit ?'),
    customer: sqlite.prepare<[string], { data: string; created_at: string; status: string }>('select data, created_at, status from customer where id = ?'),
    insertActivity: sqlite.prepare('insert into customer_activity (customer_id, at, event_id, activity) values (?, ?, ?, ?) on conflict (customer_id, at, event_id) do nothing'),
    upsertIdentifier: sqlite.prepare('insert into customer_identifier (kind, value, customer_id, first_seen, last_seen) values (?, ?, ?, ?, ?) on conflict (kind, value, customer_id) do update set last_seen = excluded.last_seen'),
  };
  const cache = new Map<string, ActivityWindow>();
  const pending = new Map<string, Set<string>>();
  const windowOf = (customerId: string, at: string): ActivityWindow => {
    const cached = cache.get(customerId);
    if (cached) {
      cache.delete(customerId);
      cache.set(customerId, cached);
      return cached;
    }
    const since = new Date(Date.parse(at) - WINDOWS['30d']).toISOString();
    const w = new ActivityWindow(q.window.all(customerId, since).map((r) => JSON.parse(r.activity) as Activity));
    cache.set(customerId, w);
    if (cache.size > maxCustomers) cache.delete(cache.keys().next().value!);
    return w;
  };
  const state: MonitoringState = {
    async history(customerId, at, eventId) {
      return windowOf(customerId, at).before(at, eventId);
    },
    async linked(customerId, ids, limit = 20) {
      const out = new Map<string, Set<string>>();
      const add = (other: string, kind: string) => {
        if (other === customerId) return;
        let s = out.get(other);
        if (!s) out.set(other, (s = new Set()));
        s.add(kind);
      };
      for (const id of ids) {
        for (const other of pending.get(idKey(id)) ?? []) add(other, id.kind);
        for (const r of q.linked.all(id.kind, id.value, customerId, limit)) add(r.customer_id, id.kind);
      }
      return [...out].slice(0, limit).map(([c, via]) => ({ customerId: c, via: [...via] }));
    },
    async customer(customerId) {
      const row = q.customer.get(customerId);
      return row ? { record: JSON.parse(row.data) as Customer, since: row.created_at, status: row.status } : undefined;
    },
    remember({ customerId, activity, ids, at }, defer) {
      if (activity) {
        cache.get(customerId)?.add(activity);
        defer?.('customer_activity', { customer_id: customerId, at: activity.at, event_id: activity.eventId, activity: JSON.stringify(activity) });
      }
      for (const id of ids) {
        let s = pending.get(idKey(id));
        if (!s) pending.set(idKey(id), (s = new Set()));
        s.add(customerId);
        defer?.('customer_identifier', { kind: id.kind, value: id.value, customer_id: customerId, first_seen: at, last_seen: at });
      }
      if (pending.size > 50_000) pending.clear();
    },
  };
  /** Writes the monitoring rows of a batch, then leaves the rest to `next`. */
  const flush = (next: (trx: never, rows: DeferredRows) => Promise<void>) => async (trx: never, rows: DeferredRows) => {
    for (const r of (rows.get('customer_activity') ?? []) as { customer_id: string; at: string; event_id: string; activity: string }[]) q.insertActivity.run(r.customer_id, r.at, r.event_id, r.activity);
    for (const r of (rows.get('customer_identifier') ?? []) as { kind: string; value: string; customer_id: string; first_seen: string; last_seen: string }[]) q.upsertIdentifier.run(r.kind, r.value, r.customer_id, r.first_seen, r.last_seen);
    rows.delete('customer_activity');
    rows.delete('customer_identifier');
    await next(trx, rows);
  };
  return { state, flush };
}

export async function measureAblation(options: { copyStore: (name: string) => string; pop: Population; onboardedAt: number; events: number; rounds: number; concurrency: number; variants?: readonly Variant[]; log: (s: string) => void }): Promise<AblationRun[]> {
  const runs: AblationRun[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const variant of options.variants ?? VARIANTS) {
      const app = await createApp(loadConfig({ SEKISHO_DB: options.copyStore(`ablation`), SEKISHO_MONITORING: variant === 'off' ? 'off' : 'on' }), { logger: pino({ level: 'silent' }), rescreenOnActivation: false });
      try {
        app.screening.useWorkers(app.config.screenWorkers);
        await app.screening.index();
        while (!(await app.screening.workersReady())) await new Promise((r) => setTimeout(r, 100));
        const all = compileConfig(RULES, DEFAULT_TYPOLOGIES, {});
        const none = compileConfig(RULES, DEFAULT_TYPOLOGIES, { rules: Object.fromEntries(RULES.map((r) => [r.id, { enabled: false }])) });
        const prepared = variant === 'on, prepared SQL' || variant === 'on, all three' ? preparedState(app.store.sqlite!) : undefined;
        const storeState = prepared?.state ?? createStoreState(app.store);
        const state =
          variant === 'on, customer cache' || variant === 'on, all three'
            ? withCustomerCache(storeState)
            : variant === 'on, state in memory'
              ? (() => {
                  const read = withCustomerCache(storeState);
                  return createMemoryState({ fallback: (id) => read.customer(id) });
                })()
              : storeState;
        const geo = () => openEnrichment(app.config);
        const monitoring =
          variant === 'off'
            ? undefined
            : createMonitoringService({ state, config: () => (variant === 'on, no rules' ? none : all), geo: variant === 'on, geolocation cache' || variant === 'on, all three' ? withGeoCache(geo) : geo, graph: new TransferGraph() });
        const eventStore = createEventStore(app.store);
        // The server's batcher and flush (app.ts); with prepared SQL, the monitoring rows go first through the prepared statements.
        const serverFlush = flushEventRows({ customers: app.customers, eventStore });
        const batcher = prepared ? createWriteBatcher({ audit: app.audit, windowMs: app.config.commitWindowMs, flush: prepared.flush(serverFlush as never) as never }) : app.batcher;
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
        await app.close();
        // (a batcher of our own has nothing left: every submit was awaited)
      }
    }
  }
  return runs;
}
