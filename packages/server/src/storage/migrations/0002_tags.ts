/**
 * @module storage/migrations/0002_tags
 * Attribution tag sets (TagPacks, actor packs, mining-pool lists, custom CSV), versioned like
 * lists: each load is an immutable version of its tag source; activation moves one pointer.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('tag_version')
    .addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_names', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addColumn('tag_count', 'integer', (c) => c.notNull())
    .addColumn('actor_count', 'integer', (c) => c.notNull())
    .addColumn('coinbase_count', 'integer', (c) => c.notNull())
    .addUniqueConstraint('tag_version_source_version', ['source', 'version'])
    .execute();
  await db.schema
    .createTable('tag_entry')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('tag_version.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tag_entry_version').on('tag_entry').column('version_id').execute();
  await db.schema
    .createTable('tag_source')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('active_version_id', 'integer', (c) => c.references('tag_version.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
