import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Customer, LegalParty, Owner, Party } from '../../customers/schema.ts';
import type { Finding } from '../../events/findings.ts';
import { context, event, legalCustomer, personCustomer, runRule, withdrawal, deposit } from '../test-support.ts';
import type { OwnershipResult } from '../types.ts';
import { controlIndicators, OWNERSHIP_RULES, ownershipAggregation } from './ownership.ts';

const person = (name: string): Party => ({ type: 'person', names: [{ name }] });
const company = (name: string, owners: Owner[], over: Partial<LegalParty> = {}): LegalParty => ({ type: 'legal', names: [{ name }], owners, ...over });

/** A finding of name screening on the customer's record (party keys as partiesOf builds them). */
const finding = (key: string, name: string, severity: Finding['severity'] = 'confirmed', role: Finding['party']['role'] = key.startsWith('director:') && !key.includes('/') ? 'director' : 'owner'): Finding => ({
  check: 'sanctions.name',
  severity,
  party: { key, role, name },
  entityId: `NK-${name.replace(/\s+/g, '-')}`,
  caption: name,
  schema: 'Person',
  source: 'us_ofac_sdn',
  listVersion: 12,
  programs: ['RUSSIA-EO14024'],
  score: severity === 'confirmed' ? 0.99 : 0.82,
  detail: '',
});

const onboarded = (customer: Customer) => event('customer.onboarded', { customer }, { customerId: customer.id });
const updated = (customer: Customer) => event('customer.updated', { customer }, { customerId: customer.id });

/** Lion Gate owned 30% by Ivan Petrov, 25% by Oleg Sidorov, 45% by a local shareholder. */
const shell = legalCustomer({
  owners: [
    { share: 30, party: person('Ivan Petrov') },
    { share: 25, party: person('Oleg Sidorov') },
    { share: 45, party: person('Tan Wei Ming') },
  ],
});

