import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { partiesOf } from '../customers/parties.ts';
import { CustomerSchema, type LegalCustomer, type LegalParty, type Owner, type Party } from '../customers/schema.ts';
import type { Finding } from '../events/findings.ts';
import { type IsSanctioned, type OwnershipAssessment, ownershipNodes, sanctionedOwnership, sanctionsFromFindings } from './ownership.ts';

// Hand-made structures; every expected figure below is computed by hand in the test's comment.
const person = (name: string): Party => ({ type: 'person', names: [{ name }] });
const company = (name: string, owners: Owner[] = [], over: Partial<LegalParty> = {}): LegalParty => ({ type: 'legal', names: [{ name }], owners, ...over });
const customer = (owners: Owner[]): LegalCustomer => CustomerSchema.parse({ id: 'C-9', type: 'legal', names: [{ name: 'Target KK' }], owners }) as LegalCustomer;
const own = (share: number, party: Party): Owner => ({ share, party });

/** Sanctioned by name: confirmed SDN-<name>, or possible when listed in `possible`. */
function listed(confirmed: string[], possible: string[] = []): IsSanctioned {
  return (party) => {
    const name = party.names[0]!.name;
    if (confirmed.includes(name)) return { entityId: `SDN-${name}` };
    if (possible.includes(name)) return { entityId: `SDN-${name}`, possible: true };
    return undefined;
  };
}

const byProfile = (results: OwnershipAssessment[]) => Object.fromEntries(results.map((r) => [r.profile, r])) as Record<'ofac' | 'eu' | 'uk', OwnershipAssessment>;

describe('sanctioned ownership: direct holdings', () => {
  test('50% held by one sanctioned person: OFAC and EU (50% or more) block, UK (more than 50%) does not', () => {
    const r = byProfile(sanctionedOwnership(customer([own(50, person('X')), own(50, person('Y'))]), listed(['X'])));
    assert.equal(r.ofac.share, 50);
    assert.equal(r.ofac.blocked, true);
    assert.equal(r.eu.blocked, true);
    assert.equal(r.uk.blocked, false);
    assert.equal(r.uk.nearMiss, true);
    assert.deepEqual(r.ofac.holders, [{ name: 'X', entityId: 'SDN-X', share: 50, path: ['Target KK', 'X'] }]);
  });

  test('49.9% is not blocked under any profile, and is a near miss', () => {
    const r = sanctionedOwnership(customer([own(49.9, person('X')), own(50.1, person('Y'))]), listed(['X']));
    for (const p of r) {
      assert.equal(p.blocked, false, p.profile);
      assert.equal(p.nearMiss, true, p.profile);
      assert.equal(p.share, 49.9);
    }
  });

  test('50.1% held by one person blocks under UK too', () => {
    const r = byProfile(sanctionedOwnership(customer([own(50.1, person('X')), own(49.9, person('Y'))]), listed(['X'])));
    assert.equal(r.uk.blocked, true);
  });

  test('two sanctioned persons 30% + 25%: OFAC and EU aggregate to 55% (blocked); UK does not aggregate without a joint arrangement (30%, near miss)', () => {
    const r = byProfile(sanctionedOwnership(customer([own(30, person('X')), own(25, person('Y')), own(45, person('Z'))]), listed(['X', 'Y'])));
    assert.equal(r.ofac.share, 55);
    assert.equal(r.ofac.blocked, true);
    assert.equal(r.eu.share, 55);
    assert.equal(r.eu.blocked, true);
    assert.equal(r.uk.share, 30);
    assert.equal(r.uk.blocked, false);
    assert.equal(r.uk.nearMiss, true);
    assert.deepEqual(r.uk.holders.map((h) => [h.name, h.share]), [['X', 30], ['Y', 25]]);
  });

  test('the same sanctioned person holding through two lines is one person under UK: 30% direct + 30% via a 100% subsidiary = 60%', () => {
    const r = byProfile(sanctionedOwnership(customer([own(30, person('X')), own(30, company('X Holdings', [own(100, person('X'))])), own(40, person('Z'))]), listed(['X'])));
    assert.equal(r.uk.share, 60);
    assert.equal(r.uk.blocked, true);
    assert.equal(r.ofac.share, 60);
  });
});

