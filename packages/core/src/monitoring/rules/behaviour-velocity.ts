/**
 * @module monitoring/rules/behaviour-velocity
 * Rule 28: velocity and repeat counterparties (research/monitoring.md rule 28; FATF VA red flags
 * (2020) group 2 "frequent transfers ... to the same account within a short period", S9; prior
 * art: Marble's aggregates, Tazama's velocity rules).
 * - `velocity`: too many transfers in an hour or a day;
 * - `repeat-counterparty`: the same destination (or the same source) again and again within a
 *   day.
 */
import { z } from 'zod';
import type { SekishoEvent } from '../../events/schema.ts';
import { WINDOWS, type MonitoringContext, type RuleDefinition, type WindowName } from '../types.ts';
import { yen } from './facts.ts';
import { TRANSFER_EVENTS, WindowParam, currentActivity, graded, inWindow, isTransfer, ms, round2, sumJpy, windowText, withCurrent } from './behaviour-support.ts';
import { isRegisteredWallet } from './travel-rule.ts';

// ——— velocity ———

const velocityParams = z.strictObject({
  /** Transfers (deposits, withdrawals, fiat in and out; not logins or trades) per window. */
  limits: z.array(z.strictObject({ window: WindowParam, count: z.number().int().min(1).max(1_000_000) })).min(1).max(4),
});
type VelocityParams = z.infer<typeof velocityParams>;

/**
 * - 5 transfers in 1 hour, 15 in 24 hours: a retail customer moves money a few times a month;
 *   a burst at this rate is scripted or relayed flow. Trades are not counted (a trading bot
 *   trades all day and is no red flag by that alone), nor logins.
 */
const velocityDefaults: VelocityParams = {
  limits: [
    { window: '1h', count: 5 },
    { window: '24h', count: 15 },
  ],
};

export const velocity: RuleDefinition<VelocityParams> = {
  id: 'velocity',
  no: 28,
  family: 'behaviour',
  title: 'Velocity: many transfers within an hour or a day',
  source: 'FATF VA red flags (2020) groups 1-2; Tazama and Marble velocity aggregates (research/monitoring.md rule 28, S9, §1)',
  events: TRANSFER_EVENTS,
  params: velocityParams,
  defaults: velocityDefaults,
  outcome: 'review',
  evaluate(event: SekishoEvent, ctx: MonitoringContext, p: VelocityParams) {
    const current = currentActivity(event, ctx);
    if (!current || !isTransfer(current)) return undefined;
    let best: { score: number; window: WindowName; limit: number; count: number; inJpy: number; outJpy: number } | undefined;
    for (const l of p.limits) {
      const w = ctx.windows[l.window];
      const count = w.inCount + w.outCount;
      if (count < l.count) continue;
      const score = graded(count, l.count, 0.4, 3);
      if (!best || score > best.score) best = { score, window: l.window, limit: l.count, count, inJpy: w.inJpy, outJpy: w.outJpy };
    }
    if (!best) return undefined;
    return {
      score: best.score,
      reasons: [`${best.count} transfers within ${windowText(best.window)} (in ${yen(best.inJpy)}, out ${yen(best.outJpy)}); rule: ${best.limit} or more`],
      evidence: { window: best.window, count: best.count, limit: best.limit, inJpy: best.inJpy, outJpy: best.outJpy, score: round2(best.score) },
    };
  },
};

// ——— repeat-counterparty ———

const repeatParams = z.strictObject({
  /** k transfers with the same counterparty ... */
  count: z.number().int().min(2).max(10_000),
  /** ... within this window. */
  window: WindowParam,
  /** Which directions: out (to the same destination, FATF's wording), in (from the same source). */
  directions: z.array(z.enum(['in', 'out'])).min(1).max(2),
});
type RepeatParams = z.infer<typeof repeatParams>;

/**
 * - 3 within 24 hours: sending a small test amount and then the main amount to a new address is
 *   ordinary crypto practice; a third and further transfers to the same place on the same
 *   day are the splitting FATF describes.
 * - Both directions: the AMLSim laundering patterns (helper research on the 20K samples) move
 *   money between the same pair 2-5 times within one step while no ordinary pair repeats, so the
 *   receiving account is seen by its incoming repeats.
 */
const repeatDefaults: RepeatParams = { count: 3, window: '24h', directions: ['in', 'out'] };

export const repeatCounterparty: RuleDefinition<RepeatParams> = {
  id: 'repeat-counterparty',
  no: 28,
  family: 'behaviour',
  title: 'Repeat counterparty: frequent transfers with the same address or account within a short period',
  source: 'FATF VA red flags (2020) group 2 (frequent transfers to the same account in a short period) (research/monitoring.md rule 28, S9)',
  events: TRANSFER_EVENTS,
  params: repeatParams,
  defaults: repeatDefaults,
  outcome: 'review',
  evaluate(event: SekishoEvent, ctx: MonitoringContext, p: RepeatParams) {
    const current = currentActivity(event, ctx);
    if (!current || !current.counterparty || (current.flow !== 'in' && current.flow !== 'out') || !p.directions.includes(current.flow)) return undefined;
    // Transfers between two customers are the transfer graph's (repeat-pair-burst, rule 28 too):
    // asking the same question here would raise a second alert for every burst.
    if (current.counterpartyKind === 'customer') return undefined;
    // The customer's own registered wallet: moving one's own funds out in parts is not FATF's
    // "frequent transfers to the same account"; splitting under a threshold is structuring's
    // question (rule 24) and the count velocity's, and both still see these withdrawals.
    if (event.type === 'withdrawal.requested' && isRegisteredWallet(ctx.customer, event.data.destinationAddress, event.data.chain)) return undefined;
    const same = inWindow(withCurrent(ctx, current), ms(current.at), WINDOWS[p.window]).filter((a) => a.flow === current.flow && a.counterparty === current.counterparty);
    if (same.length < p.count) return undefined;
    const total = sumJpy(same);
    const what = current.flow === 'out' ? 'to the same destination' : 'from the same source';
    return {
      score: graded(same.length, p.count, 0.4, 3),
      reasons: [`${same.length} transfers ${what} (${current.counterparty}${current.counterpartyKind ? `, ${current.counterpartyKind}` : ''}) within ${windowText(p.window)}, ${yen(total)} in total; rule: ${p.count} or more`],
      evidence: { direction: current.flow, counterparty: current.counterparty, counterpartyKind: current.counterpartyKind, count: same.length, minCount: p.count, window: p.window, totalJpy: total, eventIds: same.map((a) => a.eventId) },
    };
  },
};
