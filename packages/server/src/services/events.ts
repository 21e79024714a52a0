/**
 * @module services/events
 * The decision pipeline behind `POST /v1/events`. An event is checked (services/event-checks.ts:
 * sanctions screening of every party and wallet it names, the customer's own screening status,
 * the on-chain exposure of a deposit or a withdrawal), run through the monitoring rules
 * (services/monitoring.ts), decided, and written with its alerts, the customer's activity and
 * its audit entries in one transaction before the answer goes out. The event id is the idempotency key: a repeat
 * returns the first answer and changes nothing; the same id with another payload is refused.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type DecisionAnswer, type ExposurePolicy, type SanctionsPolicy, type SekishoEvent } from '@sekisho/core';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Database, EventTable } from '../storage/schema.ts';
import type { CustomerStore, PartyRow, WalletRow } from '../storage/customer-store.ts';
import { isUniqueViolation, type EventStore } from '../storage/event-store.ts';
import type { AlertService, RaisedAlert } from './alerts.ts';
import type { ScreeningService } from './screening.ts';
import type { ExposureService } from './exposure.ts';
import { createEventChecks, decisionOf, forMonitoring } from './event-checks.ts';
import type { MonitoringService } from './monitoring.ts';
import type { WriteBatcher } from './write-batcher.ts';
import { ServerErrors } from '../errors.ts';

export interface EventServiceDeps {
  db: Kysely<Database>;
  screening: ScreeningService;
  customers: CustomerStore;
  eventStore: EventStore;
  alerts: AlertService;
  batcher: WriteBatcher;
  logger: Logger;
  threshold: number;
  policy: SanctionsPolicy;
  /** On-chain exposure of deposits and withdrawals; left out, events are decided without it. */
  exposure?: Pick<ExposureService, 'trace'>;
  exposureHops?: number;
  exposurePolicy?: ExposurePolicy;
  /** Transaction monitoring: the rules of the configuration in force, over every event. */
  monitoring?: MonitoringService;
  now?: () => Date;
}

export interface SubmitResult {
  answer: DecisionAnswer;
  /** 201 for a new event, 200 for a repeat of one already decided. */
  status: 200 | 201;
}

/** A decision was made on list versions that are no longer the active ones. */
export class StaleListsError extends Error {
  constructor() {
    super('the screening index is older than the active list versions');
  }
}

const listsKey = (lists: { source: string; version: number }[]) =>
  lists
    .map((l) => `${l.source}:${l.version}`)
    .sort()
    .join(',');

export const payloadHash = (event: SekishoEvent): string => createHash('sha256').update(canonicalJson(event)).digest('hex');

