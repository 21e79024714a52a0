/**
 * The decision table of docs/events.md ("Who is matched decides the outcome"), row by row: what
 * one finding decides for each kind of party and event, the customer's stored status, notices,
 * and the fold that makes the strictest reason the event's decision.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Decision, EventType } from './schema.ts';
import { decide, findingOutcome, flowOf, stricter } from './decision.ts';
import { walletParty, type Finding, type Notice, type PartyRole, type Severity } from './findings.ts';

function finding(role: PartyRole, severity: Severity, overrides: Partial<Finding> = {}): Finding {
  const key = role === 'customer' ? 'self' : `${role}:1`;
  return {
    check: 'sanctions.name',
    severity,
    party: { key, role, name: 'Ivan Petrov' },
    entityId: 'ofac:1',
    caption: 'PETROV, Ivan',
    schema: 'Person',
    source: 'ofac-advanced',
    listVersion: 3,
    programs: ['RUSSIA-EO14024'],
    score: severity === 'confirmed' ? 0.97 : 0.8,
    detail: 'test finding',
    ...overrides,
  };
}

const notice = (check: Notice['check'] = 'sanctions.wallet-formerly-listed'): Notice => ({
  check,
  party: walletParty('bc1qexample', 'counterparty'),
  detail: 'formerly listed',
});

const EVERY_TYPE: EventType[] = ['customer.onboarded', 'customer.updated', 'login', 'deposit.detected', 'withdrawal.requested', 'trade', 'fiat.transfer'];
const LATER_TYPES = EVERY_TYPE.filter((t) => t !== 'customer.onboarded');

describe('flowOf', () => {
  test('a withdrawal moves value out, a deposit in', () => {
    assert.equal(flowOf('withdrawal.requested'), 'out');
    assert.equal(flowOf('deposit.detected'), 'in');
  });

  test('a fiat transfer moves value the way its direction says, and nowhere without one', () => {
    assert.equal(flowOf('fiat.transfer', 'in'), 'in');
    assert.equal(flowOf('fiat.transfer', 'out'), 'out');
    assert.equal(flowOf('fiat.transfer'), 'none');
  });

  test('other events move no value, whatever direction is passed', () => {
    for (const type of ['customer.onboarded', 'customer.updated', 'login', 'trade'] as const) {
      assert.equal(flowOf(type), 'none', type);
      assert.equal(flowOf(type, 'in'), 'none', type);
    }
    // A direction on a withdrawal or deposit does not turn it around.
    assert.equal(flowOf('withdrawal.requested', 'in'), 'out');
    assert.equal(flowOf('deposit.detected', 'out'), 'in');
  });
});

describe('findingOutcome: the customer itself (name or registered wallet)', () => {
  test('confirmed: block at onboarding, freeze on every later event', () => {
    assert.equal(findingOutcome('customer.onboarded', 'none', finding('customer', 'confirmed')), 'block');
    for (const type of LATER_TYPES) assert.equal(findingOutcome(type, flowOf(type), finding('customer', 'confirmed')), 'freeze', type);
  });

  test('a confirmed hit on a registered wallet counts as the customer itself', () => {
    const own = finding('customer', 'confirmed', { check: 'sanctions.wallet', party: walletParty('0xabc', 'customer'), score: 1 });
    assert.equal(own.party.key, 'own-wallet:0xabc');
    assert.equal(findingOutcome('customer.onboarded', 'none', own), 'block');
    assert.equal(findingOutcome('customer.updated', 'none', own), 'freeze');
  });

  test('possible: hold, but review for a login', () => {
    for (const type of EVERY_TYPE) {
      const expected: Decision = type === 'login' ? 'review' : 'hold';
      assert.equal(findingOutcome(type, flowOf(type), finding('customer', 'possible')), expected, type);
    }
  });
});

describe('findingOutcome: an owner or director', () => {
  for (const role of ['owner', 'director'] as const) {
    test(`${role}: hold whether confirmed or possible (the 50 % rule needs the aggregated share)`, () => {
      for (const type of ['customer.onboarded', 'customer.updated'] as const) {
        assert.equal(findingOutcome(type, 'none', finding(role, 'confirmed')), 'hold', `${type} confirmed`);
        assert.equal(findingOutcome(type, 'none', finding(role, 'possible')), 'hold', `${type} possible`);
      }
    });
  }
});

describe('findingOutcome: a counterparty, beneficiary, originator, VASP, bank or wallet', () => {
  const roles: PartyRole[] = ['counterparty', 'beneficiary', 'originator', 'vasp', 'bank'];

  test('confirmed: block when value goes out', () => {
    for (const role of roles) {
      assert.equal(findingOutcome('withdrawal.requested', 'out', finding(role, 'confirmed')), 'block', role);
      assert.equal(findingOutcome('fiat.transfer', 'out', finding(role, 'confirmed')), 'block', role);
    }
  });

  test('confirmed: freeze when value came in', () => {
    for (const role of roles) {
      assert.equal(findingOutcome('deposit.detected', 'in', finding(role, 'confirmed')), 'freeze', role);
      assert.equal(findingOutcome('fiat.transfer', 'in', finding(role, 'confirmed')), 'freeze', role);
    }
  });

  test('a listed destination wallet blocks a withdrawal, a listed source wallet freezes a deposit', () => {
    const wallet = (address: string) => finding('counterparty', 'confirmed', { check: 'sanctions.wallet', party: walletParty(address, 'counterparty'), score: 1 });
    assert.equal(findingOutcome('withdrawal.requested', flowOf('withdrawal.requested'), wallet('0xdest')), 'block');
    assert.equal(findingOutcome('deposit.detected', flowOf('deposit.detected'), wallet('bc1qsource')), 'freeze');
  });

  test('possible: hold, in either direction', () => {
    for (const role of roles) {
      assert.equal(findingOutcome('withdrawal.requested', 'out', finding(role, 'possible')), 'hold', role);
      assert.equal(findingOutcome('deposit.detected', 'in', finding(role, 'possible')), 'hold', role);
      assert.equal(findingOutcome('fiat.transfer', 'in', finding(role, 'possible')), 'hold', role);
    }
  });
});

describe('decide: the customer’s stored status', () => {
  test('an open confirmed match freezes any later event', () => {
    for (const type of LATER_TYPES) {
      const { decision, reasons } = decide({ type, findings: [], notices: [], customerStatus: 'match' });
      assert.equal(decision, 'freeze', type);
      assert.equal(reasons.length, 1);
      assert.equal(reasons[0]!.check, 'sanctions.customer-status');
      assert.equal(reasons[0]!.severity, 'confirmed');
      assert.equal(reasons[0]!.outcome, 'freeze');
    }
  });

  test('a possible match awaiting review holds, but only asks for review on a login', () => {
    for (const type of LATER_TYPES) {
      const { decision, reasons } = decide({ type, findings: [], notices: [], customerStatus: 'possible-match' });
      assert.equal(decision, type === 'login' ? 'review' : 'hold', type);
      assert.equal(reasons[0]!.check, 'sanctions.customer-status');
      assert.equal(reasons[0]!.severity, 'possible');
    }
  });

  test('clear, unscreened or unknown status adds no reason', () => {
    for (const customerStatus of ['clear', 'unscreened', undefined]) {
      const { decision, reasons } = decide({ type: 'withdrawal.requested', findings: [], notices: [], customerStatus });
      assert.equal(decision, 'allow', String(customerStatus));
      assert.deepEqual(reasons, []);
    }
  });
});

describe('decide: notices and the fold', () => {
  test('nothing found allows', () => {
    assert.deepEqual(decide({ type: 'trade', findings: [], notices: [] }), { decision: 'allow', reasons: [] });
  });

  test('a notice (formerly listed wallet, attribution tag, unknown customer) asks for review', () => {
    for (const check of ['sanctions.wallet-formerly-listed', 'attribution.tag', 'customer.unknown'] as const) {
      const { decision, reasons } = decide({ type: 'deposit.detected', findings: [], notices: [notice(check)] });
      assert.equal(decision, 'review', check);
      assert.equal(reasons.length, 1);
      assert.equal(reasons[0]!.check, check);
      assert.equal(reasons[0]!.outcome, 'review');
      assert.equal(reasons[0]!.party?.key, 'wallet:bc1qexample');
    }
  });

  test('the strictest reason decides, whatever the order, and every reason is kept', () => {
    const possible = finding('beneficiary', 'possible');
    const confirmed = finding('counterparty', 'confirmed', { check: 'sanctions.wallet', party: walletParty('0xdest', 'counterparty') });
    for (const findings of [[possible, confirmed], [confirmed, possible]]) {
      const { decision, reasons } = decide({ type: 'withdrawal.requested', findings, notices: [notice()] });
      assert.equal(decision, 'block');
      assert.deepEqual(reasons.map((r) => r.outcome).sort(), ['block', 'hold', 'review']);
    }
  });

  test('a stored match (freeze) outranks a blocking finding; a notice never lowers a hold', () => {
    const blocked = decide({ type: 'withdrawal.requested', findings: [finding('counterparty', 'confirmed')], notices: [], customerStatus: 'match' });
    assert.equal(blocked.decision, 'freeze');
    assert.equal(blocked.reasons.length, 2);
    const held = decide({ type: 'withdrawal.requested', findings: [finding('beneficiary', 'possible')], notices: [notice(), notice('attribution.tag')] });
    assert.equal(held.decision, 'hold');
  });

  test('a possible-match status on a withdrawal to a listed wallet: block wins over hold', () => {
    const { decision } = decide({ type: 'withdrawal.requested', findings: [finding('counterparty', 'confirmed')], notices: [], customerStatus: 'possible-match' });
    assert.equal(decision, 'block');
  });

  test('a fiat transfer in from a listed bank freezes; out to it blocks', () => {
    const bank = finding('bank', 'confirmed');
    assert.equal(decide({ type: 'fiat.transfer', direction: 'in', findings: [bank], notices: [] }).decision, 'freeze');
    assert.equal(decide({ type: 'fiat.transfer', direction: 'out', findings: [bank], notices: [] }).decision, 'block');
  });

  test('a finding’s reason carries its party, entity, list version and a score rounded to three places', () => {
    const f = finding('beneficiary', 'possible', { score: 0.876543 });
    const [reason] = decide({ type: 'withdrawal.requested', findings: [f], notices: [] }).reasons;
    assert.deepEqual(reason, {
      check: 'sanctions.name',
      outcome: 'hold',
      severity: 'possible',
      party: f.party,
      entityId: 'ofac:1',
      caption: 'PETROV, Ivan',
      source: 'ofac-advanced',
      listVersion: 3,
      programs: ['RUSSIA-EO14024'],
      score: 0.877,
      detail: 'test finding',
    });
  });

  test('stricter orders allow < review < hold < block < freeze', () => {
    const order: Decision[] = ['allow', 'review', 'hold', 'block', 'freeze'];
    for (let i = 0; i < order.length; i++) {
      for (let j = 0; j < order.length; j++) {
        assert.equal(stricter(order[i]!, order[j]!), order[Math.max(i, j)], `${order[i]} vs ${order[j]}`);
      }
    }
  });
});

