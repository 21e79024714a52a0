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
  evaluateMonitoring,
  eventInstant,
  type Exposure,
  type Finding,
  type GeoInfo,
  identifiersOf,
  type LinkedCustomer,
  type MonitoringContext,
  type MonitoringResult,
  russiaLinks,
  type SekishoEvent,
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
  geo?: GeoLookup;
  /** Recent logins located for the footprint rules. */
  recentLogins?: number;
}

export interface MonitoringOutcome {
  result: MonitoringResult;
  /** Remembers the event's activity and identifiers; call it inside the decision's write. */
  remember: (defer?: Defer) => void;
}

export function createMonitoringService(deps: MonitoringDeps) {
  const recentLogins = deps.recentLogins ?? 5;
  const locate = (ip: string | undefined): GeoInfo | undefined => (ip && deps.geo ? deps.geo.locate(ip) : undefined);

  async function linkedCustomers(customerId: string, ids: ReturnType<typeof identifiersOf>): Promise<LinkedCustomer[]> {
    if (!ids.length) return [];
    const links = await deps.state.linked(customerId, ids);
    const out: LinkedCustomer[] = [];
    for (const l of links) {
      const known = await deps.state.customer(l.customerId);
      const record = known?.record;
      out.push({
        customerId: l.customerId,
        via: l.via,
        ...(record ? { name: (record.names.find((n) => n.kind === 'primary') ?? record.names[0]!).name, russiaLinked: russiaLinks(record).length > 0 } : {}),
        ...(known?.status ? { status: known.status } : {}),
      });
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
      const history = await deps.state.history(customerId, at, event.id);
      const activity = activityFromEvent(event, at);
      // A login is located by its own IP; a transfer by the customer's latest login before it.
      const lastIp = event.type === 'login' ? event.data.ip : [...history].reverse().find((a) => a.ip)?.ip;
      const geo = locate(lastIp);
      if (activity && event.type === 'login' && geo?.country) activity.ipCountry = geo.country;
      const recentIps = [...new Set([...history].reverse().filter((a) => a.ip).map((a) => a.ip!))].slice(0, recentLogins);
      const ids = identifiersOf(event);
      const ctx: MonitoringContext = {
        at,
        ...(record ? { customer: record } : {}),
        ...(known?.since ? { customerSince: known.since } : isRecord ? { customerSince: at } : {}),
        ...(checked.customerStatus ?? known?.status ? { customerStatus: checked.customerStatus ?? known?.status } : {}),
        history,
        ...(activity ? { activity } : {}),
        windows: windowsAt(history, activity, at),
        ...(geo ? { geo } : {}),
        recentGeo: recentIps.map((ip) => locate(ip)!).filter(Boolean).reverse(),
        links: await linkedCustomers(customerId, ids),
        findings: checked.findings,
        lists: checked.lists,
        ...(checked.exposure ? { exposure: checked.exposure } : {}),
      };
      const result = evaluateMonitoring(event, ctx, config);
      return {
        result,
        remember: (defer) => deps.state.remember({ customerId, ...(activity ? { activity } : {}), ids, at, ...(isRecord ? { customer: event.data.customer } : {}) }, defer),
      };
    },
  };
}

export type MonitoringService = ReturnType<typeof createMonitoringService>;
