/**
 * @module services/alerts
 * Alerts: what an analyst must look at. A sanctions finding on a customer, one of its owners,
 * directors or counterparties, or a wallet becomes an alert; a repeat of the same finding
 * (same customer, party, listed entity and check) while its alert is open adds an occurrence
 * instead of a second alert, so one withdrawal retried ten times is one alert with ten
 * occurrences. The customer's screening status follows its open alerts. Every creation and
 * change is written to the audit log in the same transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { ServerErrors } from '../errors.ts';
import type { CustomerStatus } from '../storage/customer-store.ts';
import type { Database } from '../storage/schema.ts';
import type { AuditAppend, AuditLog } from './audit.ts';
import { isCustomerItself, isRecordParty, type Finding, type RuleResult, type Severity, type TypologyScore } from '@sekisho/core';

export const ALERT_STATUSES = ['open', 'in-review', 'closed'] as const;
export const DISPOSITIONS = ['true-match', 'false-positive', 'inconclusive', 'escalated'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type Disposition = (typeof DISPOSITIONS)[number];

export interface Alert {
  id: number;
  createdAt: string;
  updatedAt: string;
  status: AlertStatus;
  assignee: string | null;
  disposition: Disposition | null;
  origin: 'event' | 'rescreen';
  /** name, wallet: sanctions screening; rule: a monitoring rule or typology (entityId rule:<id> or typology:<id>, listVersion the configuration version). */
  kind: 'name' | 'wallet' | 'rule';
  severity: Severity;
  customerId: string | null;
  eventId: string | null;
  partyKey: string | null;
  entityId: string;
  source: string;
  listVersion: number;
  score: number;
  occurrences: number;
  summary: AlertSummary;
}

export interface AlertSummary {
  party: Finding['party'];
  caption: string;
  schema: string;
  programs: string[];
  detail: string;
  explanation?: Finding['explanation'];
  /**
   * A regulatory report the alert asks for: a rescreen that finds a past withdrawal's destination
   * newly listed asks for the prompt FSA/MOF report (monitoring rule 4, post-transfer discovery);
   * one that finds a past deposit's source newly listed, for the frozen-assets report (rule 5).
   */
  report?: 'fsa-mof-post-transfer' | 'asset-freeze';
}

/** The report a rescreen finding asks for (rules 4 and 5), if any. */
export function rescreenReport(origin: 'event' | 'rescreen', f: Finding): AlertSummary['report'] {
  if (origin !== 'rescreen' || f.check !== 'sanctions.wallet' || f.severity !== 'confirmed') return undefined;
  return f.party.role === 'counterparty' ? 'fsa-mof-post-transfer' : f.party.role === 'originator' ? 'asset-freeze' : undefined;
}

export interface AlertNote {
  at: string;
  actor: string;
  note: string | null;
  change: Record<string, [unknown, unknown]>;
}

export interface RaisedAlert {
  id: number;
  created: boolean;
  severity: Severity;
  entityId: string;
}

export interface AlertFilter {
  status?: AlertStatus;
  severity?: Severity;
  customerId?: string;
  assignee?: string;
  kind?: 'name' | 'wallet' | 'rule';
  origin?: 'event' | 'rescreen';
  /** Cursor: alerts with an id below this one (newest first). */
  before?: number;
  limit: number;
}

export interface AlertChange {
  status?: AlertStatus;
  assignee?: string | null;
  disposition?: Disposition | null;
  note?: string;
}

type Db = Kysely<Database> | Transaction<Database>;

