/**
 * @module storage/customer-store
 * The customer repository: customer records with their screening status, the parties screened
 * with each (the customer, owners, directors, and counterparties named in its events), and the
 * wallets tied to it. Parties and wallets are kept as rows so that rescreening can walk every
 * stored party in pages (bounded memory over a customer base of millions) and find the
 * customers of a newly listed wallet with an index lookup. Writes take the caller's
 * transaction: the record, its parties, the alerts and the audit entry commit together.
 * Errors propagate (STYLE.md: a store that fails never answers "no customers").
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { canonicalJson, type Chain, type Customer, type CustomerWallet, partiesOf, type PartyRole, type ScreenedParty, type ScreeningQuery, walletsOf } from '@sekisho/core';
import { ServerErrors } from '../errors.ts';
import type { Store } from './db.ts';
import type { CustomerTable, Database } from './schema.ts';

export type CustomerStatus = 'unscreened' | 'clear' | 'possible-match' | 'match';
/**
 * 'registered': on the customer's record now; 'former': on an earlier revision of it (kept, so a
 * later listing of a wallet the customer once declared still raises an alert); 'counterparty' /
 * 'deposit-source': seen in its events.
 */
export type WalletRole = 'registered' | 'former' | 'counterparty' | 'deposit-source';

export interface StoredCustomer {
  id: string;
  type: Customer['type'];
  data: Customer;
  revision: number;
  createdAt: string;
  updatedAt: string;
  status: CustomerStatus;
  screenedAt: string | null;
  /** The last screening summary as setStatus stored it. */
  screening: unknown;
}

export interface StoredParty extends ScreenedParty {
  customerId: string;
}

export interface StoredWallet {
  customerId: string;
  address: string;
  chain: Chain | null;
  role: WalletRole;
}

type Db = Kysely<Database> | Transaction<Database>;

/** A party to keep with a customer, and a wallet to tie to one (the bulk forms of the add… methods). */
export interface PartyRow {
  customerId: string;
  party: ScreenedParty;
  at: string;
}
export interface WalletRow {
  customerId: string;
  wallet: CustomerWallet;
  role: WalletRole;
  at: string;
}

/**
 * The roles of the parties a customer record itself names (partiesOf); every other role
 * (counterparty, beneficiary, originator, vasp) comes from events and survives a record update.
 */
const RECORD_ROLES: PartyRole[] = ['customer', 'owner', 'director'];

/** Rows per multi-row INSERT or IN list: well under PostgreSQL's 65,535 parameters and SQLite's 32,766. */
const CHUNK = 500;

function toCustomer(row: Selectable<CustomerTable>): StoredCustomer {
  return {
    id: row.id,
    type: row.type as Customer['type'],
    data: JSON.parse(row.data) as Customer,
    revision: Number(row.revision),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status as CustomerStatus,
    screenedAt: row.screened_at,
    screening: row.screening === null ? null : JSON.parse(row.screening),
  };
}

/**
 * Prepared statements on the raw SQLite handle for the write path: a customer upsert is six
 * statements, and Kysely's per-call compile costs several times a cached statement (ecosystem
 * §3.3, as in list-store). Same connection as Kysely, so they run inside the caller's transaction.
 */
function sqliteStatements(sqlite: BetterSqlite3.Database) {
  return {
    current: sqlite.prepare<[string], { data: string; revision: number }>('select data, revision from customer where id = ?'),
    insertCustomer: sqlite.prepare(
      "insert into customer (id, type, data, revision, created_at, updated_at, status, screened_at, screening) values (?, ?, ?, 1, ?, ?, 'unscreened', null, null)",
    ),
    updateCustomer: sqlite.prepare('update customer set type = ?, data = ?, revision = ?, updated_at = ? where id = ?'),
    deleteParties: sqlite.prepare(`delete from customer_party where customer_id = ? and role in (${RECORD_ROLES.map((r) => `'${r}'`).join(', ')})`),
    insertParty: sqlite.prepare('insert into customer_party (customer_id, party_key, role, query, added_at) values (?, ?, ?, ?, ?) on conflict do nothing'),
    retireRegistered: sqlite.prepare("update customer_wallet set role = 'former' where customer_id = ? and role = 'registered'"),
    insertRegistered: sqlite.prepare(
      "insert into customer_wallet (customer_id, address, chain, role, added_at) values (?, ?, ?, 'registered', ?) on conflict (customer_id, address) do update set role = 'registered', chain = excluded.chain",
    ),
    insertWallet: sqlite.prepare('insert into customer_wallet (customer_id, address, chain, role, added_at) values (?, ?, ?, ?, ?) on conflict do nothing'),
  };
}

/**
 * The customer repository over the store (SQLite takes the prepared-statement path for writes).
 * @example const customers = createCustomerStore(store); await store.db.transaction().execute((trx) => customers.upsert(trx, record, now))
 */
