/**
 * @module monitoring/rules/behaviour-profile
 * Rule 27: profile deviation, three ways (research/monitoring.md rule 27; FSA STR reference cases
 * "amounts out of line with the customer's income or assets", S5; FATF VA red flags (2020) group
 * 1 "regular activity followed by inactivity" and group 2 "a new user ... a large initial
 * deposit", S9):
 * - `profile-volume`: the value moved in 30 days is far above what the customer's profile
 *   supports. It alerts once per crossing: on the transfer that takes the 30-day volume from
 *   below the line to at or above it, not on every transfer while the volume stays over it.
 *   The condition is one finding about the customer, and one alert per transfer buried it under
 *   copies (the AMLSim replay, BENCHMARKS.md: thousands of alerts on a few dozen accounts). Once
 *   old activity leaves the window and the volume falls below the line, the next crossing is a
 *   new finding and alerts again;
 * - `new-account-large-deposit`: a young account whose deposits since opening reach a large sum;
 * - `dormant-reactivation`: an account silent for months that suddenly moves large sums.
 *
 * The customer record has no declared income, assets or expected volume (the KYC form's 年収,
 * 金融資産 and 取引目的 fields). What stands in for them: the kind of customer (person or legal
 * person), the exchange's own risk rating, and for a person an occupation that implies little
 * income (student, unemployed, homemaker, part-time). Dormancy needs the date of the last
 * activity before the 35 days of history the context holds: the server supplies it as
 * `lastActivityAt` (the latest transfer or trade its store holds before the window). Where
 * nothing is known before the history (a store or a replay that starts with the account
 * already open), the rule stays silent unless the configuration sets
 * `assumeDormantBeyondHistory`: then a customer of long standing with no value activity in the
 * history before the reactivation window counts as dormant for at least the silence the history
 * shows, and the reason says so. It is off by default because an empty history is just as often
 * a store that started recently (a new deployment, the first days of a backtest replay), which
 * would flag every old customer's first large week.
 */
import { z } from 'zod';
import type { Customer } from '../../customers/schema.ts';
import type { SekishoEvent } from '../../events/schema.ts';
import { HISTORY_MS, WINDOWS, type MonitoringContext, type RuleDefinition } from '../types.ts';
import { yen } from './facts.ts';
import { DAY, TRANSFER_EVENTS, WindowParam, clamp01, currentActivity, graded, inWindow, isTransfer, isValueActivity, ms, round2, sumJpy, windowText, withCurrent } from './behaviour-support.ts';

// ——— profile-volume ———

const volumeParams = z.strictObject({
  /** What a profile supports in 30 days, in yen moved (the larger of in and out). */
  expectedMonthlyJpy: z.strictObject({ person: z.number().nonnegative(), legal: z.number().nonnegative(), lowIncomePerson: z.number().nonnegative() }),
  /** The exchange's risk rating scales the expectation: a high-risk customer is looked at sooner. */
  riskFactor: z.strictObject({ low: z.number().nonnegative(), medium: z.number().nonnegative(), high: z.number().nonnegative() }),
  /** Alert when the 30-day volume reaches this many times the expectation (once per crossing). */
  multiple: z.number().positive(),
  /** Occupations (case-insensitive substrings, any script) that imply little income. */
  lowIncomeOccupations: z.array(z.string().min(1).max(100)).max(100),
});
type VolumeParams = z.infer<typeof volumeParams>;

/**
 * Defaults and their reasoning (no regulation sets them; an exchange replaces them with its own
 * segment figures once it has them).
 * - Person JPY 3M a month: about three quarters of the median household's annual income (JPY
 *   4.05M, MHLW Comprehensive Survey of Living Conditions 2023) passing through in a month is
 *   already generous for a salaried retail investor; the alert at 3× is JPY 9M in 30 days.
 * - Legal person JPY 30M: ten times a person, a small company's monthly turnover; alert at JPY 90M.
 * - Low-income person JPY 500,000: a student or a homemaker moving JPY 1.5M in a month is the
 *   FSA case "out of line with income". Retired people are not on the list: in Japan they hold
 *   most household financial assets.
 * - Risk factors 1.5 / 1 / 0.5: the FSA AML/CFT Guidelines' risk-based approach, closer watch
 *   on customers the exchange rates high.
 */
