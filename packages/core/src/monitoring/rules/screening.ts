/**
 * @module monitoring/rules/screening
 * Screening and hard payment controls (catalogue 1, 2, 3, 5). Sanctions screening itself runs
 * before the rules (services/screening.ts: names with transliteration, wallets against the
 * lists' addresses) and its findings decide through the sanctions reasons (events/decision.ts).
 * These rules put the same findings under their catalogue numbers, so that typologies can weigh
 * them, a backtest counts them, and the FEFTA records exist for every transfer:
 * - 1 a name match on a party of the event (customer, owner, director, beneficiary, VASP, bank);
 * - 2 a listed wallet as the destination or a source;
 * - 3 the FEFTA confirmation record (確認義務, FEFTA Art. 17 and 17-2 as applied to crypto-asset
 *   transfers since 2023): for every withdrawal, what was screened, on which list versions,
 *   with what result. A record, not a stop: a doubt holds through rules 1 and 2;
 * - 5 inbound funds from a listed party: frozen, not returned, and an asset-freeze report.
 */
import { z } from 'zod';
import { findingOutcome, flowOf } from '../../events/decision.ts';
import type { Finding } from '../../events/findings.ts';
import { DECISIONS, type Decision, type SekishoEvent } from '../../events/schema.ts';
import type { MonitoringContext, RuleDefinition } from '../types.ts';

const none = z.strictObject({});
type None = z.infer<typeof none>;

function strictestOf(event: SekishoEvent, findings: Finding[]): Decision {
  const flow = flowOf(event.type, event.type === 'fiat.transfer' ? event.data.direction : undefined);
  return findings.reduce<Decision>((d, f) => {
    const o = findingOutcome(event.type, flow, f);
    return DECISIONS.indexOf(o) > DECISIONS.indexOf(d) ? o : d;
  }, 'allow');
}

const describe = (f: Finding) => `${f.severity} ${f.check === 'sanctions.wallet' ? 'wallet' : 'name'} match: ${f.party.role} ${f.party.name} → ${f.caption} (${f.entityId}, ${f.source} v${f.listVersion})`;

function findingRule(id: string, no: number, title: string, check: Finding['check']): RuleDefinition<None> {
  return {
    id,
    no,
    family: 'screening',
    title,
    source: 'FEFTA Art. 16, 17, 21; FSA request to crypto-asset exchanges of 2022-03 (S2); research/monitoring.md §3.2 rules 1, 2',
    events: ['customer.onboarded', 'customer.updated', 'login', 'deposit.detected', 'withdrawal.requested', 'trade', 'fiat.transfer'],
    params: none,
    defaults: {},
    outcome: 'hold',
    alert: false,
    evaluate(event, ctx: MonitoringContext) {
      const found = ctx.findings.filter((f) => f.check === check);
      if (!found.length) return undefined;
      const confirmed = found.some((f) => f.severity === 'confirmed');
      return {
        outcome: strictestOf(event, found),
        score: confirmed ? 1 : Math.max(...found.map((f) => f.score)),
        reasons: found.map(describe),
        evidence: { matches: found.map((f) => ({ entityId: f.entityId, source: f.source, listVersion: f.listVersion, severity: f.severity, role: f.party.role, party: f.party.key, score: f.score })) },
      };
    },
  };
}

export const nameScreening = findingRule('name-screening', 1, 'Name screening of the customer, its owners and directors, and the counterparties an event names', 'sanctions.name');
export const walletScreening = findingRule('wallet-screening', 2, 'Wallet screening of every deposit source and withdrawal destination', 'sanctions.wallet');

export const feftaConfirmation: RuleDefinition<None> = {
  id: 'fefta-confirmation',
  no: 3,
  family: 'screening',
  title: 'FEFTA confirmation record for every withdrawal',
  source: 'FEFTA Art. 17 (confirmation duty of payment intermediaries), extended to crypto-asset exchanges by the 2022 amendment (S1, S2)',
  events: ['withdrawal.requested'],
  params: none,
  defaults: {},
  outcome: 'allow',
  evaluate(event, ctx) {
    if (event.type !== 'withdrawal.requested') return undefined;
    const d = event.data;
    const screened = [
      `destination ${d.destinationAddress} (${d.chain})`,
      ...(d.beneficiary ? ['beneficiary'] : []),
      ...(d.beneficiaryVasp ? [`beneficiary VASP ${d.beneficiaryVasp.name}`] : []),
    ];
    const matches = ctx.findings.length;
    const lists = ctx.lists.map((l) => `${l.source} v${l.version}`).join(', ') || 'no list';
    const gap = !d.beneficiary && !d.selfHosted ? '; the beneficiary is not identified (no travel-rule data and no self-hosted declaration): only the address was confirmed' : '';
    return {
      score: 0,
      reasons: [`FEFTA confirmation: screened ${screened.join(', ')} against ${lists}: ${matches ? `${matches} match${matches === 1 ? '' : 'es'} (see the sanctions reasons)` : 'no match'}${gap}`],
      evidence: { screened, lists: ctx.lists, matches, beneficiaryIdentified: Boolean(d.beneficiary) || d.selfHosted === true },
    };
  },
};

export const inboundSanctioned: RuleDefinition<None> = {
  id: 'inbound-sanctioned-funds',
  no: 5,
  family: 'screening',
  title: 'Inbound funds from a listed party are frozen and reported',
  source: 'FEFTA Art. 16 and 21 (a payment includes its receipt, 支払等); 31 CFR 501.603 for US-nexus blocked property (S1, S12)',
  events: ['deposit.detected', 'fiat.transfer'],
  params: none,
  defaults: {},
  outcome: 'freeze',
  alert: false,
  evaluate(event, ctx) {
    if (event.type === 'fiat.transfer' && event.data.direction !== 'in') return undefined;
    const listed = ctx.findings.filter((f) => f.severity === 'confirmed' && f.party.role !== 'owner' && f.party.role !== 'director' && f.party.role !== 'customer');
    if (!listed.length) return undefined;
    return {
      score: 1,
      report: 'asset-freeze' as const,
      reasons: listed.map((f) => `funds received from ${f.party.name}, listed as ${f.caption} (${f.entityId}): freeze them (do not return them) and report the frozen assets`),
      evidence: { entities: listed.map((f) => f.entityId) },
    };
  },
};

export const SCREENING_RULES = [nameScreening, walletScreening, feftaConfirmation, inboundSanctioned];
