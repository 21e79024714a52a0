/**
 * @module monitoring/rules/reporting
 * Rule 14: FEFTA Article 55 payment reports. A resident who makes or receives a payment to or
 * from a non-resident above JPY 30 million (valued at the execution-time rate) files a 支払等報告書
 * with the Minister of Finance through the Bank of Japan (外為法第55条, 外国為替の取引等の報告に関する
 * 省令 Art. 1; MOF's guidance counts crypto-asset transfers as payments since 2023). The exchange
 * that intermediates records it and tracks the filing: a hit asks for the report, it does not
 * stop the transfer.
 */
import { z } from 'zod';
import type { SekishoEvent } from '../../events/schema.ts';
import type { MonitoringContext, RuleDefinition } from '../types.ts';
import { homeCountry, yen } from './facts.ts';

const params = z.strictObject({
  /** The reporting threshold, exceeded (not reached) triggers the report. */
  thresholdJpy: z.number().nonnegative(),
  /** The country whose residents report (Japan for FEFTA). */
  home: z.string().length(2),
});
type Params = z.infer<typeof params>;

/** The other side's country, as the event tells it: beneficiary or originator, their VASP, the bank. */
function counterpartyCountry(event: SekishoEvent): { country?: string; via: string } {
  if (event.type === 'withdrawal.requested') {
    const b = event.data.beneficiary;
    const c = b ? homeCountry(b) : undefined;
    if (c) return { country: c, via: 'beneficiary' };
    if (event.data.beneficiaryVasp?.country) return { country: event.data.beneficiaryVasp.country, via: 'beneficiary VASP' };
    return { via: 'none' };
  }
  if (event.type === 'deposit.detected') {
    const o = event.data.originator;
    const c = o ? homeCountry(o) : undefined;
    if (c) return { country: c, via: 'originator' };
    if (event.data.originatorVasp?.country) return { country: event.data.originatorVasp.country, via: 'originator VASP' };
    return { via: 'none' };
  }
  if (event.type === 'fiat.transfer') {
    const cp = event.data.counterparty;
    const c = cp ? homeCountry(cp) : undefined;
    if (c) return { country: c, via: 'counterparty' };
    if (event.data.bank?.country) return { country: event.data.bank.country, via: 'bank' };
  }
  return { via: 'none' };
}

export const art55Report: RuleDefinition<Params> = {
  id: 'fefta-art55-report',
  no: 14,
  family: 'reporting',
  title: 'FEFTA Art. 55 payment report above JPY 30 million',
  source: 'FEFTA Art. 55; MOF Ordinance on Reports of Foreign Exchange Transactions Art. 1 (research/monitoring.md S3)',
  events: ['withdrawal.requested', 'deposit.detected', 'fiat.transfer'],
  params,
  defaults: { thresholdJpy: 30_000_000, home: 'JP' },
  outcome: 'review',
  evaluate(event: SekishoEvent, ctx: MonitoringContext, p: Params) {
    if (event.type !== 'withdrawal.requested' && event.type !== 'deposit.detected' && event.type !== 'fiat.transfer') return undefined;
    const amount = event.data.amountJpy;
    if (amount === undefined || !(amount > p.thresholdJpy)) return undefined;
    const customerCountry = homeCountry(ctx.customer);
    const other = counterpartyCountry(event);
    const residentSide = customerCountry === p.home;
    // Resident ↔ non-resident: one side at home, the other known to be abroad.
    if (!residentSide || !other.country || other.country === p.home) return undefined;
    const direction = event.type === 'deposit.detected' || (event.type === 'fiat.transfer' && event.data.direction === 'in') ? 'received from' : 'paid to';
    return {
      score: 1,
      report: 'fefta-art55' as const,
      reasons: [`${yen(amount)} ${direction} a non-resident (${other.via} in ${other.country}) by a resident of ${p.home}: above ${yen(p.thresholdJpy)}, a FEFTA Art. 55 payment report is due`],
      evidence: { amountJpy: amount, thresholdJpy: p.thresholdJpy, customerCountry, counterpartyCountry: other.country, via: other.via },
    };
  },
};
