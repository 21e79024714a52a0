/**
 * @module monitoring/rules/behaviour-relay
 * Rule 32: nested-service / relay account. An account (typically a company's) that receives many
 * small transfers from diverse third parties and forwards them to many destinations, with the
 * outflow close to the inflow, funds that stay only hours, and activity round the clock: the
 * footprint of an undisclosed payment service or exchanger serving clients of its own, the
 * unregistered-VASP flag of FATF group 6 and the "third parties used to hide the true parties" of
 * FinCEN's Russia alert (research/monitoring.md rule 32, S9, S10). All conditions must hold:
 * each alone is an ordinary business (many customers, a payroll, a global team).
 */
import { z } from 'zod';
import type { SekishoEvent } from '../../events/schema.ts';
import { WINDOWS, type Activity, type MonitoringContext, type RuleDefinition } from '../types.ts';
import { yen } from './facts.ts';
import { HOUR, TRANSFER_EVENTS, WindowParam, clamp01, currentActivity, inWindow, isTransfer, ms, round2, sumJpy, windowText, withCurrent } from './behaviour-support.ts';

const params = z.strictObject({
  window: WindowParam,
  minDistinctIn: z.number().int().min(1).max(1_000_000),
  minDistinctOut: z.number().int().min(1).max(1_000_000),
  /** Out ÷ in over the window must lie within [min, max]. */
  turnover: z.strictObject({ min: z.number().nonnegative(), max: z.number().nonnegative() }).refine((t) => t.min <= t.max, 'turnover.min must not exceed turnover.max'),
  /** The average time a yen of the window's inflow stayed (first in, first out), at most this many hours. */
  maxRetentionHours: z.number().nonnegative(),
  /** Transfers in at least this many distinct hours of the day (0-23). */
  minActiveHours: z.number().int().min(1).max(24),
  /** "Small": the median incoming transfer at most this. */
  maxMedianInJpy: z.number().nonnegative(),
  /** The inflow of the window at least this (a relay of pocket money is no case). */
  minInJpy: z.number().nonnegative(),
});
type Params = z.infer<typeof params>;

/**
 * Defaults and their reasoning (the typology has no published figures).
 * - 7 days, 10 distinct senders and 10 distinct recipients: the fan-in and fan-out bases of rule
 *   26 at once.
 * - Turnover 0.8-1.2: nearly everything that comes in goes out (a fee or a float either way).
 * - 24 hours' retention: a treasury or a market maker holds funds for days; a relay forwards
 *   them the same day.
 * - 18 of 24 hours: a business in one time zone works 8-12 hours a day; 18 distinct hours in a
 *   week is round-the-clock, automated or served across time zones.
 * - Median inflow JPY 1M: "small" transfers, under the APTCP JPY 2M line by half.
 * - JPY 1M in the window: below it the case is not worth an analyst's day.
 */
const defaults: Params = {
  window: '7d',
  minDistinctIn: 10,
  minDistinctOut: 10,
  turnover: { min: 0.8, max: 1.2 },
  maxRetentionHours: 24,
  minActiveHours: 18,
  maxMedianInJpy: 1_000_000,
  minInJpy: 1_000_000,
};

/**
 * The average time a yen that came in after `from` stayed, matching outflows to inflows first in,
 * first out over all the flows given (the history, 35 days, so that an outflow early in the window
 * is matched to the older money it most likely came from, not to the window's new deposits).
 * What is still held at `end` counts as held until then (a lower bound for it). Outflows with no
 * inflow left to match (a balance older than the history) are ignored. With a standing balance B
 * and a throughput R this is B / R (Little's law): a relay keeps B small, a treasury large.
 */
