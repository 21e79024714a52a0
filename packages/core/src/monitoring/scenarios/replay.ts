/**
 * @module monitoring/scenarios/replay
 * A stand-in for the server's monitoring service (packages/server/src/services/monitoring.ts with
 * its in-memory state), in core and without I/O, so that the scenario tests can measure what the
 * rules catch without a store: the context of each event is built the way the server builds it
 * (record and customerSince from customer.onboarded, the 35-day history and windows, geolocation
 * of the login IP or of the latest login before a transaction, the five most recent login
 * locations, links through shared identifiers with russiaLinked from the linked record), then
 * the rules run. What the server adds and this does not: sanctions findings, chain exposure, the
 * transfer graph, stored statuses (match). Keep the two in step when either changes.
 */
import type { Customer } from '../../customers/schema.ts';
import type { SekishoEvent } from '../../events/schema.ts';
import { activityFromEvent, customerSince, eventInstant, identifiersOf, type LinkIdentifier, linkedCustomer } from '../activity.ts';
import { ActivityWindow, windowsAt } from '../aggregates.ts';
import { type CompiledConfig, compileConfig } from '../config.ts';
import { evaluateMonitoring } from '../engine.ts';
import { DEFAULT_TYPOLOGIES, RULES } from '../rules/index.ts';
import type { GeoInfo, LinkedCustomer, MonitoringContext, RuleResult } from '../types.ts';

export interface ReplayOptions {
  /** Geolocation of an IP (undefined: nothing known). */
  locate?: (ip: string) => GeoInfo | undefined;
  config?: CompiledConfig;
  /** Linked customers reported per event at most (the server's default is 20). */
  linkLimit?: number;
  /** Called with every hit (alerting or not). */
  onHit?: (event: SekishoEvent, hit: RuleResult) => void;
}

export interface ReplayResult {
  /** Per customer, the rules whose hits raise an alert (outcome other than allow, and not a mirror of screening), with counts. */
  alerts: Map<string, Map<string, number>>;
  events: number;
}

/** Whether a hit raises an alert of its own: it decides more than allow and is not a mirror of screening findings. */
export const isAlert = (h: RuleResult): boolean => h.outcome !== 'allow' && h.alert !== false;

/**
 * Replays `events` (in the order given) through the rules.
 * @example const { alerts } = replayEvents(events, { locate: (ip) => ({ ip, ...documentationGeo(ip) }) });
 */
export function replayEvents(events: readonly SekishoEvent[], options: ReplayOptions = {}): ReplayResult {
  const config = options.config ?? compileConfig(RULES, DEFAULT_TYPOLOGIES, {});
  const limit = options.linkLimit ?? 20;
  const windows = new Map<string, ActivityWindow>();
  const customers = new Map<string, { record?: Customer; since?: string }>();
  const byId = new Map<string, Set<string>>();
  const alerts = new Map<string, Map<string, number>>();
  const geoCache = new Map<string, GeoInfo | undefined>();
  const locate = (ip: string | undefined): GeoInfo | undefined => {
    if (!ip || !options.locate) return undefined;
    if (!geoCache.has(ip)) geoCache.set(ip, options.locate(ip));
    return geoCache.get(ip);
  };
  const key = (i: LinkIdentifier) => `${i.kind}\u0000${i.value}`;

  for (const event of events) {
    const at = eventInstant(event, event.occurredAt ?? new Date(0).toISOString());
    const isRecord = event.type === 'customer.onboarded' || event.type === 'customer.updated';
    const customerId = isRecord ? event.data.customer.id : event.customerId;
    const known = customers.get(customerId);
    const record = isRecord ? event.data.customer : known?.record;
    const history = windows.get(customerId)?.before(at, event.id) ?? [];
    const since = customerSince(record, known?.since ?? (isRecord ? at : undefined));
    const activity = activityFromEvent(event, at);
    const lastIp = event.type === 'login' ? event.data.ip : [...history].reverse().find((a) => a.ip)?.ip;
    const geo = locate(lastIp);
    if (activity && event.type === 'login' && geo?.country) activity.ipCountry = geo.country;
    const recentIps = [...new Set([...history].reverse().filter((a) => a.ip).map((a) => a.ip!))].slice(0, 5);
    const ids = identifiersOf(event);
    const via = new Map<string, Set<string>>();
    for (const id of ids) {
      for (const other of byId.get(key(id)) ?? []) {
        if (other === customerId) continue;
        let s = via.get(other);
        if (!s) via.set(other, (s = new Set()));
        s.add(id.kind);
      }
    }
    const links: LinkedCustomer[] = [...via].slice(0, limit).map(([other, kinds]) => linkedCustomer(other, [...kinds], customers.get(other)?.record));
    const ctx: MonitoringContext = {
      at,
      ...(record ? { customer: record } : {}),
      ...(since ? { customerSince: since } : {}),
      history,
      ...(activity ? { activity } : {}),
      windows: windowsAt(history, activity, at),
      ...(geo ? { geo } : {}),
      recentGeo: recentIps.map((ip) => locate(ip)).filter((x): x is GeoInfo => !!x).reverse(),
      links,
      findings: [],
      lists: [],
    };
    const result = evaluateMonitoring(event, ctx, config);
    for (const h of result.hits) {
      options.onHit?.(event, h);
      if (!isAlert(h)) continue;
      let m = alerts.get(customerId);
      if (!m) alerts.set(customerId, (m = new Map()));
      m.set(h.rule, (m.get(h.rule) ?? 0) + 1);
    }
    // Remember, as the server does after its decision.
    if (isRecord) customers.set(customerId, { record: event.data.customer, since: known?.since ?? at });
    if (activity) {
      let w = windows.get(customerId);
      if (!w) windows.set(customerId, (w = new ActivityWindow()));
      w.add(activity);
    }
    for (const id of ids) {
      let s = byId.get(key(id));
      if (!s) byId.set(key(id), (s = new Set()));
      s.add(customerId);
    }
  }
  return { alerts, events: events.length };
}