describe('sanctioned ownership: indirect holdings', () => {
  test('X owns 60% of H, H owns 60% of the customer: H is blocked, so its 60% counts whole (not 36%) under every profile', () => {
    const h = company('H Holding Ltd', [own(60, person('X')), own(40, person('W'))]);
    const r = byProfile(sanctionedOwnership(customer([own(60, h), own(40, person('Z'))]), listed(['X'])));
    for (const p of ['ofac', 'eu', 'uk'] as const) {
      assert.equal(r[p].share, 60, p);
      assert.equal(r[p].blocked, true, p);
    }
    assert.deepEqual(r.ofac.holders, [{ name: 'X', entityId: 'SDN-X', share: 60, path: ['Target KK', 'H Holding Ltd', 'X'] }]);
    // The economic interest is 60% × 60% = 36%.
    assert.equal(r.ofac.lookThrough[0]!.share, 36);
  });

  test('X owns 40% of H (H not blocked), H owns 100% of the customer: no profile counts it (FAQ 401; EU: H not owned; UK: no majority stake); look-through 40%', () => {
    const h = company('H Holding Ltd', [own(40, person('X')), own(60, person('W'))]);
    const r = byProfile(sanctionedOwnership(customer([own(100, h)]), listed(['X'])));
    for (const p of ['ofac', 'eu', 'uk'] as const) {
      assert.equal(r[p].share, 0, p);
      assert.equal(r[p].blocked, false, p);
      assert.equal(r[p].nearMiss, false, p);
    }
    assert.deepEqual(r.ofac.lookThrough, [{ name: 'X', entityId: 'SDN-X', share: 40, path: ['Target KK', 'H Holding Ltd', 'X'] }]);
  });

  test('OFAC FAQ 401 Example 2: X owns 50% of A and of B, A and B each own 25% of C: C is blocked (25% + 25%); UK: 50% is no majority stake', () => {
    const a = company('Entity A', [own(50, person('X')), own(50, person('P'))]);
    const b = company('Entity B', [own(50, person('X')), own(50, person('Q'))]);
    const r = byProfile(sanctionedOwnership(customer([own(25, a), own(25, b), own(50, person('Z'))]), listed(['X'])));
    assert.equal(r.ofac.share, 50);
    assert.equal(r.ofac.blocked, true);
    assert.equal(r.eu.blocked, true);
    assert.equal(r.uk.share, 0);
    assert.deepEqual(r.ofac.holders.map((h) => h.path.join(' > ')), ['Target KK > Entity A > X', 'Target KK > Entity B > X']);
  });

  test('OFAC FAQ 401 Example 3: X owns 50% of A and 10% of B, A owns 40% of B: B is blocked (40% + 10%)', () => {
    const a = company('Entity A', [own(50, person('X')), own(50, person('P'))]);
    const r = byProfile(sanctionedOwnership(customer([own(10, person('X')), own(40, a), own(50, person('Z'))]), listed(['X'])));
    assert.equal(r.ofac.share, 50);
    assert.equal(r.ofac.blocked, true);
    assert.equal(r.uk.share, 10);
  });

  test('ownership through a minority-owned entity is disregarded: X owns 25% of A and of B, A and B each own 50% of C: not blocked', () => {
    const a = company('Entity A', [own(25, person('X')), own(75, person('P'))]);
    const b = company('Entity B', [own(25, person('X')), own(75, person('Q'))]);
    const r = byProfile(sanctionedOwnership(customer([own(50, a), own(50, b)]), listed(['X'])));
    assert.equal(r.ofac.share, 0);
    assert.equal(r.ofac.blocked, false);
    assert.equal(r.ofac.lookThrough[0]!.share, 25);
  });

  test('an intermediate blocked by two persons together (30% + 25%) passes its holding whole under OFAC and EU, spread over them pro rata; not under UK', () => {
    const h = company('H Holding Ltd', [own(30, person('X')), own(25, person('Y')), own(45, person('W'))]);
    const r = byProfile(sanctionedOwnership(customer([own(55, h), own(45, person('Z'))]), listed(['X', 'Y'])));
    assert.equal(r.ofac.share, 55);
    assert.equal(r.ofac.blocked, true);
    // 55 × 30/55 = 30 and 55 × 25/55 = 25.
    assert.deepEqual(r.ofac.holders.map((x) => [x.name, x.share]), [['X', 30], ['Y', 25]]);
    assert.equal(r.uk.share, 0);
  });

  test('a listed company among the owners counts whole, and its own owners do not count twice', () => {
    const e = company('Listed Energy JSC', [own(100, person('X'))]);
    const r = byProfile(sanctionedOwnership(customer([own(40, e), own(60, person('Z'))]), listed(['Listed Energy JSC', 'X'])));
    assert.equal(r.ofac.share, 40);
    assert.equal(r.ofac.nearMiss, true);
    assert.equal(r.uk.share, 40);
  });

  test('a chain of majority stakes ten levels deep passes through whole', () => {
    let top: Party = person('X');
    for (let i = 9; i >= 1; i--) top = company(`Level ${i}`, [own(51, top), own(49, person(`Other ${i}`))]);
    const r = byProfile(sanctionedOwnership(customer([own(51, top), own(49, person('Z'))]), listed(['X'])));
    assert.equal(r.uk.share, 51);
    assert.equal(r.uk.blocked, true);
    assert.equal(r.ofac.holders[0]!.path.length, 11);
  });
});

