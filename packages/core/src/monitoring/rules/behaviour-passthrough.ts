/**
 * @module monitoring/rules/behaviour-passthrough
 * Rule 25: pass-through (rapid in-out). Funds come in and most of them leave again within a
 * short time to someone else, with little trading in between: the account is a hop, not a place
 * where the customer invests. FATF VA red flag (2) "a deposit ... followed by an immediate
 * withdrawal" and FinCEN's Russia alert (funds routed through an exchange to a foreign exchanger);
 * research/monitoring.md rule 25 singles out fiat in → crypto out to a foreign VASP or an
 * unhosted wallet. Runs on the outgoing transfer, the moment the pass-through completes and can
 * still be reviewed before the next one.
 */
import { z } from 'zod';
import type { SekishoEvent } from '../../events/schema.ts';
import type { MonitoringContext, RuleDefinition } from '../types.ts';
import { yen } from './facts.ts';
import { HOUR, clamp01, currentActivity, hoursText, inWindow, ms, pct, round2, sumJpy, withCurrent } from './behaviour-support.ts';

const params = z.strictObject({
  /** T: how far back the inflows are looked for, in hours. */
  windowHours: z.number().positive().max(24 * 30),
  /** X: the share of the inflow that left again to other counterparties. */
  minShare: z.number().min(0).max(1),
  /** The inflow of the window must reach this, so a small top-up and spend is no alert. */
  minAmountJpy: z.number().nonnegative(),
  /** Trades between the first inflow and this outflow, as a multiple of the inflow, at most this: more is a customer who trades. */
  maxTradeTurnover: z.number().nonnegative(),
  /** The exchange's country: a VASP elsewhere is a foreign VASP. */
  home: z.string().length(2),
});
type Params = z.infer<typeof params>;

/**
 * Defaults and their reasoning (no regulation gives numbers for this typology).
 * - 48 h: "immediate" in FATF's flag; two days covers a deposit on a Friday evening sent on the
 *   following business day, and the settlement time of a bank transfer.
 * - 80 %: most of the money, not a part: an investor who sells some holdings and withdraws stays
 *   under it unless nearly all of a recent deposit leaves again.
 * - JPY 500,000 (about USD 3,300): below it the pattern is a customer testing the exchange;
 *   the APTCP verification lines (JPY 100,000 transfers, JPY 2M exchanges) bracket it.
 * - 1.5× trades: converting the whole inflow once (JPY in, buy BTC, BTC out) is 1×, which is
 *   exactly the route the rule is about; an investor who trades turns the inflow over many times.
 */
const defaults: Params = { windowHours: 48, minShare: 0.8, minAmountJpy: 500_000, maxTradeTurnover: 1.5, home: 'JP' };

export const passThrough: RuleDefinition<Params> = {
  id: 'pass-through',
  no: 25,
  family: 'behaviour',
  title: 'Pass-through: funds deposited and sent on to another party within hours, with little trading',
  source: 'FATF VA red flags (2020) group 2; FinCEN FIN-2022-Alert001 (research/monitoring.md rule 25, S9, S10)',
  events: ['withdrawal.requested', 'fiat.transfer'],
  params,
  defaults,
  outcome: 'review',
  evaluate(event: SekishoEvent, ctx: MonitoringContext, p: Params) {
    const current = currentActivity(event, ctx);
    if (!current || current.flow !== 'out') return undefined;
    const end = ms(current.at);
    const recent = inWindow(withCurrent(ctx, current), end, p.windowHours * HOUR);
    const inflows = recent.filter((a) => a.flow === 'in');
    const inJpy = sumJpy(inflows);
    if (!inflows.length || !(inJpy >= p.minAmountJpy) || inJpy === 0) return undefined;
    const sources = new Set(inflows.map((a) => a.counterparty).filter((c): c is string => !!c));
    // Money sent back where it came from is a refund or a change of mind, not a pass-through.
    if (current.counterparty && sources.has(current.counterparty)) return undefined;
    const firstIn = Math.min(...inflows.map((a) => ms(a.at)));
    const after = recent.filter((a) => ms(a.at) >= firstIn);
    const outflows = after.filter((a) => a.flow === 'out' && !(a.counterparty && sources.has(a.counterparty)));
    const outJpy = sumJpy(outflows);
    const share = Math.min(outJpy, inJpy) / inJpy;
    if (share < p.minShare) return undefined;
    const tradeJpy = sumJpy(after.filter((a) => a.type === 'trade'));
    const turnover = tradeJpy / inJpy;
    if (turnover > p.maxTradeTurnover) return undefined;

    const elapsed = end - firstIn;
    const foreignVasp = current.counterpartyKind === 'vasp' && !!current.counterpartyCountry && current.counterpartyCountry !== p.home;
    const selfHosted = current.counterpartyKind === 'self-hosted';
    const fiatIn = inflows.some((a) => a.type === 'fiat.transfer');
    // The faster and the more completely it passes, the stronger; the research's aggravating
    // routes (fiat in, out to a foreign VASP or an unhosted wallet) add to it.
    const speed = 1 - elapsed / (p.windowHours * HOUR);
    const score = clamp01(0.4 + 0.2 * speed + 0.1 * ((share - p.minShare) / Math.max(1e-9, 1 - p.minShare)) + (foreignVasp ? 0.25 : 0) + (selfHosted ? 0.15 : 0) + (fiatIn ? 0.15 : 0));
    const route = [fiatIn ? 'fiat came in' : undefined, foreignVasp ? `out to a VASP in ${current.counterpartyCountry}` : undefined, selfHosted ? 'out to a self-hosted wallet' : undefined].filter(Boolean);
    return {
      score,
      reasons: [
        `${yen(inJpy)} came in within the last ${p.windowHours} h from ${sources.size || 'an unknown number of'} source(s) and ${yen(outJpy)} (${pct(share)} of it; rule: ${pct(p.minShare)} or more) left to other counterparties, this transfer ${hoursText(elapsed)} after the first deposit; trades in between ${yen(tradeJpy)} (${round2(turnover)}× the inflow; a customer who trades more than ${p.maxTradeTurnover}× is not flagged)${route.length ? `; aggravating: ${route.join(', ')}` : ''}`,
      ],
      evidence: {
        windowHours: p.windowHours,
        inJpy,
        outJpy,
        share: round2(share),
        minShare: p.minShare,
        tradeJpy,
        tradeTurnover: round2(turnover),
        elapsedHours: round2(elapsed / HOUR),
        sources: sources.size,
        destinationKind: current.counterpartyKind,
        destinationCountry: current.counterpartyCountry,
        foreignVasp,
        selfHosted,
        fiatIn,
        inflowIds: inflows.map((a) => a.eventId),
        outflowIds: outflows.map((a) => a.eventId),
      },
    };
  },
};
