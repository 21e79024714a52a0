/**
 * Alerts on a temporary SQLite app: one open alert per finding (repeats add occurrences and can
 * only raise the severity), analysts' changes with their rules (a disposition to close, no
 * second open alert for one finding), notes and audit entries, and the customer's screening
 * status derived from the alerts on its own record.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isSekishoError } from '@sekisho/core/errors';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { silentLogger, sqliteDatabase, type TestDatabase } from '../../test/helpers.ts';
import type { RaisedAlert } from './alerts.ts';
import { walletParty, type Finding, type PartyRef, type Severity } from '@sekisho/core';

let db: TestDatabase;
let app: App;

before(async () => {
  db = sqliteDatabase();
  app = await createApp(loadConfig({ SEKISHO_DB: db.url }), { logger: silentLogger });
});

after(async () => {
  await app.close();
  await db.cleanup();
});

const AT = '2026-03-01T00:00:00.000Z';
let customers = 0;

/** A stored customer row (status unscreened) with a fresh id. */
async function customer(): Promise<string> {
  const id = `C-${++customers}`;
  await app.store.db
    .insertInto('customer')
    .values({ id, type: 'person', data: JSON.stringify({ id, type: 'person' }), revision: 1, created_at: AT, updated_at: AT, status: 'unscreened', screened_at: null, screening: null })
    .execute();
  return id;
}

async function statusOf(id: string): Promise<string> {
  return (await app.store.db.selectFrom('customer').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

const self: PartyRef = { key: 'self', role: 'customer', name: 'Ivan Petrov' };
const owner: PartyRef = { key: 'owner:0', role: 'owner', name: 'Oleg Owner' };
const director: PartyRef = { key: 'director:0', role: 'director', name: 'Dmitri Director' };
const beneficiary: PartyRef = { key: 'beneficiary:0123456789abcdef', role: 'beneficiary', name: 'Boris Beneficiary' };

function finding(party: PartyRef, severity: Severity, entityId = 'ofac:100'): Finding {
  const wallet = party.key.startsWith('wallet:') || party.key.startsWith('own-wallet:');
  return {
    check: wallet ? 'sanctions.wallet' : 'sanctions.name',
    severity,
    party,
    entityId,
    caption: 'PETROV, Ivan',
    schema: 'Person',
    source: 'ofac-advanced',
    listVersion: 4,
    programs: ['RUSSIA-EO14024'],
    score: wallet ? 1 : severity === 'confirmed' ? 0.97 : 0.82,
    detail: 'test finding',
  };
}

async function raise(customerId: string | null, findings: Finding[], origin: 'event' | 'rescreen' = 'event', eventId: string | null = 'ev-1'): Promise<RaisedAlert[]> {
  return app.audit.transaction((trx, append) => app.alerts.raise(trx, append, { origin, customerId, eventId, findings, at: AT }));
}

async function refresh(customerId: string): Promise<string> {
  return app.audit.transaction((trx) => app.alerts.refreshStatus(trx, customerId, AT));
}

async function auditCount(action: string, subject?: string): Promise<number> {
  return (await app.audit.list({ action, ...(subject ? { subject } : {}), limit: 10_000 })).length;
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error) => isSekishoError(error) && error.code === code);
}

