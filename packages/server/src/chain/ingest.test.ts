import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseBlock, parseEtlTokenTransfers, parseEtlTransactions } from '@sekisho/core';
import { CoreErrors, isSekishoError } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';
import { openStore, type Store } from '../storage/db.ts';
import { createChainStore } from '../storage/chain-store.ts';
import { getblockJson, startFakeBitcoinNode } from '../../test/btc-rpc-node.ts';
import { sharedPath, tempDir } from '../../test/helpers.ts';
import { blkFile, syntheticBlocks } from '../../test/synthetic-blocks.ts';
import { ingestChain } from './ingest.ts';
import type { IngestOptions } from './ingest-types.ts';

const RAW = sharedPath('chain-analytics/btc_mainnet_block_413567.raw');
const ETL_DIR = 'chain-analytics/eth_blocks_17173049-17173050_expected_';
const template = new Uint8Array(readFileSync(RAW));
const blocks = [...syntheticBlocks(template, { blocks: 4, transactions: 25 })];
const work = tempDir('sekisho-ingest-unit-');
after(() => work.cleanup());
const core = (p: string) => fileURLToPath(new URL(`../../../core/src/chain/${p}`, import.meta.url));

let n = 0;
/** A fresh SQLite store for one test; closed and removed at the end. */
async function fresh(): Promise<Store> {
  const store = await openStore(join(work.dir, `store-${n++}.db`));
  after(() => store.close());
  return store;
}
const ingest = (store: Store, options: IngestOptions) => ingestChain({ store }, options);
const counts = (store: Store, chain = 'bitcoin') => createChainStore(store).counts(chain);

function code(expected: { code: string }) {
  return (error: unknown) => {
    assert.ok(isSekishoError(error, expected.code), `expected ${expected.code}, got ${String(error)}`);
    return true;
  };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(work.dir, name);
  writeFileSync(path, content);
  return path;
}

test('blk files obfuscated with Bitcoin Core\'s xor.dat key (Core 28+) read as the plain files', async () => {
  const plain = blkFile(blocks);
  const key = Uint8Array.from([0x3a, 0x91, 0x00, 0xfe, 0x17, 0x42, 0xc5, 0x08]);
  const dir = join(work.dir, 'xor-blocks');
  mkdirSync(dir);
  writeFileSync(join(dir, 'xor.dat'), key);
  writeFileSync(join(dir, 'blk00000.dat'), plain.map((b, i) => b ^ key[i % 8]!));
  writeFileSync(join(dir, 'rev00000.dat'), 'undo data: not read');
  const a = await fresh();
  const b = await fresh();
  const viaDir = await ingest(a, { format: 'btc-block', sources: [dir] });
  const viaPlain = await ingest(b, { format: 'btc-block', sources: [file('plain.dat', plain)] });
  assert.deepEqual(viaDir.stored, viaPlain.stored);
  assert.equal(viaDir.stored.transactions, 100);
  const txids = async (s: Store) => (await s.db.selectFrom('utxo_tx').select('txid').orderBy('txid').execute()).map((r) => r.txid);
  assert.deepEqual(await txids(a), await txids(b));
  assert.deepEqual(await txids(a), blocks.flatMap((x) => x.txids).sort());
});

test('--from/--to keep the heights asked for, count the rest, and a re-run of the range changes nothing', async () => {
  const store = await fresh();
  const path = file('range.dat', blkFile(blocks));
  const r = await ingest(store, { format: 'btc-block', sources: [path], from: blocks[1]!.height, to: blocks[2]!.height });
  assert.equal(r.stored.blocks, 2);
  assert.equal(r.outOfRange, 2);
  const heights = await store.db.selectFrom('chain_block').select('height').orderBy('height').execute();
  assert.deepEqual(heights.map((h) => Number(h.height)), [blocks[1]!.height, blocks[2]!.height]);
  const again = await ingest(store, { format: 'btc-block', sources: [path], from: blocks[1]!.height, to: blocks[2]!.height });
  assert.deepEqual(again.stored, { blocks: 0, transactions: 0, outputs: 0, inputs: 0, transfers: 0 });
  assert.equal(again.seen.transactions, 50);
  await assert.rejects(ingest(store, { format: 'btc-block', sources: [path], from: 5, to: 4 }), code(CoreErrors.CHAIN_FORMAT));
});

