/**
 * Confirmed or possible (docs/events.md): a shared identifier confirms; a very high score
 * confirms a person only with a supporting birth date, an organisation, vessel or aircraft only
 * near-exact (≥ 0.98); any feature that speaks against the match leaves it possible. And the
 * shapes the pipeline, alerts and rescreening share: findings, notices, party keys.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Feature, ScreeningHit, ScreeningResult, Schema, WalletScreening } from '../index.ts';
import { classifyNameHit, isCustomerItself, isRecordParty, nameFindings, walletFindings, walletParty, type ScreenedParty } from './findings.ts';

const sameBirthDate: Feature = { feature: 'birthDate', effect: 0.05, detail: 'same birth date 1970-01-01' };
const birthYearFits: Feature = { feature: 'birthDate', effect: 0.03, detail: 'birth year 1970 fits the listed 1969–1971' };
const otherDay: Feature = { feature: 'birthDate', effect: -0.05, detail: 'same year, other day: 1970-01-01 / 1970-03-02' };
const otherCountry: Feature = { feature: 'country', effect: -0.08, detail: 'country JP against listed RU' };
const sharedPassport: Feature = { feature: 'identifier', effect: 0.2, detail: 'shared identifier: passport 123456789' };

function hit(score: number, features: Feature[] = [], overrides: Partial<ScreeningHit> = {}): ScreeningHit {
  return {
    entityId: 'ofac:100',
    schema: 'Person',
    caption: 'PETROV, Ivan',
    source: 'ofac-advanced',
    listVersion: 7,
    programs: ['RUSSIA-EO14024'],
    score,
    match: true,
    explanation: {
      name: {
        queryName: 'Ivan Petrov',
        queryVia: 'latin',
        candidateName: 'PETROV, Ivan',
        candidateKind: 'primary',
        candidateVia: 'latin',
        tokens: [{ query: 'ivan', candidate: 'ivan', similarity: 1, how: 'exact' }],
        queryCoverage: 1,
        candidateCoverage: 1,
        score,
      },
      features: [{ feature: 'name', effect: score, detail: 'Ivan Petrov ~ PETROV Ivan' }, ...features],
    },
    ...overrides,
  };
}

describe('classifyNameHit', () => {
  test('a shared identifier confirms, even at a modest score or against another feature', () => {
    assert.equal(classifyNameHit(hit(0.75, [sharedPassport])), 'confirmed');
    assert.equal(classifyNameHit(hit(0.8, [sharedPassport, otherCountry])), 'confirmed');
    assert.equal(classifyNameHit(hit(0.8, [sharedPassport], { schema: 'Vessel' })), 'confirmed');
  });

  test('an identifier feature that is not a shared identifier does not confirm', () => {
    const other: Feature = { feature: 'identifier', effect: 0, detail: 'different passport numbers' };
    assert.equal(classifyNameHit(hit(0.8, [other])), 'possible');
  });

  test('a person at or above the confirm score with the same birth date is confirmed', () => {
    assert.equal(classifyNameHit(hit(0.96, [sameBirthDate])), 'confirmed');
    assert.equal(classifyNameHit(hit(0.95, [sameBirthDate])), 'confirmed');
  });

  test('a person at a high score without birth-date support is possible', () => {
    assert.equal(classifyNameHit(hit(1)), 'possible');
    // A birth year that merely fits is not enough support.
    assert.equal(classifyNameHit(hit(0.99, [birthYearFits])), 'possible');
  });

  test('below the confirm score a birth date does not confirm', () => {
    assert.equal(classifyNameHit(hit(0.94, [sameBirthDate])), 'possible');
  });

  test('any feature that speaks against the match leaves it possible', () => {
    assert.equal(classifyNameHit(hit(0.99, [sameBirthDate, otherCountry])), 'possible');
    assert.equal(classifyNameHit(hit(0.99, [otherDay])), 'possible');
    assert.equal(classifyNameHit(hit(0.99, [otherCountry], { schema: 'Organization' })), 'possible');
  });

  test('an organisation, company, vessel or aircraft needs a near-exact name (≥ 0.98)', () => {
    for (const schema of ['Organization', 'Company', 'LegalEntity', 'Vessel', 'Aircraft'] as Schema[]) {
      assert.equal(classifyNameHit(hit(0.98, [], { schema })), 'confirmed', `${schema} 0.98`);
      assert.equal(classifyNameHit(hit(1, [], { schema })), 'confirmed', `${schema} 1`);
      assert.equal(classifyNameHit(hit(0.97, [], { schema })), 'possible', `${schema} 0.97`);
    }
  });

  test('the policy moves the confirm score, and the organisation floor only upwards', () => {
    assert.equal(classifyNameHit(hit(0.91, [sameBirthDate]), { confirmScore: 0.9 }), 'confirmed');
    assert.equal(classifyNameHit(hit(0.96, [sameBirthDate]), { confirmScore: 0.97 }), 'possible');
    // A lower confirm score does not lower the 0.98 an organisation needs …
    assert.equal(classifyNameHit(hit(0.95, [], { schema: 'Organization' }), { confirmScore: 0.9 }), 'possible');
    // … and a higher one raises it.
    assert.equal(classifyNameHit(hit(0.985, [], { schema: 'Organization' }), { confirmScore: 0.99 }), 'possible');
    assert.equal(classifyNameHit(hit(0.99, [], { schema: 'Organization' }), { confirmScore: 0.99 }), 'confirmed');
  });
});

describe('nameFindings', () => {
  const party: ScreenedParty = { key: 'beneficiary:abc', role: 'beneficiary', query: { name: 'Ivan Petrov', birthDate: '1970-01-01' } };
  const result = (hits: ScreeningHit[]): ScreeningResult => ({ query: party.query, threshold: 0.7, hits, lists: [{ source: 'ofac-advanced', version: 7 }], warnings: [] });

  test('only hits at or above the threshold (match = true) become findings', () => {
    const findings = nameFindings(party, result([hit(0.9), hit(0.65, [], { entityId: 'ofac:200', match: false }), hit(0.97, [sameBirthDate], { entityId: 'un:300', source: 'un', listVersion: 2 })]));
    assert.deepEqual(findings.map((f) => f.entityId), ['ofac:100', 'un:300']);
  });

  test('no matching hits, no findings', () => {
    assert.deepEqual(nameFindings(party, result([])), []);
    assert.deepEqual(nameFindings(party, result([hit(0.69, [], { match: false })])), []);
  });

  test('a finding names the party screened, the listed entity and its list version, and is classified', () => {
    const h = hit(0.97, [sameBirthDate], { entityId: 'un:300', source: 'un', listVersion: 2, schema: 'Person', programs: ['DPRK'] });
    const [f] = nameFindings(party, result([h]));
    assert.ok(f);
    assert.equal(f.check, 'sanctions.name');
    assert.equal(f.severity, 'confirmed');
    assert.deepEqual(f.party, { key: 'beneficiary:abc', role: 'beneficiary', name: 'Ivan Petrov' });
    assert.equal(f.entityId, 'un:300');
    assert.equal(f.source, 'un');
    assert.equal(f.listVersion, 2);
    assert.equal(f.schema, 'Person');
    assert.deepEqual(f.programs, ['DPRK']);
    assert.equal(f.score, 0.97);
    assert.deepEqual(f.explanation, h.explanation);
    assert.ok(f.detail.length > 0);
  });

  test('the policy passed in decides the severity', () => {
    const h = hit(0.92, [sameBirthDate]);
    assert.equal(nameFindings(party, result([h]))[0]!.severity, 'possible');
    assert.equal(nameFindings(party, result([h]), { confirmScore: 0.9 })[0]!.severity, 'confirmed');
  });
});

describe('walletFindings', () => {
  const validation: WalletScreening['validation'] = { input: '0xdest', valid: true, matches: [], rejections: [] };
  const listed = {
    entityId: 'ofac:36025',
    caption: 'GARANTEX EUROPE OU',
    schema: 'Organization',
    source: 'ofac-advanced',
    version: 3,
    programs: ['CYBER4'],
    currency: 'ETH',
    published: '0x57EC89A0C056163A0314e413320f9B3ABe761259',
  };

  test('a wallet on an active list is a confirmed finding with score 1 for the party given', () => {
    const party = walletParty('0x57ec89a0c056163a0314e413320f9b3abe761259', 'counterparty');
    const { findings, notices } = walletFindings(party, { validation, hits: [listed], formerly: [] });
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f!.check, 'sanctions.wallet');
    assert.equal(f!.severity, 'confirmed');
    assert.equal(f!.score, 1);
    assert.deepEqual(f!.party, party);
    assert.equal(f!.entityId, 'ofac:36025');
    assert.equal(f!.listVersion, 3);
    assert.equal(f!.source, 'ofac-advanced');
    assert.deepEqual(f!.programs, ['CYBER4']);
    assert.deepEqual(notices, []);
  });

  test('a formerly listed wallet and an attribution tag are notices, not findings', () => {
    const party = walletParty('bc1qsource', 'counterparty');
    const { findings, notices } = walletFindings(party, {
      validation,
      hits: [],
      formerly: [{ entityId: 'ofac:999', source: 'ofac-advanced', currency: 'ETH', published: '0xabc', lastListedIn: 4, droppedIn: 5 }],
      tags: [{ label: 'Garantex', categories: ['exchange'], category: 'exchange', jurisdictions: ['RU'], currency: 'BTC', published: 'bc1qsource', tagSource: 'tags-test', tagVersion: 1 }],
    });
    assert.deepEqual(findings, []);
    assert.deepEqual(notices.map((n) => n.check), ['sanctions.wallet-formerly-listed', 'attribution.tag']);
    for (const n of notices) assert.deepEqual(n.party, party);
  });

  test('a clean wallet gives nothing', () => {
    assert.deepEqual(walletFindings(walletParty('0xclean', 'counterparty'), { validation, hits: [], formerly: [] }), { findings: [], notices: [] });
  });
});

describe('party keys', () => {
  test('walletParty: a customer’s own wallet is part of its record, any other wallet a counterparty', () => {
    assert.deepEqual(walletParty('0xabc', 'customer'), { key: 'own-wallet:0xabc', role: 'customer', name: '0xabc' });
    assert.deepEqual(walletParty('0xabc', 'counterparty'), { key: 'wallet:0xabc', role: 'counterparty', name: '0xabc' });
    assert.equal(walletParty('0xabc', 'beneficiary').key, 'wallet:0xabc');
  });

  test('isRecordParty: the customer, its owners, directors and registered wallets', () => {
    for (const key of ['self', 'owner:0', 'owner:0.1', 'director:2', 'director:0/owner:0', 'own-wallet:0xabc']) assert.equal(isRecordParty(key), true, key);
    for (const key of ['wallet:0xabc', 'beneficiary:0123456789abcdef', 'counterparty:0123456789abcdef', 'vasp:x', 'bank:y', 'selfish', '']) assert.equal(isRecordParty(key), false, key);
  });

  test('isCustomerItself: its name or its own wallet, not its owners or directors', () => {
    for (const key of ['self', 'own-wallet:0xabc']) assert.equal(isCustomerItself(key), true, key);
    for (const key of ['owner:1', 'director:7', 'wallet:0xabc', 'beneficiary:1', 'self:x']) assert.equal(isCustomerItself(key), false, key);
  });
});