const volumeDefaults: VolumeParams = {
  expectedMonthlyJpy: { person: 3_000_000, legal: 30_000_000, lowIncomePerson: 500_000 },
  riskFactor: { low: 1.5, medium: 1, high: 0.5 },
  multiple: 3,
  lowIncomeOccupations: ['student', 'unemployed', 'homemaker', 'housewife', 'househusband', 'part-time', 'part time', '学生', '無職', '主婦', '主夫', '専業', 'パート', 'アルバイト', 'フリーター'],
};

/** What the customer's profile supports in 30 days, and what that was derived from. */
export function expectedVolume(customer: Customer | undefined, p: VolumeParams): { jpy: number; basis: string } {
  const rating = customer?.riskRating ?? 'medium';
  const factor = p.riskFactor[rating];
  if (customer?.type === 'legal') return { jpy: p.expectedMonthlyJpy.legal * factor, basis: `legal person, risk rating ${rating}` };
  const occupation = customer?.type === 'person' ? customer.occupation : undefined;
  const low = occupation && p.lowIncomeOccupations.some((o) => occupation.toLowerCase().includes(o.toLowerCase()));
  if (low) return { jpy: p.expectedMonthlyJpy.lowIncomePerson * factor, basis: `person with occupation "${occupation}", risk rating ${rating}` };
  return { jpy: p.expectedMonthlyJpy.person * factor, basis: `${customer ? 'person' : 'unknown customer, read as a person'}, risk rating ${rating}` };
}

export const profileVolume: RuleDefinition<VolumeParams> = {
  id: 'profile-volume',
  no: 27,
  family: 'behaviour',
  title: 'Profile deviation: 30-day volume far above what the customer’s profile supports',
  source: 'FSA STR reference cases for crypto-asset exchanges (2019); FATF VA red flags (2020) group 1 (research/monitoring.md rule 27, S5, S9)',
  events: TRANSFER_EVENTS,
  params: volumeParams,
  defaults: volumeDefaults,
  outcome: 'review',
  evaluate(event: SekishoEvent, ctx: MonitoringContext, p: VolumeParams) {
    const current = currentActivity(event, ctx);
    if (!current || !isTransfer(current)) return undefined;
    const w = ctx.windows['30d'];
    const amount = current.amountJpy ?? 0;
    // The windows hold ctx.activity (windowsAt; MonitoringContext.windows: "this event
    // included"). A context without ctx.activity has windows without this event, and
    // currentActivity derived it from the event: add it, so "with" and "without" mean the same
    // either way.
    const held = ctx.activity !== undefined;
    const inJpy = w.inJpy + (!held && current.flow === 'in' ? amount : 0);
    const outJpy = w.outJpy + (!held && current.flow === 'out' ? amount : 0);
    // The larger of in and out, not their sum: money that comes in and leaves again is counted once.
    const volume = Math.max(inJpy, outJpy);
    const previous = Math.max(inJpy - (current.flow === 'in' ? amount : 0), outJpy - (current.flow === 'out' ? amount : 0));
    const expected = expectedVolume(ctx.customer, p);
    const limit = expected.jpy * p.multiple;
    // Over the line: at or above it, and something moved (a zero limit is not crossed by nothing).
    const over = (v: number) => v >= limit && v > 0;
    // Once per crossing (module comment): the volume without this transfer was not over the line.
    if (!over(volume) || over(previous)) return undefined;
    return {
      score: graded(volume, limit, 0.4, 3),
      reasons: [`${yen(volume)} moved in the last 30 days (in ${yen(inJpy)}, out ${yen(outJpy)}; ${yen(previous)} before this transfer), ${round2(volume / Math.max(1, expected.jpy))}× the ${yen(expected.jpy)} a month expected for a ${expected.basis}; rule: ${p.multiple}× (${yen(limit)}), alerted once when the volume crosses it. The record declares no income or expected volume: ask for the source of funds`],
      evidence: { volumeJpy: volume, previousVolumeJpy: previous, inJpy, outJpy, expectedJpy: expected.jpy, limitJpy: limit, basis: expected.basis, multiple: p.multiple },
    };
  },
};