export function createEventService(deps: EventServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const inflight = new Map<string, Promise<SubmitResult>>();

  const checks = createEventChecks({
    screening: deps.screening,
    threshold: deps.threshold,
    policy: deps.policy,
    ...(deps.exposure ? { exposure: deps.exposure } : {}),
    ...(deps.exposureHops !== undefined ? { exposureHops: deps.exposureHops } : {}),
    ...(deps.exposurePolicy ? { exposurePolicy: deps.exposurePolicy } : {}),
    exposureDecidedByRules: Boolean(deps.monitoring),
    customerStatus: (id) => deps.eventStore.customerStatus(id),
  });
  const check = checks.check;

  async function decideNew(event: SekishoEvent, hash: string, actor: string): Promise<SubmitResult> {
    // A list version activated by another process between the screening and the write would
    // leave this decision made on the old lists and missed by that version's rescreen: the batch
    // refuses it (StaleListsError), the index is rebuilt and the event decided again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await decideOnce(event, hash, actor);
      } catch (error) {
        if (!(error instanceof StaleListsError) || attempt >= 3) throw error;
        await deps.screening.refreshIfChanged();
      }
    }
  }

  async function decideOnce(event: SekishoEvent, hash: string, actor: string): Promise<SubmitResult> {
    if (!(await deps.screening.ready())) throw ServerErrors.NOT_READY('no sanctions list is active; events are not decided without lists');
    const receivedAt = now().toISOString();
    const checked = await check(event);
    const monitored = deps.monitoring ? await deps.monitoring.evaluate(event, forMonitoring(checked), receivedAt) : undefined;
    const { decision, reasons, monitoring } = decisionOf(event, checked, monitored?.result);
    const customerId = checked.customer?.id ?? ('customerId' in event && event.customerId ? event.customerId : null);

    let answer: DecisionAnswer;
    try {
      answer = await deps.batcher.run(async (trx, audit, defer) => {
        if (checked.customer) await deps.customers.upsert(trx, checked.customer, receivedAt);
        if (customerId) {
          for (const party of checked.counterparties) defer('customer_party', { customerId, party, at: receivedAt } satisfies PartyRow);
          for (const { wallet, role } of checked.wallets) if (role !== 'registered') defer('customer_wallet', { customerId, wallet, role, at: receivedAt } satisfies WalletRow);
        }
        let alerts: RaisedAlert[] = [];
        if (checked.findings.length) alerts = await deps.alerts.raise(trx, audit, { origin: 'event', customerId, eventId: event.id, findings: checked.findings, at: receivedAt });
        if (monitored) {
          monitored.remember(defer);
          if (monitored.result.hits.length) alerts.push(...(await deps.alerts.raiseRules(trx, audit, { customerId, eventId: event.id, hits: monitored.result.hits, typologies: monitored.result.typologies, configVersion: monitored.result.configVersion, at: receivedAt })));
        }
        if (checked.customer) {
          const status = await deps.alerts.refreshStatus(trx, checked.customer.id, receivedAt);
          await deps.customers.setStatus(trx, checked.customer.id, status, { lists: checked.lists, eventId: event.id, findings: checked.findings.length }, receivedAt);
        } else if (customerId && alerts.some((a) => a.created)) {
          await deps.alerts.refreshStatus(trx, customerId, receivedAt);
        }
        const answer: DecisionAnswer = { eventId: event.id, type: event.type, customerId, decision, reasons, alerts, lists: checked.lists, receivedAt, replayed: false, ...(monitoring ? { monitoring } : {}) };
        defer('lists-used', checked.lists);
        // The event row goes in with the batch; an id another writer took fails the batch's insert,
        // and this event then alone, without a trace (below: it is answered as the repeat it is).
        defer('event', { id: event.id, type: event.type, customer_id: customerId, received_at: receivedAt, payload_hash: hash, payload: JSON.stringify(event), decision, response: JSON.stringify(answer) } satisfies EventTable);
        // The audit entry names parties by key and role, entities by id: no personal data is copied.
        audit({
          actor,
          action: 'event.decided',
          subject: `event:${event.id}`,
          data: {
            eventId: event.id,
            type: event.type,
            customerId,
            payloadHash: hash,
            decision,
            reasons: reasons.map((r) => ({ check: r.check, outcome: r.outcome, severity: r.severity, party: r.party && { key: r.party.key, role: r.party.role }, entityId: r.entityId, source: r.source, listVersion: r.listVersion, score: r.score, rule: r.rule })),
            alerts: alerts.map((a) => a.id),
            lists: checked.lists,
            ...(monitoring ? { monitoringConfig: monitoring.configVersion, rules: monitoring.hits.map((h) => ({ rule: h.rule, outcome: h.outcome, score: h.score })) } : {}),
          },
        });
        return answer;
      });
    } catch (error) {
      const taken = isUniqueViolation(error) ? await deps.eventStore.find(event.id) : undefined;
      if (taken) return replay(event.id, hash, taken);
      throw error;
    }
    deps.logger.debug({ eventId: event.id, type: event.type, decision }, 'event decided');
    return { answer, status: 201 };
  }

  function replay(id: string, hash: string, row: { payload_hash: string; response: string }): SubmitResult {
    if (row.payload_hash !== hash) throw ServerErrors.EVENT_CONFLICT(`event id ${id} was already used for a different event`, { eventId: id });
    return { answer: { ...(JSON.parse(row.response) as DecisionAnswer), replayed: true }, status: 200 };
  }

  return {
    /** Decides an event (or returns the first decision for a repeated id). */
    async submit(event: SekishoEvent, actor: string): Promise<SubmitResult> {
      const hash = payloadHash(event);
      // Posts of one id queue behind each other (registered before any await, so two posts in
      // the same tick are ordered too): the first decides, the others replay its decision.
      const previous = inflight.get(event.id);
      const work = (async () => {
        if (previous) await previous.catch(() => undefined);
        const stored = await deps.eventStore.find(event.id);
        if (stored) return replay(event.id, hash, stored);
        return decideNew(event, hash, actor);
      })();
      inflight.set(event.id, work);
      try {
        return await work;
      } finally {
        if (inflight.get(event.id) === work) inflight.delete(event.id);
      }
    },

    async get(id: string): Promise<{ event: SekishoEvent; answer: DecisionAnswer } | undefined> {
      const row = await deps.db.selectFrom('event').select(['payload', 'response']).where('id', '=', id).executeTakeFirst();
      return row ? { event: JSON.parse(row.payload) as SekishoEvent, answer: JSON.parse(row.response) as DecisionAnswer } : undefined;
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;

/**
 * Writes the rows the event jobs of one batch deferred (write-batcher): counterparties and
 * wallets first, the event rows last, each table in as few statements as the store allows.
 */
export function flushEventRows(deps: { customers: CustomerStore; eventStore: EventStore; monitoringRows: (trx: Transaction<Database>, rows: Map<string, unknown[]>) => Promise<void> }) {
  return async (trx: Transaction<Database>, rows: Map<string, unknown[]>): Promise<void> => {
    // Every decision of the batch must have been made on the list versions active now; the
    // transaction holds the audit head, which an activation also takes, so this cannot change
    // before the commit.
    const used = (rows.get('lists-used') ?? []) as { source: string; version: number }[][];
    if (used.length) {
      const active = listsKey(await deps.eventStore.activeLists(trx));
      if (used.some((lists) => listsKey(lists) !== active)) throw new StaleListsError();
    }
    await deps.customers.addCounterpartyRows(trx, (rows.get('customer_party') ?? []) as PartyRow[]);
    await deps.customers.addWalletRows(trx, (rows.get('customer_wallet') ?? []) as WalletRow[]);
    await deps.monitoringRows(trx, rows);
    await deps.eventStore.insert(trx, (rows.get('event') ?? []) as EventTable[]);
  };
}
