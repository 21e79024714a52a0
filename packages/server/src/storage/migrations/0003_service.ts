/**
 * @module storage/migrations/0003_service
 * The service's tables (issue 5): API keys, customers and the parties screened with them,
 * events with the decision each got (the idempotency record), alerts, and the hash-chained
 * audit log with its head row (the one row every audited transaction locks first).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Small rows keyed by their primary key are stored in the key's own B-tree on SQLite (no second
  // tree to write per row): the event path adds such rows for most events.
  const withoutRowid = dialect === 'sqlite' ? sql`without rowid` : sql``;
  const identity = (c: any) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('api_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head').values({ id: 1, seq: 0, hash: '0'.repeat(64) }).execute();

  await db.schema
    .createTable('customer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('screened_at', 'text')
    .addColumn('screening', 'text')
    .execute();
  await db.schema
    .createTable('customer_party')
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('party_key', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_party_pk', ['customer_id', 'party_key'])
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema
    .createTable('customer_wallet')
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('chain', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_wallet_pk', ['customer_id', 'address'])
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema.createIndex('customer_wallet_address').on('customer_wallet').column('address').execute();

  await db.schema
    .createTable('event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('payload_hash', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alert')
    .addColumn('id', 'integer', identity)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('disposition', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('event_id', 'text')
    .addColumn('party_key', 'text')
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('list_version', 'integer', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('occurrences', 'integer', (c) => c.notNull())
    .execute();
  // One open alert per (customer, party, listed entity): a repeat adds an occurrence instead.
  await sql`create unique index alert_open_dedupe on alert (dedupe_key) where status <> 'closed'`.execute(db);
  await db.schema.createIndex('alert_status').on('alert').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('alert_customer').on('alert').column('customer_id').execute();
  await db.schema
    .createTable('alert_note')
    .addColumn('alert_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('change', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_note_alert').on('alert_note').column('alert_id').execute();

  await db.schema
    .createTable('service_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