export function meanRetentionMs(flows: readonly Activity[], end: number, from = -Infinity): number {
  const sorted = [...flows].sort((a, b) => ms(a.at) - ms(b.at));
  const queue: { t: number; left: number }[] = [];
  let head = 0;
  let weighted = 0;
  let total = 0;
  for (const a of sorted) {
    const t = ms(a.at);
    if (a.flow === 'in' && (a.amountJpy ?? 0) > 0) {
      queue.push({ t, left: a.amountJpy! });
      if (t > from) total += a.amountJpy!;
      continue;
    }
    if (a.flow !== 'out') continue;
    let need = a.amountJpy ?? 0;
    while (need > 0 && head < queue.length) {
      const q = queue[head]!;
      const take = Math.min(need, q.left);
      if (q.t > from) weighted += take * (t - q.t);
      q.left -= take;
      need -= take;
      if (q.left === 0) head++;
    }
  }
  for (let i = head; i < queue.length; i++) if (queue[i]!.t > from) weighted += queue[i]!.left * (end - queue[i]!.t);
  return total > 0 ? weighted / total : 0;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const relayAccount: RuleDefinition<Params> = {
  id: 'relay-account',
  no: 32,
  family: 'behaviour',
  title: 'Nested service / relay: many small third-party transfers forwarded to many destinations, round the clock',
  source: 'FATF VA red flags (2020) group 6 (unregistered VASPs); FinCEN FIN-2022-Alert001 (third parties, corporate vehicles) (research/monitoring.md rule 32, S9, S10)',
  events: TRANSFER_EVENTS,
  params,
  defaults,
  outcome: 'review',
  evaluate(event: SekishoEvent, ctx: MonitoringContext, p: Params) {
    const current = currentActivity(event, ctx);
    if (!current || !isTransfer(current)) return undefined;
    const end = ms(current.at);
    const all = withCurrent(ctx, current).filter(isTransfer);
    const length = WINDOWS[p.window];
    const flows = inWindow(all, end, length);
    const ins = flows.filter((a) => a.flow === 'in');
    const outs = flows.filter((a) => a.flow === 'out');
    const distinctIn = new Set(ins.map((a) => a.counterparty).filter(Boolean)).size;
    const distinctOut = new Set(outs.map((a) => a.counterparty).filter(Boolean)).size;
    if (distinctIn < p.minDistinctIn || distinctOut < p.minDistinctOut) return undefined;
    const inJpy = sumJpy(ins);
    const outJpy = sumJpy(outs);
    if (inJpy < p.minInJpy || inJpy === 0) return undefined;
    const turnover = outJpy / inJpy;
    if (turnover < p.turnover.min || turnover > p.turnover.max) return undefined;
    const medianIn = median(ins.map((a) => a.amountJpy ?? 0));
    if (medianIn > p.maxMedianInJpy) return undefined;
    const hours = new Set(flows.map((a) => new Date(a.at).getUTCHours())).size;
    if (hours < p.minActiveHours) return undefined;
    const retention = meanRetentionMs(all.filter((a) => ms(a.at) <= end), end, end - length);
    if (retention > p.maxRetentionHours * HOUR) return undefined;

    const legal = ctx.customer?.type === 'legal';
    // A company is the typical relay (the research's "typically corporate"): it starts higher.
    const breadth = Math.min(1, (distinctIn / p.minDistinctIn - 1 + distinctOut / p.minDistinctOut - 1) / 2);
    const speed = p.maxRetentionHours > 0 ? 1 - retention / (p.maxRetentionHours * HOUR) : 1;
    const score = clamp01((legal ? 0.6 : 0.4) + 0.2 * breadth + 0.2 * speed);
    return {
      score,
      reasons: [
        `Within ${windowText(p.window)}: ${ins.length} incoming transfers from ${distinctIn} distinct senders (median ${yen(medianIn)}) and ${outs.length} outgoing to ${distinctOut} distinct recipients; out ${yen(outJpy)} against in ${yen(inJpy)} (turnover ${round2(turnover)}), funds held ${round2(retention / HOUR)} h on average, transfers in ${hours} distinct hours of the day. Rule: ${p.minDistinctIn}+ senders, ${p.minDistinctOut}+ recipients, turnover ${p.turnover.min}-${p.turnover.max}, at most ${p.maxRetentionHours} h held, ${p.minActiveHours}+ hours of the day, median inflow at most ${yen(p.maxMedianInJpy)}`,
        `The account may be relaying for clients of its own${legal ? ' (a legal person)' : ''}: ask the customer what its business is and for the KYC of its underlying clients`,
      ],
      evidence: { window: p.window, incoming: ins.length, outgoing: outs.length, distinctIn, distinctOut, inJpy, outJpy, turnover: round2(turnover), medianInJpy: medianIn, retentionHours: round2(retention / HOUR), activeHours: hours, legal },
    };
  },
};