describe('raise', () => {
  test('a new finding creates an open alert with its party, entity and an audit entry', async () => {
    const id = await customer();
    const [raised] = await raise(id, [finding(self, 'possible')], 'event', 'ev-new');
    assert.ok(raised);
    assert.equal(raised.created, true);
    assert.equal(raised.severity, 'possible');
    assert.equal(raised.entityId, 'ofac:100');
    const { alert, notes } = await app.alerts.get(raised.id);
    assert.equal(alert.status, 'open');
    assert.equal(alert.kind, 'name');
    assert.equal(alert.origin, 'event');
    assert.equal(alert.customerId, id);
    assert.equal(alert.eventId, 'ev-new');
    assert.equal(alert.partyKey, 'self');
    assert.equal(alert.source, 'ofac-advanced');
    assert.equal(alert.listVersion, 4);
    assert.equal(alert.occurrences, 1);
    assert.equal(alert.assignee, null);
    assert.equal(alert.disposition, null);
    assert.deepEqual(alert.summary.party, self);
    assert.deepEqual(notes, []);
    assert.equal(await auditCount('alert.created', `alert:${raised.id}`), 1);
  });

  test('a wallet finding makes a wallet alert', async () => {
    const id = await customer();
    const [raised] = await raise(id, [finding(walletParty('0xdest', 'counterparty'), 'confirmed')]);
    assert.equal((await app.alerts.get(raised!.id)).alert.kind, 'wallet');
  });

  test('the same finding while its alert is open adds an occurrence, not a second alert or audit entry', async () => {
    const id = await customer();
    const [first] = await raise(id, [finding(beneficiary, 'possible')]);
    const [second] = await raise(id, [finding(beneficiary, 'possible')], 'event', 'ev-2');
    const [third] = await raise(id, [finding(beneficiary, 'possible')], 'rescreen', null);
    assert.equal(second!.created, false);
    assert.equal(third!.created, false);
    assert.equal(second!.id, first!.id);
    assert.equal(third!.id, first!.id);
    assert.equal((await app.alerts.get(first!.id)).alert.occurrences, 3);
    assert.equal((await app.alerts.list({ customerId: id, limit: 100 })).length, 1);
    assert.equal(await auditCount('alert.created', `alert:${first!.id}`), 1);
  });

  test('another party, entity or customer is another alert', async () => {
    const a = await customer();
    const b = await customer();
    const raised = await raise(a, [finding(self, 'possible'), finding(owner, 'possible'), finding(self, 'possible', 'un:7')]);
    const [other] = await raise(b, [finding(self, 'possible')]);
    assert.ok(raised.every((r) => r.created));
    assert.equal(new Set([...raised.map((r) => r.id), other!.id]).size, 4);
  });

  test('a confirmed repeat raises a possible alert to confirmed; a possible repeat never lowers it', async () => {
    const id = await customer();
    const [first] = await raise(id, [finding(self, 'possible')]);
    const [up] = await raise(id, [finding(self, 'confirmed')]);
    assert.equal(up!.id, first!.id);
    assert.equal(up!.severity, 'confirmed');
    assert.equal((await app.alerts.get(first!.id)).alert.severity, 'confirmed');
    const [again] = await raise(id, [finding(self, 'possible')]);
    assert.equal(again!.severity, 'confirmed');
    assert.equal((await app.alerts.get(first!.id)).alert.severity, 'confirmed');
  });

  test('raising an alert from possible to confirmed is written to the audit log', async () => {
    // The module promises that every creation and change is audited; an escalation is the change
    // that turns a customer into a match (and its events into freezes).
    const id = await customer();
    const [first] = await raise(id, [finding(self, 'possible')], 'rescreen', null);
    const before = (await app.audit.head()).seq;
    await raise(id, [finding(self, 'confirmed')], 'rescreen', null);
    const entries = await app.audit.list({ after: before, limit: 100 });
    assert.ok(
      entries.some((e) => e.subject === `alert:${first!.id}`),
      'no audit entry records that the alert became confirmed',
    );
  });

  test('once the alert is closed, the same finding opens a new one', async () => {
    const id = await customer();
    const [first] = await raise(id, [finding(self, 'possible')]);
    await app.alerts.update(first!.id, { status: 'closed', disposition: 'false-positive' }, 'key:analyst');
    const [next] = await raise(id, [finding(self, 'possible')]);
    assert.equal(next!.created, true);
    assert.notEqual(next!.id, first!.id);
    assert.equal((await app.alerts.get(first!.id)).alert.status, 'closed');
    assert.equal((await app.alerts.get(first!.id)).alert.occurrences, 1);
  });
});

