import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { CustomerSchema, LegalCustomerSchema, PartySchema, PersonCustomerSchema } from './schema.ts';

const person = {
  id: 'C-1001',
  type: 'person',
  names: [{ name: '山田 太郎', kana: 'ヤマダ タロウ', latin: 'YAMADA TARO' }, { name: '鈴木 太郎', kind: 'former' }],
  birthDate: '1980-04-01',
  gender: 'male',
  nationalities: ['jp'],
  residence: 'JP',
  documents: [{ type: 'passport', number: 'TK1234567', country: 'JP', expires: '2031-03-31' }],
  addresses: [{ lines: ['千代田区丸の内1-1-1'], city: '東京都', postcode: '100-0005', country: 'JP' }],
  wallets: [{ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', chain: 'ethereum' }],
  riskRating: 'low',
};

const legal = {
  id: 'C-2001',
  type: 'legal',
  names: [{ name: '株式会社サンプル', kana: 'カブシキガイシャサンプル' }],
  registrationNumber: '1234567890123',
  jurisdiction: 'JP',
  owners: [
    {
      share: 60,
      party: { type: 'legal', names: [{ name: 'Sample Holding AG' }], jurisdiction: 'CH', owners: [{ share: 100, party: { type: 'person', id: 'C-3001', names: [{ name: 'Ivan Petrov' }], birthDate: '1970' } }] },
    },
    { share: 40, party: { type: 'person', names: [{ name: '佐藤 花子', kana: 'さとう はなこ' }] } },
  ],
  directors: [{ role: '代表取締役', party: { type: 'person', names: [{ name: '佐藤 花子' }] } }],
};

describe('customer schema', () => {
  test('a natural and a legal person with ownership chains are accepted; country codes are upper-cased', () => {
    const p = CustomerSchema.parse(person);
    assert.equal(p.type, 'person');
    assert.deepEqual(p.type === 'person' && p.nationalities, ['JP']);
    const l = CustomerSchema.parse(legal);
    assert.equal(l.type === 'legal' && l.owners?.[0]?.party.type === 'legal' && l.owners[0].party.owners?.[0]?.party.names[0]?.name, 'Ivan Petrov');
  });

  test('unknown fields are refused at every level', () => {
    assert.equal(CustomerSchema.safeParse({ ...person, birthdate: '1980' }).success, false);
    assert.equal(CustomerSchema.safeParse({ ...person, names: [{ name: 'x', furigana: 'エックス' }] }).success, false);
    const deep = structuredClone(legal) as any;
    deep.owners[0].party.owners[0].party.nickname = 'x';
    assert.equal(CustomerSchema.safeParse(deep).success, false);
    // Wallets belong to the customer, not to owners.
    const ownerWallet = structuredClone(legal) as any;
    ownerWallet.owners[1].party.wallets = [{ address: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' }];
    assert.equal(CustomerSchema.safeParse(ownerWallet).success, false);
  });

  test('person fields on a legal person (and the reverse) are refused', () => {
    assert.equal(CustomerSchema.safeParse({ ...legal, birthDate: '1990' }).success, false);
    assert.equal(CustomerSchema.safeParse({ ...person, registrationNumber: '1' }).success, false);
    assert.equal(CustomerSchema.safeParse({ ...person, type: 'trust' }).success, false);
  });

  test('dates must be partial ISO dates that exist', () => {
    for (const ok of ['1980', '1980-02', '1980-02-29']) assert.equal(PersonCustomerSchema.safeParse({ ...person, birthDate: ok }).success, true, ok);
    for (const bad of ['1981-02-29', '1980-13', '80-01-01', '1980/01/01', '1980-1-1', '']) assert.equal(PersonCustomerSchema.safeParse({ ...person, birthDate: bad }).success, false, bad);
    assert.equal(PersonCustomerSchema.safeParse({ ...person, documents: [{ type: 'passport', number: 'X', expires: '2031' }] }).success, false);
  });

  test('country codes must be ISO 3166-1 alpha-2 codes in the country table', () => {
    for (const bad of ['UK', 'XX', 'JPN', 'Japan', '']) assert.equal(PersonCustomerSchema.safeParse({ ...person, residence: bad }).success, false, bad);
    assert.equal(LegalCustomerSchema.safeParse({ ...legal, jurisdiction: 'gb' }).success, true);
  });

  test('ids, names, kana, shares and chains are checked', () => {
    assert.equal(CustomerSchema.safeParse({ ...person, id: 'has space' }).success, false);
    assert.equal(CustomerSchema.safeParse({ ...person, id: 'x'.repeat(129) }).success, false);
    assert.equal(CustomerSchema.safeParse({ ...person, names: [] }).success, false);
    assert.equal(CustomerSchema.safeParse({ ...person, names: [{ name: 'x'.repeat(301) }] }).success, false);
    assert.equal(CustomerSchema.safeParse({ ...person, names: [{ name: '山田', kana: 'Yamada' }] }).success, false);
    assert.equal(CustomerSchema.safeParse({ ...person, wallets: [{ address: 'x', chain: 'dogecash' }] }).success, false);
    for (const share of [0, -1, 100.5]) assert.equal(CustomerSchema.safeParse({ ...legal, owners: [{ share, party: legal.owners[1]!.party }] }).success, false, String(share));
    assert.equal(CustomerSchema.safeParse({ ...legal, owners: [{ share: 100, party: legal.owners[1]!.party }] }).success, true);
  });

  test('the schemas convert to JSON Schema (the OpenAPI document), recursion included', () => {
    const json = z.toJSONSchema(CustomerSchema) as { $defs: Record<string, unknown> };
    assert.ok(json.$defs.Party, 'the recursive Party is a named definition');
    assert.match(JSON.stringify(json), /"\$ref":"#\/\$defs\/Party"/);
    assert.match(JSON.stringify(json), /Furigana reading/);
    assert.ok(z.toJSONSchema(PartySchema));
    assert.ok(z.toJSONSchema(CustomerSchema, { io: 'input' }));
  });
});

test('an ownership chain deeper than MAX_OWNERSHIP_DEPTH is refused, not cut; one at the limit is accepted', async () => {
  const { MAX_OWNERSHIP_DEPTH, ownershipDepth } = await import('./schema.ts');
  const chain = (levels: number) => {
    let party: any = { type: 'person', names: [{ name: 'Ultimate Owner' }] };
    for (let i = 1; i < levels; i++) party = { type: 'legal', names: [{ name: `Holding ${i}` }], owners: [{ share: 100, party }] };
    return { id: 'C-DEEP', type: 'legal', names: [{ name: 'Top KK' }], owners: [{ share: 100, party }] };
  };
  const ok = CustomerSchema.safeParse(chain(MAX_OWNERSHIP_DEPTH));
  assert.ok(ok.success);
  assert.equal(ownershipDepth((ok.data as any).owners), MAX_OWNERSHIP_DEPTH);
  const deep = CustomerSchema.safeParse(chain(MAX_OWNERSHIP_DEPTH + 1));
  assert.ok(!deep.success);
  assert.deepEqual(deep.error.issues[0]!.path, ['owners']);
});
