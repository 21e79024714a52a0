/**
 * @module services/audit
 * The append-only, hash-chained audit log: decisions, alert changes, list activations, key and
 * configuration changes. Every entry is written in the same transaction as the change it records,
 * so the log and the data never disagree, and `verify()` proves the log was not altered since.
 *
 * Each entry's hash is SHA-256 (FIPS 180-4, hex) over
 *   `${prevHash}\n${seq}\n${at}\n${actor}\n${action}\n${subject ?? ''}\n${data}`
 * where `data` is the stored canonical JSON text and `prevHash` the previous entry's hash (64
 * zeros before the first). `audit_head` holds the last seq and hash. Sequence numbers have no gaps.
 *
 * What the chain proves: that no entry was edited (any column), deleted, inserted or moved, and
 * that the tail was not cut off — relative to the head row. What it does not prove: someone with
 * write access to the database can rewrite an entry, recompute every later hash and the head,
 * and the chain is consistent again. The defence is outside the database: `sekisho audit verify
 * --json` prints the head hash; an operator who records it elsewhere (a ticket, a signed e-mail,
 * a WORM bucket) can later show that the entries up to that seq are unchanged, because their
 * recomputed hash must still reach the recorded one. Nor does the chain prove the entries tell the
 * truth: it proves what Sekisho wrote, not that Sekisho was right.
 *
 * Concurrency: every audited transaction locks the single head row, so audited transactions are
 * serialised and the chain cannot fork. On SQLite the lock is a write (`update … set seq = seq`),
 * taken as the first statement so the deferred transaction holds the write lock from the start (a
 * transaction that read first can fail to upgrade, see storage/list-store.ts lockSource); on
 * PostgreSQL it is `select … for update`, which waits for and then reads the committed head.
 */
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { canonicalJson } from '@sekisho/core';
import type { Store } from '../storage/db.ts';
import type { Database } from '../storage/schema.ts';

export interface AuditEntryInput {
  /** Who: `key:<id>`, `cli`, `system`. */
  actor: string;
  /** What, as `<resource>.<verb>`: 'event.decided', 'list.activated', 'key.created' … */
  action: string;
  /** What it is about (an event id, a source, a key id); '' is stored as null. */
  subject?: string | null;
  /** Any JSON value; stored as canonical JSON (sorted keys). Never secrets or tokens. */
  data?: unknown;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
}

export type AuditAppend = (entry: AuditEntryInput) => void;

export type AuditProblemKind = 'hash-mismatch' | 'broken-link' | 'gap' | 'out-of-order' | 'head-mismatch';

export interface AuditVerification {
  ok: boolean;
  /** Entries read and checked. */
  entries: number;
  /** The head row as read at the end of the check: record `hash` outside the database to anchor the log. */
  head: { seq: number; hash: string };
  /** The first MAX_REPORTED_PROBLEMS problems in seq order. */
  problems: { seq: number; kind: AuditProblemKind; detail: string }[];
  /** All problems found, including those not listed. */
  problemCount: number;
}

export interface AuditTransactionOptions {
  /**
   * 'first' (default): the head is locked by the transaction's first statement.
   * 'at-commit': the head is locked only when the entries are appended, at the end of `work`.
   * For long transactions (a list load takes seconds) on PostgreSQL, so they do not stall every
   * event's transaction behind the head for their whole duration. On SQLite the work's own
   * first statement must then be a write (lockSource is), for the reason given in the header.
   */
  lock?: 'first' | 'at-commit';
  /**
   * 'wait' (default): returns once the commit is on disk (storage/wal.ts syncOffThread).
   * 'caller': returns at COMMIT; the caller awaits `durable()` before telling anyone. For the
   * write batcher, whose next batch may then be written while this one's fsync runs.
   */
  sync?: 'wait' | 'caller';
}

export interface AuditLog {
  /**
   * Runs `work` in one transaction whose first statement locks the audit head; the entries
   * passed to `audit(…)` are chained and appended at the end of the same transaction, so the
   * change and its record commit together or not at all.
   * @example await auditLog.transaction(async (trx, audit) => { await trx.insertInto(…)…; audit({ actor: 'cli', action: 'key.created', subject: id, data: { id } }) })
   */
  transaction<T>(work: (trx: Transaction<Database>, audit: AuditAppend) => Promise<T>, options?: AuditTransactionOptions): Promise<T>;
  /** Appends entries in their own transaction. */
  append(entries: AuditEntryInput[]): Promise<AuditEntry[]>;
  /** Reads the whole log in seq order, page by page (bounded memory), and reports every problem. */
  verify(): Promise<AuditVerification>;
  /** Entries in seq order after `after` (default 0), at most `limit` (default 100, at most 10,000). */
  list(options?: { after?: number; limit?: number; action?: string; subject?: string }): Promise<AuditEntry[]>;
  head(): Promise<{ seq: number; hash: string }>;
  /** Resolves when every transaction committed so far is on disk (at once unless commits are synced off the main thread). */
  durable(): Promise<void>;
}