describe('update', () => {
  test('closing needs a disposition; the refused change writes nothing', async () => {
    const id = await customer();
    const [raised] = await raise(id, [finding(self, 'possible')]);
    const before = (await app.audit.head()).seq;
    await rejectsWith(app.alerts.update(raised!.id, { status: 'closed', note: 'looks fine' }, 'key:analyst'), 'SEK_ALERT_CHANGE');
    const { alert, notes } = await app.alerts.get(raised!.id);
    assert.equal(alert.status, 'open');
    assert.deepEqual(notes, []);
    assert.equal((await app.audit.head()).seq, before);
  });

  test('closing with a disposition records the note, the change and an audit entry, and moves the status', async () => {
    const id = await customer();
    const [raised] = await raise(id, [finding(self, 'possible')]);
    assert.equal(await refresh(id), 'possible-match');
    const { alert, notes } = await app.alerts.update(raised!.id, { status: 'closed', disposition: 'false-positive', note: 'different birth date on passport' }, 'key:ana');
    assert.equal(alert.status, 'closed');
    assert.equal(alert.disposition, 'false-positive');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.actor, 'key:ana');
    assert.equal(notes[0]!.note, 'different birth date on passport');
    assert.deepEqual(notes[0]!.change, { status: ['open', 'closed'], disposition: [null, 'false-positive'] });
    const entries = await app.audit.list({ action: 'alert.updated', subject: `alert:${raised!.id}`, limit: 10 });
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actor, 'key:ana');
    assert.deepEqual((entries[0]!.data as { change: unknown }).change, { status: ['open', 'closed'], disposition: [null, 'false-positive'] });
    assert.equal(await statusOf(id), 'clear');
    assert.equal((await app.audit.verify()).ok, true);
  });

  test('an assignee change is recorded without touching status or disposition', async () => {
    const id = await customer();
    const [raised] = await raise(id, [finding(owner, 'possible')]);
    const { alert, notes } = await app.alerts.update(raised!.id, { assignee: 'ana' }, 'key:lead');
    assert.equal(alert.assignee, 'ana');
    assert.equal(alert.status, 'open');
    assert.deepEqual(notes.map((n) => n.change), [{ assignee: [null, 'ana'] }]);
    const cleared = await app.alerts.update(raised!.id, { assignee: null, note: 'back to the queue' }, 'key:lead');
    assert.equal(cleared.alert.assignee, null);
    assert.deepEqual(cleared.notes.map((n) => n.change), [{ assignee: [null, 'ana'] }, { assignee: ['ana', null] }]);
  });

  test('a note alone is recorded; no change and no note records nothing', async () => {
    const id = await customer();
    const [raised] = await raise(id, [finding(owner, 'possible')]);
    await app.alerts.update(raised!.id, { note: 'asked the customer for the shareholder register' }, 'key:ana');
    const before = (await app.audit.head()).seq;
    const { notes } = await app.alerts.update(raised!.id, { status: 'open' }, 'key:ana');
    assert.deepEqual(notes.map((n) => [n.note, n.change]), [['asked the customer for the shareholder register', {}]]);
    assert.equal((await app.audit.head()).seq, before);
  });

  test('an unknown alert is SEK_ALERT_NOT_FOUND', async () => {
    await rejectsWith(app.alerts.update(999_999, { assignee: 'ana' }, 'key:ana'), 'SEK_ALERT_NOT_FOUND');
    await rejectsWith(app.alerts.get(999_999), 'SEK_ALERT_NOT_FOUND');
  });

  test('a closed alert can be reopened, unless another open alert holds the same finding', async () => {
    const id = await customer();
    const [first] = await raise(id, [finding(self, 'possible')]);
    await app.alerts.update(first!.id, { status: 'closed', disposition: 'inconclusive' }, 'key:ana');
    const reopened = await app.alerts.update(first!.id, { status: 'in-review', note: 'new information' }, 'key:ana');
    assert.equal(reopened.alert.status, 'in-review');
    assert.equal(await statusOf(id), 'possible-match');

    await app.alerts.update(first!.id, { status: 'closed', disposition: 'inconclusive' }, 'key:ana');
    const [second] = await raise(id, [finding(self, 'possible')]);
    assert.equal(second!.created, true);
    const before = (await app.audit.head()).seq;
    await rejectsWith(app.alerts.update(first!.id, { status: 'open' }, 'key:ana'), 'SEK_ALERT_CHANGE');
    assert.equal((await app.alerts.get(first!.id)).alert.status, 'closed');
    assert.equal((await app.audit.head()).seq, before);
  });
});

