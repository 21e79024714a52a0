/**
 * @module storage/migrations/0001_lists
 * List versions, their entities and wallets, and the per-source pointer to the active version.
 * Activation moves that pointer in one transaction: nothing ever sees half a list.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('list_version')
    .addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_names', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text')
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text')
    .addColumn('entity_count', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('wallet_count', 'integer', (c) => c.notNull())
    .addColumn('warning_count', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('forced', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('list_version_source_version', ['source', 'version'])
    .execute();

  await db.schema
    .createTable('list_entity')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('list_version.id'))
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('schema', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_entity_pk', ['version_id', 'entity_id'])
    .execute();
  await db.schema.createIndex('list_entity_entity_id').on('list_entity').column('entity_id').execute();

  await db.schema
    .createTable('list_wallet')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('list_version.id'))
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('list_wallet_version').on('list_wallet').columns(['version_id', 'entity_id']).execute();
  await db.schema.createIndex('list_wallet_address').on('list_wallet').column('address').execute();

  await db.schema
    .createTable('list_source')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('active_version_id', 'integer', (c) => c.references('list_version.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  void sql;
}
