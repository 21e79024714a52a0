/**
 * @module storage/migrations/0004_chain
 * Chain data (issue 6): blocks, UTXO transactions with their inputs and outputs (an input names
 * the output it spends, so funds can be followed both ways), and account-model transfers (native
 * and token) for EVM chains and TRON. Primary keys are the chain's own identifiers, so ingesting
 * the same range again inserts nothing new. Satoshi values fit an integer; wei and token
 * amounts do not, and are decimal text.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withoutRowid = dialect === 'sqlite' ? sql`without rowid` : sql``;
  await db.schema
    .createTable('chain_block')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('parent_hash', 'text', (c) => c.notNull())
    .addColumn('time', 'integer', (c) => c.notNull())
    .addColumn('tx_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('chain_block_pk', ['chain', 'hash'])
    .execute();
  await db.schema.createIndex('chain_block_height').on('chain_block').columns(['chain', 'height']).execute();

  await db.schema
    .createTable('utxo_tx')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('txid', 'text', (c) => c.notNull())
    .addColumn('block_height', 'integer', (c) => c.notNull())
    .addColumn('block_hash', 'text', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('time', 'integer', (c) => c.notNull())
    .addColumn('coinbase', 'integer', (c) => c.notNull())
    .addColumn('coinbase_tag', 'text')
    .addPrimaryKeyConstraint('utxo_tx_pk', ['chain', 'txid'])
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema
    .createTable('utxo_output')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('txid', 'text', (c) => c.notNull())
    .addColumn('vout', 'integer', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addPrimaryKeyConstraint('utxo_output_pk', ['chain', 'txid', 'vout'])
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema.createIndex('utxo_output_address').on('utxo_output').columns(['chain', 'address']).execute();
  await db.schema
    .createTable('utxo_input')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('txid', 'text', (c) => c.notNull())
    .addColumn('vin', 'integer', (c) => c.notNull())
    .addColumn('prev_txid', 'text')
    .addColumn('prev_vout', 'integer')
    .addPrimaryKeyConstraint('utxo_input_pk', ['chain', 'txid', 'vin'])
    .modifyEnd(withoutRowid)
    .execute();
  // Forward tracing: which input spends an output.
  await db.schema.createIndex('utxo_input_prev').on('utxo_input').columns(['chain', 'prev_txid', 'prev_vout']).execute();

  await db.schema
    .createTable('account_transfer')
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('tx_hash', 'text', (c) => c.notNull())
    .addColumn('log_index', 'integer', (c) => c.notNull())
    .addColumn('block_height', 'integer', (c) => c.notNull())
    .addColumn('time', 'integer', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('asset', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_transfer_pk', ['chain', 'tx_hash', 'log_index'])
    .execute();
  await db.schema.createIndex('account_transfer_from').on('account_transfer').columns(['chain', 'from_address']).execute();
  await db.schema.createIndex('account_transfer_to').on('account_transfer').columns(['chain', 'to_address']).execute();
}
