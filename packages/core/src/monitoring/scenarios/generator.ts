/**
 * @module monitoring/scenarios/generator
 * Labelled synthetic event streams for backtesting the monitoring rules (issue 7): an ordinary
 * population of a Japanese exchange with the evasion typologies mixed in, each customer labelled
 * with its scenario and the rules expected to alert on it. Deterministic for a seed: the same
 * options give the same events, byte for byte.
 *
 * What the stream assumes of the server that replays it (services/monitoring.ts builds the
 * context from the events; nothing else is needed):
 * - ctx.customer and customerSince from customer.onboarded. Customers of long standing are
 *   onboarded at their real (earlier) date, so the stream starts with onboarding records dated
 *   before `start`; all other activity lies in [start, start + days).
 * - ctx.history and the windows from the customer's earlier events (activityFromEvent).
 * - ctx.geo from the login IP (for a transaction, the latest login before it) through a
 *   geolocation database that knows the addresses `ipsFor` returned (see ips.ts; with the
 *   default documentation addresses a real database knows none and no geography rule fires).
 * - ctx.links from shared identifiers (identifiersOf), russiaLinked from the linked record.
 * - No sanctions findings, no chain exposure, no transfer graph: names and addresses are random,
 *   so screening finds nothing (a fuzzy name match is possible, see the report), and the rules that
 *   need chain attribution (mining-payout-origin) are named in `withChainData` instead.
 *
 * @example
 * const { events, labels } = generateScenarios({ seed: 7, start: '2026-03-01T00:00:00Z' });
 * // events: SekishoEvent[] sorted by occurredAt; labels: one per customer
 */
import type { SekishoEvent } from '../../events/schema.ts';
import { type Draft, type GenContext, DAY, Sink } from './actor.ts';
import { Market } from './assets.ts';
import { type IpRegion, type IpsFor, IpPools, documentationIps } from './ips.ts';
import { type OrdinaryCustomer, ordinaryCustomer, ordinaryPayments } from './ordinary.ts';
import { Unique } from './people.ts';
import { Random } from './random.ts';
import { SCENARIO_NAMES, type ScenarioLabel, type ScenarioName, TYPOLOGIES } from './typologies.ts';

export interface GenerateOptions {
  seed: number;
  /** Ordinary customers (default 1,000). */
  ordinaryCustomers?: number;
  /** Length of the stream in days (default 60). */
  days?: number;
  /** The stream's first instant, ISO 8601. */
  start: string;
  /** The typologies to mix in (default: all of SCENARIO_NAMES). */
  scenarios?: readonly ScenarioName[];
  /** Instances per typology, drawn from [min, max] for each (default 3 to 5). */
  instances?: { min: number; max: number };
  /** Addresses of a region (default: documentation addresses, ips.ts). */
  ipsFor?: IpsFor;
}

export interface GeneratedStream {
  /** Sorted by occurredAt; ids unique. */
  events: SekishoEvent[];
  /** One per customer: ordinary ones first, then the typologies' in the order of `scenarios`. */
  labels: ScenarioLabel[];
}

/**
 * Generates a labelled stream.
 * @example generateScenarios({ seed: 1, start: '2026-03-01T00:00:00Z', ordinaryCustomers: 200, days: 30, scenarios: ['structuring'] })
 */
export function generateScenarios(options: GenerateOptions): GeneratedStream {
  const ordinary = options.ordinaryCustomers ?? 1000;
  const days = options.days ?? 60;
  const start = Date.parse(options.start);
  if (!Number.isFinite(start)) throw new Error(`start ${JSON.stringify(options.start)} is not an ISO 8601 instant`);
  if (!Number.isInteger(ordinary) || ordinary < 0) throw new Error(`ordinaryCustomers must be a whole number ≥ 0, got ${ordinary}`);
  if (!(days >= 7)) throw new Error(`days must be at least 7 (the typologies play out over up to a week), got ${days}`);
  const scenarios = options.scenarios ?? SCENARIO_NAMES;
  for (const s of scenarios) if (!(s in TYPOLOGIES)) throw new Error(`unknown scenario ${JSON.stringify(s)}; known: ${SCENARIO_NAMES.join(', ')}`);
  const instances = options.instances ?? { min: 3, max: 5 };
  if (!(instances.min >= 0 && instances.max >= instances.min)) throw new Error(`instances must satisfy 0 ≤ min ≤ max, got ${JSON.stringify(instances)}`);

  const root = new Random(String(options.seed));
  const unique = new Unique();
  const sink = new Sink();
  // Addresses wanted per region: about three per ordinary customer in Japan, a few dozen elsewhere.
  const want = (r: IpRegion) => (r === 'JP' ? Math.ceil(ordinary * 3.2) + 400 : 64);
  const g: GenContext = {
    start,
    end: start + days * DAY,
    days,
    market: new Market(root.fork('market'), start, days),
    ips: new IpPools(options.ipsFor ?? documentationIps, want),
    unique,
    sink,
    customerId: (rng) => unique.take('customer', () => `C${rng.digits(7)}`),
  };

  const labels: ScenarioLabel[] = [];
  const household = {};
  const ordinaryCustomers: OrdinaryCustomer[] = [];
  for (let i = 0; i < ordinary; i++) {
    const c = ordinaryCustomer(g, root.fork(`ordinary/${i}`), household);
    ordinaryCustomers.push(c);
    labels.push({ customerId: c.actor.id, scenario: 'ordinary', expectedRules: [], profile: c.profile, ...(c.note ? { note: c.note } : {}) });
  }
  ordinaryPayments(g, root.fork('ordinary/payments'), ordinaryCustomers);
  for (const name of scenarios) {
    const rng = root.fork(`typology/${name}`);
    const n = rng.int(instances.min, instances.max);
    for (let k = 1; k <= n; k++) labels.push(...TYPOLOGIES[name](g, rng.fork(k), `${name}#${k}`));
  }
  return { events: finish(sink.drafts, options.seed), labels };
}

/** Sorts the drafts by time (ties in the order written) and gives them ids: `s<seed>-e<n>`. */
function finish(drafts: Draft[], seed: number): SekishoEvent[] {
  drafts.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const prefix = `s${seed.toString(36).replace('-', 'n')}-e`;
  const width = String(drafts.length).length;
  return drafts.map((d, i) => ({ id: `${prefix}${String(i + 1).padStart(width, '0')}`, occurredAt: new Date(d.at).toISOString(), ...d.body }) as SekishoEvent);
}