test('SQLite, a first load: the secondary indexes are built at the end, also when a batch fails; a later load keeps them', async () => {
  const indexes = (s: Store) => s.sqlite!.prepare("select name from sqlite_master where type = 'index' and name in ('utxo_output_address', 'utxo_input_prev') order by name").pluck().all();
  const store = await fresh();
  const whole = blkFile(blocks);
  const cut = file('cut.dat', whole.subarray(0, whole.length - 100));
  await assert.rejects(ingest(store, { format: 'btc-block', sources: [cut], batchBlocks: 2 }), code(CoreErrors.CHAIN_TRUNCATED));
  assert.deepEqual(indexes(store), ['utxo_input_prev', 'utxo_output_address']);
  assert.equal((await counts(store)).blocks, 2);
  const next = await ingest(store, { format: 'btc-block', sources: [file('whole.dat', whole)] });
  assert.equal(next.indexesDeferred, undefined, 'the tables were not empty');
  assert.equal(next.stored.blocks, 2);
  assert.deepEqual(indexes(store), ['utxo_input_prev', 'utxo_output_address']);
  const plan = store.sqlite!.prepare('explain query plan select txid from utxo_input where chain = ? and prev_txid = ?').all('bitcoin', blocks[0]!.txids[1]) as { detail: string }[];
  assert.match(plan.map((p) => p.detail).join(' '), /utxo_input_prev/);

  const first = await ingest(await fresh(), { format: 'btc-block', sources: [file('first.dat', blkFile(blocks.slice(0, 1)))] });
  assert.equal(first.indexesDeferred, true);
});

test('the worker\'s column batches store exactly what the object path stores', async () => {
  const viaRows = await fresh();
  const viaObjects = await fresh();
  await ingest(viaRows, { format: 'btc-block', sources: [file('rows.dat', blkFile(blocks))] });
  const chain = createChainStore(viaObjects);
  for (const b of blocks) await chain.ingestUtxo([parseBlock(b.bytes)]);
  const dump = async (s: Store) => ({
    blocks: await s.db.selectFrom('chain_block').selectAll().orderBy('hash').execute(),
    tx: await s.db.selectFrom('utxo_tx').selectAll().orderBy('txid').execute(),
    out: await s.db.selectFrom('utxo_output').selectAll().orderBy('txid').orderBy('vout').execute(),
    in: await s.db.selectFrom('utxo_input').selectAll().orderBy('txid').orderBy('vin').execute(),
  });
  const a = await dump(viaRows);
  assert.deepEqual(a, await dump(viaObjects));
  assert.equal(a.out.length, blocks.reduce((s, b) => s + b.outputs, 0));
  assert.ok(a.in.some((i) => i.prev_txid === null) && a.tx.some((t) => t.coinbase_tag !== null), 'coinbase inputs and tags are kept');
});

test('btc-rpc-json files: the getblock fixture (one envelope), JSON lines, a JSON array; the same rows as the raw blocks', async () => {
  const fixture = await ingest(await fresh(), { format: 'btc-rpc-json', sources: [core('bitcoin/fixtures/getblock-413567-first3.json')] });
  assert.deepEqual([fixture.stored.blocks, fixture.stored.transactions], [1, 3]);
  const answers = blocks.map((b) => getblockJson(parseBlock(b.bytes)));
  const lines = await fresh();
  assert.equal((await ingest(lines, { format: 'btc-rpc-json', sources: [file('blocks.jsonl', answers.join('\n') + '\n')] })).stored.transactions, 100);
  const array = await fresh();
  const pretty = JSON.stringify(answers.map((a) => ({ result: JSON.parse(a), error: null, id: 1 })), null, 2);
  assert.equal((await ingest(array, { format: 'btc-rpc-json', sources: [file('blocks.json', pretty)], from: blocks[3]!.height })).stored.transactions, 25);
  const raw = await fresh();
  await ingest(raw, { format: 'btc-block', sources: [file('same.dat', blkFile(blocks))] });
  const outputs = (s: Store) => s.db.selectFrom('utxo_output').select(['txid', 'vout', 'value', 'type', 'address']).orderBy('txid').orderBy('vout').execute();
  assert.deepEqual(await outputs(lines), await outputs(raw));
});