// ——— new-account-large-deposit ———

const newParams = z.strictObject({
  /** An account this young (days since customerSince) is new. At most 30: older accounts have history the context no longer holds. */
  newDays: z.number().positive().max(30),
  /** Deposits since opening reaching this (person, legal person) alert, once, on the deposit that crosses it. */
  thresholdJpy: z.strictObject({ person: z.number().nonnegative(), legal: z.number().nonnegative() }),
});
type NewParams = z.infer<typeof newParams>;

/**
 * - 30 days new: the history the context holds, so "everything since opening" is known.
 * - JPY 2M for a person: the APTCP large-transaction line (Enforcement Order Art. 7: exchanges
 *   and cash over JPY 2M), and above what most retail customers start with; JPY 20M for a legal
 *   person (ten times, as in profile-volume).
 */
const newDefaults: NewParams = { newDays: 30, thresholdJpy: { person: 2_000_000, legal: 20_000_000 } };

export const newAccountLargeDeposit: RuleDefinition<NewParams> = {
  id: 'new-account-large-deposit',
  no: 27,
  family: 'behaviour',
  title: 'Profile deviation: a new account receiving a large first deposit',
  source: 'FATF VA red flags (2020) group 2 (new user, large initial deposit); FSA STR reference cases (2019) (research/monitoring.md rule 27, S5, S9)',
  events: ['deposit.detected', 'fiat.transfer'],
  params: newParams,
  defaults: newDefaults,
  outcome: 'review',
  evaluate(event: SekishoEvent, ctx: MonitoringContext, p: NewParams) {
    const current = currentActivity(event, ctx);
    if (!current || current.flow !== 'in' || !ctx.customerSince) return undefined;
    const since = ms(ctx.customerSince);
    const end = ms(current.at);
    const ageDays = (end - since) / DAY;
    if (!(ageDays >= 0 && ageDays <= p.newDays)) return undefined;
    const before = ctx.history.filter((a) => a.flow === 'in' && ms(a.at) >= since && ms(a.at) <= end);
    const threshold = ctx.customer?.type === 'legal' ? p.thresholdJpy.legal : p.thresholdJpy.person;
    const prior = sumJpy(before);
    const total = prior + (current.amountJpy ?? 0);
    // Once, on the deposit that crosses the line: the next deposits of the same account are the
    // same finding.
    if (!(total >= threshold) || prior >= threshold) return undefined;
    const first = before.length === 0;
    return {
      score: clamp01(graded(total, threshold, 0.5, 3) + (first ? 0.1 : 0) + (ageDays <= 2 ? 0.1 : 0)),
      reasons: [
        first
          ? `First deposit of an account opened ${round2(ageDays)} days ago: ${yen(total)} (rule: ${yen(threshold)} or more within ${p.newDays} days of opening, for a ${ctx.customer?.type === 'legal' ? 'legal person' : 'person'})`
          : `Deposits of an account opened ${round2(ageDays)} days ago reach ${yen(total)} with this one (${before.length + 1} deposits; rule: ${yen(threshold)} or more within ${p.newDays} days of opening)`,
      ],
      evidence: { ageDays: round2(ageDays), totalJpy: total, thresholdJpy: threshold, deposits: before.length + 1, first },
    };
  },
};

// ——— dormant-reactivation ———

const dormantParams = z.strictObject({
  /** Silence (no transfer and no trade) of at least this many days makes an account dormant. */
  dormantDays: z.number().positive(),
  /** The reactivation: the transfers within this window, this event included, ... */
  window: WindowParam,
  /** ... adding up to at least this. */
  minJpy: z.number().nonnegative(),
  /**
   * Without `lastActivityAt` from the server: treat an account open for at least `dormantDays`
   * whose history holds no value activity before the window as dormant (scored lower, said so).
   */
  assumeDormantBeyondHistory: z.boolean(),
});
type DormantParams = z.infer<typeof dormantParams>;