describe('sanctioned ownership: bad data', () => {
  test('a cycle (A owns B, B owns A) ends, is reported, and what is sanctioned around it still counts', () => {
    const a = company('A Trading Pte Ltd', [], { id: 'C-9' });
    const b = company('B Holdings Ltd', [own(100, a), own(0.0001, person('W'))]);
    // A real object cycle, as a program (not JSON) can build it.
    const root: LegalCustomer = { id: 'C-9', type: 'legal', names: [{ name: 'A Trading Pte Ltd' }], owners: [own(60, b), own(40, person('X'))] };
    a.owners = root.owners;
    const r = byProfile(sanctionedOwnership(root, listed(['X'])));
    assert.equal(r.ofac.share, 40);
    assert.equal(r.ofac.nearMiss, true);
    assert.ok(r.ofac.issues.some((i) => /cycle/.test(i)), r.ofac.issues.join('\n'));
    assert.equal(ownershipNodes(root).length, 2);
  });

  test('a cycle between two owners found by register number (no object cycle) is cut as well', () => {
    const inner = company('P Ltd', [own(100, company('Q Ltd', [own(100, person('X'))], { registrationNumber: '111' }))], { registrationNumber: '222' });
    const q = company('Q Ltd', [own(100, inner)], { registrationNumber: '111' });
    const r = byProfile(sanctionedOwnership(customer([own(100, q)]), listed(['X'])));
    assert.equal(r.ofac.share, 0);
    assert.ok(r.ofac.issues.some((i) => /Q Ltd appears again/.test(i)));
  });

  test('shares of one level adding up to more than 100% are reported; a sanctioned holding is not scaled down', () => {
    const r = byProfile(sanctionedOwnership(customer([own(70, person('X')), own(60, person('Z'))]), listed(['X'])));
    assert.equal(r.ofac.share, 70);
    assert.equal(r.ofac.blocked, true);
    assert.ok(r.ofac.issues.some((i) => /add up to 130%/.test(i)));
  });

  test('sanctioned holdings over 100% in total are capped at 100', () => {
    const r = byProfile(sanctionedOwnership(customer([own(60, person('X')), own(60, person('Y'))]), listed(['X', 'Y'])));
    assert.equal(r.ofac.share, 100);
  });

  test('shares outside 0..100 in an unvalidated record are clamped and reported, not thrown', () => {
    const root = { type: 'legal', names: [{ name: 'Raw KK' }], owners: [{ share: 150, party: person('X') }, { share: Number.NaN, party: person('Y') }, { share: 10 }] } as unknown as LegalCustomer;
    const r = byProfile(sanctionedOwnership(root, listed(['X', 'Y'])));
    assert.equal(r.ofac.share, 100);
    assert.ok(r.ofac.issues.some((i) => /share 150/.test(i)));
    assert.ok(r.ofac.issues.some((i) => /share NaN/.test(i)));
    assert.ok(r.ofac.issues.some((i) => /no party record/.test(i)));
  });

  test('no owners: nothing held', () => {
    const r = sanctionedOwnership(customer([]), listed(['X']));
    assert.deepEqual(r.map((p) => [p.profile, p.share, p.blocked, p.nearMiss]), [['ofac', 0, false, false], ['eu', 0, false, false], ['uk', 0, false, false]]);
  });
});

