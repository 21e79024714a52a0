/**
 * @module services/monitoring-state
 * What monitoring remembers between events: each customer's activities over the history's
 * length (HISTORY_MS: the longest window and 5 days more; the sliding-window aggregates and the
 * behavioural rules read them) and the identifiers
 * customers share (the link graph of rule 29). Two implementations of one interface:
 * - the store's (migration 0006), for the service: a customer's window is read once (one range
 *   read on (customer_id, at)) and then kept in a bounded cache that each decision updates at
 *   once, so the next event of the customer sees it even before the batch commits; the rows go
 *   into the event's own batch (`defer`), so they commit with the decision or not at all. On
 *   SQLite its reads and writes are statements prepared once (they run on every event);
 * - in memory, for `sekisho monitor replay`, which must leave no trace in the store.
 */
import { ActivityWindow, HISTORY_MS, movesValue, type Activity, type Customer, type LinkIdentifier } from '@sekisho/core';
import type BetterSqlite3 from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { Store } from '../storage/db.ts';
import type { Database } from '../storage/schema.ts';
import type { Defer } from './write-batcher.ts';

export interface KnownCustomer {
  record?: Customer;
  /** When it was first seen (onboarding). */
  since?: string;
  status?: string;
}

export interface MonitoringState {
  /** The customer's activities up to `at` within HISTORY_MS (35 days), other than event `eventId`, oldest first. */
  history(customerId: string, at: string, eventId: string): Promise<Activity[]>;
  /**
   * The instant of the customer's latest transfer or trade older than the history `history(…)`
   * gives for `at` (the dormancy rule's silence before the window), if known.
   */
  lastValueBefore(customerId: string, at: string): Promise<string | undefined>;
  /** Other customers sharing any of the identifiers, with what they share (at most `limit`). */
  linked(customerId: string, ids: LinkIdentifier[], limit?: number): Promise<{ customerId: string; via: string[] }[]>;
  customer(customerId: string): Promise<KnownCustomer | undefined>;
  /** Remembers what the event adds. The store's state defers its rows into the event's batch. */
  remember(input: { customerId: string; activity?: Activity; ids: LinkIdentifier[]; at: string; customer?: Customer }, defer?: Defer): void;
}

const LONGEST = HISTORY_MS;
/**
 * An identifier more customers share than this links nobody: an exchange's hot wallet paying
 * everyone, a mobile carrier's NAT address, a university network. Such links would put every
 * customer behind it in one ring (rule 29) and say nothing about any of them.
 */
export const MAX_SHARED = 20;
/** Activities read back from before a customer's window to find its last transfer or trade. */
const OLDER_SCAN = 200;
const idKey = (i: LinkIdentifier) => `${i.kind}\u0000${i.value}`;

/**
 * In memory: for replays and tests. Nothing is written anywhere. `fallback` answers for
 * customers the memory has not seen (a replay reads the store's customers, read-only).
 */
export function createMemoryState(options: { fallback?: (customerId: string) => Promise<KnownCustomer | undefined> } = {}): MonitoringState {
  const windows = new Map<string, ActivityWindow>();
  const byId = new Map<string, Set<string>>();
  const customers = new Map<string, KnownCustomer>();
  return {
    async history(customerId, at, eventId) {
      return windows.get(customerId)?.before(at, eventId) ?? [];
    },
    async lastValueBefore(customerId) {
      return windows.get(customerId)?.lastValueBefore();
    },
    async linked(customerId, ids, limit = 20) {
      const out = new Map<string, string[]>();
      for (const id of ids) {
        const sharing = byId.get(idKey(id));
        if (!sharing || sharing.size - (sharing.has(customerId) ? 1 : 0) > MAX_SHARED) continue;
        for (const other of sharing) if (other !== customerId) out.set(other, [...(out.get(other) ?? []), id.kind]);
      }
      return [...out].slice(0, limit).map(([c, via]) => ({ customerId: c, via: [...new Set(via)] }));
    },
    async customer(customerId) {
      return customers.get(customerId) ?? (await options.fallback?.(customerId));
    },
    remember({ customerId, activity, ids, at, customer }) {
      if (customer) customers.set(customerId, { ...customers.get(customerId), record: customer, since: customers.get(customerId)?.since ?? at });
      if (activity) {
        let w = windows.get(customerId);
        if (!w) windows.set(customerId, (w = new ActivityWindow()));
        w.add(activity);
      }
      for (const id of ids) {
        let set = byId.get(idKey(id));
        if (!set) byId.set(idKey(id), (set = new Set()));
        set.add(customerId);
      }
    },
  };
}

