/**
 * The customer-store behaviour every database must show, run against SQLite (always:
 * src/storage/customer-store.test.ts) and PostgreSQL (integration/customer-postgres.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Transaction } from 'kysely';
import { CustomerSchema, partyFromInput, type Customer } from '@sekisho/core';
import { openStore, type Store } from '../src/storage/db.ts';
import { createCustomerStore, type CustomerStore } from '../src/storage/customer-store.ts';
import type { Database } from '../src/storage/schema.ts';
import type { TestDatabase } from './helpers.ts';

const AT = '2026-03-01T00:00:00.000Z';
const LATER = '2026-03-02T00:00:00.000Z';

export const sampleLegal = (): Customer =>
  CustomerSchema.parse({
    id: 'C-2001',
    type: 'legal',
    names: [{ name: 'Sample KK' }],
    owners: [{ share: 100, party: { type: 'legal', names: [{ name: 'Sample Holding AG' }], owners: [{ share: 100, party: { type: 'person', names: [{ name: 'Ivan Petrov' }] } }] } }],
    directors: [{ party: { type: 'person', names: [{ name: 'Hanako Sato' }] } }],
    wallets: [{ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' }],
  });

export function customerStoreSuite(label: string, makeDatabase: () => Promise<TestDatabase>) {
  describe(`customer store on ${label}`, () => {
    let database: TestDatabase;
    let store: Store;
    let customers: CustomerStore;
    const tx = <T>(work: (trx: Transaction<Database>) => Promise<T>) => store.db.transaction().execute(work);

    before(async () => {
      database = await makeDatabase();
      store = await openStore(database.url);
      customers = createCustomerStore(store);
    });
    after(async () => {
      await store.close();
      await database.cleanup();
    });

    test('a new customer is created unscreened at revision 1 with its parties and wallets', async () => {
      const result = await tx((trx) => customers.upsert(trx, sampleLegal(), AT));
      assert.deepEqual(result, { revision: 1, created: true, changed: true });
      const stored = await customers.get('C-2001');
      assert.equal(stored?.status, 'unscreened');
      assert.equal(stored?.revision, 1);
      assert.equal(stored?.type, 'legal');
      assert.deepEqual(stored?.data, sampleLegal());
      assert.deepEqual((await customers.parties('C-2001')).map((p) => [p.key, p.role, p.query.name]), [
        ['director:0', 'director', 'Hanako Sato'],
        ['owner:0', 'owner', 'Sample Holding AG'],
        ['owner:0.0', 'owner', 'Ivan Petrov'],
        ['self', 'customer', 'Sample KK'],
      ]);
      assert.deepEqual(await customers.wallets('C-2001'), [{ customerId: 'C-2001', address: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', chain: null, role: 'registered' }]);
    });

    test('the same data again writes nothing, whatever its key order', async () => {
      const reordered = JSON.parse(JSON.stringify(sampleLegal(), Object.keys(sampleLegal()).reverse().concat(['name', 'share', 'party', 'type', 'names', 'owners', 'address'])));
      const result = await tx((trx) => customers.upsert(trx, CustomerSchema.parse(reordered), LATER));
      assert.deepEqual(result, { revision: 1, created: false, changed: false });
      assert.equal((await customers.get('C-2001'))?.updatedAt, AT);
    });

    test('changed data raises the revision and replaces its own parties and registered wallets (a dropped one stays, as former), keeping counterparties', async () => {
      const counterparty = partyFromInput('beneficiary', 'counterparty', { type: 'person', names: [{ name: 'Kim Il' }] });
      await tx(async (trx) => {
        await customers.addCounterparties(trx, 'C-2001', [counterparty], AT);
        await customers.addCounterparties(trx, 'C-2001', [counterparty], AT);
        await customers.addWallets(trx, 'C-2001', [{ address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', chain: 'bitcoin' }], 'counterparty', AT);
      });
      const changed = { ...sampleLegal(), directors: [], wallets: [{ address: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' }] } as Customer;
      const result = await tx((trx) => customers.upsert(trx, changed, LATER));
      assert.deepEqual(result, { revision: 2, created: false, changed: true });
      const keys = (await customers.parties('C-2001')).map((p) => p.key);
      assert.deepEqual(keys, [counterparty.key, 'owner:0', 'owner:0.0', 'self']);
      assert.deepEqual((await customers.wallets('C-2001')).map((w) => [w.address, w.role, w.chain]), [
        ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'former', null],
        ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'registered', null],
        ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'counterparty', 'bitcoin'],
      ]);
      const stored = await customers.get('C-2001');
      assert.equal(stored?.updatedAt, LATER);
      assert.equal(stored?.createdAt, AT);
    });

    test('a wallet seen in an event and then registered becomes registered', async () => {
      await tx((trx) => customers.addWallets(trx, 'C-2001', [{ address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' }], 'deposit-source', AT));
      const registered = { ...sampleLegal(), wallets: [{ address: 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', chain: 'bitcoin' }] } as Customer;
      await tx((trx) => customers.upsert(trx, registered, LATER));
      assert.deepEqual((await customers.wallets('C-2001')).map((w) => [w.address, w.role]), [
        ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'former'],
        ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'former'],
        ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'registered'],
      ]);
      assert.deepEqual(await customers.customersWithWallets(['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'nope']), [
        { customerId: 'C-2001', address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', chain: 'bitcoin', role: 'registered' },
      ]);
    });

    test('setStatus records the screening; an unknown customer is CUSTOMER_NOT_FOUND', async () => {
      await tx((trx) => customers.setStatus(trx, 'C-2001', 'possible-match', { lists: [{ source: 'un', version: 1 }] }, LATER));
      const stored = await customers.get('C-2001');
      assert.equal(stored?.status, 'possible-match');
      assert.equal(stored?.screenedAt, LATER);
      assert.deepEqual(stored?.screening, { lists: [{ source: 'un', version: 1 }] });
      await assert.rejects(tx((trx) => customers.setStatus(trx, 'C-404', 'clear', null, LATER)), { code: 'SEK_CUSTOMER_NOT_FOUND' });
      assert.equal(await customers.get('C-404'), undefined);
    });

    test('a failed transaction leaves nothing behind', async () => {
      const person = CustomerSchema.parse({ id: 'C-0999', type: 'person', names: [{ name: 'Rolled Back' }], wallets: [{ address: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' }] });
      await assert.rejects(
        tx(async (trx) => {
          await customers.upsert(trx, person, AT);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await customers.get('C-0999'), undefined);
      assert.deepEqual(await customers.parties('C-0999'), []);
      assert.deepEqual(await customers.wallets('C-0999'), []);
    });

    test('list pages by id with a status filter; partiesPage walks every party once in key order', async () => {
      await tx(async (trx) => {
        for (let i = 0; i < 25; i++) {
          const id = `P-${String(i).padStart(3, '0')}`;
          await customers.upsert(trx, CustomerSchema.parse({ id, type: 'person', names: [{ name: `Person ${i}` }, { name: `Alias ${i}` }] }), AT);
        }
      });
      const ids: string[] = [];
      for (let after: string | undefined; ; ) {
        const page = await customers.list({ after, limit: 7 });
        if (page.length === 0) break;
        ids.push(...page.map((c) => c.id));
        after = page[page.length - 1]!.id;
      }
      assert.equal(ids.length, 26);
      assert.deepEqual(ids, [...ids].sort());
      assert.deepEqual((await customers.list({ status: 'possible-match', limit: 10 })).map((c) => c.id), ['C-2001']);

      const seen: string[] = [];
      for (let after: [string, string] | undefined; ; ) {
        const page = await customers.partiesPage({ after, limit: 4 });
        if (page.length === 0) break;
        seen.push(...page.map((p) => `${p.customerId}/${p.key}`));
        const last = page[page.length - 1]!;
        after = [last.customerId, last.key];
      }
      const counts = await customers.counts();
      assert.equal(seen.length, counts.parties);
      assert.equal(new Set(seen).size, seen.length);
      assert.equal(seen.length, 5 + 25, 'C-2001: self, two owners, a director, a counterparty');
      assert.deepEqual(counts, { customers: 26, parties: 30, wallets: 3 });
      const p = (await customers.partiesPage({ after: ['P-000', 'self'], limit: 1 }))[0]!;
      assert.deepEqual(p, { customerId: 'P-001', key: 'self', role: 'customer', query: { name: 'Person 1', schema: 'Person', aliases: ['Alias 1'] } });
    });
  });
}
