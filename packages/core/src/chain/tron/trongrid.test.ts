import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sharedPath } from '../../../test/helpers.ts';
import { CoreErrors, isSekishoError } from '../../errors.ts';
import { transfersFromTrongridTrc20 } from './index.ts';

const text = readFileSync(fileURLToPath(new URL('fixtures/trongrid-trc20-garantex.json', import.meta.url)), 'utf8');
const GARANTEX = 'TFwjPScaJRCbSWVAywE1S1WgaUgSnyYUbD';
const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

function code(expected: { code: string }) {
  return (error: unknown) => {
    assert.ok(isSekishoError(error, expected.code), `expected ${expected.code}, got ${String(error)}`);
    return true;
  };
}

test('the fixture uses the Garantex TRON address as OFAC lists it', () => {
  const rows = parse(readFileSync(sharedPath('chain-analytics/ofac_sdn_crypto_addresses_2025-11-19.csv')), { columns: true }) as Record<string, string>[];
  const row = rows.find((r) => r.address === GARANTEX)!;
  assert.equal(row.asset, 'TRX');
  assert.match(row.entity!, /GARANTEX/);
});

test('TronGrid TRC-20 history: transfers in base units, seconds, base58 addresses; approvals skipped and counted', () => {
  const { transfers, warnings, next } = transfersFromTrongridTrc20(text);
  assert.equal(transfers.length, 4);
  assert.equal(warnings.length, 1);
  assert.ok(transfers.every((t) => t.chain === 'tron' && t.asset === USDT && t.blockHeight === -1 && t.ok));
  assert.ok(transfers.every((t) => t.from === GARANTEX || t.to === GARANTEX));
  assert.equal(transfers.filter((t) => t.from === GARANTEX).reduce((s, t) => s + t.value, 0n), 25000000000n + 9007199254740993n + 1000000n);
  assert.equal(transfers[0]!.time, Date.UTC(2025, 2, 3, 9, 15, 9) / 1000);
  // Two transfers of one transaction get distinct positions.
  assert.deepEqual(transfers.slice(2).map((t) => [t.txHash === transfers[2]!.txHash, t.logIndex]), [[true, 0], [true, 1]]);
  assert.equal(transfers[2]!.value, 9007199254740993n);
  assert.match(next!, /fingerprint=/);
  // Parsed JSON works the same as text.
  assert.deepEqual(transfersFromTrongridTrc20(JSON.parse(text)), { transfers, warnings, next });
});

test('hex-form TRON addresses are read and given in base58', () => {
  const answer = JSON.parse(text);
  answer.data[0].to = '418840E6C55B9ADA326D211D818C34A994AECED808';
  assert.equal(transfersFromTrongridTrc20(answer).transfers[0]!.to, 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL');
});

test('bad TronGrid answers', () => {
  const answer = () => JSON.parse(text);
  const with0 = (change: (e: Record<string, unknown>) => void) => {
    const a = answer();
    change(a.data[0]);
    return a;
  };
  assert.throws(() => transfersFromTrongridTrc20(with0((e) => (e.to = GARANTEX.slice(0, -1) + 'c'))), code(CoreErrors.CHAIN_PARSE));
  assert.throws(() => transfersFromTrongridTrc20(with0((e) => (e.from = '0x8840e6c55b9ada326d211d818c34a994aeced808'))), code(CoreErrors.CHAIN_PARSE));
  assert.throws(() => transfersFromTrongridTrc20(with0((e) => (e.value = '1e6'))), code(CoreErrors.CHAIN_PARSE));
  assert.throws(() => transfersFromTrongridTrc20(with0((e) => (e.value = 0.5))), code(CoreErrors.CHAIN_PARSE));
  assert.throws(() => transfersFromTrongridTrc20(with0((e) => (e.block_timestamp = '1740993309000'))), code(CoreErrors.CHAIN_PARSE));
  assert.throws(() => transfersFromTrongridTrc20(with0((e) => (e.transaction_id = 'abc'))), code(CoreErrors.CHAIN_PARSE));
  assert.throws(() => transfersFromTrongridTrc20({ success: false, error: 'rate limited', statusCode: 429 }), code(CoreErrors.CHAIN_PARSE));
  assert.throws(() => transfersFromTrongridTrc20({ jsonrpc: '2.0', result: [] }), code(CoreErrors.CHAIN_FORMAT));
  assert.throws(() => transfersFromTrongridTrc20({ data: [{ hash: 'x' }] }), code(CoreErrors.CHAIN_FORMAT));
  assert.throws(() => transfersFromTrongridTrc20(text.slice(0, 900)), code(CoreErrors.CHAIN_TRUNCATED));
  assert.throws(() => transfersFromTrongridTrc20(text.replace('"data"', 'data')), code(CoreErrors.CHAIN_PARSE));
});
