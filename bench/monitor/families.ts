/**
 * bench:monitor, part 2: what each rule family costs, in process (no HTTP, no store writes).
 * Contexts are built as the server builds them (services/monitoring.ts over a memory state,
 * geolocation from the packaged DB-IP data), from the same workload as the HTTP part, with each
 * event's sanctions and exposure checks run for real (services/event-checks.ts over the
 * prepared store). Then evaluateMonitoring is timed over the captured contexts with no rules,
 * all rules, and each family alone.
 */
import { z } from 'zod';
import pino from 'pino';
import {
  compileConfig,
  type CompiledConfig,
  DEFAULT_TYPOLOGIES,
  EVENT_TYPES,
  EventSchema,
  evaluateMonitoring,
  identifiersOf,
  type MonitoringContext,
  RULES,
  type RuleDefinition,
  type RuleFamily,
  type SekishoEvent,
  TransferGraph,
  windowsAt,
} from '../../packages/core/src/index.ts';
import { createApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { eventChecksOf, forMonitoring } from '../../packages/server/src/services/event-checks.ts';
import { createMonitoringService } from '../../packages/server/src/services/monitoring.ts';
import { createMemoryState, createStoreState } from '../../packages/server/src/services/monitoring-state.ts';
import { openEnrichment } from '../../packages/server/src/monitoring/enrichment.ts';
import { createEventStore } from '../../packages/server/src/storage/event-store.ts';
import { logins, type Population, STREAM_STEP_MS, TIMELINE, withdrawals } from './workload.ts';

export const FAMILIES: RuleFamily[] = ['screening', 'geography', 'reporting', 'counterparty', 'behaviour', 'network', 'mining'];

export interface Timing {
  label: string;
  rules: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
}

export interface FamilyFigures {
  events: number;
  checks: Timing;
  context: Timing;
  serviceAllRules: Timing;
  engine: Timing[];
  /** Pieces of the context build, timed alone over the same contexts (µs per event). */
  pieces: { label: string; meanUs: number; p99Us: number; note: string }[];
  /** The store's state (what the server uses): µs per call of its reads. */
  storeReads: { label: string; meanUs: number; p99Us: number }[];
  hitsByRule: Record<string, number>;
  eventsWithAlertingHit: number;
  decisions: Record<string, number>;
  historyMean: number;
  historyMax: number;
  locatesPerEvent: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
function timing(label: string, rules: number, samples: number[]): Timing {
  const s = Float64Array.from(samples).sort();
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { label, rules, meanUs: mean * 1000, p50Us: quantile([...s], 0.5) * 1000, p99Us: quantile([...s], 0.99) * 1000 };
}

/** A rule that hits nothing and keeps the context it was given: captures what the service built. */
function probe(sink: (event: SekishoEvent, ctx: MonitoringContext) => void): RuleDefinition<Record<string, never>> {
  return {
    id: 'bench-probe',
    no: 0,
    family: 'screening',
    title: 'bench probe',
    source: 'bench',
    events: EVENT_TYPES,
    params: z.strictObject({}) as never,
    defaults: {},
    outcome: 'allow',
    evaluate(event, ctx) {
      sink(event, ctx);
      return undefined;
    },
  };
}

function familyConfig(families: RuleFamily[] | 'none'): CompiledConfig {
  const off = RULES.filter((r) => families === 'none' || !families.includes(r.family));
  return compileConfig(RULES, DEFAULT_TYPOLOGIES, { rules: Object.fromEntries(off.map((r) => [r.id, { enabled: false }])) });
}

export async function measureFamilies(options: { db: string; pop: Population; pools: Record<string, string[]>; events: number; passes: number; log: (s: string) => void }): Promise<FamilyFigures> {
  const { pop, log } = options;
  const app = await createApp(loadConfig({ SEKISHO_DB: options.db, SEKISHO_MONITORING: 'off' }), { logger: pino({ level: 'silent' }), rescreenOnActivation: false });
  try {
    if (!(await app.screening.ready())) throw new Error('no active lists in the prepared store');
    const eventStore = createEventStore(app.store);
    const checks = eventChecksOf(app, (id) => eventStore.customerStatus(id));
    const enrichment = openEnrichment({});
    const all = familyConfig([...FAMILIES]);
    let captured: MonitoringContext | undefined;
    const probeConfig = compileConfig([probe((_e, ctx) => (captured = ctx))], [], {});
    // Two services over two identical memory states: one builds contexts only (the probe), the
    // other runs every rule; both see every event, so their states stay the same.
    const contextOnly = createMonitoringService({ state: createMemoryState(), config: () => probeConfig, geo: () => enrichment, graph: new TransferGraph() });
    const full = createMonitoringService({ state: createMemoryState(), config: () => all, geo: () => enrichment, graph: new TransferGraph() });
    const onboardedAt = Date.parse('2026-11-01T00:00:00Z');
    const feed = async (raw: Record<string, unknown>, receivedAt: string) => {
      const event = EventSchema.parse(raw);
      const checked = forMonitoring(await checks.check(event));
      for (const m of [contextOnly, full]) (await m.evaluate(event, checked, receivedAt)).remember();
    };
    log(`in process: onboarding ${pop.customers.length} customers, their logins and earlier withdrawals …`);
    for (const customer of pop.customers) await feed({ id: `onboard-${customer.id}`, type: 'customer.onboarded', data: { customer } }, new Date(onboardedAt).toISOString());
    const pools = options.pools;
    for (const round of logins(pop, pools, onboardedAt)) for (const l of round) await feed(l, l.occurredAt as string);
    const history = withdrawals(pop, 19);
    for (let k = 0; k < 2; k++) {
      for (let c = 0; c < pop.customers.length; c++) {
        const at = TIMELINE.history(onboardedAt, k) + c * 30_000;
        const e = history.next(k * pop.customers.length + c, at, 'hist', c);
        await feed(e, e.occurredAt as string);
      }
    }

    log(`in process: ${options.events.toLocaleString('en')} withdrawals through the checks and both monitoring services …`);
    const stream = withdrawals(pop, 17);
    const start = TIMELINE.stream(onboardedAt);
    const events: SekishoEvent[] = [];
    const contexts: MonitoringContext[] = [];
    const tChecks: number[] = [];
    const tContext: number[] = [];
    const tFull: number[] = [];
    const hitsByRule: Record<string, number> = {};
    const decisions: Record<string, number> = {};
    let alerting = 0;
    for (let i = 0; i < options.events; i++) {
      const raw = stream.next(i, start + i * STREAM_STEP_MS, 'stream');
      const event = EventSchema.parse(raw);
      const receivedAt = raw.occurredAt as string;
      let t = performance.now();
      const checked = forMonitoring(await checks.check(event));
      tChecks.push(performance.now() - t);
      t = performance.now();
      const a = await contextOnly.evaluate(event, checked, receivedAt);
      tContext.push(performance.now() - t);
      t = performance.now();
      const b = await full.evaluate(event, checked, receivedAt);
      tFull.push(performance.now() - t);
      a.remember();
      b.remember();
      events.push(event);
      contexts.push(captured!);
      for (const h of b.result.hits) hitsByRule[h.rule] = (hitsByRule[h.rule] ?? 0) + 1;
      if (b.result.hits.some((h) => h.outcome !== 'allow' && h.alert !== false) || b.result.typologies.some((t) => t.outcome !== 'allow')) alerting++;
      const worst = ['freeze', 'block', 'hold', 'review', 'allow'].find((d) => b.result.reasons.some((r) => r.outcome === d)) ?? 'allow';
      decisions[worst] = (decisions[worst] ?? 0) + 1;
    }

    // The engine alone over the captured contexts: every configuration once to warm up, then
    // `passes` passes in rotation (so drift of the machine spreads over all of them).
    const configs: { label: string; config: CompiledConfig }[] = [
      { label: 'no rules', config: familyConfig('none') },
      { label: 'all rules', config: all },
      ...FAMILIES.map((f) => ({ label: f, config: familyConfig([f]) })),
    ];
    const samples = new Map(configs.map((c) => [c.label, [] as number[]]));
    log(`in process: evaluateMonitoring over the captured contexts, ${configs.length} configurations × ${options.passes} passes …`);
    for (let pass = -1; pass < options.passes; pass++) {
      for (const { label, config } of configs) {
        const out = samples.get(label)!;
        for (let i = 0; i < events.length; i++) {
          const t = performance.now();
          evaluateMonitoring(events[i]!, contexts[i]!, config);
          if (pass >= 0) out.push(performance.now() - t);
        }
      }
    }
    const engine = configs.map(({ label, config }) => timing(label, config.byEvent.get('withdrawal.requested')?.length ?? 0, samples.get(label)!));

    // Pieces of the context build, alone.
    const geo = await enrichment;
    const pieces: FamilyFigures['pieces'] = [];
    const time = (label: string, note: string, fn: (i: number) => void) => {
      for (let i = 0; i < events.length; i++) fn(i); // warm
      const s: number[] = [];
      for (let i = 0; i < events.length; i++) {
        const t = performance.now();
        fn(i);
        s.push(performance.now() - t);
      }
      const tm = timing(label, 0, s);
      pieces.push({ label, meanUs: tm.meanUs, p99Us: tm.p99Us, note });
    };
    time('windowsAt (4 windows over the history)', 'core/monitoring/aggregates.ts', (i) => windowsAt(contexts[i]!.history, contexts[i]!.activity, contexts[i]!.at));
    let locates = 0;
    for (const c of contexts) locates += (c.geo ? 1 : 0) + (c.recentGeo?.length ?? 0);
    time('geolocation of the latest and recent login IPs', `${(locates / contexts.length).toFixed(1)} lookups per event, each IP's answer kept after its first lookup (monitoring/enrichment.ts)`, (i) => {
      const c = contexts[i]!;
      if (c.geo) geo.locate(c.geo.ip);
      for (const g of c.recentGeo ?? []) geo.locate(g.ip);
    });

    // The store's state, as the server reads it per event: the customer row, the identifier
    // lookup, and a customer's window on first sight (then cached).
    const store = createStoreState(app.store);
    const storeReads: FamilyFigures['storeReads'] = [];
    const timeAsync = async (label: string, fn: (i: number) => Promise<unknown>) => {
      const s: number[] = [];
      for (let i = 0; i < 5000; i++) {
        const t = performance.now();
        await fn(i);
        s.push(performance.now() - t);
      }
      const tm = timing(label, 0, s.slice(500));
      storeReads.push({ label, meanUs: tm.meanUs, p99Us: tm.p99Us });
    };
    const ids = (i: number) => `cust-${(i * 7919) % pop.customers.length}`;
    await timeAsync('customer(id): the customer row\'s revision and status (the record parsed once per revision)', (i) => store.customer(ids(i)));
    await timeAsync('linked(id, [withdrawal address]): identifier lookup', (i) => store.linked(ids(i), identifiersOf(events[i % events.length]!)));
    await timeAsync('history(id) on first sight: the 30-day range read and the last transfer before it', (i) => createStoreState(app.store).history(ids(i), contexts[0]!.at, 'x'));
    await timeAsync('customerStatus(id) (the event checks, also without monitoring)', (i) => eventStore.customerStatus(ids(i)));

    const lengths = contexts.map((c) => c.history.length);
    return {
      events: events.length,
      checks: timing('event checks (screening, exposure)', 0, tChecks),
      context: timing('context build (monitoring.evaluate with a no-op rule)', 1, tContext),
      serviceAllRules: timing('monitoring.evaluate, all rules', all.byEvent.get('withdrawal.requested')!.length, tFull),
      engine,
      pieces,
      storeReads,
      hitsByRule,
      eventsWithAlertingHit: alerting,
      decisions,
      historyMean: lengths.reduce((a, b) => a + b, 0) / lengths.length,
      historyMax: Math.max(...lengths),
      locatesPerEvent: locates / contexts.length,
    };
  } finally {
    await app.close();
  }
}
