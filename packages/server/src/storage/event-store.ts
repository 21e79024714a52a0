/**
 * @module storage/event-store
 * The event path's reads and writes: the idempotency record of each event and the customer
 * status an event's decision depends on. These run for every event (thousands a second), so on
 * SQLite they are prepared statements on the raw handle (inside the open Kysely transaction when
 * there is one: it is the same connection); PostgreSQL goes through Kysely.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Store } from './db.ts';
import type { Database, EventTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type StoredEventRow = Pick<EventTable, 'payload_hash' | 'response'>;

/** Whether a database error is a unique-key violation (an event id taken by another writer). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function createEventStore(store: Store) {
  const fast = store.sqlite && {
    find: store.sqlite.prepare<[string], StoredEventRow>('select payload_hash, response from event where id = ?'),
    insert: store.sqlite.prepare('insert into event (id, type, customer_id, received_at, payload_hash, payload, decision, response) values (?, ?, ?, ?, ?, ?, ?, ?)'),
    status: store.sqlite.prepare<[string], { status: string }>('select status from customer where id = ?'),
    activeLists: store.sqlite.prepare<[], { source: string; version: number }>('select v.source, v.version from list_source s join list_version v on v.id = s.active_version_id'),
  };
  return {
    async find(id: string, trx: Db = store.db): Promise<StoredEventRow | undefined> {
      if (fast) return fast.find.get(id);
      return trx.selectFrom('event').select(['payload_hash', 'response']).where('id', '=', id).executeTakeFirst();
    },
    /** Inserts event rows; a taken id fails the statement (the caller's transaction rolls back). */
    async insert(trx: Transaction<Database>, rows: EventTable[]): Promise<void> {
      if (rows.length === 0) return;
      if (fast) {
        for (const row of rows) fast.insert.run(row.id, row.type, row.customer_id, row.received_at, row.payload_hash, row.payload, row.decision, row.response);
        return;
      }
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('event').values(rows.slice(i, i + 200)).execute();
    },
    /** The active version of every source, read inside the caller's transaction. */
    async activeLists(trx: Db): Promise<{ source: string; version: number }[]> {
      if (fast) return fast.activeLists.all();
      const rows = await trx.selectFrom('list_source').innerJoin('list_version', 'list_version.id', 'list_source.active_version_id').select(['list_version.source', 'list_version.version']).execute();
      return rows.map((r) => ({ source: r.source, version: Number(r.version) }));
    },
    /** The customer's screening status, or undefined when the customer is not on record. */
    async customerStatus(id: string): Promise<string | undefined> {
      if (fast) return fast.status.get(id)?.status;
      return (await store.db.selectFrom('customer').select('status').where('id', '=', id).executeTakeFirst())?.status;
    },
  };
}

export type EventStore = ReturnType<typeof createEventStore>;