describe('rule 6: ownership aggregation', () => {
  test('two sanctioned owners with 30% + 25% block an onboarding under OFAC and EU, naming each holder and share', () => {
    const ev = onboarded(shell);
    const hit = runRule(ownershipAggregation, ev, context(ev, { customer: shell, findings: [finding('owner:0', 'Ivan Petrov'), finding('owner:1', 'Oleg Sidorov')] }));
    assert.ok(hit);
    assert.equal(hit.no, 6);
    assert.equal(hit.outcome, 'block');
    assert.equal(hit.score, 1);
    assert.match(hit.reasons[0]!, /^OFAC: sanctioned persons hold 55% of Lion Gate Trading Pte\. Ltd\. \(≥ 50%, aggregated\)/);
    assert.match(hit.reasons[0]!, /Ivan Petrov \(NK-Ivan-Petrov\) 30% directly; Oleg Sidorov \(NK-Oleg-Sidorov\) 25% directly/);
    assert.match(hit.reasons[1]!, /^EU: /);
    // UK does not aggregate: 30% is a near miss only.
    assert.match(hit.reasons[2]!, /^UK: sanctioned persons hold 30%.*under the > 50% threshold/);
  });

  test('the same ownership on an existing customer freezes at the next transfer, and asks for the asset-freeze report', () => {
    const ev = withdrawal();
    const hit = runRule(ownershipAggregation, ev, context(ev, { customer: shell, findings: [finding('owner:0', 'Ivan Petrov'), finding('owner:1', 'Oleg Sidorov')] }));
    assert.equal(hit?.outcome, 'freeze');
    assert.equal(hit?.report, 'asset-freeze');
  });

  test('indirect: 60% held by a company that a sanctioned person owns 60% of is 60%, through the chain', () => {
    const c = legalCustomer({ owners: [{ share: 60, party: company('Volga Holding Ltd', [{ share: 60, party: person('Ivan Petrov') }, { share: 40, party: person('Anna Ivanova') }]) }, { share: 40, party: person('Tan Wei Ming') }] });
    const ev = updated(c);
    const hit = runRule(ownershipAggregation, ev, context(ev, { customer: c, findings: [finding('owner:0.0', 'Ivan Petrov')] }));
    assert.equal(hit?.outcome, 'freeze');
    assert.match(hit!.reasons[0]!, /OFAC: sanctioned persons hold 60%.*Ivan Petrov \(NK-Ivan-Petrov\) 60% through Volga Holding Ltd/);
    assert.match(hit!.reasons[2]!, /^UK: sanctioned persons hold 60%/);
  });

  test('near case: one sanctioned owner with 24.9% is neither blocked nor a near miss', () => {
    const c = legalCustomer({ owners: [{ share: 24.9, party: person('Ivan Petrov') }, { share: 75.1, party: person('Tan Wei Ming') }] });
    const ev = onboarded(c);
    assert.equal(runRule(ownershipAggregation, ev, context(ev, { customer: c, findings: [finding('owner:0', 'Ivan Petrov')] })), undefined);
  });

  test('a near miss (30%) asks for review with the share, not a block', () => {
    const c = legalCustomer({ owners: [{ share: 30, party: person('Ivan Petrov') }, { share: 70, party: person('Tan Wei Ming') }] });
    const ev = onboarded(c);
    const hit = runRule(ownershipAggregation, ev, context(ev, { customer: c, findings: [finding('owner:0', 'Ivan Petrov')] }));
    assert.equal(hit?.outcome, 'review');
    assert.equal(hit?.score, 0.6);
    assert.match(hit!.reasons[0]!, /OFAC: sanctioned persons hold 30% .* under the ≥ 50% threshold but at or over the 25% near-miss share/);
  });

  test('near case: 40% of an owner that is not majority-owned, holding 100%, is no ownership under any profile', () => {
    const c = legalCustomer({ owners: [{ share: 100, party: company('Volga Holding Ltd', [{ share: 40, party: person('Ivan Petrov') }, { share: 60, party: person('Anna Ivanova') }]) }] });
    const ev = deposit();
    assert.equal(runRule(ownershipAggregation, ev, context(ev, { customer: c, findings: [finding('owner:0.0', 'Ivan Petrov')] })), undefined);
  });

  test('a share that blocks only if a possible match is confirmed holds the event, naming the match to clear', () => {
    const ev = onboarded(shell);
    const hit = runRule(ownershipAggregation, ev, context(ev, { customer: shell, findings: [finding('owner:0', 'Ivan Petrov'), finding('owner:1', 'Oleg Sidorov', 'possible')] }));
    assert.equal(hit?.outcome, 'hold');
    assert.match(hit!.reasons.join('\n'), /OFAC: if the possible matches are confirmed, sanctioned persons hold 55%.*confirmed now: 30%.*Oleg Sidorov \(NK-Oleg-Sidorov\) \[possible match\] 25% directly/);
  });

  test('the server\'s ownership figures are used when it computed them', () => {
    const ownership: OwnershipResult[] = [
      { profile: 'ofac', share: 50, blocked: true, nearMiss: false, holders: [{ name: 'Ivan Petrov', entityId: 'NK-1', share: 50, path: ['Lion Gate Trading Pte. Ltd.', 'Volga Holding Ltd', 'Ivan Petrov'] }] },
      { profile: 'eu', share: 50, blocked: true, nearMiss: false, holders: [] },
      { profile: 'uk', share: 0, blocked: false, nearMiss: false, holders: [] },
    ];
    const ev = withdrawal();
    const hit = runRule(ownershipAggregation, ev, context(ev, { customer: legalCustomer(), ownership }));
    assert.equal(hit?.outcome, 'freeze');
    assert.equal(hit?.evidence.computedFrom, 'context');
    assert.match(hit!.reasons[0]!, /Ivan Petrov \(NK-1\) 50% through Volga Holding Ltd/);
  });

  test('only the configured profiles apply: under UK alone, 30% + 25% is a near miss', () => {
    const ev = onboarded(shell);
    const hit = runRule(ownershipAggregation, ev, context(ev, { customer: shell, findings: [finding('owner:0', 'Ivan Petrov'), finding('owner:1', 'Oleg Sidorov')] }), { profiles: ['uk'] });
    assert.equal(hit?.outcome, 'review');
    assert.equal(hit?.reasons.length, 1);
  });

  test('a natural person, or a legal person without sanctioned owners, is not this rule\'s business', () => {
    const ev = withdrawal();
    assert.equal(runRule(ownershipAggregation, ev, context(ev, { customer: personCustomer(), findings: [finding('owner:0', 'Ivan Petrov')] })), undefined);
    assert.equal(runRule(ownershipAggregation, ev, context(ev, { customer: shell, findings: [] })), undefined);
  });

  test('data errors in the ownership are named in the reasons of a hit', () => {
    const c = { ...shell, owners: [...(shell as { owners: unknown[] }).owners, { share: 10, party: person('Extra Holder') }] } as Customer;
    const ev = withdrawal();
    const hit = runRule(ownershipAggregation, ev, context(ev, { customer: c, findings: [finding('owner:0', 'Ivan Petrov'), finding('owner:1', 'Oleg Sidorov')] }));
    assert.match(hit!.reasons.at(-1)!, /owners' shares add up to 110%/);
  });
});

describe('rule 7: control indicators', () => {
  test('a sanctioned person who is the largest shareholder below 50% (40% against 6 × 10%) is an EU control indication', () => {
    const c = legalCustomer({ owners: [{ share: 40, party: person('Ivan Petrov') }, ...[1, 2, 3, 4, 5, 6].map((i) => ({ share: 10, party: person(`Holder ${i}`) }))] });
    const ev = onboarded(c);
    const hit = runRule(controlIndicators, ev, context(ev, { customer: c, findings: [finding('owner:0', 'Ivan Petrov')] }));
    assert.equal(hit?.no, 7);
    assert.equal(hit?.outcome, 'review');
    assert.match(hit!.reasons[0]!, /Ivan Petrov \(Ivan Petrov, NK-Ivan-Petrov, confirmed\) is the largest shareholder of Lion Gate Trading Pte\. Ltd\. with 40% \(next largest 10%\)/);
  });

  test('near case: a sanctioned 40% holder next to a 45% holder is not the largest (rule 6 reviews the 40%)', () => {
    const c = legalCustomer({ owners: [{ share: 40, party: person('Ivan Petrov') }, { share: 45, party: person('Tan Wei Ming') }, { share: 15, party: person('Lim Mei') }] });
    const ev = onboarded(c);
    assert.equal(runRule(controlIndicators, ev, context(ev, { customer: c, findings: [finding('owner:0', 'Ivan Petrov')] })), undefined);
  });

  test('the largest shareholder of an owner through which the customer is held counts too', () => {
    const c = legalCustomer({ owners: [{ share: 100, party: company('Volga Holding Ltd', [{ share: 40, party: person('Ivan Petrov') }, { share: 30, party: person('A') }, { share: 30, party: person('B') }]) }] });
    const ev = withdrawal();
    const hit = runRule(controlIndicators, ev, context(ev, { customer: c, findings: [finding('owner:0.0', 'Ivan Petrov')] }));
    assert.match(hit!.reasons[0]!, /largest shareholder of Volga Holding Ltd \(through which 100% of Lion Gate Trading Pte\. Ltd\. is held/);
    assert.equal(hit!.reasons.length, 1); // not reported again as a minority interest
  });

  test('a sanctioned director or representative, confirmed or possible, is an indicator; the same name as a counterparty is not', () => {
    const c = legalCustomer({ owners: [{ share: 100, party: person('Tan Wei Ming') }], directors: [{ role: '代表取締役', party: person('Ivan Petrov') }] });
    const ev = updated(c);
    const confirmed = runRule(controlIndicators, ev, context(ev, { customer: c, findings: [finding('director:0', 'Ivan Petrov')] }));
    assert.match(confirmed!.reasons[0]!, /director Ivan Petrov \(代表取締役\) matches Ivan Petrov \(NK-Ivan-Petrov, us_ofac_sdn, confirmed\)/);
    assert.equal(confirmed!.score, 0.9);
    const possible = runRule(controlIndicators, ev, context(ev, { customer: c, findings: [finding('director:0', 'Ivan Petrov', 'possible')] }));
    assert.equal(possible!.score, 0.5);
    const counterparty = runRule(controlIndicators, ev, context(ev, { customer: c, findings: [finding('beneficiary:0123456789abcdef', 'Ivan Petrov', 'confirmed', 'beneficiary')] }));
    assert.equal(counterparty, undefined);
  });

  test('a corporate director owned by a sanctioned person is an indicator', () => {
    const c = legalCustomer({ owners: [{ share: 100, party: person('Tan Wei Ming') }], directors: [{ role: 'corporate director', party: company('Nominee Directors Ltd', [{ share: 100, party: person('Ivan Petrov') }]) }] });
    const ev = updated(c);
    const hit = runRule(controlIndicators, ev, context(ev, { customer: c, findings: [finding('director:0/owner:0', 'Ivan Petrov')] }));
    assert.match(hit!.reasons[0]!, /corporate director Nominee Directors Ltd \(corporate director\) is owned by sanctioned persons \(OFAC 100%\)/);
  });

  test('30% held behind a trust layer is an indicator; the same holding through a GmbH is not (rule 6 reviews it as a near miss)', () => {
    const through = (legalForm: string) =>
      legalCustomer({ owners: [{ share: 30, party: company('Blue Harbour', [{ share: 100, party: person('Ivan Petrov') }], { legalForm }) }, { share: 35, party: person('A') }, { share: 35, party: person('B') }] });
    const trust = through('Discretionary Trust');
    const ev = onboarded(trust);
    const hit = runRule(controlIndicators, ev, context(ev, { customer: trust, findings: [finding('owner:0.0', 'Ivan Petrov')] }));
    assert.match(hit!.reasons[0]!, /Ivan Petrov \(NK-Ivan-Petrov\) holds 30% of Lion Gate Trading Pte\. Ltd\. behind Blue Harbour \(Discretionary Trust\)/);
    const gmbh = through('GmbH');
    const ev2 = onboarded(gmbh);
    assert.equal(runRule(controlIndicators, ev2, context(ev2, { customer: gmbh, findings: [finding('owner:0.0', 'Ivan Petrov')] })), undefined);
    assert.ok(runRule(ownershipAggregation, ev2, context(ev2, { customer: gmbh, findings: [finding('owner:0.0', 'Ivan Petrov')] })));
  });

  test('near case: 20% behind a nominee is under the 25% share', () => {
    const c = legalCustomer({ owners: [{ share: 20, party: company('Harbour Nominees', [{ share: 100, party: person('Ivan Petrov') }], { legalForm: 'nominee company' }) }, { share: 80, party: person('A') }] });
    const ev = onboarded(c);
    assert.equal(runRule(controlIndicators, ev, context(ev, { customer: c, findings: [finding('owner:0.0', 'Ivan Petrov')] })), undefined);
  });

  test('a 40% look-through interest that no 50% rule counts is flagged; 20% is not', () => {
    const via = (share: number) => legalCustomer({ owners: [{ share: 100, party: company('Volga Holding Ltd', [{ share, party: person('Ivan Petrov') }, { share: 100 - share, party: person('Anna Ivanova') }]) }] });
    const c = via(40);
    const ev = deposit();
    const hit = runRule(controlIndicators, ev, context(ev, { customer: c, findings: [finding('owner:0.0', 'Ivan Petrov')] }));
    assert.match(hit!.reasons[0]!, /Ivan Petrov \(NK-Ivan-Petrov\) has a 40% look-through interest in Lion Gate Trading Pte\. Ltd\. \(Lion Gate Trading Pte\. Ltd\. → Volga Holding Ltd → Ivan Petrov\)/);
    assert.equal(runRule(controlIndicators, ev, context(ev, { customer: via(20), findings: [finding('owner:0.0', 'Ivan Petrov')] })), undefined);
  });

  test('both rules are exported for the rule index, numbered 6 and 7', () => {
    assert.deepEqual(OWNERSHIP_RULES.map((r) => [r.id, r.no]), [['ownership-aggregation', 6], ['control-indicators', 7]]);
  });
});