/** The statements of the store's state on SQLite, prepared once (Kysely compiles and prepares per call). */
function sqliteStatements(sqlite: BetterSqlite3.Database) {
  return {
    window: sqlite.prepare<[string, string], { activity: string }>('select activity from customer_activity where customer_id = ? and at > ? order by at'),
    older: sqlite.prepare<[string, string], { activity: string }>(`select activity from customer_activity where customer_id = ? and at <= ? order by at desc limit ${OLDER_SCAN}`),
    // The limit is a literal: bound as a parameter it made the statement twice as slow (24 against 11 µs).
    linked: sqlite.prepare<[string, string, string], { customer_id: string }>(`select customer_id from customer_identifier where kind = ? and value = ? and customer_id <> ? limit ${MAX_SHARED + 1}`),
    head: sqlite.prepare<[string], { revision: number; created_at: string; status: string }>('select revision, created_at, status from customer where id = ?'),
    record: sqlite.prepare<[string], { data: string; revision: number }>('select data, revision from customer where id = ?'),
    insertActivity: sqlite.prepare('insert into customer_activity (customer_id, at, event_id, activity) values (?, ?, ?, ?) on conflict (customer_id, at, event_id) do nothing'),
    upsertIdentifier: sqlite.prepare('insert into customer_identifier (kind, value, customer_id, first_seen, last_seen) values (?, ?, ?, ?, ?) on conflict (kind, value, customer_id) do update set last_seen = excluded.last_seen'),
  };
}

/**
 * The store's state for the service. `maxCustomers` bounds the caches (activity windows, parsed
 * customer records). A customer's record is parsed once per revision: each read takes the row's
 * revision, status and creation time (status is never cached: a rescreen or an analyst changes
 * it) and parses the record only when the revision differs from the one cached.
 */
export function createStoreState(store: Store, options: { maxCustomers?: number } = {}): MonitoringState {
  const maxCustomers = options.maxCustomers ?? 20_000;
  const cache = new Map<string, ActivityWindow>();
  const records = new Map<string, { revision: number; record: Customer }>();
  const fast = store.sqlite ? sqliteStatements(store.sqlite) : undefined;
  // Identifiers remembered but perhaps not yet committed: a second event in the same batch links too.
  const pending = new Map<string, Set<string>>();

  async function windowOf(customerId: string, at: string): Promise<ActivityWindow> {
    const cached = cache.get(customerId);
    if (cached) {
      cache.delete(customerId);
      cache.set(customerId, cached); // most recently used last
      return cached;
    }
    const since = new Date(Date.parse(at) - LONGEST).toISOString();
    const rows = fast ? fast.window.all(customerId, since) : await store.db.selectFrom('customer_activity').select('activity').where('customer_id', '=', customerId).where('at', '>', since).orderBy('at').execute();
    // The latest transfer or trade before the window (dormancy): among the last activities
    // before it; logins between are skipped, a customer with more logins than that since its
    // last transfer counts as unknown, not as dormant.
    const older = fast ? fast.older.all(customerId, since) : await store.db.selectFrom('customer_activity').select('activity').where('customer_id', '=', customerId).where('at', '<=', since).orderBy('at', 'desc').limit(OLDER_SCAN).execute();
    const lastValue = older.map((r) => JSON.parse(r.activity) as Activity).find(movesValue)?.at;
    const w = new ActivityWindow(rows.map((r) => JSON.parse(r.activity) as Activity), lastValue);
    cache.set(customerId, w);
    if (cache.size > maxCustomers) cache.delete(cache.keys().next().value!);
    return w;
  }

  async function sharing(id: LinkIdentifier, customerId: string): Promise<string[]> {
    if (fast) return fast.linked.all(id.kind, id.value, customerId).map((r) => r.customer_id);
    const rows = await store.db.selectFrom('customer_identifier').select('customer_id').where('kind', '=', id.kind).where('value', '=', id.value).where('customer_id', '<>', customerId).limit(MAX_SHARED + 1).execute();
    return rows.map((r) => r.customer_id);
  }

  /** The record of a revision, parsed once. */
  function recordOf(customerId: string, revision: number, data: () => { data: string; revision: number } | undefined): Customer | undefined {
    const cached = records.get(customerId);
    if (cached?.revision === revision) return cached.record;
    const row = data();
    if (!row) return undefined;
    const record = JSON.parse(row.data) as Customer;
    records.set(customerId, { revision: row.revision, record });
    if (records.size > maxCustomers) records.delete(records.keys().next().value!);
    return record;
  }

  return {
    async history(customerId, at, eventId) {
      return (await windowOf(customerId, at)).before(at, eventId);
    },
    async lastValueBefore(customerId, at) {
      return (await windowOf(customerId, at)).lastValueBefore();
    },
    async linked(customerId, ids, limit = 20) {
      const out = new Map<string, Set<string>>();
      const add = (other: string, kind: string) => {
        if (other === customerId) return;
        let s = out.get(other);
        if (!s) out.set(other, (s = new Set()));
        s.add(kind);
      };
      for (const id of ids) {
        const others = new Set<string>([...(pending.get(idKey(id)) ?? [])].filter((c) => c !== customerId));
        for (const c of await sharing(id, customerId)) others.add(c);
        if (others.size > MAX_SHARED) continue;
        for (const other of others) add(other, id.kind);
      }
      return [...out].slice(0, limit).map(([c, via]) => ({ customerId: c, via: [...via] }));
    },
    async customer(customerId) {
      if (fast) {
        const head = fast.head.get(customerId);
        if (!head) return undefined;
        const record = recordOf(customerId, head.revision, () => fast.record.get(customerId));
        return { ...(record ? { record } : {}), since: head.created_at, status: head.status };
      }
      const row = await store.db.selectFrom('customer').select(['data', 'created_at', 'status']).where('id', '=', customerId).executeTakeFirst();
      return row ? { record: JSON.parse(row.data) as Customer, since: row.created_at, status: row.status } : undefined;
    },
    remember({ customerId, activity, ids, at }, defer) {
      if (activity) {
        cache.get(customerId)?.add(activity);
        defer?.('customer_activity', { customer_id: customerId, at: activity.at, event_id: activity.eventId, activity: JSON.stringify(activity) });
      }
      for (const id of ids) {
        let s = pending.get(idKey(id));
        if (!s) pending.set(idKey(id), (s = new Set()));
        s.add(customerId);
        defer?.('customer_identifier', { kind: id.kind, value: id.value, customer_id: customerId, first_seen: at, last_seen: at });
      }
      // The overlay only bridges the gap to the commit; the store has the rest.
      if (pending.size > 50_000) pending.clear();
    },
  };
}

