/**
 * @module monitoring/rules/flows
 * Rules over the transfer graph between customers (monitoring/graph.ts): what the graph found
 * about the transfer behind the event, put into the context by the server as `graph`.
 * - 28 repeat-pair-burst: the same sender paid the same receiver k times within 24 hours;
 * - 26 flow-cycle: one amount travels round three or more accounts back to where it started;
 * - 25 exact-pass-through: the customer passed on the exact amount it received, to someone else;
 * - 26 fan-in-burst: several senders each pay the same receiver in bursts;
 * - 26 fan-out-burst: the mirror, one sender pays several receivers each in bursts.
 * Each rule flags the event's customer: the transfer's sender or receiver, whichever the event is
 * for. Without graph findings (a deposit from outside the exchange, a server without the graph)
 * none of them hits.
 *
 * Sources: research/monitoring.md §3.2 rules 25, 26, 28 (FATF VA red flags 2020 group 2 [S9],
 * FSA STR reference cases [S5], FinCEN FIN-2022-Alert001 [S10]) and the AMLSim typologies (§4).
 * The defaults were checked on the labelled AMLSim graphs in ../shared/monitoring-data/amlsim
 * (flows.test.ts prints precision and recall) and chosen so that ordinary exchange behaviour —
 * monthly rent, payroll, two friends settling up, round sums — does not hit.
 */
import { z } from 'zod';
import type { SekishoEvent } from '../../events/schema.ts';
import type { FlowCycle, GraphFindings, PassMatch } from '../graph.ts';
import type { MonitoringContext, RuleDefinition } from '../types.ts';

const SOURCE_25 = 'FATF VA red flags (2020) group 2, rapid in-out [S9]; FinCEN FIN-2022-Alert001 [S10] (research/monitoring.md rule 25)';
const SOURCE_26 = 'FSA STR reference cases for crypto-asset exchanges (2019) [S5]; FATF VA red flags (2020) group 2 [S9]; AMLSim cycle and fan-in typologies (research/monitoring.md rule 26, §4)';
const SOURCE_28 = 'FATF VA red flags (2020) group 2, frequent transfers to the same address in a short period [S9] (research/monitoring.md rule 28)';

/** The event types that can stand for a transfer between two customers. */
const FLOW_EVENTS = ['fiat.transfer', 'trade', 'deposit.detected', 'withdrawal.requested'] as const;

type Role = 'sender' | 'receiver';

/** The graph findings the server put into the context (the lead adds `graph?: GraphFindings` to MonitoringContext). */
export function graphOf(ctx: MonitoringContext): GraphFindings | undefined {
  return (ctx as MonitoringContext & { graph?: GraphFindings }).graph;
}

/** Which end of the transfer the event's customer is; undefined when the findings are about another transfer. */
function roleOf(event: SekishoEvent, g: GraphFindings): Role | undefined {
  const customer = event.customerId;
  if (customer === g.edge.from) return 'sender';
  if (customer === g.edge.to) return 'receiver';
  return undefined;
}

const DAY = 86_400_000;
const day = (at: number): string => new Date(at).toISOString().slice(0, 10);
const days = (msValue: number): string => (msValue < 2 * DAY ? `${Math.round((msValue / 3_600_000) * 10) / 10} h` : `${Math.round((msValue / DAY) * 10) / 10} days`);
const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
/** Amounts as the graph holds them (the server gives yen; AMLSim gives its own units). */
const amountText = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Significant digits of an amount: 10,000 has one, 15,000 two, 123,456 six, 3.76 three. Round
 * sums coincide all the time between unrelated payments; an exact match of a non-round amount is
 * what says "the same money".
 */
export function significantDigits(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 0;
  const digits = x.toPrecision(15).replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length;
}

// ---------------------------------------------------------------------------------------------
// 28: repeat-pair burst

const burstParams = z.strictObject({
  /** Transfers of the pair within the graph's burst window (24 h), this one included, that hit. */
  minCount: z.number().int().min(2),
  /** The same for a trade event: matched trades between the same two customers are often partial fills against one market maker, so it takes many more. */
  minCountTrade: z.number().int().min(2),
});
type BurstParams = z.infer<typeof burstParams>;

/**
 * Three transfers from one customer to the same customer within 24 hours. Monthly rent, payroll,
 * a loan repaid in instalments or a friend paid back once are one transfer a day at most; a second
 * on the same day happens (a correction, a forgotten item), a third rarely. AMLSim's laundering
 * hops repeat 1–5 times on the same day while its ordinary pairs never repeat: k = 3 finds 80–87%
 * of its active laundering accounts, k = 2 90–94%, both without a false hit (flows.test.ts); k = 2
 * would be too eager on real customers.
 */
