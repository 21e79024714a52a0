import assert from 'node:assert/strict';
import { test } from 'node:test';
import { context, deposit, fiat, personCustomer, runRule, withdrawal } from '../test-support.ts';
import { art55Report } from './reporting.ts';

const foreignBeneficiary = { type: 'person', names: [{ name: 'Lee Wei' }], residence: 'SG' };

test('rule 14: a resident paying JPY 30,000,001 to a non-resident asks for an Art. 55 report, and does not stop it', () => {
  const ev = withdrawal({ amountJpy: 30_000_001, beneficiary: foreignBeneficiary });
  const hit = runRule(art55Report, ev, context(ev));
  assert.ok(hit);
  assert.equal(hit.no, 14);
  assert.equal(hit.outcome, 'review');
  assert.equal(hit.report, 'fefta-art55');
  assert.equal(hit.evidence.counterpartyCountry, 'SG');
});

test('rule 14: exactly JPY 30,000,000 is not above the threshold', () => {
  const ev = withdrawal({ amountJpy: 30_000_000, beneficiary: foreignBeneficiary });
  assert.equal(runRule(art55Report, ev, context(ev)), undefined);
});

test('rule 14: resident to resident, or a non-resident customer, is no Art. 55 payment', () => {
  const home = withdrawal({ amountJpy: 50_000_000, beneficiary: { ...foreignBeneficiary, residence: 'JP' } });
  assert.equal(runRule(art55Report, home, context(home)), undefined);
  const abroad = withdrawal({ amountJpy: 50_000_000, beneficiary: foreignBeneficiary });
  assert.equal(runRule(art55Report, abroad, context(abroad, { customer: personCustomer({ residence: 'SG', nationalities: ['SG'] }) })), undefined);
});

test('rule 14: receipts count too, by the originator VASP or the foreign bank', () => {
  const dep = deposit({ amountJpy: 31_000_000, originatorVasp: { name: 'Foreign Exchange Ltd', country: 'AE' } });
  assert.equal(runRule(art55Report, dep, context(dep))?.evidence.via, 'originator VASP');
  const wire = fiat({ direction: 'in', amountJpy: 31_000_000, bank: { name: 'DBS Bank', country: 'SG' } });
  assert.match(runRule(art55Report, wire, context(wire))!.reasons[0]!, /received from a non-resident \(bank in SG\)/);
});

test('rule 14: the threshold is a parameter', () => {
  const ev = withdrawal({ amountJpy: 10_000_001, beneficiary: foreignBeneficiary });
  assert.equal(runRule(art55Report, ev, context(ev)), undefined);
  assert.ok(runRule(art55Report, ev, context(ev), { thresholdJpy: 10_000_000 }));
});
