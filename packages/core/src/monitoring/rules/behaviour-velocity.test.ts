import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deposit, personCustomer, runRule, withdrawal } from '../test-support.ts';
import { repeatCounterparty, velocity } from './behaviour-velocity.ts';
import { DAYS, HOURS, cin, cout, ctxFor, loginAt, trade } from './behaviour-fixtures.ts';

test('rule 28 velocity: five transfers within an hour', () => {
  const ev = withdrawal({ amountJpy: 100_000 });
  const history = [cin(-50, 500_000, 'a'), cout(-40, 100_000, 'b'), cout(-30, 100_000, 'c'), cout(-10, 100_000, 'd')];
  const hit = runRule(velocity, ev, ctxFor(ev, { counterparty: 'e' }, history));
  assert.ok(hit);
  assert.equal(hit.no, 28);
  assert.equal(hit.outcome, 'review');
  assert.equal(hit.evidence.window, '1h');
  assert.equal(hit.evidence.count, 5);
  assert.match(hit.reasons[0]!, /5 transfers within 1 hour \(in JPY 500,000, out JPY 400,000\); rule: 5 or more/);
});

test('rule 28 velocity: four in an hour are not enough, and trades and logins do not count', () => {
  const ev = withdrawal({ amountJpy: 100_000 });
  assert.equal(runRule(velocity, ev, ctxFor(ev, { counterparty: 'e' }, [cin(-50, 500_000, 'a'), cout(-40, 100_000, 'b'), cout(-10, 100_000, 'd')])), undefined);
  const busyTrader = [...Array.from({ length: 30 }, (_, i) => trade(-(i + 1) * 2, 300_000)), loginAt(-70), loginAt(-65), cin(-55, 1_000_000, 'a')];
  assert.equal(runRule(velocity, ev, ctxFor(ev, { counterparty: 'e' }, busyTrader)), undefined);
});

test('rule 28 velocity: fifteen within a day', () => {
  const ev = deposit({ amountJpy: 50_000 });
  const history = Array.from({ length: 14 }, (_, i) => cin(-(i + 1) * HOURS, 50_000, `s${i}`));
  assert.equal(runRule(velocity, ev, ctxFor(ev, { counterparty: 's' }, history))?.evidence.window, '24h');
  assert.equal(runRule(velocity, ev, ctxFor(ev, { counterparty: 's' }, history.slice(1))), undefined);
});

test('rule 28 repeat-counterparty: a third withdrawal to the same address within a day', () => {
  const ev = withdrawal({ amountJpy: 300_000 });
  const hit = runRule(repeatCounterparty, ev, ctxFor(ev, { counterparty: 'addr-x', counterpartyKind: 'self-hosted' }, [cout(-6 * HOURS, 300_000, 'addr-x'), cout(-2 * HOURS, 250_000, 'addr-x')]));
  assert.ok(hit);
  assert.equal(hit.rule, 'repeat-counterparty');
  assert.equal(hit.evidence.count, 3);
  assert.equal(hit.evidence.totalJpy, 850_000);
  assert.match(hit.reasons[0]!, /3 transfers to the same destination \(addr-x, self-hosted\) within 24 hours, JPY 850,000 in total; rule: 3 or more/);
});

test('rule 28 repeat-counterparty: a test transfer and the main one, different addresses, or three over three days are ordinary', () => {
  const ev = withdrawal({ amountJpy: 1_000_000 });
  assert.equal(runRule(repeatCounterparty, ev, ctxFor(ev, { counterparty: 'addr-x' }, [cout(-30, 1_000, 'addr-x')])), undefined);
  assert.equal(runRule(repeatCounterparty, ev, ctxFor(ev, { counterparty: 'addr-x' }, [cout(-6 * HOURS, 300_000, 'addr-y'), cout(-2 * HOURS, 250_000, 'addr-z')])), undefined);
  assert.equal(runRule(repeatCounterparty, ev, ctxFor(ev, { counterparty: 'addr-x' }, [cout(-2 * DAYS, 300_000, 'addr-x'), cout(-1 * DAYS - 1, 250_000, 'addr-x')])), undefined);
  // Without a counterparty key there is nothing to compare.
  assert.equal(runRule(repeatCounterparty, ev, ctxFor(ev, {}, [cout(-6 * HOURS, 300_000, 'addr-x'), cout(-2 * HOURS, 250_000, 'addr-x')])), undefined);
});

test('rule 28 repeat-counterparty: repeated deposits from the same source, unless only outgoing repeats are watched', () => {
  const ev = deposit({ amountJpy: 40_000 });
  const ctx = ctxFor(ev, { counterparty: 'acct-17' }, [cin(-5 * HOURS, 45_000, 'acct-17'), cin(-4 * HOURS, 38_000, 'acct-17')]);
  assert.match(runRule(repeatCounterparty, ev, ctx)!.reasons[0]!, /from the same source/);
  assert.equal(runRule(repeatCounterparty, ev, ctx, { directions: ['out'] }), undefined);
});

test('rule 28 repeat-counterparty: transfers to another customer are left to the transfer graph (repeat-pair-burst)', () => {
  const ev = withdrawal({ amountJpy: 200_000 });
  const history = [cout(-6 * HOURS, 300_000, 'customer:C-9'), cout(-2 * HOURS, 250_000, 'customer:C-9')];
  assert.equal(runRule(repeatCounterparty, ev, ctxFor(ev, { counterparty: 'customer:C-9', counterpartyKind: 'customer' }, history)), undefined);
  assert.ok(runRule(repeatCounterparty, ev, ctxFor(ev, { counterparty: 'customer:C-9', counterpartyKind: 'self-hosted' }, history)));
});

test('rule 28 repeat-counterparty: repeated withdrawals to the customer\'s own registered wallet are not this rule\'s', () => {
  const own = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
  const ev = withdrawal({ amountJpy: 200_000, destinationAddress: own, selfHosted: true });
  const history = [cout(-6 * HOURS, 300_000, 'own'), cout(-2 * HOURS, 250_000, 'own')];
  const customer = personCustomer({ wallets: [{ address: own, chain: 'bitcoin' }] });
  assert.equal(runRule(repeatCounterparty, ev, ctxFor(ev, { counterparty: 'own', counterpartyKind: 'self-hosted' }, history, { customer })), undefined);
  // The near case: the same three withdrawals to a wallet the customer did not register.
  const stranger = personCustomer({ wallets: [{ address: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT', chain: 'bitcoin' }] });
  assert.ok(runRule(repeatCounterparty, ev, ctxFor(ev, { counterparty: 'own', counterpartyKind: 'self-hosted' }, history, { customer: stranger })));
});
