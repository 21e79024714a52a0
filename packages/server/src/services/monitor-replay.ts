/**
 * @module services/monitor-replay
 * `sekisho monitor replay` (issue 7): runs a history of events through the checks and a
 * monitoring configuration without side effects, so an analyst can see what a threshold would
 * have raised before a supervisor puts it in force. The store is only read (active lists,
 * attribution tags, chain data, customers already on record); what the replay remembers
 * (activities, identifiers, the transfer graph, customers onboarded in the file) lives in memory
 * and is gone at the end. Each event's decision is written as one JSON line.
 *
 * Bad input has a documented fallback, never a crash and never a silent allow:
 * - a line that is not JSON or not a valid event is skipped and counted, with its line number
 *   and the reason (the first 100 are listed);
 * - an event whose check fails (an address invalid for its chain) is skipped and counted the same way;
 * - events out of time order are decided in file order, each against the activities at or
 *   before its own time (windows are by event time), and counted;
 * - an event of a customer neither onboarded in the file nor on record is decided like the
 *   service decides it (a `customer.unknown` review reason) and counted.
 */
import { type CompiledConfig, type Decision, EventSchema, type Finding, type SekishoEvent, TransferGraph } from '@sekisho/core';
import { isSekishoError } from '@sekisho/core/errors';
import type { App } from '../app.ts';
import { decisionOf, eventChecksOf, forMonitoring } from './event-checks.ts';
import { createMonitoringService } from './monitoring.ts';
import { createMemoryState, createStoreState } from './monitoring-state.ts';
import { openEnrichment } from '../monitoring/enrichment.ts';
import { createEventStore } from '../storage/event-store.ts';

export interface ReplaySummary {
  configVersion: number | 'file';
  lines: number;
  decided: number;
  skipped: number;
  /** The first skipped lines, with why. */
  problems: { line: number; code: string; message: string }[];
  outOfOrder: number;
  unknownCustomers: number;
  byDecision: Record<Decision, number>;
  /** Alerts a rule would have raised (hits with an outcome of review or stricter that alert), per rule id. */
  alertsByRule: Record<string, number>;
  /** Every hit per rule, alerting or not (a FEFTA confirmation record is a hit that decides nothing). */
  hitsByRule: Record<string, number>;
  /** Events per typology that reached a threshold. */
  typologies: Record<string, number>;
  /** Customers with at least one alerting hit. */
  alertedCustomers: number;
  customers: number;
  ms: number;
}

/** A customer's screening status from its own record's findings, as the service would set it. */
function statusOf(findings: Finding[]): string {
  const own = findings.filter((f) => f.party.role === 'customer' || f.party.role === 'owner' || f.party.role === 'director');
  if (own.some((f) => f.party.role === 'customer' && f.severity === 'confirmed')) return 'match';
  return own.length ? 'possible-match' : 'clear';
}

/**
 * Replays `lines` (JSON lines of events) through `config`; `write` gets one JSON line per decided event.
 * @example const summary = await replayEvents(app, readLines('events.jsonl'), { config, write: (l) => out.write(l + '\n') });
 */
export async function replayEvents(
  app: Pick<App, 'screening' | 'exposure' | 'config' | 'store'>,
  lines: AsyncIterable<string>,
  options: { config: CompiledConfig; configLabel?: number | 'file'; write: (line: string) => void | Promise<void> },
): Promise<ReplaySummary> {
  const t0 = performance.now();
  const eventStore = createEventStore(app.store);
  const onboarded = new Map<string, string>();
  // Customers on record are read from the store (only read); everything else lives in memory.
  const onRecord = createStoreState(app.store);
  const state = createMemoryState({ fallback: (id) => onRecord.customer(id) });
  const checks = eventChecksOf(app, async (id) => onboarded.get(id) ?? (await eventStore.customerStatus(id)));
  const monitoring = createMonitoringService({ state, config: () => options.config, geo: () => openEnrichment(app.config), graph: new TransferGraph() });
  const summary: ReplaySummary = {
    configVersion: options.configLabel ?? options.config.version,
    lines: 0,
    decided: 0,
    skipped: 0,
    problems: [],
    outOfOrder: 0,
    unknownCustomers: 0,
    byDecision: { allow: 0, review: 0, hold: 0, block: 0, freeze: 0 },
    alertsByRule: {},
    hitsByRule: {},
    typologies: {},
    alertedCustomers: 0,
    customers: 0,
    ms: 0,
  };
  const skip = (line: number, code: string, message: string) => {
    summary.skipped++;
    if (summary.problems.length < 100) summary.problems.push({ line, code, message });
  };
  const customers = new Set<string>();
  const alerted = new Set<string>();
  let latest = -Infinity;
  for await (const raw of lines) {
    const line = ++summary.lines;
    if (!raw.trim()) continue;
    let event: SekishoEvent;
    try {
      const parsed = EventSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        skip(line, 'SEK_REQUEST_INVALID', `${issue.path.join('.') || '(event)'}: ${issue.message}`);
        continue;
      }
      event = parsed.data;
    } catch (error) {
      skip(line, 'SEK_REQUEST_JSON', `not JSON: ${(error as Error).message}`);
      continue;
    }
    const receivedAt = event.occurredAt ? new Date(event.occurredAt).toISOString() : new Date().toISOString();
    const t = Date.parse(receivedAt);
    if (t < latest) summary.outOfOrder++;
    latest = Math.max(latest, t);
    let checked;
    try {
      checked = await checks.check(event);
    } catch (error) {
      if (!isSekishoError(error)) throw error;
      skip(line, error.code, error.message);
      continue;
    }
    if (checked.notices.some((n) => n.check === 'customer.unknown')) summary.unknownCustomers++;
    const monitored = await monitoring.evaluate(event, forMonitoring(checked), receivedAt);
    monitored.remember();
    const { decision, reasons, monitoring: m } = decisionOf(event, checked, monitored.result);
    const customerId = checked.customer?.id ?? ('customerId' in event && event.customerId ? event.customerId : null);
    if (checked.customer) onboarded.set(checked.customer.id, statusOf(checked.findings));
    if (customerId) customers.add(customerId);
    summary.decided++;
    summary.byDecision[decision]++;
    for (const h of monitored.result.hits) {
      summary.hitsByRule[h.rule] = (summary.hitsByRule[h.rule] ?? 0) + 1;
      if (h.outcome !== 'allow' && h.alert !== false) {
        summary.alertsByRule[h.rule] = (summary.alertsByRule[h.rule] ?? 0) + 1;
        if (customerId) alerted.add(customerId);
      }
    }
    for (const ty of monitored.result.typologies) {
      if (ty.outcome === 'allow') continue;
      summary.typologies[ty.id] = (summary.typologies[ty.id] ?? 0) + 1;
      if (customerId) alerted.add(customerId);
    }
    // The API's answer keeps a hit to its rule, outcome and score (it sits on the withdrawal path);
    // a replay is read by an analyst tuning a threshold, who needs what each hit measured.
    const hits = monitored.result.hits.map((h, i) => ({ ...m!.hits[i]!, evidence: h.evidence }));
    await options.write(JSON.stringify({ eventId: event.id, type: event.type, customerId, occurredAt: receivedAt, decision, reasons, monitoring: { ...m, hits }, lists: checked.lists }));
  }
  summary.customers = customers.size;
  summary.alertedCustomers = alerted.size;
  summary.ms = Math.round(performance.now() - t0);
  return summary;
}