test('btc-rpc-json node: a block the node refuses is SEK_CHAIN_RPC with the batches before it kept; testnet, a tip below --to and a wrong password are refused', async () => {
  const served = new Map(blocks.map((b) => [b.height, { hash: b.hash, json: getblockJson(parseBlock(b.bytes)) }]));
  const node = await startFakeBitcoinNode({ blocks: served, failAt: new Set([blocks[2]!.height]), user: 'u', password: 'p' });
  try {
    const store = await fresh();
    const all = { format: 'btc-rpc-json' as const, sources: [node.url], from: blocks[0]!.height, to: blocks[3]!.height, batchBlocks: 1 };
    const error = await ingest(store, all).then(() => undefined, (e: unknown) => e);
    assert.ok(isSekishoError(error, ServerErrors.CHAIN_RPC.code), String(error));
    assert.match(error.message, /pruned/);
    assert.equal((error.details.committed as { batches: number }).batches, 2);
    assert.equal((await counts(store)).blocks, 2);
    await assert.rejects(ingest(store, { ...all, from: undefined, to: blocks[3]!.height + 1 }), code(ServerErrors.CHAIN_RPC));
    await assert.rejects(ingest(store, { ...all, sources: [node.url.replace('u:p@', 'u:wrong@')] }), (e: unknown) => isSekishoError(e, ServerErrors.CHAIN_NODE.code) && /HTTP 401/.test(e.message));
    const tip = await ingest(store, { ...all, from: undefined, to: undefined });
    assert.equal(tip.stored.blocks, 1, 'without a range: the tip block');
    assert.deepEqual(node.calls.slice(-4), ['getblockchaininfo', 'getblockcount', `getblockhash ${blocks[3]!.height}`, `getblock ${blocks[3]!.hash} 2`]);
  } finally {
    await node.close();
  }
  const testnet = await startFakeBitcoinNode({ blocks: new Map([[blocks[0]!.height, { hash: blocks[0]!.hash, json: '{}' }]]), network: 'test' });
  try {
    await assert.rejects(ingest(await fresh(), { format: 'btc-rpc-json', sources: [testnet.url] }), code(CoreErrors.CHAIN_FORMAT));
  } finally {
    await testnet.close();
  }
});

