/**
 * @module services/monitoring
 * Transaction monitoring in the decision pipeline (issue 7): builds the context a rule sees (the
 * customer's record and history, the sliding windows, geolocation of the IP, linked customers,
 * what screening and exposure found), runs the rules of the configuration in force (core's
 * evaluateMonitoring) and remembers what the event adds. The same service runs the API's events
 * and `sekisho monitor replay`; only the state differs (services/monitoring-state.ts).
 */
import {
  activityFromEvent,
  type CompiledConfig,
  type Customer,
  customerSince,
  evaluateMonitoring,
  eventInstant,
  type Exposure,
  type Finding,
  type GeoInfo,
  identifiersOf,
  type LinkedCustomer,
  linkedCustomer,
  type MonitoringContext,
  type MonitoringResult,
  type SekishoEvent,
  type TransferEdge,
  TransferGraph,
  TransferKeys,
  windowsAt,
} from '@sekisho/core';
import type { MonitoringState } from './monitoring-state.ts';
import type { Defer } from './write-batcher.ts';

/** Geolocation of an IP (services' geo enrichment, monitoring/geo.ts). */
export interface GeoLookup {
  locate(ip: string): GeoInfo;
}

/** What the sanctions and exposure checks of the event found, for the rules. */
export interface CheckedForMonitoring {
  findings: Finding[];
  lists: { source: string; version: number }[];
  exposure?: Exposure;
  customerStatus?: string;
  customer?: Customer;
}

export interface MonitoringDeps {
  state: MonitoringState;
  /** The configuration in force (read per event: an approval takes effect at the next event). */
  config: () => CompiledConfig | Promise<CompiledConfig>;
  /** Opens the geolocation (lazily: only when an event needs an IP located). */
  geo?: () => Promise<GeoLookup | undefined>;
  /** Recent logins located for the footprint rules. */
  recentLogins?: number;
  /** The transfer graph between customers (one per process; bounded by its own limits). */
  graph?: TransferGraph;
}

/** The graph edge of a transfer between two customers of the exchange (fiat or a matched trade). */
function edgeLeg(event: SekishoEvent, at: string): { from: string; to: string; amount: number; at: number; side: 'out' | 'in'; trade?: true } | undefined {
  if (event.type === 'fiat.transfer' && event.data.counterpartyCustomerId && event.data.amountJpy) {
    const out = event.data.direction === 'out';
    return { from: out ? event.customerId : event.data.counterpartyCustomerId, to: out ? event.data.counterpartyCustomerId : event.customerId, amount: event.data.amountJpy, at: Date.parse(at), side: out ? 'out' : 'in' };
  }
  if (event.type === 'trade' && event.data.counterpartyCustomerId && event.data.amountJpy) {
    // The buyer pays the seller: value in yen moves from the buyer to the seller.
    const sells = event.data.side === 'sell';
    return { from: sells ? event.data.counterpartyCustomerId : event.customerId, to: sells ? event.customerId : event.data.counterpartyCustomerId, amount: event.data.amountJpy, at: Date.parse(at), side: sells ? 'in' : 'out', trade: true };
  }
  return undefined;
}

export interface MonitoringOutcome {
  result: MonitoringResult;
  /** Remembers the event's activity and identifiers; call it inside the decision's write. */
  remember: (defer?: Defer) => void;
}

export function createMonitoringService(deps: MonitoringDeps) {
  const recentLogins = deps.recentLogins ?? 5;
  let geo: Promise<GeoLookup | undefined> | undefined;
  const geoLookup = () => (geo ??= deps.geo ? deps.geo() : Promise.resolve(undefined));
  const keys = new TransferKeys();

  async function linkedCustomers(customerId: string, ids: ReturnType<typeof identifiersOf>): Promise<LinkedCustomer[]> {
    if (!ids.length) return [];
    const links = await deps.state.linked(customerId, ids);
    const out: LinkedCustomer[] = [];
    for (const l of links) {
      const known = await deps.state.customer(l.customerId);
      out.push(linkedCustomer(l.customerId, l.via, known?.record, known?.status));
    }
    return out;
  }

  return {
    /**
     * Runs the monitoring rules over an event after its sanctions and exposure checks.
     * @example const { result, remember } = await monitoring.evaluate(event, checked, receivedAt);
     */
    async evaluate(event: SekishoEvent, checked: CheckedForMonitoring, receivedAt: string): Promise<MonitoringOutcome> {
      const config = await deps.config();
      const at = eventInstant(event, receivedAt);
      const isRecord = event.type === 'customer.onboarded' || event.type === 'customer.updated';
      const customerId = isRecord ? event.data.customer.id : event.customerId;
      const known = await deps.state.customer(customerId);
      const record = isRecord ? event.data.customer : (checked.customer ?? known?.record);
      const since = customerSince(record, known?.since ?? (isRecord ? at : undefined));
      const history = await deps.state.history(customerId, at, event.id);
      const lastActivityAt = await deps.state.lastValueBefore(customerId, at);
      const activity = activityFromEvent(event, at);
      // A login is located by its own IP; a transfer by the customer's latest login before it.
      // The recent login IPs, newest first (one backward walk over the history, no copies).
      const recentIps: string[] = [];
      for (let i = history.length - 1; i >= 0 && recentIps.length < recentLogins; i--) {
        const ip = history[i]!.ip;
        if (ip && !recentIps.includes(ip)) recentIps.push(ip);
      }
      const lastIp = event.type === 'login' ? event.data.ip : history.findLast((a) => a.ip)?.ip;
      const lookup = lastIp ? await geoLookup() : undefined;
      const locate = (ip: string): GeoInfo | undefined => lookup?.locate(ip);
      const geo = lastIp ? locate(lastIp) : undefined;
      if (activity && event.type === 'login' && geo?.country) activity.ipCountry = geo.country;
      const ids = identifiersOf(event);
      const leg = deps.graph ? edgeLeg(event, at) : undefined;
      const edge: TransferEdge | undefined = leg && { from: leg.from, to: leg.to, amount: leg.amount, at: leg.at, key: keys.key(leg), ...(leg.trade ? { trade: true } : {}) };
      const ctx: MonitoringContext = {
        at,
        ...(record ? { customer: record } : {}),
        ...(since ? { customerSince: since } : {}),
        ...(checked.customerStatus ?? known?.status ? { customerStatus: checked.customerStatus ?? known?.status } : {}),
        history,
        ...(lastActivityAt ? { lastActivityAt } : {}),
        ...(activity ? { activity } : {}),
        windows: windowsAt(history, activity, at),
        ...(geo ? { geo } : {}),
        recentGeo: recentIps.map((ip) => locate(ip)!).filter(Boolean).reverse(),
        links: await linkedCustomers(customerId, ids),
        findings: checked.findings,
        lists: checked.lists,
        ...(checked.exposure ? { exposure: checked.exposure } : {}),
        ...(edge ? { graph: deps.graph!.findings(edge) } : {}),
      };
      const result = evaluateMonitoring(event, ctx, config);
      return {
        result,
        remember: (defer) => {
          deps.state.remember({ customerId, ...(activity ? { activity } : {}), ids, at, ...(isRecord ? { customer: event.data.customer } : {}) }, defer);
          if (edge) deps.graph!.add(edge);
        },
      };
    },
  };
}

export type MonitoringService = ReturnType<typeof createMonitoringService>;
