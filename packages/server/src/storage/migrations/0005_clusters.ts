/**
 * @module storage/migrations/0005_clusters
 * Address clusters (issue 6): which cluster an address is in (per chain, with an index by
 * cluster for its members), each cluster's size and attributed actors, the transaction that
 * linked each pair of addresses (so every merge can be explained), merges refused because they
 * would join different actors, merges that made a cluster too large, and which transactions
 * clustering has read. Also an index of transactions in chain order, which clustering walks.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withoutRowid = dialect === 'sqlite' ? sql`without rowid` : sql``;
  await db.schema
    .createTable('cluster_address')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('cluster_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cluster_address_pk', ['chain', 'address'])
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema.createIndex('cluster_address_cluster').on('cluster_address').columns(['chain', 'cluster_id', 'address']).execute();

  await db.schema
    .createTable('cluster')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // JSON array of actor ids, sorted: what the members were attributed to when they joined.
    .addColumn('actors', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cluster_pk', ['chain', 'id'])
    .modifyEnd(withoutRowid)
    .execute();

  // Ids are never reused: a cluster absorbed by another leaves a gap.
  await db.schema
    .createTable('cluster_counter')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('next_id', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cluster_link')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('address_a', 'text', (c) => c.notNull())
    .addColumn('address_b', 'text', (c) => c.notNull())
    .addColumn('txid', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cluster_link_pk', ['chain', 'address_a', 'address_b', 'txid'])
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema.createIndex('cluster_link_b').on('cluster_link').columns(['chain', 'address_b']).execute();

  await db.schema
    .createTable('cluster_conflict')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('txid', 'text', (c) => c.notNull())
    .addColumn('address_a', 'text', (c) => c.notNull())
    .addColumn('address_b', 'text', (c) => c.notNull())
    .addColumn('cluster_a', 'integer')
    .addColumn('cluster_b', 'integer')
    .addColumn('actors_a', 'text', (c) => c.notNull())
    .addColumn('actors_b', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cluster_conflict_pk', ['chain', 'txid'])
    .execute();

  await db.schema
    .createTable('cluster_alarm')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('txid', 'text', (c) => c.notNull())
    .addColumn('cluster_id', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('threshold', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cluster_alarm_pk', ['chain', 'txid'])
    .execute();

  // One row per transaction clustering has read: what it did, and how many inputs it could resolve.
  await db.schema
    .createTable('cluster_tx')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('txid', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('coinjoin', 'text')
    .addColumn('inputs', 'integer', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cluster_tx_pk', ['chain', 'txid'])
    .modifyEnd(withoutRowid)
    .execute();

  // Clustering reads transactions in chain order (a conflict is judged on the clusters earlier
  // transactions left); utxo_tx is keyed by txid only.
  await db.schema.createIndex('utxo_tx_order').on('utxo_tx').columns(['chain', 'block_height', 'idx', 'txid']).execute();
}
