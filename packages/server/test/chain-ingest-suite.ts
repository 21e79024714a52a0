/**
 * `sekisho chain ingest` and `chain status` through the CLI, on SQLite (test/chain-ingest.test.ts)
 * and PostgreSQL (test/integration/chain-ingest-postgres.test.ts): the real staged data (block
 * 413,567; the two ethereum-etl blocks), blk*.dat streams derived from it (synthetic-blocks.ts),
 * a Bitcoin Core stand-in on loopback (btc-rpc-node.ts) and a Ganache chain (ganache-chain.ts).
 * Bad input must leave the store as it was before the failing batch; a re-run adds nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseBlock } from '@sekisho/core';
import { openStore, type Store } from '../src/storage/db.ts';
import { createChainStore } from '../src/storage/chain-store.ts';
import { getblockJson, startFakeBitcoinNode } from './btc-rpc-node.ts';
import { startDevChain } from './ganache-chain.ts';
import { cli, sharedPath, tempDir, type TestDatabase } from './helpers.ts';
import { blkFile, syntheticBlocks, type SyntheticBlock } from './synthetic-blocks.ts';

const RAW = sharedPath('chain-analytics/btc_mainnet_block_413567.raw');
const ETL = ['blocks', 'transactions', 'token_transfers'].map((k) => sharedPath(`chain-analytics/eth_blocks_17173049-17173050_expected_${k}.json`));
const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7';
const template = new Uint8Array(readFileSync(RAW));
/** Five small blocks (40 transactions each) at heights 413,568..413,572. */
const five: SyntheticBlock[] = [...syntheticBlocks(template, { blocks: 5, transactions: 40 })];

