/**
 * @module services/event-checks
 * The checks of one event before it is decided: sanctions screening of every party and wallet
 * it names (the customer record, owners and directors; beneficiaries, originators, VASPs and
 * banks, the travel-rule payload's persons; destination and source wallets), the customer's
 * screening status, and the on-chain exposure of a deposit or withdrawal. Shared by the event
 * service (services/events.ts), which then writes, and `sekisho monitor replay`, which must not.
 * `decisionOf` folds what they found and what the monitoring rules found into one decision.
 */
import { type Chain, type Customer, type CustomerWallet, decide, type DecisionAnswer, type Exposure, type ExposurePolicy, exposureReasons, type ExposureSubject, type Finding, type MonitoringResult, nameFindings, type Notice, partiesOf, partyFromInput, partyKey, type PartyRef, readIvms101, type Reason, type SanctionsPolicy, type ScreenedParty, type ScreeningQuery, type SekishoEvent, validate, walletAddress, walletFindings, walletParty, walletsOf } from '@sekisho/core';
import { CoreErrors, isSekishoError } from '@sekisho/core/errors';
import type { Config } from '../config.ts';
import { ServerErrors } from '../errors.ts';
import { addressKey, assetKey, resolveSubject, type ExposureService } from './exposure.ts';
import type { CheckedForMonitoring } from './monitoring.ts';
import type { ScreeningService } from './screening.ts';

/** What the checks of one event found, before anything is written. */
export interface Checked {
  findings: Finding[];
  notices: Notice[];
  /** Reasons of the on-chain exposure of a deposit or withdrawal. */
  extra: Reason[];
  /** The exposure traced, for the monitoring rules. */
  exposure?: Exposure;
  lists: { source: string; version: number }[];
  /** Parties and wallets to keep with the customer, so rescreening covers them later. */
  counterparties: ScreenedParty[];
  wallets: { wallet: CustomerWallet; role: 'registered' | 'counterparty' | 'deposit-source' }[];
  customerStatus?: string;
  customer?: Customer;
}

export interface EventCheckDeps {
  screening: ScreeningService;
  threshold: number;
  policy: SanctionsPolicy;
  exposure?: Pick<ExposureService, 'trace'>;
  exposureHops?: number;
  exposurePolicy?: ExposurePolicy;
  /** Monitoring rules 16, 17 and 35 decide on the exposure: only its notes are reasons here. */
  exposureDecidedByRules?: boolean;
  /** The stored customer's screening status (undefined: not on record). */
  customerStatus: (customerId: string) => Promise<string | undefined>;
}

/** The persons of a travel-rule payload on the other side: beneficiaries of an outgoing transfer, originators of an incoming one. */
function payloadParties(payload: unknown, flow: 'in' | 'out'): ScreenedParty[] {
  if (payload === undefined) return [];
  const reading = readIvms101(payload);
  const persons = flow === 'out' ? reading.beneficiaries : reading.originators;
  const role = flow === 'out' ? 'beneficiary' : 'originator';
  const out = persons.map((p, i) => partyFromInput(role, `${role}-ivms101-${i}`, p));
  const vasp = flow === 'out' ? reading.beneficiaryVasp : reading.originatingVasp;
  if (vasp?.name) out.push(organisation('vasp', vasp.name, vasp.country));
  return out;
}

/**
 * The checks as the configured service decides with the monitoring rules on (exposure decided by
 * rules 16, 17 and 35), for the code that runs them outside the event service: the replay and
 * the benchmarks.
 * @example const checks = eventChecksOf(app, (id) => eventStore.customerStatus(id));
 */
export function eventChecksOf(app: { screening: ScreeningService; exposure: ExposureService; config: Pick<Config, 'threshold' | 'confirmScore' | 'exposureHops' | 'exposurePolicy'> }, customerStatus: EventCheckDeps['customerStatus']) {
  return createEventChecks({
    screening: app.screening,
    threshold: app.config.threshold,
    policy: { confirmScore: app.config.confirmScore },
    exposure: app.exposure,
    exposureHops: app.config.exposureHops,
    exposurePolicy: app.config.exposurePolicy,
    exposureDecidedByRules: true,
    customerStatus,
  });
}

