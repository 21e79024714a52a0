import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../events/findings.ts';
import { context, deposit, fiat, login, runRule, withdrawal } from '../test-support.ts';
import { feftaConfirmation, inboundSanctioned, nameScreening, walletScreening } from './screening.ts';

const match = (over: Partial<Finding>): Finding => ({
  check: 'sanctions.wallet',
  severity: 'confirmed',
  party: { key: 'wallet:3lpoy', role: 'counterparty', name: '3Lpoy53K625zVeE47ZasiG5jGkAxJ27kh1' },
  entityId: 'ofac:36025',
  caption: 'GARANTEX EUROPE OU',
  schema: 'Organization',
  source: 'ofac-advanced',
  listVersion: 3,
  programs: ['RUSSIA-EO14024'],
  score: 1,
  detail: 'listed wallet',
  ...over,
});
const lists = [{ source: 'ofac-advanced', version: 3 }];

test('rule 2: a listed destination blocks the withdrawal; rule 1 does not fire on a wallet match', () => {
  const wd = withdrawal();
  const ctx = context(wd, { findings: [match({})], lists });
  assert.equal(runRule(walletScreening, wd, ctx)?.outcome, 'block');
  assert.equal(runRule(nameScreening, wd, ctx), undefined);
});

test('rule 1: a possible name match on a beneficiary holds; a login with a possible match on the customer only reviews', () => {
  const wd = withdrawal();
  const possible = match({ check: 'sanctions.name', severity: 'possible', score: 0.82, party: { key: 'beneficiary:x', role: 'beneficiary', name: 'Ivan Petrov' } });
  assert.equal(runRule(nameScreening, wd, context(wd, { findings: [possible] }))?.outcome, 'hold');
  const li = login();
  assert.equal(runRule(nameScreening, li, context(li, { findings: [{ ...possible, party: { key: 'self', role: 'customer', name: 'x' } }] }))?.outcome, 'review');
  assert.equal(runRule(nameScreening, wd, context(wd)), undefined);
});

test('rule 3: every withdrawal leaves a FEFTA confirmation record naming the lists, and says when the beneficiary was not identified', () => {
  const wd = withdrawal();
  const hit = runRule(feftaConfirmation, wd, context(wd, { lists }));
  assert.equal(hit?.outcome, 'allow');
  assert.match(hit!.reasons[0]!, /against ofac-advanced v3: no match; the beneficiary is not identified/);
  const declared = withdrawal({ selfHosted: true });
  assert.doesNotMatch(runRule(feftaConfirmation, declared, context(declared, { lists }))!.reasons[0]!, /not identified/);
});

test('rule 5: funds from a listed wallet are frozen with an asset-freeze report; a possible match or an outgoing wire is not rule 5', () => {
  const dep = deposit();
  const hit = runRule(inboundSanctioned, dep, context(dep, { findings: [match({})] }));
  assert.equal(hit?.outcome, 'freeze');
  assert.equal(hit?.report, 'asset-freeze');
  assert.equal(runRule(inboundSanctioned, dep, context(dep, { findings: [match({ severity: 'possible' })] })), undefined);
  const out = fiat({ direction: 'out' });
  assert.equal(runRule(inboundSanctioned, out, context(out, { findings: [match({ check: 'sanctions.name' })] })), undefined);
});