/** A TCP port nothing listens on (a server opened and closed again). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function chainIngestSuite(label: string, makeDb: () => Promise<TestDatabase>): void {
  describe(`chain ingest CLI (${label})`, () => {
    const dbs: TestDatabase[] = [];
    const stores: Store[] = [];
    const dir = tempDir('sekisho-chain-ingest-');
    /** A fresh database for one test. */
    const fresh = async () => {
      const db = await makeDb();
      dbs.push(db);
      return db.url;
    };
    /** Row counts of a chain, read straight from the tables. */
    const counts = async (url: string, chain = 'bitcoin') => {
      const store = await openStore(url);
      stores.push(store);
      return createChainStore(store).counts(chain);
    };
    const query = async <T>(url: string, work: (store: Store) => Promise<T>): Promise<T> => {
      const store = await openStore(url);
      try {
        return await work(store);
      } finally {
        await store.close();
      }
    };
    after(async () => {
      for (const s of stores) await s.close();
      for (const db of dbs) await db.cleanup();
      dir.cleanup();
    });

    test('block 413,567: refused by default (its merkle root does not match), stored with --no-verify-merkle: 1 block, 1,557 transactions; again: nothing new', async () => {
      const db = await fresh();
      const refused = await cli(db, 'chain', 'ingest', '--format', 'btc-block', RAW, '--json');
      assert.equal(refused.status, 1);
      assert.equal(refused.json().error.code, 'SEK_CHAIN_PARSE');
      assert.equal(refused.json().error.details.merkle, 'mismatch');
      assert.match(refused.stderr, /--no-verify-merkle/);
      assert.deepEqual(await counts(db), { blocks: 0, transactions: 0, outputs: 0, inputs: 0, transfers: 0 });

      const stored = await cli(db, 'chain', 'ingest', '--format', 'btc-block', '--no-verify-merkle', RAW, '--json');
      assert.equal(stored.status, 0, stored.stderr);
      const report = stored.json();
      assert.equal(report.merkleVerified, false);
      const { transactions } = parseBlock(template, { checkMerkleRoot: false });
      const outputs = transactions.reduce((s, t) => s + t.outputs.length, 0);
      const inputs = transactions.reduce((s, t) => s + t.inputs.length, 0);
      assert.deepEqual(report.stored, { blocks: 1, transactions: 1557, outputs, inputs, transfers: 0 });
      assert.deepEqual(await counts(db), { blocks: 1, transactions: 1557, outputs, inputs, transfers: 0 });
      const coinbase = await query(db, (s) => s.db.selectFrom('utxo_tx').selectAll().where('idx', '=', 0).executeTakeFirstOrThrow());
      assert.equal(coinbase.txid, '5b4aaef3f4e4625d70385ddf0bd2a0b7d7141e4c2fd36d2ff2cad37fff3deb0f');
      assert.equal(Number(coinbase.block_height), 413567);
      assert.match(coinbase.coinbase_tag ?? '', /Mined by chenguanghai/);

      // Ingest updated the clusters: every transaction read once (only in-block spends resolve).
      assert.equal(report.clusters.txs, 1557);
      assert.equal(report.clusters.coinjoins.joinmarket, 2);

      const again = (await cli(db, 'chain', 'ingest', '--format', 'btc-block', '--no-verify-merkle', RAW, '--json')).json();
      assert.deepEqual(again.stored, { blocks: 0, transactions: 0, outputs: 0, inputs: 0, transfers: 0 });
      assert.deepEqual(again.seen, { blocks: 1, transactions: 1557, outputs, inputs, transfers: 0 });
      assert.equal(again.clusters.txs, 0);
      const cluster = await cli(db, 'chain', 'cluster', '--json');
      assert.equal(cluster.status, 0, cluster.stderr);
      assert.equal(cluster.json().txs, 0);
      const account = await cli(db, 'chain', 'cluster', '--chain', 'ethereum', '--json');
      assert.equal(account.status, 1);
      assert.equal(account.json().error.code, 'SEK_TRACE_QUERY');
    });

    test('a blk*.dat stream cut inside its 4th block, 2 blocks a batch: the first batch stays, nothing of the second (not even its complete block); the whole file then adds the rest', async () => {
      const db = await fresh();
      const whole = blkFile(five);
      const cutAt = whole.length - blkFile(five.slice(3)).length + 500; // 500 bytes into block 3's record
      const truncated = join(dir.dir, `cut-${label}.dat`);
      writeFileSync(truncated, whole.subarray(0, cutAt));
      const failed = await cli(db, 'chain', 'ingest', '--format', 'btc-block', truncated, '--batch', '2', '--json');
      assert.equal(failed.status, 1);
      const error = failed.json().error;
      assert.equal(error.code, 'SEK_CHAIN_TRUNCATED');
      assert.equal(error.details.committed.batches, 1);
      assert.match(failed.stderr, /the 1 batch before it stay stored/);
      assert.deepEqual(await counts(db), {
        blocks: 2,
        transactions: 80,
        outputs: five[0]!.outputs + five[1]!.outputs,
        inputs: five[0]!.inputs + five[1]!.inputs,
        transfers: 0,
      });
      const fromBlock2 = await query(db, (s) => s.db.selectFrom('utxo_tx').select('txid').where('txid', 'in', five[2]!.txids).execute());
      assert.deepEqual(fromBlock2, [], 'block 2 parsed fine but belonged to the failed batch');

      const file = join(dir.dir, `whole-${label}.dat`);
      writeFileSync(file, whole);
      const rest = await cli(db, 'chain', 'ingest', '--format', 'btc-block', file, '--batch', '2', '--json');
      assert.equal(rest.status, 0, rest.stderr);
      assert.equal(rest.json().stored.blocks, 3);
      assert.equal(rest.json().seen.blocks, 2);
      assert.equal(rest.json().seen.transactions, 80);
      const again = (await cli(db, 'chain', 'ingest', '--format', 'btc-block', file, '--json')).json();
      assert.equal(again.stored.transactions + again.stored.outputs + again.stored.inputs + again.stored.blocks, 0);
      assert.equal(again.seen.transactions, 200);
      const spends = await query(db, (s) => s.db.selectFrom('utxo_input').select((eb) => eb.fn.countAll().as('n')).where('prev_txid', 'in', five.flatMap((b) => b.txids)).executeTakeFirstOrThrow());
      assert.ok(Number(spends.n) > 0, 'blocks spend outputs of earlier blocks: the spending links are stored');
    });

    test('unknown --format and a height that is not a number are usage errors (exit 2); an unknown chain is SEK_CHAIN_FORMAT', async () => {
      const db = await fresh();
      assert.equal((await cli(db, 'chain', 'ingest', '--format', 'btc-blocks', RAW)).status, 2);
      assert.equal((await cli(db, 'chain', 'ingest', RAW)).status, 2, '--format is required');
      assert.equal((await cli(db, 'chain', 'ingest', '--format', 'btc-block', RAW, '--from', 'ten')).status, 2);
      const chain = await cli(db, 'chain', 'ingest', '--format', 'btc-block', '--chain', 'dogecoin', RAW, '--json');
      assert.equal(chain.status, 1);
      assert.equal(chain.json().error.code, 'SEK_CHAIN_FORMAT');
      assert.equal((await cli(db, 'chain', 'ingest', '--format', 'eth-etl', '--chain', 'no-such-chain', ...ETL, '--json')).json().error.code, 'SEK_CHAIN_FORMAT');
      assert.deepEqual(await counts(db), { blocks: 0, transactions: 0, outputs: 0, inputs: 0, transfers: 0 });
    });

    test('ethereum-etl blocks 17,173,049-17,173,050: 2 blocks, 298 native and 291 token transfers (41 USDT); again: nothing new; --from/--to keeps one block', async () => {
      const db = await fresh();
      const out = await cli(db, 'chain', 'ingest', '--format', 'eth-etl', ...ETL.reverse(), '--json'); // any order: blocks are read first
      ETL.reverse();
      assert.equal(out.status, 0, out.stderr);
      assert.deepEqual(out.json().stored, { blocks: 2, transactions: 0, outputs: 0, inputs: 0, transfers: 589 });
      const rows = await query(db, (s) => s.db.selectFrom('account_transfer').select(['asset', 'log_index', 'value', 'ok']).where('chain', '=', 'ethereum').execute());
      assert.equal(rows.filter((r) => r.asset === 'native').length, 298);
      assert.equal(rows.filter((r) => r.asset !== 'native').length, 291);
      assert.equal(rows.filter((r) => r.asset === USDT).length, 41);
      assert.equal(rows.filter((r) => Number(r.ok) === 0).length, 9, 'the 9 failed transactions are kept, marked');
      const again = (await cli(db, 'chain', 'ingest', '--format', 'eth-etl', ...ETL, '--json')).json();
      assert.deepEqual(again.stored, { blocks: 0, transactions: 0, outputs: 0, inputs: 0, transfers: 0 });
      assert.deepEqual(again.seen, { blocks: 2, transactions: 0, outputs: 0, inputs: 0, transfers: 589 });

      const one = await fresh();
      const ranged = (await cli(one, 'chain', 'ingest', '--format', 'eth-etl', ...ETL, '--from', '17173050', '--to', '17173050', '--json')).json();
      assert.deepEqual(ranged.stored, { blocks: 1, transactions: 0, outputs: 0, inputs: 0, transfers: 182 + 177 });
      assert.equal(ranged.outOfRange, 1 + 116 + 114);
    });

    test('eth-rpc against Ganache on loopback: every native transfer (a failed one marked) and every ERC-20 Transfer event of blocks 0..N, exactly as sent', async () => {
      const dev = await startDevChain();
      try {
        const db = await fresh();
        const out = await cli(db, 'chain', 'ingest', '--format', 'eth-rpc', dev.url, '--from', '0', '--to', String(dev.latest), '--json');
        assert.equal(out.status, 0, out.stderr);
        assert.deepEqual(out.json().stored, { blocks: dev.latest + 1, transactions: 0, outputs: 0, inputs: 0, transfers: dev.native.length + dev.tokens.length });
        const rows = await query(db, (s) => s.db.selectFrom('account_transfer').selectAll().where('chain', '=', 'ethereum').orderBy('block_height').orderBy('log_index').execute());
        const native = rows.filter((r) => r.asset === 'native').map((r) => [r.tx_hash, r.from_address, r.to_address, BigInt(r.value), Number(r.ok) === 1, Number(r.block_height)]);
        assert.deepEqual(native, dev.native.map((t) => [t.hash, t.from, t.to, t.value, t.ok, t.block]));
        const tokens = rows.filter((r) => r.asset !== 'native').map((r) => [r.tx_hash, Number(r.log_index), r.from_address, r.to_address, BigInt(r.value), r.asset]);
        assert.deepEqual(tokens, dev.tokens.map((t) => [t.hash, t.logIndex, t.from, t.to, t.value, t.token]));
        assert.ok(dev.native.some((t) => !t.ok), 'the chain has a failed transaction');
        const again = (await cli(db, 'chain', 'ingest', '--format', 'eth-rpc', dev.url, '--from', '0', '--to', String(dev.latest), '--json')).json();
        assert.equal(again.stored.transfers + again.stored.blocks, 0);
        assert.equal(again.seen.transfers, dev.native.length + dev.tokens.length);
      } finally {
        await dev.close();
      }
    });

    test('btc-rpc-json from a node URL (with user:password): the same rows as the raw blocks; the real getblock fixture of block 413,567 too', async () => {
      const fixture = JSON.parse(readFileSync(new URL('../../core/src/chain/bitcoin/fixtures/getblock-413567-first3.json', import.meta.url), 'utf8')) as { result: { hash: string } };
      const blocks = new Map<number, { hash: string; json: string }>([[413_567, { hash: fixture.result.hash, json: JSON.stringify(fixture.result) }]]);
      for (const b of five.slice(0, 3)) blocks.set(b.height, { hash: b.hash, json: getblockJson(parseBlock(b.bytes)) });
      const node = await startFakeBitcoinNode({ blocks, user: 'sekisho', password: 's3cret' });
      try {
        const viaRpc = await fresh();
        const out = await cli(viaRpc, 'chain', 'ingest', '--format', 'btc-rpc-json', node.url, '--from', '413567', '--to', '413570', '--json');
        assert.equal(out.status, 0, out.stderr);
        assert.deepEqual(out.json().sources, [node.url.replace('sekisho:s3cret', '***:***')], 'the password is never printed');
        assert.equal(out.json().stored.blocks, 4);
        assert.equal(out.json().stored.transactions, 3 + 120);
        const first3 = parseBlock(template, { checkMerkleRoot: false }).transactions.slice(0, 3).map((t) => t.txid).sort();
        const stored = await query(viaRpc, (s) => s.db.selectFrom('utxo_tx').select('txid').where('block_height', '=', 413567).orderBy('txid').execute());
        assert.deepEqual(stored.map((r) => r.txid), first3);

        const viaBlk = await fresh();
        const file = join(dir.dir, `three-${label}.dat`);
        writeFileSync(file, blkFile(five.slice(0, 3)));
        assert.equal((await cli(viaBlk, 'chain', 'ingest', '--format', 'btc-block', file)).status, 0);
        const dump = (url: string) =>
          query(url, async (s) => ({
            tx: await s.db.selectFrom('utxo_tx').select(['txid', 'block_height', 'block_hash', 'idx', 'time', 'coinbase', 'coinbase_tag']).where('block_height', '>', 413567).orderBy('txid').execute(),
            out: await s.db.selectFrom('utxo_output').select(['txid', 'vout', 'value', 'type', 'address']).where('txid', 'in', five.slice(0, 3).flatMap((b) => b.txids)).orderBy('txid').orderBy('vout').execute(),
            in: await s.db.selectFrom('utxo_input').select(['txid', 'vin', 'prev_txid', 'prev_vout']).where('txid', 'in', five.slice(0, 3).flatMap((b) => b.txids)).orderBy('txid').orderBy('vin').execute(),
          }));
        assert.deepEqual(await dump(viaRpc), await dump(viaBlk));
      } finally {
        await node.close();
      }
    });

    test('an unreachable node URL: SEK_CHAIN_NODE, nothing stored; chain status counts per chain', async () => {
      const db = await fresh();
      const port = await closedPort();
      for (const format of ['eth-rpc', 'btc-rpc-json']) {
        const out = await cli(db, 'chain', 'ingest', '--format', format, `http://127.0.0.1:${port}`, '--json');
        assert.equal(out.status, 1);
        assert.equal(out.json().error.code, 'SEK_CHAIN_NODE');
        assert.match(out.stderr, /nothing was stored/);
      }
      assert.equal((await cli(db, 'chain', 'status')).stdout.trim(), 'No chain data yet. Ingest some with: sekisho chain ingest --format btc-block <file>');
      await cli(db, 'chain', 'ingest', '--format', 'eth-etl', ...ETL);
      await cli(db, 'chain', 'ingest', '--format', 'btc-block', '--no-verify-merkle', RAW);
      const status = await cli(db, 'chain', 'status', '--json');
      assert.equal(status.status, 0, status.stderr);
      assert.deepEqual(
        status.json().map((c: Record<string, unknown>) => [c.chain, c.blocks, c.transactions, c.transfers, c.minHeight, c.maxHeight]),
        [
          ['bitcoin', 1, 1557, 0, 413567, 413567],
          ['ethereum', 2, 0, 589, 17173049, 17173050],
        ],
      );
      assert.match((await cli(db, 'chain', 'status')).stdout, /^bitcoin {3}1 block \(heights 413,567\.\.413,567\), 1,557 transactions/m);
    });
  });
}