describe('sanctioned ownership: near misses and possible matches', () => {
  test('the near-miss band is 25% up to the threshold by default, and configurable', () => {
    const at = (share: number, nearMiss?: number) => byProfile(sanctionedOwnership(customer([own(share, person('X')), own(100 - share, person('Z'))]), listed(['X']), nearMiss === undefined ? {} : { nearMiss })).ofac;
    assert.equal(at(25).nearMiss, true);
    assert.equal(at(24.9).nearMiss, false);
    assert.equal(at(49.99).nearMiss, true);
    assert.equal(at(50).nearMiss, false); // blocked instead
    assert.equal(at(10, 10).nearMiss, true);
  });

  test('a possible match is not counted as sanctioned, but the share if it were confirmed is reported apart', () => {
    const r = byProfile(sanctionedOwnership(customer([own(30, person('X')), own(25, person('Y')), own(45, person('Z'))]), listed(['X'], ['Y'])));
    assert.equal(r.ofac.share, 30);
    assert.equal(r.ofac.blocked, false);
    assert.equal(r.ofac.nearMiss, true);
    assert.equal(r.ofac.possibleShare, 55);
    assert.equal(r.ofac.possibleBlocked, true);
    assert.deepEqual(r.ofac.possibleHolders.map((h) => [h.name, h.share, !!h.possible]), [['X', 30, false], ['Y', 25, true]]);
    // UK: no single person over 50% even if Y is confirmed.
    assert.equal(r.uk.possibleBlocked, false);
  });
});

describe('isSanctioned from findings', () => {
  const record = CustomerSchema.parse({
    id: 'C-77',
    type: 'legal',
    names: [{ name: 'Lion Gate Trading Pte. Ltd.' }],
    jurisdiction: 'SG',
    owners: [
      { share: 60, party: { type: 'legal', names: [{ name: 'Volga Holding Ltd' }], jurisdiction: 'CY', owners: [{ share: 60, party: { type: 'person', names: [{ name: 'Ivan Petrov' }] } }, { share: 40, party: { type: 'person', names: [{ name: 'Anna Ivanova' }] } }] } },
      { share: 40, party: { type: 'person', names: [{ name: 'Oleg Sidorov' }] } },
    ],
    directors: [{ role: 'director', party: { type: 'legal', names: [{ name: 'Corp Director Ltd' }], owners: [{ share: 100, party: { type: 'person', names: [{ name: 'Ivan Petrov' }] } }] } }],
  }) as LegalCustomer;
  const keys = partiesOf(record).map((p) => p.key);
  const finding = (key: string, role: Finding['party']['role'], name: string, severity: Finding['severity'], entityId: string, score = 0.97): Finding => ({
    check: 'sanctions.name', severity, party: { key, role, name }, entityId, caption: name, schema: 'Person', source: 'us_ofac_sdn', listVersion: 3, programs: ['RUSSIA-EO14024'], score, detail: '',
  });

  test('keys are the ones partiesOf builds', () => {
    assert.deepEqual(keys, ['self', 'owner:0', 'owner:0.0', 'owner:0.1', 'owner:1', 'director:0', 'director:0/owner:0']);
  });

  test('a confirmed finding on owner:0.0 makes the intermediate blocked; a possible one on owner:1 shows only in the possible share', () => {
    const findings = [finding('owner:0.0', 'owner', 'Ivan Petrov', 'confirmed', 'ofac-1'), finding('owner:1', 'owner', 'Oleg Sidorov', 'possible', 'ofac-2', 0.8), finding('self', 'customer', 'Lion Gate Trading Pte. Ltd.', 'possible', 'ofac-3')];
    const r = byProfile(sanctionedOwnership(record, sanctionsFromFindings(findings)));
    assert.equal(r.ofac.share, 60);
    assert.equal(r.ofac.blocked, true);
    assert.deepEqual(r.ofac.holders, [{ name: 'Ivan Petrov', entityId: 'ofac-1', share: 60, path: ['Lion Gate Trading Pte. Ltd.', 'Volga Holding Ltd', 'Ivan Petrov'] }]);
    assert.equal(r.ofac.possibleShare, 100);
  });

  test('a confirmed finding outranks a possible one on the same party; a director\'s owners are read with their prefix only', () => {
    const findings = [finding('owner:1', 'owner', 'Oleg Sidorov', 'possible', 'ofac-2', 0.9), finding('owner:1', 'owner', 'Oleg Sidorov', 'confirmed', 'ofac-2', 0.96), finding('director:0/owner:0', 'owner', 'Ivan Petrov', 'confirmed', 'ofac-1')];
    const root = byProfile(sanctionedOwnership(record, sanctionsFromFindings(findings)));
    assert.equal(root.ofac.share, 40);
    assert.equal(root.ofac.possibleShare, 40);
    const director = byProfile(sanctionedOwnership(record.directors![0]!.party as LegalParty, sanctionsFromFindings(findings, 'director:0/')));
    assert.equal(director.ofac.share, 100);
  });
});
