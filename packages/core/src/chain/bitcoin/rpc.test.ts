import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreErrors, isSekishoError } from '../../errors.ts';
import { sharedPath } from '../../../test/helpers.ts';
import { coinsToUnits } from './amount.ts';
import { parseBlock } from './block.ts';
import { parseRpcBlock } from './rpc.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureText = readFileSync(resolve(here, 'fixtures/getblock-413567-first3.json'), 'utf8');
const raw = new Uint8Array(readFileSync(sharedPath('chain-analytics/btc_mainnet_block_413567.raw')));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (isSekishoError(error)) return error.code;
    throw error;
  }
}

const clone = () => JSON.parse(fixtureText) as { result: Record<string, any>; error: unknown; id: unknown };

test('getblock verbosity 2 and the raw block give the same transactions (block 413,567, first three)', () => {
  const fromRaw = parseBlock(raw, { checkMerkleRoot: false });
  for (const input of [fixtureText, JSON.parse(fixtureText), JSON.parse(fixtureText).result]) {
    const fromRpc = parseRpcBlock(input);
    assert.equal(fromRpc.block.hash, fromRaw.block.hash);
    assert.equal(fromRpc.block.height, 413567);
    assert.equal(fromRpc.block.parentHash, fromRaw.block.parentHash);
    assert.equal(fromRpc.block.time, fromRaw.block.time);
    assert.equal(fromRpc.transactions.length, 3);
    assert.deepEqual(fromRpc.transactions, fromRaw.transactions.slice(0, 3));
  }
  const coinbase = parseRpcBlock(fixtureText).transactions[0]!;
  assert.equal(coinbase.outputs[0]!.value, 2_531_310_238n); // "value": 25.31310238
  assert.ok(coinbase.coinbaseTag!.includes('Mined by chenguanghai'));
});

test('amounts: BTC decimals to satoshis without float error', () => {
  assert.equal(coinsToUnits(25.31310238), 2_531_310_238n);
  assert.equal(coinsToUnits('25.31310238'), 2_531_310_238n);
  assert.equal(coinsToUnits(0.1), 10_000_000n);
  assert.equal(coinsToUnits(0.3), 30_000_000n); // 0.1 + 0.2 style float noise never appears
  assert.equal(coinsToUnits(1e-8), 1n); // String(1e-8) is "1e-8"
  assert.equal(coinsToUnits(0.00000546), 546n);
  assert.equal(coinsToUnits(20999999.99999999), 2_099_999_999_999_999n);
  assert.equal(coinsToUnits('20999999.99999999'), 2_099_999_999_999_999n);
  assert.equal(coinsToUnits(0), 0n);
  assert.equal(coinsToUnits('12.50000000'), 1_250_000_000n);
  assert.equal(coinsToUnits('1.5e2'), 15_000_000_000n);
  for (const bad of [-1, '0.123456789', 'abc', Number.NaN, Infinity, null, undefined, '1,5', {}]) assert.equal(coinsToUnits(bad), undefined, String(bad));
  // Every satoshi amount up to 21 million BTC survives JSON.parse → number → text.
  let seed = 12345;
  for (let i = 0; i < 20_000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const sats = BigInt(seed) * BigInt(seed % 977 + 1) % 2_100_000_000_000_000n;
    const text = `${sats / 100_000_000n}.${(sats % 100_000_000n).toString().padStart(8, '0')}`;
    assert.equal(coinsToUnits(JSON.parse(text)), sats, text);
  }
});

test('JSON text keeps the exact digits of "value" even where a double could not', () => {
  const doc = clone();
  doc.result.tx[1].vout[0].value = 0.5862; // as JSON.parse would give it
  const text = JSON.stringify(doc).replace('"value":0.5862', '"value":0.58620000');
  assert.equal(parseRpcBlock(text).transactions[1]!.outputs[0]!.value, 58_620_000n);
});

test('bad answers: RPC error, verbosity 1, partial tx list, disagreeing type/address, bad amount, not JSON', () => {
  const err = { result: null, error: { code: -5, message: 'Block not found' }, id: 1 };
  assert.equal(codeOf(() => parseRpcBlock(err)), CoreErrors.CHAIN_PARSE.code);
  let doc = clone();
  doc.result.tx = doc.result.tx.map((t: { txid: string }) => t.txid);
  assert.equal(codeOf(() => parseRpcBlock(doc)), CoreErrors.CHAIN_FORMAT.code);
  doc = clone();
  doc.result.nTx = 1557;
  assert.equal(codeOf(() => parseRpcBlock(doc)), CoreErrors.CHAIN_PARSE.code);
  doc = clone();
  doc.result.tx[1].vout[0].scriptPubKey.type = 'scripthash';
  assert.equal(codeOf(() => parseRpcBlock(doc)), CoreErrors.CHAIN_PARSE.code);
  doc = clone();
  doc.result.tx[1].vout[0].scriptPubKey.address = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
  assert.equal(codeOf(() => parseRpcBlock(doc)), CoreErrors.CHAIN_PARSE.code);
  for (const value of [-1, '0.000000001', 'x', 21_000_001]) {
    doc = clone();
    doc.result.tx[1].vout[0].value = value;
    assert.equal(codeOf(() => parseRpcBlock(doc)), CoreErrors.CHAIN_PARSE.code, String(value));
  }
  doc = clone();
  doc.result.tx[1].vin = [{ coinbase: '00', sequence: 0 }];
  assert.equal(codeOf(() => parseRpcBlock(doc)), CoreErrors.CHAIN_PARSE.code);
  doc = clone();
  doc.result.tx[0].vin = doc.result.tx[1].vin;
  assert.equal(codeOf(() => parseRpcBlock(doc)), CoreErrors.CHAIN_PARSE.code);
  doc = clone();
  delete doc.result.tx[2].vin[0].txid;
  assert.equal(codeOf(() => parseRpcBlock(doc)), CoreErrors.CHAIN_PARSE.code);
  doc = clone();
  doc.result.tx[2].txid = doc.result.tx[1].txid;
  assert.equal(codeOf(() => parseRpcBlock(doc)), CoreErrors.CHAIN_PARSE.code);
  assert.equal(codeOf(() => parseRpcBlock('{"result": ')), CoreErrors.CHAIN_FORMAT.code);
  assert.equal(codeOf(() => parseRpcBlock([1, 2])), CoreErrors.CHAIN_FORMAT.code);
  assert.equal(codeOf(() => parseRpcBlock({ number: '0x1', transactions: [] })), CoreErrors.CHAIN_FORMAT.code); // an Ethereum block
  assert.equal(codeOf(() => parseRpcBlock(null)), CoreErrors.CHAIN_FORMAT.code);
});