test('wrong formats are SEK_CHAIN_FORMAT before anything is stored; a missing file is SEK_FILE_NOT_FOUND', async () => {
  const store = await fresh();
  const tx = sharedPath(`${ETL_DIR}transactions.json`);
  await assert.rejects(ingest(store, { format: 'btc-block', sources: [tx] }), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(ingest(store, { format: 'eth-etl', sources: [RAW] }), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(ingest(store, { format: 'eth-etl', sources: [core('bitcoin/fixtures/getblock-413567-first3.json')] }), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(ingest(store, { format: 'btc-rpc-json', sources: [tx] }), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(ingest(store, { format: 'eth-rpc', sources: [tx] }), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(ingest(store, { format: 'btc-block', sources: ['http://127.0.0.1:8332'] }), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(ingest(store, { format: 'btc-block', sources: [file('ltc.dat', Uint8Array.from([0xfb, 0xc0, 0xb6, 0xdb, 0, 0, 0, 0]))] }), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(ingest(store, { format: 'btc-block', sources: [file('blk.dat', blkFile(blocks))], verifyMerkle: false }), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(ingest(store, { format: 'btc-block', sources: [join(work.dir, 'absent.dat')] }), code(ServerErrors.FILE_NOT_FOUND));
  await assert.rejects(ingest(store, { format: 'btc-block', sources: [file('short.raw', template.subarray(0, 5000))], verifyMerkle: false }), code(CoreErrors.CHAIN_TRUNCATED));
  await assert.rejects(ingest(store, { format: 'btc-block', chain: 'ethereum', sources: [RAW] }), code(CoreErrors.CHAIN_FORMAT));
  assert.deepEqual(await counts(store), { blocks: 0, transactions: 0, outputs: 0, inputs: 0, transfers: 0 });
});

test('eth-etl from a directory (files of any name, told apart by their columns), with a token_transfers file missing block_timestamp taking times from the blocks', async () => {
  const dir = join(work.dir, 'etl');
  mkdirSync(dir);
  symlinkSync(sharedPath(`${ETL_DIR}blocks.json`), join(dir, 'a.json'));
  symlinkSync(sharedPath(`${ETL_DIR}transactions.json`), join(dir, 'b.json'));
  const tokens = readFileSync(sharedPath(`${ETL_DIR}token_transfers.json`), 'utf8').replace(/, "block_timestamp": \d+/g, '');
  writeFileSync(join(dir, 'c.json'), tokens);
  const store = await fresh();
  const r = await ingest(store, { format: 'eth-etl', sources: [dir] });
  assert.deepEqual(r.stored, { blocks: 2, transactions: 0, outputs: 0, inputs: 0, transfers: 589 });
  assert.deepEqual(r.warnings, []);
  const times = await store.db.selectFrom('account_transfer').select(['block_height', 'time']).distinct().where('asset', '!=', 'native').orderBy('block_height').execute();
  assert.deepEqual(times.map((t) => [Number(t.block_height), Number(t.time)]), [[17173049, 1683029999], [17173050, 1683030011]]);
});

test('tron-trongrid: the TronGrid fixture page (an Approval skipped, the next page named); --from is refused', async () => {
  const page = core('tron/fixtures/trongrid-trc20-garantex.json');
  const store = await fresh();
  const r = await ingest(store, { format: 'tron-trongrid', sources: [page] });
  assert.equal(r.stored.transfers, 4);
  assert.ok(r.warnings.some((w) => /Approval/.test(w)) && r.warnings.some((w) => /next is https:\/\/api\.trongrid\.io/.test(w)));
  const big = await store.db.selectFrom('account_transfer').select('value').where('chain', '=', 'tron').execute();
  assert.ok(big.some((b) => BigInt(b.value) > 2n ** 53n));
  await assert.rejects(ingest(store, { format: 'tron-trongrid', sources: [page], from: 1 }), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(ingest(store, { format: 'tron-trongrid', chain: 'ethereum', sources: [page] }), code(CoreErrors.CHAIN_FORMAT));
});

/** An Ethereum node on loopback answering from the derived RPC fixtures of blocks 17,173,049-050, capping eth_getLogs at one block as providers cap large ranges. */
async function fakeEthNode(chainId = '0x1'): Promise<{ url: string; calls: string[]; close: () => Promise<void> }> {
  const load = (name: string) => (JSON.parse(readFileSync(core(`ethereum/fixtures/${name}`), 'utf8')) as { result: unknown }).result;
  const blocksByNumber = new Map([['0x1060a39', load('rpc-block-17173049.json')], ['0x1060a3a', load('rpc-block-17173050.json')]]);
  const receipts = new Map([['0x1060a39', load('rpc-receipts-17173049.json')], ['0x1060a3a', load('rpc-receipts-17173050.json')]]);
  const logs = load('rpc-logs-17173049.json') as { blockNumber: string; topics: string[] }[];
  const calls: string[] = [];
  const answer = (call: { id: unknown; method: string; params: any[] }) => {
    calls.push(call.method);
    const ok = (result: unknown) => ({ jsonrpc: '2.0', id: call.id, result });
    if (call.method === 'eth_chainId') return ok(chainId);
    if (call.method === 'eth_blockNumber') return ok('0x1060a3a');
    if (call.method === 'eth_getBlockByNumber') return ok(blocksByNumber.get(call.params[0]) ?? null);
    if (call.method === 'eth_getBlockReceipts') return ok(receipts.get(call.params[0]) ?? null);
    if (call.method === 'eth_getLogs') {
      const { fromBlock, toBlock, topics } = call.params[0];
      if (fromBlock !== toBlock) return { jsonrpc: '2.0', id: call.id, error: { code: -32005, message: 'query returned more than 10000 results' } };
      return ok(logs.filter((l) => l.blockNumber === fromBlock && l.topics[0] === topics[0]));
    }
    return { jsonrpc: '2.0', id: call.id, error: { code: -32601, message: 'the method does not exist/is not available' } };
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const parsed = JSON.parse(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Array.isArray(parsed) ? parsed.map(answer) : answer(parsed)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('eth-rpc with eth_getBlockReceipts and a provider\'s eth_getLogs cap: the real transactions and Transfer events of blocks 17,173,049-050, as the ETL export has them', async () => {
  const node = await fakeEthNode();
  try {
    const store = await fresh();
    const r = await ingest(store, { format: 'eth-rpc', sources: [node.url], from: 17173049, to: 17173050 });
    assert.deepEqual(r.stored, { blocks: 2, transactions: 0, outputs: 0, inputs: 0, transfers: 8 + 3 + 5 });
    assert.ok(node.calls.includes('eth_getBlockReceipts') && !node.calls.includes('eth_getTransactionReceipt'));
    assert.equal(node.calls.filter((c) => c === 'eth_getLogs').length, 3, 'the two-block range, refused, then each block');
    const rows = await store.db.selectFrom('account_transfer').selectAll().execute();
    const etlNative = (await parseEtlTransactions(readFileSync(sharedPath(`${ETL_DIR}transactions.json`), 'utf8'))).transfers;
    const etlTokens = (await parseEtlTokenTransfers(readFileSync(sharedPath(`${ETL_DIR}token_transfers.json`), 'utf8'))).transfers;
    for (const row of rows) {
      const same = (row.asset === 'native' ? etlNative : etlTokens).find((t) => t.txHash === row.tx_hash && t.logIndex === Number(row.log_index))!;
      assert.ok(same, `${row.tx_hash}/${row.log_index} is in the ETL export`);
      assert.deepEqual([row.from_address, row.to_address, BigInt(row.value), row.asset, Number(row.ok) === 1, Number(row.time)], [same.from, same.to, same.value, same.asset, same.ok, same.time]);
    }
  } finally {
    await node.close();
  }
  const other = await fakeEthNode('0x89');
  try {
    await assert.rejects(ingest(await fresh(), { format: 'eth-rpc', sources: [other.url] }), code(CoreErrors.CHAIN_FORMAT));
    const polygon = await ingest(await fresh(), { format: 'eth-rpc', chain: 'polygon', sources: [other.url], from: 17173050 });
    assert.equal(polygon.chain, 'polygon');
    assert.equal(polygon.stored.blocks, 1);
  } finally {
    await other.close();
  }
});