export function createEventChecks(deps: EventCheckDeps) {
  async function screenParties(parties: ScreenedParty[], out: Checked): Promise<void> {
    for (const party of parties) {
      const result = await deps.screening.screen({ ...party.query, threshold: deps.threshold } satisfies ScreeningQuery, { matchesOnly: true });
      out.findings.push(...nameFindings(party, result, deps.policy));
      if (!out.lists.length) out.lists = result.lists;
    }
  }

  async function screenWallet(wallet: CustomerWallet, ref: PartyRef, out: Checked): Promise<void> {
    const result = await deps.screening.screenAddress(wallet.address, wallet.chain);
    const { findings, notices } = walletFindings(ref, result);
    out.findings.push(...findings);
    out.notices.push(...notices);
    if (!out.lists.length) out.lists = result.lists;
  }

  /** A wallet the event names, refused with SEK_ADDRESS_INVALID when it is not an address of the chain. */
  function checkedWallet(address: string, chain: Chain, field: string): CustomerWallet {
    const validation = validate(address, chain);
    if (!validation.valid) {
      const why = validation.rejections[0]?.reason ?? 'not an address of this chain';
      throw ServerErrors.ADDRESS_INVALID(`${field}: not a valid ${chain} address (${why})`, { field });
    }
    return walletAddress(address, chain);
  }

  /**
   * Adds the exposure reasons of a deposit or withdrawal. A question the tracer cannot ask (an
   * unknown token, a hash of another form) leaves an `allow` reason saying so, never silence.
   */
  async function traceExposure(subject: () => ExposureSubject, direction: 'in' | 'out', out: Checked): Promise<void> {
    if (!deps.exposure || !deps.exposureHops) return;
    try {
      const exposure = await deps.exposure.trace(subject(), { direction, hops: deps.exposureHops });
      out.exposure = exposure;
      // With monitoring, rules 16, 17 and 35 decide on the exposure (under the same policy);
      // what remains here is the note that says when nothing was over a threshold or known.
      const reasons = exposureReasons(exposure, direction, deps.exposurePolicy);
      out.extra.push(...(deps.exposureDecidedByRules ? reasons.filter((r) => r.outcome === 'allow') : reasons));
    } catch (error) {
      if (!isSekishoError(error, CoreErrors.TRACE_QUERY.code)) throw error;
      out.extra.push(...exposureReasons({ error: (error as Error).message }, direction, deps.exposurePolicy));
    }
  }

  async function check(event: SekishoEvent): Promise<Checked> {
    const out: Checked = { findings: [], notices: [], extra: [], lists: [], counterparties: [], wallets: [] };
    if (event.type === 'customer.onboarded' || event.type === 'customer.updated') {
      const customer = event.data.customer;
      if (event.customerId && event.customerId !== customer.id) throw ServerErrors.REQUEST_INVALID(`body.customerId ${event.customerId} differs from body.data.customer.id ${customer.id}`, { field: 'body.customerId' });
      out.customer = customer;
      // A registered wallet that is no address can never match a listed one: refused, not stored.
      (customer.wallets ?? []).forEach((w, i) => {
        if (!validate(w.address, w.chain).valid) throw ServerErrors.ADDRESS_INVALID(`body.data.customer.wallets.${i}.address: not a valid ${w.chain ?? 'blockchain'} address`, { field: `body.data.customer.wallets.${i}.address` });
      });
      await screenParties(partiesOf(customer), out);
      for (const wallet of walletsOf(customer)) await screenWallet(wallet, walletParty(wallet.address, 'customer'), out);
      return out;
    }
    out.customerStatus = await deps.customerStatus(event.customerId);
    if (!out.customerStatus) out.notices.push({ check: 'customer.unknown', party: { key: 'self', role: 'customer', name: event.customerId }, detail: `customer ${event.customerId} is not on record: send customer.onboarded first so its KYC data is screened` });
    switch (event.type) {
      case 'withdrawal.requested': {
        const wallet = checkedWallet(event.data.destinationAddress, event.data.chain, 'body.data.destinationAddress');
        await screenWallet(wallet, walletParty(wallet.address, 'counterparty'), out);
        out.wallets.push({ wallet, role: 'counterparty' });
        const parties: ScreenedParty[] = [];
        if (event.data.beneficiary) parties.push(partyFromInput('beneficiary', 'beneficiary', event.data.beneficiary));
        if (event.data.beneficiaryVasp) parties.push(organisation('vasp', event.data.beneficiaryVasp.name, event.data.beneficiaryVasp.country));
        parties.push(...payloadParties(event.data.ivms101, 'out'));
        await screenParties(parties, out);
        out.counterparties.push(...parties);
        // Where the destination's funds went before: a pass-through to a sanctioned service shows here.
        await traceExposure(() => ({ kind: 'address', chain: event.data.chain, address: addressKey(wallet.address), asset: assetKey(event.data.chain, event.data.asset) }), 'out', out);
        break;
      }
      case 'deposit.detected': {
        event.data.sourceAddresses.forEach((address, i) => out.wallets.push({ wallet: checkedWallet(address, event.data.chain, `body.data.sourceAddresses.${i}`), role: 'deposit-source' }));
        for (const { wallet } of out.wallets) await screenWallet(wallet, walletParty(wallet.address, 'counterparty'), out);
        const parties: ScreenedParty[] = [];
        if (event.data.originator) parties.push(partyFromInput('originator', 'originator', event.data.originator));
        if (event.data.originatorVasp) parties.push(organisation('vasp', event.data.originatorVasp.name, event.data.originatorVasp.country));
        parties.push(...payloadParties(event.data.ivms101, 'in'));
        await screenParties(parties, out);
        out.counterparties.push(...parties);
        // Where the deposited funds came from, up to the configured hops back.
        const { chain, txHash, depositAddress } = event.data;
        await traceExposure(() => resolveSubject({ tx: txHash, chain, ...(depositAddress ? { address: depositAddress } : {}) }), 'in', out);
        break;
      }
      case 'fiat.transfer': {
        const parties: ScreenedParty[] = [];
        if (event.data.counterparty) parties.push(partyFromInput('counterparty', 'counterparty', event.data.counterparty));
        if (event.data.bank) parties.push(organisation('bank', event.data.bank.name, event.data.bank.country));
        await screenParties(parties, out);
        out.counterparties.push(...parties);
        break;
      }
      case 'login':
      case 'trade':
        break;
    }
    if (!out.lists.length) out.lists = deps.screening.stats()?.lists ?? [];
    return out;
  }

  return { check };
}