describe('refreshStatus', () => {
  test('no alerts: clear', async () => {
    const id = await customer();
    assert.equal(await refresh(id), 'clear');
    assert.equal(await statusOf(id), 'clear');
  });

  test('the customer itself, confirmed and open: match; possible: possible-match', async () => {
    const confirmed = await customer();
    await raise(confirmed, [finding(self, 'confirmed')]);
    assert.equal(await refresh(confirmed), 'match');
    assert.equal(await statusOf(confirmed), 'match');
    const possible = await customer();
    await raise(possible, [finding(self, 'possible')]);
    assert.equal(await refresh(possible), 'possible-match');
  });

  test('an alert an analyst has taken into review still counts', async () => {
    const id = await customer();
    const [raised] = await raise(id, [finding(self, 'confirmed')]);
    await app.alerts.update(raised!.id, { status: 'in-review', assignee: 'ana' }, 'key:ana');
    assert.equal(await statusOf(id), 'match');
    const other = await customer();
    const [possible] = await raise(other, [finding(director, 'possible')]);
    await app.alerts.update(possible!.id, { status: 'in-review' }, 'key:ana');
    assert.equal(await statusOf(other), 'possible-match');
  });

  test('a registered wallet on a list is the customer itself: match', async () => {
    const id = await customer();
    await raise(id, [finding(walletParty('bc1qown', 'customer'), 'confirmed')]);
    assert.equal(await refresh(id), 'match');
  });

  test('an owner or director, even confirmed, makes a possible match only', async () => {
    const withOwner = await customer();
    await raise(withOwner, [finding(owner, 'confirmed')]);
    assert.equal(await refresh(withOwner), 'possible-match');
    const withDirector = await customer();
    await raise(withDirector, [finding(director, 'possible')]);
    assert.equal(await refresh(withDirector), 'possible-match');
  });

  test('alerts about counterparties of its events do not change the customer’s status', async () => {
    const id = await customer();
    await raise(id, [finding(beneficiary, 'confirmed'), finding(walletParty('0xdest', 'counterparty'), 'confirmed')]);
    assert.equal(await refresh(id), 'clear');
  });

  test('closed as a true match, the customer stays a match; closed otherwise, it is clear again', async () => {
    const id = await customer();
    const [raised] = await raise(id, [finding(self, 'possible')]);
    await app.alerts.update(raised!.id, { status: 'closed', disposition: 'true-match' }, 'key:ana');
    assert.equal(await statusOf(id), 'match');
    // An analyst who corrects the disposition of the closed alert moves the status back.
    await app.alerts.update(raised!.id, { disposition: 'false-positive', note: 'wrong person after all' }, 'key:lead');
    assert.equal(await statusOf(id), 'clear');
  });

  test('the strongest alert on the record wins: a match outranks a possible owner', async () => {
    const id = await customer();
    await raise(id, [finding(owner, 'possible'), finding(self, 'confirmed', 'un:9')]);
    assert.equal(await refresh(id), 'match');
  });

  test('alerts of other customers do not count', async () => {
    const listed = await customer();
    const bystander = await customer();
    await raise(listed, [finding(self, 'confirmed')]);
    assert.equal(await refresh(bystander), 'clear');
  });
});