/**
 * - 90 days: the usual quarter after which banks' monitoring treats an account as inactive; the
 *   FATF flag gives no figure.
 * - JPY 1M within 7 days: "large flows" for a retail account, half the APTCP JPY 2M line.
 * - No assumption beyond the history (see the module comment): a replay of the first 30 days
 *   would otherwise flag every customer older than 90 days who moves JPY 1M in a week.
 */
const dormantDefaults: DormantParams = { dormantDays: 90, window: '7d', minJpy: 1_000_000, assumeDormantBeyondHistory: false };

/** The context with the instant of the customer's last transfer or trade before its history. */
export interface DormancyContext extends MonitoringContext {
  lastActivityAt?: string;
}

export const dormantReactivation: RuleDefinition<DormantParams> = {
  id: 'dormant-reactivation',
  no: 27,
  family: 'behaviour',
  title: 'Profile deviation: a dormant account reactivated with large flows',
  source: 'FATF VA red flags (2020) group 1 (activity after inactivity); FSA STR reference cases (2019) (research/monitoring.md rule 27, S5, S9)',
  events: TRANSFER_EVENTS,
  params: dormantParams,
  defaults: dormantDefaults,
  outcome: 'review',
  evaluate(event: SekishoEvent, ctx: MonitoringContext, p: DormantParams) {
    const current = currentActivity(event, ctx);
    if (!current || !isTransfer(current)) return undefined;
    const end = ms(current.at);
    const length = WINDOWS[p.window];
    const windowStart = end - length;
    const all = withCurrent(ctx, current).filter(isValueActivity);
    const burst = inWindow(all, end, length);
    const flows = burst.filter(isTransfer);
    const volume = sumJpy(flows);
    if (volume < p.minJpy) return undefined;
    // The silence before the burst: from the last value activity before the window (in the
    // history, else the server's lastActivityAt) to the burst's first activity. Logins do not
    // break it: whoever takes over a dormant account logs in first.
    const burstStart = Math.min(...burst.map((a) => ms(a.at)));
    const earlier = all.filter((a) => ms(a.at) <= windowStart);
    const lastActivityAt = (ctx as DormancyContext).lastActivityAt;
    let lastBefore: number | undefined = earlier.length ? Math.max(...earlier.map((a) => ms(a.at))) : lastActivityAt ? ms(lastActivityAt) : undefined;
    let known = true;
    if (lastBefore === undefined) {
      // Nothing in the history before the window and no date from the server.
      const since = ctx.customerSince ? ms(ctx.customerSince) : undefined;
      if (since === undefined || !p.assumeDormantBeyondHistory || (end - since) / DAY < p.dormantDays) return undefined;
      lastBefore = Math.max(since, end - HISTORY_MS);
      known = false;
    }
    const silenceDays = (burstStart - lastBefore) / DAY;
    if (known && silenceDays < p.dormantDays) return undefined;
    const score = known ? clamp01(graded(volume, p.minJpy, 0.5, 5) + 0.1 * Math.min(1, silenceDays / (4 * p.dormantDays))) : Math.min(0.5, graded(volume, p.minJpy, 0.3, 5));
    const silence = known
      ? `after ${Math.floor(silenceDays)} days without a transfer or trade`
      : `after at least ${Math.floor(silenceDays)} days without a transfer or trade (the context holds ${HISTORY_MS / DAY} days; the account is ${Math.floor((end - ms(ctx.customerSince!)) / DAY)} days old and the last activity before is unknown)`;
    return {
      score,
      reasons: [`${yen(volume)} moved in ${flows.length} transfer(s) within ${windowText(p.window)} ${silence}; rule: ${p.dormantDays} days dormant, then ${yen(p.minJpy)} or more`],
      evidence: { volumeJpy: volume, transfers: flows.length, silenceDays: Math.floor(silenceDays), silenceKnown: known, dormantDays: p.dormantDays, minJpy: p.minJpy, window: p.window },
    };
  },
};