function fromRow(row: Database['alert'] extends infer T ? { [K in keyof T]: T[K] extends import('kysely').Generated<infer G> ? G : T[K] } : never): Alert {
  return {
    id: Number(row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status as AlertStatus,
    assignee: row.assignee,
    disposition: row.disposition as Disposition | null,
    origin: row.origin as Alert['origin'],
    kind: row.kind as Alert['kind'],
    severity: row.severity as Severity,
    customerId: row.customer_id,
    eventId: row.event_id,
    partyKey: row.party_key,
    entityId: row.entity_id,
    source: row.source,
    listVersion: Number(row.list_version),
    score: Number(row.score),
    occurrences: Number(row.occurrences),
    summary: JSON.parse(row.summary) as AlertSummary,
  };
}

export function dedupeKey(customerId: string | null, finding: Finding): string {
  return `${customerId ?? '-'}|${finding.party.key}|${finding.entityId}|${finding.check}`;
}

type NewAlertRow = Omit<Database['alert'], 'id'>;

/**
 * The statements the event path runs for its alerts on SQLite, prepared once: a withdrawal with
 * rule hits looks up, bumps or inserts an alert per hit, and Kysely's per-call compile and
 * prepare cost more than the statements (bench:monitor's profile). Same connection as Kysely's,
 * so they run inside its open transaction.
 */
function sqliteStatements(sqlite: BetterSqlite3.Database) {
  return {
    open: sqlite.prepare<[string], { id: number; severity: string; occurrences: number }>("select id, severity, occurrences from alert where dedupe_key = ? and status <> 'closed'"),
    bump: sqlite.prepare<[number, string, string, number]>('update alert set occurrences = ?, updated_at = ?, severity = ? where id = ?'),
    insert: sqlite.prepare<NewAlertRow>(
      'insert into alert (created_at, updated_at, status, assignee, disposition, origin, kind, severity, customer_id, event_id, party_key, entity_id, source, list_version, score, dedupe_key, summary, occurrences) values (@created_at, @updated_at, @status, @assignee, @disposition, @origin, @kind, @severity, @customer_id, @event_id, @party_key, @entity_id, @source, @list_version, @score, @dedupe_key, @summary, @occurrences)',
    ),
    statusRows: sqlite.prepare<[string], { party_key: string | null; severity: string; status: string; disposition: string | null }>(
      "select party_key, severity, status, disposition from alert where customer_id = ? and (status <> 'closed' or disposition in ('true-match', 'escalated'))",
    ),
    setStatus: sqlite.prepare<[string, string, string]>('update customer set status = ?, screened_at = ? where id = ?'),
  };
}

/**
 * @param deps.sqlite the SQLite handle behind `db` (storage/db.ts), for the prepared event-path
 * statements; without it (PostgreSQL) everything goes through Kysely.
 */
export function createAlertService(deps: { db: Kysely<Database>; audit: AuditLog; sqlite?: BetterSqlite3.Database; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const fast = deps.sqlite ? sqliteStatements(deps.sqlite) : undefined;

  /** The open alert of a dedupe key, if any. */
  async function openAlert(trx: Db, key: string): Promise<{ id: number; severity: string; occurrences: number } | undefined> {
    if (fast) return fast.open.get(key);
    const row = await trx.selectFrom('alert').select(['id', 'severity', 'occurrences']).where('dedupe_key', '=', key).where('status', '<>', 'closed').executeTakeFirst();
    return row && { id: Number(row.id), severity: row.severity, occurrences: Number(row.occurrences) };
  }

  /** One more occurrence of an open alert, at its (possibly raised) severity. */
  async function bump(trx: Db, id: number, occurrences: number, at: string, severity: Severity): Promise<void> {
    if (fast) fast.bump.run(occurrences, at, severity, id);
    else await trx.updateTable('alert').set({ occurrences, updated_at: at, severity }).where('id', '=', id).execute();
  }

  /** Inserts an alert; returns its id. */
  async function insertAlert(trx: Db, row: NewAlertRow): Promise<number> {
    if (fast) return Number(fast.insert.run(row).lastInsertRowid);
    const inserted = await trx.insertInto('alert').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(inserted.id);
  }

  /**
   * The customer's screening status from the alerts on its own record: `match` when the customer
   * itself (its name or a registered wallet) has a confirmed alert still in play or one an analyst
   * closed as a true match; `possible-match` while any alert on the record (owners and directors
   * included) is in play, or an owner or director was found a true match (whether that makes the
   * company designated needs the ownership analysis); `clear` otherwise. An alert closed as
   * `escalated` is still in play: it went up, not away. Alerts about counterparties of its
   * transfers are about those parties, not the customer, and do not change its status.
   */
  async function refreshStatus(trx: Db, customerId: string, at: string): Promise<CustomerStatus> {
    const rows = fast
      ? fast.statusRows.all(customerId)
      : await trx
          .selectFrom('alert')
          .select(['party_key', 'severity', 'status', 'disposition'])
          .where('customer_id', '=', customerId)
          .where((eb) => eb.or([eb('status', '<>', 'closed'), eb('disposition', 'in', ['true-match', 'escalated'])]))
          .execute();
    const own = rows.filter((a) => a.party_key !== null && isRecordParty(a.party_key));
    const inPlay = (a: (typeof own)[number]) => a.status !== 'closed' || a.disposition === 'escalated';
    const match = own.some((a) => isCustomerItself(a.party_key!) && (a.disposition === 'true-match' || (inPlay(a) && a.severity === 'confirmed')));
    const status: CustomerStatus = match ? 'match' : own.some((a) => inPlay(a) || a.disposition === 'true-match') ? 'possible-match' : 'clear';
    if (fast) fast.setStatus.run(status, at, customerId);
    else await trx.updateTable('customer').set({ status, screened_at: at }).where('id', '=', customerId).execute();
    return status;
  }

  return {
    refreshStatus,

    /**
     * Raises alerts for findings inside the caller's transaction; returns each finding's alert,
     * new or existing. A finding that repeats an open alert adds an occurrence (and raises its
     * severity from possible to confirmed if the new finding is confirmed).
     */
    async raise(trx: Transaction<Database>, audit: AuditAppend, input: { origin: 'event' | 'rescreen'; customerId: string | null; eventId: string | null; findings: Finding[]; at: string }): Promise<RaisedAlert[]> {
      const out: RaisedAlert[] = [];
      for (const f of input.findings) {
        const key = dedupeKey(input.customerId, f);
        const existing = await openAlert(trx, key);
        if (existing) {
          const severity: Severity = existing.severity === 'confirmed' || f.severity === 'confirmed' ? 'confirmed' : 'possible';
          await bump(trx, existing.id, existing.occurrences + 1, input.at, severity);
          // A possible match that comes back confirmed turns the customer into a match: on the record.
          if (severity !== existing.severity) {
            audit({ actor: 'system', action: 'alert.escalated', subject: `alert:${existing.id}`, data: { id: existing.id, from: existing.severity, to: severity, origin: input.origin, eventId: input.eventId, entityId: f.entityId, source: f.source, listVersion: f.listVersion, score: f.score } });
          }
          out.push({ id: existing.id, created: false, severity, entityId: f.entityId });
          continue;
        }
        const report = rescreenReport(input.origin, f);
        const detail = report === 'fsa-mof-post-transfer'
          ? `${f.detail}; a withdrawal of this customer went to it before it was listed: if it was executed, report it to the FSA and MOF promptly (post-transfer discovery) and look back over the customer's transfers`
          : report === 'asset-freeze'
            ? `${f.detail}; this customer received funds from it before it was listed: freeze what remains of them and report the frozen assets`
            : f.detail;
        const summary: AlertSummary = { party: f.party, caption: f.caption, schema: f.schema, programs: f.programs, detail, ...(f.explanation ? { explanation: f.explanation } : {}), ...(report ? { report } : {}) };
        const id = await insertAlert(trx, {
          created_at: input.at,
          updated_at: input.at,
          status: 'open',
          assignee: null,
          disposition: null,
          origin: input.origin,
          kind: f.check === 'sanctions.wallet' ? 'wallet' : 'name',
          severity: f.severity,
          customer_id: input.customerId,
          event_id: input.eventId,
          party_key: f.party.key,
          entity_id: f.entityId,
          source: f.source,
          list_version: f.listVersion,
          score: f.score,
          dedupe_key: key,
          summary: JSON.stringify(summary),
          occurrences: 1,
        });
        audit({ actor: 'system', action: 'alert.created', subject: `alert:${id}`, data: { id, origin: input.origin, customerId: input.customerId, eventId: input.eventId, partyKey: f.party.key, entityId: f.entityId, source: f.source, listVersion: f.listVersion, severity: f.severity, score: f.score } });
        out.push({ id, created: true, severity: f.severity, entityId: f.entityId });
      }
      return out;
    },

    /**
     * Raises an alert per monitoring rule hit that asks for one (outcome review or stricter),
     * inside the caller's transaction. The same rule for the same customer while its alert is
     * open adds an occurrence. Rule alerts name no party of the record, so they do not change
     * the customer's screening status.
     */
    async raiseRules(trx: Transaction<Database>, audit: AuditAppend, input: { customerId: string | null; eventId: string; hits: RuleResult[]; typologies?: TypologyScore[]; configVersion: number; at: string }): Promise<RaisedAlert[]> {
      const out: RaisedAlert[] = [];
      // A typology over a threshold is an alert of its own (entity typology:<id>): weak signals together.
      const typologyHits: (RuleResult & { entity: string })[] = (input.typologies ?? [])
        .filter((t) => t.outcome !== 'allow')
        .map((t) => ({ rule: t.id, no: 0, outcome: t.outcome, score: t.score, reasons: [`${t.title}: score ${t.score.toFixed(2)} from ${t.contributions.map((c) => `${c.rule} ${c.score.toFixed(2)}`).join(' + ')}`], evidence: { contributions: t.contributions }, entity: `typology:${t.id}` }));
      for (const h of [...input.hits.map((x) => ({ ...x, entity: `rule:${x.rule}` })), ...typologyHits]) {
        if (h.outcome === 'allow' || h.alert === false) continue;
        const entityId = h.entity;
        const severity: Severity = h.outcome === 'review' ? 'possible' : 'confirmed';
        const key = `${input.customerId ?? '-'}|rule|${entityId}`;
        const existing = await openAlert(trx, key);
        if (existing) {
          const raised: Severity = existing.severity === 'confirmed' || severity === 'confirmed' ? 'confirmed' : 'possible';
          await bump(trx, existing.id, existing.occurrences + 1, input.at, raised);
          out.push({ id: existing.id, created: false, severity: raised, entityId });
          continue;
        }
        const summary = { rule: h.rule, no: h.no, outcome: h.outcome, reasons: h.reasons, evidence: h.evidence, ...(h.report ? { report: h.report } : {}), detail: h.reasons.join('; ') };
        const id = await insertAlert(trx, { created_at: input.at, updated_at: input.at, status: 'open', assignee: null, disposition: null, origin: 'event', kind: 'rule', severity, customer_id: input.customerId, event_id: input.eventId, party_key: null, entity_id: entityId, source: 'monitoring', list_version: input.configVersion, score: h.score, dedupe_key: key, summary: JSON.stringify(summary), occurrences: 1 });
        audit({ actor: 'system', action: 'alert.created', subject: `alert:${id}`, data: { id, origin: 'event', customerId: input.customerId, eventId: input.eventId, entityId, source: 'monitoring', listVersion: input.configVersion, severity, score: h.score } });
        out.push({ id, created: true, severity, entityId });
      }
      return out;
    },

    async list(filter: AlertFilter): Promise<Alert[]> {
      let q = deps.db.selectFrom('alert').selectAll();
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.severity) q = q.where('severity', '=', filter.severity);
      if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
      if (filter.assignee) q = q.where('assignee', '=', filter.assignee);
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      if (filter.origin) q = q.where('origin', '=', filter.origin);
      if (filter.before !== undefined) q = q.where('id', '<', filter.before);
      const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map((r) => fromRow(r as never));
    },

    async get(id: number): Promise<{ alert: Alert; notes: AlertNote[] }> {
      const row = await deps.db.selectFrom('alert').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw ServerErrors.ALERT_NOT_FOUND(`no alert ${id}`);
      const notes = await deps.db.selectFrom('alert_note').selectAll().where('alert_id', '=', id).orderBy('at').execute();
      return { alert: fromRow(row as never), notes: notes.map((n) => ({ at: n.at, actor: n.actor, note: n.note, change: JSON.parse(n.change) as AlertNote['change'] })) };
    },

    /**
     * Changes an alert's status, assignee or disposition, with an optional note; audited. Closing
     * needs a disposition (an analyst must say what it was); the customer's status follows.
     */
    async update(id: number, change: AlertChange, actor: string): Promise<{ alert: Alert; notes: AlertNote[] }> {
      await deps.audit.transaction(async (trx, audit) => {
        const row = await trx.selectFrom('alert').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw ServerErrors.ALERT_NOT_FOUND(`no alert ${id}`);
        const at = now().toISOString();
        const next = {
          status: change.status ?? (row.status as AlertStatus),
          assignee: change.assignee === undefined ? row.assignee : change.assignee,
          disposition: change.disposition === undefined ? (row.disposition as Disposition | null) : change.disposition,
        };
        // Reopening withdraws the closing disposition unless a new one is given.
        if (row.status === 'closed' && next.status !== 'closed' && change.disposition === undefined) next.disposition = null;
        if (next.status === 'closed' && !next.disposition) throw ServerErrors.ALERT_CHANGE('an alert is closed with a disposition (true-match, false-positive, inconclusive or escalated)');
        if (row.status === 'closed' && next.status !== 'closed') {
          // Reopening: another open alert may hold the dedupe key by now.
          const clash = await trx.selectFrom('alert').select('id').where('dedupe_key', '=', row.dedupe_key).where('status', '<>', 'closed').executeTakeFirst();
          if (clash) throw ServerErrors.ALERT_CHANGE(`alert ${clash.id} is open for the same finding; work on that one`);
        }
        const diff: Record<string, [unknown, unknown]> = {};
        if (next.status !== row.status) diff.status = [row.status, next.status];
        if (next.assignee !== row.assignee) diff.assignee = [row.assignee, next.assignee];
        if (next.disposition !== row.disposition) diff.disposition = [row.disposition, next.disposition];
        if (!Object.keys(diff).length && !change.note) return;
        await trx.updateTable('alert').set({ ...next, updated_at: at }).where('id', '=', id).execute();
        await trx.insertInto('alert_note').values({ alert_id: id, at, actor, note: change.note ?? null, change: JSON.stringify(diff) }).execute();
        if (row.customer_id && (diff.status || diff.disposition)) await refreshStatus(trx, row.customer_id, at);
        audit({ actor, action: 'alert.updated', subject: `alert:${id}`, data: { id, change: diff, note: change.note ?? null } });
      });
      return this.get(id);
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
