import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CustomerSchema } from './schema.ts';
import { partiesOf, partyFromInput, walletsOf } from './parties.ts';

const legal = CustomerSchema.parse({
  id: 'C-2001',
  type: 'legal',
  names: [{ name: 'Sample KK', kind: 'trade' }, { name: '株式会社サンプル', kana: 'カブシキガイシャサンプル', latin: 'Sample Kabushiki Kaisha', kind: 'primary' }],
  registrationNumber: '1234567890123',
  jurisdiction: 'jp',
  addresses: [{ country: 'JP' }, { country: 'SG' }],
  owners: [
    { share: 60, party: { type: 'legal', names: [{ name: 'Sample Holding AG' }], jurisdiction: 'CH', owners: [{ share: 100, party: { type: 'person', names: [{ name: 'Ivan Petrov' }], birthDate: '1970', gender: 'other' } }] } },
    { share: 40, party: { type: 'person', names: [{ name: '佐藤 花子', kana: 'サトウ ハナコ' }], nationalities: ['JP'], residence: 'JP', gender: 'female', documents: [{ type: 'passport', number: 'TK7654321' }] } },
  ],
  directors: [{ party: { type: 'person', names: [{ name: '佐藤 花子' }] } }],
  wallets: [
    { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
    { address: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', chain: 'ethereum' },
    { address: 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', chain: 'bitcoin' },
    { address: '  not-an-address  ' },
  ],
});

describe('parties of a customer', () => {
  test('the customer, its owners down the chain and its directors, with stable keys and roles', () => {
    const parties = partiesOf(legal);
    assert.deepEqual(parties.map((p) => [p.key, p.role]), [['self', 'customer'], ['owner:0', 'owner'], ['owner:0.0', 'owner'], ['owner:1', 'owner'], ['director:0', 'director']]);
  });

  test('the query: primary name with its kana, other names and romanisations as aliases, qualifiers', () => {
    const [self, , ivan, hanako] = partiesOf(legal);
    assert.deepEqual(self!.query, {
      name: '株式会社サンプル',
      nameKana: 'カブシキガイシャサンプル',
      schema: 'Organization',
      aliases: ['Sample KK', 'Sample Kabushiki Kaisha'],
      countries: ['JP', 'SG'],
      identifiers: ['1234567890123'],
    });
    assert.deepEqual(ivan!.query, { name: 'Ivan Petrov', schema: 'Person', birthDate: '1970' });
    assert.deepEqual(hanako!.query, { name: '佐藤 花子', nameKana: 'サトウ ハナコ', schema: 'Person', gender: 'female', countries: ['JP'], identifiers: ['TK7654321'] });
  });

  test('a counterparty gets the same key whenever it is named the same way', () => {
    const a = partyFromInput('beneficiary', 'counterparty', { type: 'person', names: [{ name: 'Ivan Petrov' }], birthDate: '1970' });
    const b = partyFromInput('beneficiary', 'counterparty', { birthDate: '1970', names: [{ name: 'Ivan Petrov' }], type: 'person' });
    const c = partyFromInput('beneficiary', 'counterparty', { type: 'person', names: [{ name: 'Ivan Petrov' }], birthDate: '1971' });
    assert.match(a.key, /^counterparty:[0-9a-f]{16}$/);
    assert.equal(a.key, b.key);
    assert.notEqual(a.key, c.key);
    assert.equal(a.role, 'beneficiary');
  });

  test('wallets in canonical form, without repeats; an unreadable one kept as trimmed text', () => {
    assert.deepEqual(walletsOf(legal), [
      { address: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' },
      { address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', chain: 'bitcoin' },
      { address: 'not-an-address' },
    ]);
  });
});