/**
 * Writes the monitoring rows a batch deferred: activities once, identifiers with their last
 * sighting. On SQLite through statements prepared once per connection (a batch holds a few dozen
 * rows, and building a Kysely insert for them cost more than the inserts).
 */
export function monitoringRowWriter(store: Pick<Store, 'sqlite'>) {
  const fast = store.sqlite ? sqliteStatements(store.sqlite) : undefined;
  return async (trx: Transaction<Database>, rows: Map<string, unknown[]>): Promise<void> => {
    const activities = (rows.get('customer_activity') ?? []) as Database['customer_activity'][];
    const ids = identifierRows(rows);
    if (fast) {
      for (const r of activities) fast.insertActivity.run(r.customer_id, r.at, r.event_id, r.activity);
      for (const r of ids) fast.upsertIdentifier.run(r.kind, r.value, r.customer_id, r.first_seen, r.last_seen);
      return;
    }
    for (let i = 0; i < activities.length; i += 500) {
      await trx.insertInto('customer_activity').values(activities.slice(i, i + 500)).onConflict((oc) => oc.columns(['customer_id', 'at', 'event_id']).doNothing()).execute();
    }
    for (let i = 0; i < ids.length; i += 500) {
      await trx
        .insertInto('customer_identifier')
        .values(ids.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['kind', 'value', 'customer_id']).doUpdateSet((eb) => ({ last_seen: eb.ref('excluded.last_seen') })))
        .execute();
    }
  };
}

/** One row per identifier and customer (the batch may name one several times), first and last sighting kept. */
function identifierRows(rows: Map<string, unknown[]>): Database['customer_identifier'][] {
  const ids = new Map<string, Database['customer_identifier']>();
  for (const r of (rows.get('customer_identifier') ?? []) as Database['customer_identifier'][]) {
    const k = `${r.kind}\u0000${r.value}\u0000${r.customer_id}`;
    const seen = ids.get(k);
    ids.set(k, seen ? { ...seen, first_seen: seen.first_seen < r.first_seen ? seen.first_seen : r.first_seen, last_seen: seen.last_seen > r.last_seen ? seen.last_seen : r.last_seen } : r);
  }
  return [...ids.values()];
}
