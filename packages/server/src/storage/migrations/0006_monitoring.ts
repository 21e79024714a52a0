/**
 * @module storage/migrations/0006_monitoring
 * Transaction monitoring (issue 7): versions of the monitoring configuration with who proposed
 * and who approved each (a version takes effect only once a supervisor approved it); each
 * customer's activities (the events the sliding-window aggregates and the behavioural rules
 * read, keyed by customer and time so a window is one range read); and the identifiers customers
 * share (IP, device, phone, e-mail, bank account, withdrawal and deposit addresses), the link
 * graph of rule 29.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const identity = (c: any) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  const withoutRowid = dialect === 'sqlite' ? sql`without rowid` : sql``;
  await db.schema
    .createTable('monitoring_config')
    .addColumn('version', 'integer', identity)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  // At most one version in force.
  await sql`create unique index monitoring_config_active on monitoring_config (status) where status = 'active'`.execute(db);

  await db.schema
    .createTable('customer_activity')
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_activity_pk', ['customer_id', 'at', 'event_id'])
    .modifyEnd(withoutRowid)
    .execute();

  await db.schema
    .createTable('customer_identifier')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_identifier_pk', ['kind', 'value', 'customer_id'])
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema.createIndex('customer_identifier_customer').on('customer_identifier').columns(['customer_id', 'kind']).execute();
}