export function createCustomerStore(store: Store) {
  const db = store.db;
  const fast = store.sqlite ? sqliteStatements(store.sqlite) : undefined;

  /** Inserts parties (insert-or-ignore), for one customer or many: one multi-row statement per chunk on PostgreSQL. */
  async function insertPartyRows(trx: Transaction<Database>, rows: PartyRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (fast) {
      for (const r of rows) fast.insertParty.run(r.customerId, r.party.key, r.party.role, JSON.stringify(r.party.query), r.at);
      return;
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('customer_party')
        .values(rows.slice(i, i + CHUNK).map((r) => ({ customer_id: r.customerId, party_key: r.party.key, role: r.party.role, query: JSON.stringify(r.party.query), added_at: r.at })))
        .onConflict((oc) => oc.columns(['customer_id', 'party_key']).doNothing())
        .execute();
    }
  }

  /** Ties wallets to customers (insert-or-ignore: an existing row keeps its role). */
  async function insertWalletRows(trx: Transaction<Database>, rows: WalletRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (fast) {
      for (const r of rows) fast.insertWallet.run(r.customerId, r.wallet.address, r.wallet.chain ?? null, r.role, r.at);
      return;
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('customer_wallet')
        .values(rows.slice(i, i + CHUNK).map((r) => ({ customer_id: r.customerId, address: r.wallet.address, chain: r.wallet.chain ?? null, role: r.role, added_at: r.at })))
        .onConflict((oc) => oc.columns(['customer_id', 'address']).doNothing())
        .execute();
    }
  }

  const insertParties = (trx: Transaction<Database>, customerId: string, parties: ScreenedParty[], at: string) =>
    insertPartyRows(trx, parties.map((party) => ({ customerId, party, at })));

  return {
    /**
     * Writes a customer record. Unchanged data (equal canonical JSON) writes nothing; otherwise the
     * revision goes up by one and the record's own parties and registered wallets are replaced;
     * wallets it no longer names stay as 'former', and counterparties and wallets seen in events
     * stay too: rescreening keeps covering them.
     * A new customer starts 'unscreened'.
     */
    async upsert(trx: Transaction<Database>, customer: Customer, at: string): Promise<{ revision: number; created: boolean; changed: boolean }> {
      const data = canonicalJson(customer);
      const parties = partiesOf(customer);
      const wallets = walletsOf(customer);
      let revision: number;
      let created: boolean;
      if (fast) {
        const row = fast.current.get(customer.id);
        if (row && row.data === data) return { revision: Number(row.revision), created: false, changed: false };
        created = !row;
        revision = row ? Number(row.revision) + 1 : 1;
        if (row) fast.updateCustomer.run(customer.type, data, revision, at, customer.id);
        else fast.insertCustomer.run(customer.id, customer.type, data, at, at);
        fast.deleteParties.run(customer.id);
        for (const p of parties) fast.insertParty.run(customer.id, p.key, p.role, JSON.stringify(p.query), at);
        fast.retireRegistered.run(customer.id);
        for (const w of wallets) fast.insertRegistered.run(customer.id, w.address, w.chain ?? null, at);
        return { revision, created, changed: true };
      }
      const row = await trx.selectFrom('customer').select(['data', 'revision']).where('id', '=', customer.id).executeTakeFirst();
      if (row && row.data === data) return { revision: Number(row.revision), created: false, changed: false };
      created = !row;
      revision = row ? Number(row.revision) + 1 : 1;
      if (row) await trx.updateTable('customer').set({ type: customer.type, data, revision, updated_at: at }).where('id', '=', customer.id).execute();
      else
        await trx
          .insertInto('customer')
          .values({ id: customer.id, type: customer.type, data, revision, created_at: at, updated_at: at, status: 'unscreened', screened_at: null, screening: null })
          .execute();
      await trx.deleteFrom('customer_party').where('customer_id', '=', customer.id).where('role', 'in', RECORD_ROLES).execute();
      await insertParties(trx, customer.id, parties, at);
      await trx.updateTable('customer_wallet').set({ role: 'former' }).where('customer_id', '=', customer.id).where('role', '=', 'registered').execute();
      if (wallets.length)
        await trx
          .insertInto('customer_wallet')
          .values(wallets.map((w) => ({ customer_id: customer.id, address: w.address, chain: w.chain ?? null, role: 'registered', added_at: at })))
          // A wallet first seen as a deposit source and now registered is a registered wallet.
          .onConflict((oc) => oc.columns(['customer_id', 'address']).doUpdateSet((eb) => ({ role: 'registered', chain: eb.ref('excluded.chain') })))
          .execute();
      return { revision, created, changed: true };
    },

    async get(id: string, trx: Db = db): Promise<StoredCustomer | undefined> {
      const row = await trx.selectFrom('customer').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toCustomer(row) : undefined;
    },

    /** Customers in id order, `limit` after the cursor `after` (the last id of the previous page). */
    async list(options: { status?: CustomerStatus; after?: string; limit: number }): Promise<StoredCustomer[]> {
      let query = db.selectFrom('customer').selectAll();
      if (options.status) query = query.where('status', '=', options.status);
      if (options.after !== undefined) query = query.where('id', '>', options.after);
      const rows = await query.orderBy('id').limit(options.limit).execute();
      return rows.map(toCustomer);
    },

    /** Records the outcome of a screening; throws CUSTOMER_NOT_FOUND when there is no such customer. */
    async setStatus(trx: Transaction<Database>, id: string, status: CustomerStatus, screening: unknown, at: string): Promise<void> {
      const result = await trx
        .updateTable('customer')
        .set({ status, screening: screening === undefined || screening === null ? null : JSON.stringify(screening), screened_at: at })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw ServerErrors.CUSTOMER_NOT_FOUND(`no customer ${id}`, { customerId: id });
    },

    /** Keeps counterparties named in a customer's events (insert-or-ignore: the key already says "same party"). */
    async addCounterparties(trx: Transaction<Database>, customerId: string, parties: ScreenedParty[], at: string): Promise<void> {
      await insertParties(trx, customerId, parties, at);
    },

    /** Ties wallets seen in a customer's events to it (insert-or-ignore: an existing row keeps its role). */
    async addWallets(trx: Transaction<Database>, customerId: string, wallets: CustomerWallet[], role: WalletRole, at: string): Promise<void> {
      await insertWalletRows(trx, wallets.map((wallet) => ({ customerId, wallet, role, at })));
    },

    /** Counterparties of many customers at once (the event path writes a whole batch's together). */
    addCounterpartyRows: insertPartyRows,
    /** Wallets of many customers at once. */
    addWalletRows: insertWalletRows,

    /** A customer's stored parties (its own and its counterparties), in key order. */
    async parties(customerId: string, trx: Db = db): Promise<StoredParty[]> {
      const rows = await trx.selectFrom('customer_party').select(['customer_id', 'party_key', 'role', 'query']).where('customer_id', '=', customerId).orderBy('party_key').execute();
      return rows.map((r) => ({ customerId: r.customer_id, key: r.party_key, role: r.role as PartyRole, query: JSON.parse(r.query) as ScreeningQuery }));
    },

    /** A customer's wallets, in address order. */
    async wallets(customerId: string, trx: Db = db): Promise<StoredWallet[]> {
      const rows = await trx.selectFrom('customer_wallet').select(['customer_id', 'address', 'chain', 'role']).where('customer_id', '=', customerId).orderBy('address').execute();
      return rows.map((r) => ({ customerId: r.customer_id, address: r.address, chain: r.chain as Chain | null, role: r.role as WalletRole }));
    },

    /**
     * One page of every stored party, in (customer id, party key) order after the cursor: the
     * rescreening walk. Keyset paging on the primary key, so each page is an index range scan.
     */
    async partiesPage(options: { after?: [string, string]; limit: number }): Promise<StoredParty[]> {
      let query = db.selectFrom('customer_party').select(['customer_id', 'party_key', 'role', 'query']);
      if (options.after) {
        const [customerId, key] = options.after;
        query = query.where((eb) => eb.or([eb('customer_id', '>', customerId), eb.and([eb('customer_id', '=', customerId), eb('party_key', '>', key)])]));
      }
      const rows = await query.orderBy('customer_id').orderBy('party_key').limit(options.limit).execute();
      return rows.map((r) => ({ customerId: r.customer_id, key: r.party_key, role: r.role as PartyRole, query: JSON.parse(r.query) as ScreeningQuery }));
    },

    /** The customers holding any of these addresses (canonical forms, as stored), by address. */
    async customersWithWallets(addresses: string[]): Promise<{ customerId: string; address: string; chain: Chain | null; role: WalletRole }[]> {
      const unique = [...new Set(addresses)];
      const out: { customerId: string; address: string; chain: Chain | null; role: WalletRole }[] = [];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const rows = await db
          .selectFrom('customer_wallet')
          .select(['customer_id', 'address', 'chain', 'role'])
          .where('address', 'in', unique.slice(i, i + CHUNK))
          .orderBy('customer_id')
          .orderBy('address')
          .execute();
        for (const r of rows) out.push({ customerId: r.customer_id, address: r.address, chain: r.chain as Chain | null, role: r.role as WalletRole });
      }
      return out;
    },

    /** How many parties and wallets are stored (rescreening progress totals). */
    async counts(): Promise<{ customers: number; parties: number; wallets: number }> {
      const count = async (table: 'customer' | 'customer_party' | 'customer_wallet') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { customers: await count('customer'), parties: await count('customer_party'), wallets: await count('customer_wallet') };
    },
  };
}

export type CustomerStore = ReturnType<typeof createCustomerStore>;