export const repeatPairBurst: RuleDefinition<BurstParams> = {
  id: 'repeat-pair-burst',
  no: 28,
  family: 'network',
  title: 'Repeated transfers between the same two customers within 24 hours',
  source: SOURCE_28,
  events: FLOW_EVENTS,
  params: burstParams,
  defaults: { minCount: 3, minCountTrade: 10 },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const g = graphOf(ctx);
    if (!g) return undefined;
    const role = roleOf(event, g);
    if (!role) return undefined;
    const { count, windowMs, amounts, firstAt } = g.pairBurst;
    const min = event.type === 'trade' ? p.minCountTrade : p.minCount;
    if (count < min) return undefined;
    const other = role === 'sender' ? g.edge.to : g.edge.from;
    const what = event.type === 'trade' ? 'matched trades' : 'transfers';
    const total = amounts.reduce((s, x) => s + (Number.isFinite(x) ? x : 0), 0);
    return {
      // 0.5 at the threshold, 1 at twice it.
      score: clamp01(0.5 + (0.5 * (count - min)) / min),
      reasons: [
        `${count} ${what} from ${g.edge.from} to ${g.edge.to} within ${days(windowMs)} (since ${new Date(firstAt).toISOString()}), ${amountText(total)} in total: ` +
          `at or over ${min} with the same ${role === 'sender' ? 'recipient' : 'sender'} (${other}) in one day, which ordinary payments between two customers (rent, payroll, paying a friend back) do not reach`,
      ],
      evidence: { role, from: g.edge.from, to: g.edge.to, count, minCount: min, windowMs, amounts: amounts.slice(0, 20), total, firstAt: new Date(firstAt).toISOString() },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// 26: flow cycle

const cycleParams = z.strictObject({
  /** Largest relative difference of any hop's amount from this transfer's (the graph searches up to its own tolerance, 1%). */
  maxDeviation: z.number().nonnegative(),
  /** Fewest distinct accounts on the cycle: two customers paying each other back is no cycle. */
  minAccounts: z.number().int().min(3),
  /** Longest time between the cycle's first and last hop. AMLSim cycles span up to 116 days. */
  maxSpanDays: z.number().nonnegative(),
});
type CycleParams = z.infer<typeof cycleParams>;

/** 0.6 for a 1%-matched three-account cycle, rising with a closer match and more accounts (a longer chain of equal amounts is less likely by chance). */
function cycleScore(c: FlowCycle, p: CycleParams, maxAccounts: number): number {
  const match = p.maxDeviation > 0 ? 1 - Math.min(1, c.maxDeviation / p.maxDeviation) : 1;
  const length = maxAccounts > 3 ? (Math.min(c.accounts.length, maxAccounts) - 3) / (maxAccounts - 3) : 0;
  return clamp01(0.6 + 0.25 * match + 0.15 * length);
}

/**
 * The transfer belongs to a cycle of at least three accounts that carries (nearly) the same
 * amount on every hop back to where it started: layering that returns the funds, the AMLSim cycle
 * typology. Hop times may be in any order and weeks apart. Two friends settling up have two
 * accounts, and three unrelated payments of the same non-round amount forming a ring are rare.
 */
export const flowCycle: RuleDefinition<CycleParams> = {
  id: 'flow-cycle',
  no: 26,
  family: 'network',
  title: 'The same amount travels round a cycle of accounts back to its origin',
  source: SOURCE_26,
  events: FLOW_EVENTS,
  params: cycleParams,
  defaults: { maxDeviation: 0.01, minAccounts: 3, maxSpanDays: 180 },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const g = graphOf(ctx);
    if (!g || !roleOf(event, g)) return undefined;
    const maxAccounts = g.cycleSearch.maxHops;
    const cycles = g.cycles
      .filter((c) => c.accounts.length >= p.minAccounts && c.maxDeviation <= p.maxDeviation + 1e-12 && c.spanMs <= p.maxSpanDays * DAY)
      .map((c) => ({ c, score: cycleScore(c, p, maxAccounts) }))
      .sort((x, y) => y.score - x.score);
    const best = cycles[0];
    if (!best) return undefined;
    const { c } = best;
    const ring = [...c.accounts, c.accounts[0]!].join(' → ');
    return {
      score: best.score,
      reasons: [
        `${amountText(g.edge.amount)} travels round a cycle of ${c.accounts.length} accounts back to its origin: ${ring}; ` +
          `every hop within ${pct(c.maxDeviation)} of this transfer's amount (rule: ${pct(p.maxDeviation)}), hops from ${day(Math.min(...c.hops.map((h) => h.at)))} to ${day(Math.max(...c.hops.map((h) => h.at)))} (${days(c.spanMs)})` +
          (cycles.length > 1 ? `; ${cycles.length - 1} more such cycle(s) through this transfer` : ''),
      ],
      evidence: {
        accounts: c.accounts,
        hops: c.hops.map((h) => ({ from: h.from, to: h.to, amount: h.amount, at: new Date(h.at).toISOString(), key: h.key })),
        maxDeviation: c.maxDeviation,
        spanDays: c.spanMs / DAY,
        cycles: cycles.length,
        searchTruncated: g.cycleSearch.truncated,
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// 25: exact pass-through

const passParams = z.strictObject({
  /** Relative difference between the amount in and out that still counts (0: exact; the graph looks up to 0.5%). */
  tolerance: z.number().nonnegative(),
  /** Fewest significant digits of the amount: round sums (10,000; 50,000) coincide between unrelated payments. */
  minSignificantDigits: z.number().int().nonnegative(),
});
type PassParams = z.infer<typeof passParams>;

/**
 * The customer received an amount from one account and sent the same amount to another within
 * the graph's window (90 days), in either order: the account is a relay, not where the money
 * belongs. On the AMLSim cycle sample an exact match flags accounts of which 99% launder; a 0.1%
 * band 71%, a 0.5% band 36% (and 13% / 9% on the fan-in sample), so the default asks for the
 * exact amount, and for a non-round one.
 */
export const exactPassThrough: RuleDefinition<PassParams> = {
  id: 'exact-pass-through',
  no: 25,
  family: 'network',
  title: 'The exact amount received from one customer passed on to another',
  source: SOURCE_25,
  events: FLOW_EVENTS,
  params: passParams,
  defaults: { tolerance: 0, minSignificantDigits: 3 },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const g = graphOf(ctx);
    if (!g) return undefined;
    const role = roleOf(event, g);
    if (!role) return undefined;
    const tol = Math.min(p.tolerance, g.passThrough.tolerance);
    const matches = (role === 'sender' ? g.passThrough.sender : g.passThrough.receiver).filter((m: PassMatch) => m.deviation <= tol + 1e-12);
    const m = matches[0];
    if (!m || significantDigits(g.edge.amount) < p.minSignificantDigits) return undefined;
    const [inFrom, inAt, outTo, outAt] = role === 'sender' ? [m.counterparty, m.at, g.edge.to, g.edge.at] : [g.edge.from, g.edge.at, m.counterparty, m.at];
    const gap = Math.abs(outAt - inAt);
    return {
      // 0.6 for a match a window apart, 0.9 for one on the same day; +0.1 when exact.
      score: clamp01(0.6 + 0.3 * (1 - gap / g.passThrough.windowMs) + (m.deviation === 0 ? 0.1 : 0)),
      reasons: [
        `${m.account} received ${amountText(role === 'sender' ? m.amount : g.edge.amount)} from ${inFrom} on ${day(inAt)} and sent ${amountText(role === 'sender' ? g.edge.amount : m.amount)} to ${outTo} on ${day(outAt)}` +
          ` (${m.deviation === 0 ? 'the exact amount' : `${pct(m.deviation)} apart`}, ${days(gap)} apart; rule: within ${pct(tol)} and ${days(g.passThrough.windowMs)})` +
          (matches.length > 1 ? `; ${matches.length - 1} more matching transfer(s)` : ''),
      ],
      evidence: { role, account: m.account, amount: g.edge.amount, inFrom, inAt: new Date(inAt).toISOString(), outTo, outAt: new Date(outAt).toISOString(), deviation: m.deviation, gapDays: gap / DAY, matches: matches.length },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// 26: fan-in and fan-out of bursts

type Burst = { account: string; count: number };

/** The counterparties of a fan answer with `burstCount` or more transfers in one day, when at least `min` have and `member` is one of them; the first ten as text. */
function burstingOf(fan: { bursts: Burst[] }, burstCount: number, min: number, member: string): { bursting: Burst[]; list: string } | undefined {
  const bursting = fan.bursts.filter((b) => b.count >= burstCount);
  if (bursting.length < min || !bursting.some((b) => b.account === member)) return undefined;
  const list = bursting.slice(0, 10).map((b) => `${b.account} (${b.count})`).join(', ') + (bursting.length > 10 ? ', …' : '');
  return { bursting, list };
}

/** 0.55 at the thresholds; more counterparties bursting and bigger bursts raise it. */
const fanScore = (bursting: Burst[], min: number, burstCount: number): number => clamp01(0.55 + 0.1 * (bursting.length - min) + 0.05 * (bursting[0]!.count - burstCount));

const fanInParams = z.strictObject({
  /** Fewest distinct senders that each burst into the receiver. */
  minSenders: z.number().int().min(2),
  /** Transfers of one sender within the burst window (24 h) that make a burst. */
  burstCount: z.number().int().min(2),
});
type FanInParams = z.infer<typeof fanInParams>;

/**
 * Two or more senders each paying the same receiver several times within a day, over the graph's
 * fan-in window (90 days), and this transfer's sender is one of them: the AMLSim fan-in shape
 * (senders spread over weeks, each a same-day burst). Counting distinct senders alone catches every shop and
 * payroll account and, on AMLSim, separates nothing; the bursts do. It flags the receiver (the
 * hub) and, on a sender's own event, the bursting sender.
 */
export const fanInBurst: RuleDefinition<FanInParams> = {
  id: 'fan-in-burst',
  no: 26,
  family: 'network',
  title: 'Several senders each paying the same customer in bursts',
  source: SOURCE_26,
  events: FLOW_EVENTS,
  params: fanInParams,
  defaults: { minSenders: 2, burstCount: 2 },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const g = graphOf(ctx);
    if (!g) return undefined;
    const role = roleOf(event, g);
    if (!role) return undefined;
    const fan = g.fanIn;
    const found = fan && burstingOf(fan, p.burstCount, p.minSenders, g.edge.from);
    if (!fan || !found) return undefined;
    const { bursting, list } = found;
    const who = role === 'receiver' ? `${g.edge.to} receives` : `${g.edge.from} is one of the senders bursting into ${g.edge.to}, which receives`;
    return {
      score: fanScore(bursting, p.minSenders, p.burstCount),
      reasons: [
        `${who} bursts from ${bursting.length} senders within ${days(fan.windowMs)} (transfers within one day: ${list}); ` +
          `rule: ${p.minSenders} or more senders with ${p.burstCount} or more transfers in one day; ${fan.senders} distinct senders in all`,
      ],
      evidence: { role, receiver: g.edge.to, bursting: bursting.slice(0, 50), senders: fan.senders, windowMs: fan.windowMs, truncated: fan.truncated },
    };
  },
};

const fanOutParams = z.strictObject({
  /** Fewest distinct receivers the sender pays in bursts. */
  minReceivers: z.number().int().min(2),
  /** Transfers to one receiver within the burst window (24 h) that make a burst. */
  burstCount: z.number().int().min(2),
});
type FanOutParams = z.infer<typeof fanOutParams>;

/**
 * The mirror of fan-in-burst: one sender paying two or more receivers several times within a day
 * each, over the graph's fan window (90 days), and this transfer's receiver is one of them (AMLSim's
 * fan-out typology: the hub splits funds over accounts in same-day bursts). Payroll, rent and
 * suppliers are paid once a day at most per payee; paying each of several payees repeatedly on
 * one day is what this looks for. It flags the sender (the hub) and, on a receiver's own event,
 * the receiver paid in bursts. Checked on the AMLSim fan-in graph with every transfer reversed
 * (rules/flows.test.ts): the shape fan-in-burst finds there, this finds reversed.
 */
export const fanOutBurst: RuleDefinition<FanOutParams> = {
  id: 'fan-out-burst',
  no: 26,
  family: 'network',
  title: 'One customer paying several customers each in bursts',
  source: SOURCE_26,
  events: FLOW_EVENTS,
  params: fanOutParams,
  defaults: { minReceivers: 2, burstCount: 2 },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const g = graphOf(ctx);
    if (!g) return undefined;
    const role = roleOf(event, g);
    if (!role) return undefined;
    const fan = g.fanOut;
    const found = fan && burstingOf(fan, p.burstCount, p.minReceivers, g.edge.to);
    if (!fan || !found) return undefined;
    const { bursting, list } = found;
    const who = role === 'sender' ? `${g.edge.from} pays` : `${g.edge.to} is one of the receivers ${g.edge.from} pays in bursts; ${g.edge.from} pays`;
    return {
      score: fanScore(bursting, p.minReceivers, p.burstCount),
      reasons: [
        `${who} ${bursting.length} receivers in bursts within ${days(fan.windowMs)} (transfers within one day: ${list}); ` +
          `rule: ${p.minReceivers} or more receivers with ${p.burstCount} or more transfers in one day; ${fan.receivers} distinct receivers in all`,
      ],
      evidence: { role, sender: g.edge.from, bursting: bursting.slice(0, 50), receivers: fan.receivers, windowMs: fan.windowMs, truncated: fan.truncated },
    };
  },
};

export const FLOW_RULES: readonly RuleDefinition<any>[] = [repeatPairBurst, flowCycle, exactPassThrough, fanInBurst, fanOutBurst];