/** What the monitoring service reads of the checks. */
export function forMonitoring(checked: Checked): CheckedForMonitoring {
  return {
    findings: checked.findings,
    lists: checked.lists,
    ...(checked.exposure ? { exposure: checked.exposure } : {}),
    ...(checked.customerStatus ? { customerStatus: checked.customerStatus } : {}),
    ...(checked.customer ? { customer: checked.customer } : {}),
  };
}

/** The decision of an event: the strictest reason of screening, exposure notes and the monitoring rules. */
export function decisionOf(event: SekishoEvent, checked: Checked, monitored?: MonitoringResult): Pick<DecisionAnswer, 'decision' | 'reasons' | 'monitoring'> {
  const direction = event.type === 'fiat.transfer' ? event.data.direction : undefined;
  const { decision, reasons } = decide({ type: event.type, direction, findings: checked.findings, notices: checked.notices, customerStatus: checked.customerStatus, extra: [...checked.extra, ...(monitored?.reasons ?? [])] });
  const monitoring = monitored && {
    configVersion: monitored.configVersion,
    evaluated: monitored.evaluated,
    hits: monitored.hits.map((h) => ({ rule: h.rule, no: h.no, outcome: h.outcome, score: Math.round(h.score * 1000) / 1000 })),
    typologies: monitored.typologies.map((t) => ({ id: t.id, score: t.score, outcome: t.outcome })),
  };
  return { decision, reasons, ...(monitoring ? { monitoring } : {}) };
}

function organisation(role: 'vasp' | 'bank', name: string, country?: string): ScreenedParty {
  const query: ScreeningQuery = { name, schema: 'Organization', ...(country ? { countries: [country] } : {}) };
  return { key: partyKey(role, query), role, query };
}

