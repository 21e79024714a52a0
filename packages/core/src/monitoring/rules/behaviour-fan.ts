/**
 * @module monitoring/rules/behaviour-fan
 * Rule 26: fan-in and fan-out. Many distinct senders paying into one account, or one account
 * paying out to many: the FSA's STR reference case for crypto exchanges ("an address that
 * receives from, or sends to, many addresses") and the collection and distribution legs of the
 * AMLSim typologies (research/monitoring.md rule 26, S5, S9 (2), §4).
 *
 * A count alone flags every merchant and every busy trader, so the window must also be well
 * above the customer's own past: the busiest earlier window of the same length in the 35 days
 * the history holds (HISTORY_MS: last month's payroll or rent run is in it, so a monthly run is
 * measured against the one before). A customer with no earlier window observed (new, or silent
 * before) is measured against the absolute count alone. The amounts must add up to something (dust sent
 * to an address from many wallets is an attack on the customer, not laundering by them).
 *
 * On AMLSim's 20K fan-in sample (helper research, /tmp/amlsim-research, not a dependency) a
 * distinct-sender count does not separate the laundering hubs from ordinary accounts: the hubs
 * get 1-4 laundering senders, and ordinary accounts reach 6 distinct senders in 7 days at the
 * 99th percentile. What separates them there is the same pair repeating within a day (rule 28,
 * repeat-counterparty), so this rule is not tuned to that file.
 */
import { z } from 'zod';
import type { SekishoEvent } from '../../events/schema.ts';
import { HISTORY_MS, WINDOWS, type Activity, type MonitoringContext, type RuleDefinition, type WindowName } from '../types.ts';
import { yen } from './facts.ts';
import { TRANSFER_EVENTS, WindowParam, currentActivity, graded, inWindow, ms, round2, sumJpy, windowText, withCurrent } from './behaviour-support.ts';

const params = z.strictObject({
  /** n distinct counterparties within window W; any pair that hits is enough. */
  windows: z.array(z.strictObject({ window: WindowParam, minDistinct: z.number().int().min(2).max(100_000) })).min(1).max(4),
  /** The window must have at least this many times the distinct counterparties of the customer's busiest earlier window. */
  baselineFactor: z.number().nonnegative(),
  /** The transfers of the window must add up to at least this. */
  minTotalJpy: z.number().nonnegative(),
});
type Params = z.infer<typeof params>;

/**
 * Defaults and their reasoning (the FSA case gives no number).
 * - 10 distinct in 7 days: a retail customer has a bank account and a few wallets; ten distinct
 *   third parties in a week is a business or a collection point. 5 in 24 hours: the same rate
 *   compressed into a burst (mule recruitment, scam proceeds arriving together).
 * - 3× the busiest earlier window: a jump, not a steady business that has always looked like this
 *   (which the relationship review, not an alert per transfer, should judge).
 * - JPY 500,000 in total: dust and tip-jar amounts stay out; the APTCP verification lines
 *   (JPY 100,000 to JPY 2M) are the scale of single transfers that matter.
 */
const defaults: Params = {
  windows: [
    { window: '24h', minDistinct: 5 },
    { window: '7d', minDistinct: 10 },
  ],
  baselineFactor: 3,
  minTotalJpy: 500_000,
};

const distinct = (activities: readonly Activity[]): number => new Set(activities.map((a) => a.counterparty).filter(Boolean)).size;

/**
 * The most distinct counterparties in any earlier window of the same length that the 35-day
 * history covers whole, or undefined when none is covered (the customer is newer than that, or
 * the window is the whole history).
 */
export function busiestEarlierWindow(flows: readonly Activity[], end: number, length: number, customerSince: string | undefined): number | undefined {
  const since = customerSince ? ms(customerSince) : -Infinity;
  let best: number | undefined;
  for (let k = 1; (k + 1) * length <= HISTORY_MS; k++) {
    const slotEnd = end - k * length;
    if (slotEnd - length < since) break;
    const n = distinct(inWindow(flows, slotEnd, length));
    best = Math.max(best ?? 0, n);
  }
  return best;
}

function fanRule(direction: 'in' | 'out'): RuleDefinition<Params> {
  const who = direction === 'in' ? 'senders' : 'recipients';
  return {
    id: direction === 'in' ? 'fan-in' : 'fan-out',
    no: 26,
    family: 'behaviour',
    title: direction === 'in' ? 'Fan-in: many distinct senders paying into the account' : 'Fan-out: the account paying out to many distinct recipients',
    source: 'FSA STR reference cases for crypto-asset exchanges (2019); FATF VA red flags (2020) group 2; AMLSim typologies (research/monitoring.md rule 26, S5, S9, §4)',
    events: TRANSFER_EVENTS,
    params,
    defaults,
    outcome: 'review',
    evaluate(event: SekishoEvent, ctx: MonitoringContext, p: Params) {
      const current = currentActivity(event, ctx);
      if (!current || current.flow !== direction) return undefined;
      const end = ms(current.at);
      const flows = withCurrent(ctx, current).filter((a) => a.flow === direction);
      let best: { score: number; window: WindowName; min: number; n: number; baseline?: number; total: number; counterparties: string[] } | undefined;
      for (const w of p.windows) {
        const length = WINDOWS[w.window];
        const members = inWindow(flows, end, length);
        const n = distinct(members);
        if (n < w.minDistinct) continue;
        const baseline = busiestEarlierWindow(flows, end, length, ctx.customerSince);
        if (baseline !== undefined && baseline > 0 && n < p.baselineFactor * baseline) continue;
        const total = sumJpy(members);
        if (total < p.minTotalJpy) continue;
        const score = graded(n, w.minDistinct, 0.5, 2);
        if (!best || score > best.score) best = { score, window: w.window, min: w.minDistinct, n, baseline, total, counterparties: [...new Set(members.map((a) => a.counterparty).filter((c): c is string => !!c))] };
      }
      if (!best) return undefined;
      const past =
        best.baseline === undefined
          ? 'no earlier period of the customer observed to compare with'
          : best.baseline === 0
            ? `none in the customer's earlier periods of ${windowText(best.window)}`
            : `the customer's busiest earlier period of ${windowText(best.window)} had ${best.baseline}; the rule asks for ${p.baselineFactor}× that`;
      return {
        score: best.score,
        reasons: [`${best.n} distinct ${who} within ${windowText(best.window)}, ${yen(best.total)} in total (rule: ${best.min} or more and ${yen(p.minTotalJpy)} or more; ${past})`],
        evidence: { direction, window: best.window, distinct: best.n, minDistinct: best.min, baseline: best.baseline ?? null, baselineFactor: p.baselineFactor, totalJpy: best.total, counterparties: best.counterparties.slice(0, 50), score: round2(best.score) },
      };
    },
  };
}

export const fanIn = fanRule('in');
export const fanOut = fanRule('out');