export const GENESIS_HASH = '0'.repeat(64);
export const MAX_REPORTED_PROBLEMS = 100;
const PAGE = 2000;
/** Rows per multi-row INSERT on PostgreSQL (8 parameters each, well under its 65,535 limit). */
const INSERT_CHUNK = 500;
/** Recent hashes remembered by verify to recognise an entry moved from another position. */
const RECENT_HASHES = 100_000;

/** The hash of one entry (see the module header for the exact input). */
export function entryHash(prevHash: string, seq: number, at: string, actor: string, action: string, subject: string | null, dataText: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${at}\n${actor}\n${action}\n${subject ?? ''}\n${dataText}`).digest('hex');
}

/**
 * The fields are joined with newlines, so an entry is encoded uniquely only if no field but the
 * last (data) holds one, and '' and null subjects are one value: append() refuses the first and
 * stores '' as null, and verify() reports any stored row that breaks either rule (it could only
 * have been written around Sekisho, e.g. by shifting text between two fields under the same hash).
 */
function ambiguity(row: { at: string; actor: string; action: string; subject: string | null }): string | undefined {
  for (const field of ['at', 'actor', 'action', 'subject'] as const) {
    if (row[field]?.includes('\n')) return `${field} contains a line break, which Sekisho never writes`;
  }
  if (row.subject === '') return 'subject is empty text, which Sekisho stores as null';
  return undefined;
}

interface Prepared {
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  dataText: string;
}

function prepare(entry: AuditEntryInput, at: string): Prepared {
  const subject = entry.subject === '' || entry.subject === undefined ? null : entry.subject;
  const problem = ambiguity({ at, actor: entry.actor, action: entry.action, subject });
  if (problem || !entry.actor || !entry.action) {
    // A programming error in the caller, not user input: every actor and action is ours.
    throw new TypeError(`audit entry ${entry.action}: ${problem ?? 'actor and action are required'}`);
  }
  // canonicalJson(undefined) is undefined; an entry without data stores JSON null.
  return { at, actor: entry.actor, action: entry.action, subject, dataText: canonicalJson(entry.data ?? null) };
}

type Row = Database['audit_log'];

function toEntry(row: Row): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Builds the audit log on a store.
 * @example const audit = createAuditLog({ store }); const { ok, head } = await audit.verify();
 */
export function createAuditLog(deps: { store: Store; now?: () => Date }): AuditLog {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const db = store.db;

  // SQLite fast path: prepared statements on the raw handle, which is the connection Kysely's
  // transaction runs on (storage/db.ts), so they are part of that transaction. Kysely compiles
  // each query anew, several times the cost of a cached statement on this per-event path.
  const raw = store.sqlite
    ? {
        lock: store.sqlite.prepare<[], { seq: number; hash: string }>('update audit_head set seq = seq where id = 1 returning seq, hash'),
        insert: store.sqlite.prepare('insert into audit_log (seq, at, actor, action, subject, data, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?)'),
        setHead: store.sqlite.prepare('update audit_head set seq = ?, hash = ? where id = 1'),
      }
    : undefined;

  async function lockHead(trx: Transaction<Database>): Promise<{ seq: number; hash: string }> {
    let head: { seq: number; hash: string } | undefined;
    if (raw) head = raw.lock.get();
    else if (store.dialect === 'postgres') head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirst();
    else head = (await sql<{ seq: number; hash: string }>`update audit_head set seq = seq where id = 1 returning seq, hash`.execute(trx)).rows[0];
    // Migration 0003 inserts the row; without it the log cannot be chained safely.
    if (!head) throw new Error('audit_head has no row 1: the database was not migrated by Sekisho');
    return { seq: Number(head.seq), hash: head.hash };
  }

  async function write(trx: Transaction<Database>, rows: Row[], head: { seq: number; hash: string }): Promise<void> {
    if (raw) {
      for (const r of rows) raw.insert.run(r.seq, r.at, r.actor, r.action, r.subject, r.data, r.prev_hash, r.hash);
      raw.setHead.run(head.seq, head.hash);
      return;
    }
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('audit_log').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    await trx.updateTable('audit_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute();
  }

  /** Resolves when what was committed so far is on disk (at once unless commits are synced off the main thread). */
  async function durable(): Promise<void> {
    if (store.durable) await store.durable();
  }

  function chain(pending: Prepared[], head: { seq: number; hash: string }): { rows: Row[]; head: { seq: number; hash: string } } {
    let { seq, hash } = head;
    const rows: Row[] = [];
    for (const p of pending) {
      seq += 1;
      const next = entryHash(hash, seq, p.at, p.actor, p.action, p.subject, p.dataText);
      rows.push({ seq, at: p.at, actor: p.actor, action: p.action, subject: p.subject, data: p.dataText, prev_hash: hash, hash: next });
      hash = next;
    }
    return { rows, head: { seq, hash } };
  }

  async function run<T>(work: (trx: Transaction<Database>, audit: AuditAppend) => Promise<T>, options: AuditTransactionOptions = {}): Promise<{ result: T; rows: Row[] }> {
    let rows: Row[] = [];
    const result = await db.transaction().execute(async (trx) => {
      let head = options.lock === 'at-commit' ? undefined : await lockHead(trx);
      const pending: Prepared[] = [];
      let open = true;
      const audit: AuditAppend = (entry) => {
        if (!open) throw new Error(`audit entry ${entry.action} added after its transaction ended`);
        // Data is serialised now: a caller that mutates the object later cannot change the record.
        pending.push(prepare(entry, now().toISOString()));
      };
      try {
        const value = await work(trx, audit);
        if (pending.length) {
          head ??= await lockHead(trx);
          const chained = chain(pending, head);
          await write(trx, chained.rows, chained.head);
          rows = chained.rows;
        }
        return value;
      } finally {
        open = false;
      }
    });
    // Commits synced off the main thread (storage/wal.ts): on disk before the caller goes on.
    if (options.sync !== 'caller') await durable();
    return { result, rows };
  }

  async function readHead(): Promise<{ seq: number; hash: string }> {
    const row = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { seq: Number(row.seq), hash: row.hash };
  }

  return {
    async transaction(work, options) {
      return (await run(work, options)).result;
    },

    async append(entries) {
      const { rows } = await run(async (_trx, audit) => {
        for (const e of entries) audit(e);
      });
      return rows.map(toEntry);
    },

    head: readHead,

    durable,

    async list(options = {}) {
      const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 100)), 10_000);
      let q = db.selectFrom('audit_log').selectAll().where('seq', '>', options.after ?? 0);
      if (options.action) q = q.where('action', '=', options.action);
      if (options.subject) q = q.where('subject', '=', options.subject);
      const rows = await q.orderBy('seq').limit(limit).execute();
      return rows.map(toEntry);
    },

    async verify() {
      const problems: AuditVerification['problems'] = [];
      let problemCount = 0;
      const report = (seq: number, kind: AuditProblemKind, detail: string) => {
        problemCount++;
        if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ seq, kind, detail });
      };
      // Stored hash → seq of recent rows, to name the original position of a moved entry. Two
      // generations instead of evicting one by one: deleting a Map's oldest key one at a time
      // makes every next lookup of the oldest key skip the holes, quadratic over 1M rows.
      let recent = new Map<string, number>();
      let older = new Map<string, number>();
      let entries = 0;
      let last = { seq: 0, hash: GENESIS_HASH };
      let previousHead: { seq: number; hash: string } | undefined;

      // Pages are read outside one long transaction so verify never holds the (single SQLite)
      // connection or a snapshot for minutes. Rows and head are committed together, so a head
      // read after a page is at least that page's last seq; a head beyond the rows read is either
      // new appends (the head moved since we last looked: read on) or a cut-off tail (it did not).
      for (;;) {
        const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', last.seq).orderBy('seq').limit(PAGE).execute();
        for (const row of rows) {
          const seq = Number(row.seq);
          entries++;
          const expected = last.seq + 1;
          const gap = seq > expected;
          if (gap) report(expected, 'gap', seq - expected === 1 ? `entry ${expected} is missing` : `entries ${expected} to ${seq - 1} are missing`);
          let moved = false;
          const recomputed = entryHash(row.prev_hash, seq, row.at, row.actor, row.action, row.subject, row.data);
          if (recomputed !== row.hash) {
            const from = recent.get(row.prev_hash) ?? older.get(row.prev_hash);
            if (from !== undefined && from + 1 !== seq && entryHash(row.prev_hash, from + 1, row.at, row.actor, row.action, row.subject, row.data) === row.hash) {
              moved = true;
              report(seq, 'out-of-order', `entry ${seq} holds the entry written as ${from + 1}`);
            } else report(seq, 'hash-mismatch', `entry ${seq} (${row.action}) does not match its hash: a column was changed`);
          } else {
            const odd = ambiguity(row);
            if (odd) report(seq, 'hash-mismatch', `entry ${seq}: ${odd}`);
          }
          if (!gap && !moved && row.prev_hash !== last.hash) {
            report(seq, 'broken-link', seq === 1 ? 'entry 1 does not start from the genesis hash' : `entry ${seq} does not link to entry ${last.seq}: an entry was changed, replaced or moved`);
          }
          recent.set(row.hash, seq);
          if (recent.size >= RECENT_HASHES) {
            older = recent;
            recent = new Map();
          }
          last = { seq, hash: row.hash };
        }
        if (rows.length === PAGE) continue;
        const head = await readHead();
        if (head.seq > last.seq && (!previousHead || previousHead.seq !== head.seq || previousHead.hash !== head.hash)) {
          previousHead = head;
          continue;
        }
        if (head.seq > last.seq) report(head.seq, 'head-mismatch', `the head says the log ends at entry ${head.seq} but the last entry is ${last.seq}: entries were removed from the end`);
        else if (head.seq < last.seq) report(head.seq, 'head-mismatch', `the head says the log ends at entry ${head.seq} but entries run to ${last.seq}: the head was changed`);
        else if (head.hash !== last.hash) report(head.seq, 'head-mismatch', `the head's hash differs from entry ${head.seq}'s: the head or the last entry was changed`);
        return { ok: problemCount === 0, entries, head, problems, problemCount };
      }
    },
  };
}
