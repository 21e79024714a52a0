/**
 * The chain store on SQLite (test/chain-store.test.ts) and PostgreSQL (integration): a batch is
 * one transaction, ingesting it again adds nothing, and a failing batch leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AccountTransfer, ChainBlock, UtxoTransaction } from '@sekisho/core';
import { openStore, type Store } from '../src/storage/db.ts';
import { createChainStore, type ChainStore } from '../src/storage/chain-store.ts';
import type { TestDatabase } from './helpers.ts';

const block: ChainBlock = { chain: 'bitcoin', hash: '00'.repeat(31) + '01', height: 800_000, parentHash: '00'.repeat(32), time: 1_690_000_000, txCount: 2 };
const coinbase: UtxoTransaction = {
  chain: 'bitcoin', txid: 'aa'.repeat(32), blockHeight: 800_000, blockHash: block.hash, index: 0, time: block.time, coinbase: true, coinbaseTag: '/Test pool/',
  inputs: [{ scriptSig: '03', sequence: 0xffffffff }],
  outputs: [{ vout: 0, value: 625_000_000n, script: '0014' + '11'.repeat(20), type: 'p2wpkh', address: 'bc1qzyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3fhqxqy' }],
};
const spend: UtxoTransaction = {
  chain: 'bitcoin', txid: 'bb'.repeat(32), blockHeight: 800_000, blockHash: block.hash, index: 1, time: block.time, coinbase: false,
  inputs: [{ prevTxid: 'aa'.repeat(32), prevVout: 0, scriptSig: '', sequence: 0xfffffffd }],
  outputs: [
    { vout: 0, value: 2_099_999_997_690_000n, script: '76a9', type: 'p2pkh', address: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT' },
    { vout: 1, value: 0n, script: '6a', type: 'op_return' },
  ],
};
const transfer = (i: number, value: bigint): AccountTransfer => ({ chain: 'ethereum', txHash: `0x${i.toString(16).padStart(64, '0')}`, blockHeight: 17_173_049, time: 1_683_000_000, logIndex: i, from: '0x' + '12'.repeat(20), to: '0x' + '34'.repeat(20), value, asset: '0xdac17f958d2ee523a2206206994597c13d831ec7', ok: true });

export function chainStoreSuite(label: string, makeDb: () => Promise<TestDatabase>): void {
  describe(`chain store (${label})`, () => {
    let db: TestDatabase;
    let store: Store;
    let chain: ChainStore;
    before(async () => {
      db = await makeDb();
      store = await openStore(db.url);
      chain = createChainStore(store);
    });
    after(async () => {
      await store?.close();
      await db?.cleanup();
    });

    test('a block with its transactions goes in once; the same batch again adds nothing', async () => {
      const first = await chain.ingestUtxo([{ block, transactions: [coinbase, spend] }]);
      assert.deepEqual(first, { blocks: 1, transactions: 2, outputs: 3, inputs: 2, transfers: 0 });
      const again = await chain.ingestUtxo([{ block, transactions: [coinbase, spend] }]);
      assert.deepEqual(again, { blocks: 0, transactions: 0, outputs: 0, inputs: 0, transfers: 0 });
      const out = await store.db.selectFrom('utxo_output').select(['value', 'address']).where('txid', '=', 'bb'.repeat(32)).where('vout', '=', 0).executeTakeFirstOrThrow();
      assert.equal(BigInt(out.value), 2_099_999_997_690_000n, 'the largest satoshi amount is exact');
      const spentBy = await store.db.selectFrom('utxo_input').select(['txid', 'vin']).where('prev_txid', '=', 'aa'.repeat(32)).where('prev_vout', '=', 0).execute();
      assert.deepEqual(spentBy.map((r) => [r.txid, Number(r.vin)]), [['bb'.repeat(32), 0]]);
    });

    test('token transfers keep values beyond 2^53 exactly; again adds nothing', async () => {
      const big = 2n ** 200n + 12345n;
      assert.equal((await chain.ingestTransfers([transfer(1, big), transfer(2, 5n)])).transfers, 2);
      assert.equal((await chain.ingestTransfers([transfer(1, big)])).transfers, 0);
      const row = await store.db.selectFrom('account_transfer').select('value').where('log_index', '=', 1).executeTakeFirstOrThrow();
      assert.equal(BigInt(row.value), big);
    });

    test('a batch that fails part-way leaves the store as it was', async () => {
      const before = await chain.counts('ethereum');
      const broken = { ...transfer(9, 1n), from: null as unknown as string };
      await assert.rejects(chain.ingestTransfers([transfer(8, 1n), broken]));
      assert.deepEqual(await chain.counts('ethereum'), before);
    });
  });
}
