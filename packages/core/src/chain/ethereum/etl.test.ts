import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedPath } from '../../../test/helpers.ts';
import { CoreErrors, isSekishoError } from '../../errors.ts';
import { parseEtlBlocks, parseEtlTokenTransfers, parseEtlTransactions, readEtlTransactions } from './index.ts';
import { parseJsonLossless } from './lossless-json.ts';

const DIR = 'chain-analytics/eth_blocks_17173049-17173050_expected_';
const blocksPath = sharedPath(`${DIR}blocks.json`);
const txPath = sharedPath(`${DIR}transactions.json`);
const tokenPath = sharedPath(`${DIR}token_transfers.json`);
const blocksText = readFileSync(blocksPath, 'utf8');
const txText = readFileSync(txPath, 'utf8');
const tokenText = readFileSync(tokenPath, 'utf8');

const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7';
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';

/** The lines of a file, each parsed with its integers kept as digit strings: an oracle independent of the parser. */
function rawRecords(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l.replace(/": (-?\d+)([,}])/g, '": "$1"$2')) as Record<string, unknown>);
}

/** JSON lines → CSV with the same columns (ethereum-etl's CSV form: empty cell for null, RFC 4180 quoting). */
function toCsv(text: string, count = Infinity, drop: string[] = []): string {
  const records = rawRecords(text).slice(0, count);
  const columns = Object.keys(records[0]!).filter((c) => !drop.includes(c));
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...records.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

function code(expected: { code: string }) {
  return (error: unknown) => {
    assert.ok(isSekishoError(error, expected.code), `expected ${expected.code}, got ${String(error)}`);
    return true;
  };
}

test('the two blocks load with their heights, hashes, times and 298 transactions', async () => {
  const blocks = await parseEtlBlocks(blocksText);
  assert.deepEqual(
    blocks.map((b) => [b.chain, b.height, b.time, b.txCount]),
    [
      ['ethereum', 17173049, 1683029999, 116],
      ['ethereum', 17173050, 1683030011, 182],
    ],
  );
  assert.equal(blocks[0]!.hash, '0xaa5ab9bb22d8020d438496a7edb4eff508b1c5128b0dc01fdecf57f96aac1bb3');
  assert.equal(blocks[1]!.parentHash, blocks[0]!.hash);
});

test('298 transactions give 298 native transfers, failed ones marked, values exact', async () => {
  const raw = rawRecords(txText);
  const { transfers, warnings } = await parseEtlTransactions(txText);
  assert.equal(transfers.length, 298);
  assert.deepEqual(warnings, []);
  const failed = raw.filter((r) => r.receipt_status === '0').length;
  assert.equal(failed, 9);
  assert.equal(transfers.filter((t) => !t.ok).length, failed);
  assert.equal(transfers.filter((t) => t.value === 0n).length, raw.filter((r) => r.value === '0').length);
  assert.ok(transfers.every((t) => t.asset === 'native' && t.logIndex === -1 && t.chain === 'ethereum'));
  assert.equal(
    transfers.reduce((s, t) => s + t.value, 0n),
    raw.reduce((s, r) => s + BigInt(r.value as string), 0n),
  );
  for (const [i, t] of transfers.entries()) {
    const r = raw[i]!;
    assert.equal(t.txHash, r.hash);
    assert.equal(t.from, r.from_address);
    assert.equal(t.blockHeight, Number(r.block_number));
    assert.equal(t.time, Number(r.block_timestamp));
  }
  // The one contract creation pays the contract it made.
  const creation = transfers.find((t) => t.txHash === '0xf9e4ca8a940bd7f192dd12e75b32938f187e8098a41817a8e611448e22cca9cc')!;
  assert.equal(creation.to, '0x303abf64fe75964565d2b44b9e4518e6126f1f0e');
});

test('291 token transfers: 41 USDT, 88 WETH, 9 USDC, sums exact as bigint', async () => {
  const raw = rawRecords(tokenText);
  const { transfers, warnings } = await parseEtlTokenTransfers(tokenText);
  assert.equal(transfers.length, 291);
  assert.deepEqual(warnings, []);
  const of = (token: string) => transfers.filter((t) => t.asset === token);
  const rawOf = (token: string) => raw.filter((r) => r.token_address === token);
  for (const [token, n] of [[USDT, 41], [WETH, 88], [USDC, 9]] as const) {
    assert.equal(of(token).length, n);
    assert.equal(rawOf(token).length, n);
    assert.equal(
      of(token).reduce((s, t) => s + t.value, 0n),
      rawOf(token).reduce((s, r) => s + BigInt(r.value as string), 0n),
    );
  }
  assert.equal(of(USDT).reduce((s, t) => s + t.value, 0n), 1088121577531n);
  assert.ok(transfers.every((t) => t.ok && t.logIndex >= 0 && t.time > 0));
  // A value above 2^53, written as a bare JSON number: kept to the last digit.
  const big = transfers.find((t) => t.txHash === '0xeb107a40ba73a50c79a9f2026e902d758d1c5e5e211f7a7db1b294f88f118dd0' && t.logIndex === 1)!;
  assert.equal(big.value, 150188698577042438264952193024n);
  assert.ok(big.value > 2n ** 53n);
  assert.equal(big.asset, '0x1ce270557c1f68cfb577b856766310bf8b47fd9c');
  const max = transfers.reduce((m, t) => (t.value > m ? t.value : m), 0n);
  assert.equal(max, 7786596450288373164569331648084n);
});

test('a file stream in small byte chunks, an array of lines and the whole text agree', async () => {
  const whole = await parseEtlTokenTransfers(tokenText);
  const streamed = await parseEtlTokenTransfers(createReadStream(tokenPath, { highWaterMark: 1009 }) as AsyncIterable<Uint8Array>);
  const lines = await parseEtlTokenTransfers(tokenText.split('\n'));
  const bytes = await parseEtlTokenTransfers(new TextEncoder().encode(tokenText));
  assert.deepEqual(streamed, whole);
  assert.deepEqual(lines, whole);
  assert.deepEqual(bytes, whole);
});

test('the CSV form of the same records gives the same result', async () => {
  assert.deepEqual(await parseEtlBlocks(toCsv(blocksText)), await parseEtlBlocks(blocksText));
  const txLines = txText.split('\n').slice(0, 40).join('\n');
  assert.deepEqual(await parseEtlTransactions(toCsv(txText, 40)), await parseEtlTransactions(txLines));
  const tokenLines = tokenText.split('\n').slice(0, 40).join('\n');
  assert.deepEqual(await parseEtlTokenTransfers(toCsv(tokenText, 40)), await parseEtlTokenTransfers(tokenLines));
});

test('CSV without receipt and time columns: taken as succeeded, time from blockTimes, and said so', async () => {
  const csv = toCsv(txText, 30, ['receipt_status', 'block_timestamp', 'type']);
  const { transfers, warnings } = await parseEtlTransactions(csv, { blockTimes: new Map([[17173049, 1683029999]]) });
  assert.equal(transfers.length, 30);
  assert.ok(transfers.every((t) => t.ok && t.time === 1683029999));
  assert.equal(warnings.length, 1);
  const noTimes = await parseEtlTokenTransfers(toCsv(tokenText, 5, ['block_timestamp']));
  assert.ok(noTimes.transfers.every((t) => t.time === -1));
  assert.equal(noTimes.warnings.length, 1);
});

test('the chain is a parameter: any EVM chain, nothing else', async () => {
  const { transfers } = await parseEtlTokenTransfers(tokenText.split('\n').slice(0, 3), { chain: 'polygon' });
  assert.ok(transfers.every((t) => t.chain === 'polygon'));
  await assert.rejects(parseEtlBlocks(blocksText, { chain: 'bitcoin' }), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(parseEtlBlocks(blocksText, { chain: 'tron' }), code(CoreErrors.CHAIN_FORMAT));
});

test('a transaction without to_address and without receipt_contract_address is skipped with a warning', async () => {
  const line = txText.split('\n').find((l) => l.includes('"to_address": null'))!;
  const cut = line.replace(/"receipt_contract_address": "0x[0-9a-f]+"/, '"receipt_contract_address": null');
  const { transfers, warnings } = await parseEtlTransactions([cut]);
  assert.equal(transfers.length, 0);
  assert.equal(warnings.length, 1);
});

test('streaming reader yields as it reads and reports warnings at the end', async () => {
  let warned: string[] | undefined;
  let n = 0;
  for await (const t of readEtlTransactions(txText, { onWarnings: (w) => (warned = w) })) {
    assert.equal(warned, undefined);
    n += t.logIndex === -1 ? 1 : 0;
  }
  assert.equal(n, 298);
  assert.deepEqual(warned, []);
});

test('bad input: malformed line → CHAIN_PARSE with its line, wrong file kind → CHAIN_FORMAT, cut-off → CHAIN_TRUNCATED', async () => {
  const lines = tokenText.split('\n');
  const broken = [lines[0], lines[1]!.replace('"from_address"', 'from_address'), lines[2]].join('\n');
  await assert.rejects(parseEtlTokenTransfers(broken), (e: unknown) => {
    assert.ok(isSekishoError(e, CoreErrors.CHAIN_PARSE.code));
    assert.equal(e.details.position, 'line 2');
    return true;
  });
  // Wrong kinds, detected by missing columns (JSON and CSV).
  await assert.rejects(parseEtlBlocks(tokenText), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(parseEtlTransactions(tokenText), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(parseEtlTokenTransfers(txText), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(parseEtlTokenTransfers(blocksText), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(parseEtlTransactions(toCsv(tokenText, 3)), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(parseEtlBlocks(`[${lines[0]}]`), code(CoreErrors.CHAIN_FORMAT));
  await assert.rejects(parseEtlBlocks('\u0000\u0001 binary'), code(CoreErrors.CHAIN_FORMAT));
  // A record of another kind inside a stream file (the `type` the stream command writes).
  await assert.rejects(parseEtlTokenTransfers([lines[0]!, lines[1]!.replace('"type": "token_transfer"', '"type": "log"')]), code(CoreErrors.CHAIN_FORMAT));
  // Cut-off last line: text, and a byte stream cut mid-record.
  const cut = tokenText.slice(0, tokenText.length - 300);
  await assert.rejects(parseEtlTokenTransfers(cut), code(CoreErrors.CHAIN_TRUNCATED));
  const bytes = new TextEncoder().encode(cut);
  await assert.rejects(
    parseEtlTokenTransfers((async function* () { for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096); })()),
    code(CoreErrors.CHAIN_TRUNCATED),
  );
  // The same damage in the middle of the file is a parse error, not a truncation.
  const middle = [lines[0]!.slice(0, 200), lines[1]].join('\n');
  await assert.rejects(parseEtlTokenTransfers(middle), code(CoreErrors.CHAIN_PARSE));
  // CSV: a short last row is cut off; a short middle row is malformed.
  const csv = toCsv(tokenText, 4).trimEnd().split('\r\n');
  await assert.rejects(parseEtlTokenTransfers(csv.slice(0, -1).concat(csv.at(-1)!.slice(0, 100)).join('\n')), code(CoreErrors.CHAIN_TRUNCATED));
  await assert.rejects(parseEtlTokenTransfers([csv[0]!, csv[1]!.slice(0, 100), csv[2]!].join('\n')), code(CoreErrors.CHAIN_PARSE));
  // Values: not integers, float text, bad addresses, bad status, not UTF-8.
  for (const bad of [
    lines[0]!.replace(/"value": \d+/, '"value": "12a"'),
    lines[0]!.replace(/"value": \d+/, '"value": 1.5'),
    lines[0]!.replace(/"value": \d+/, '"value": ""'),
    lines[0]!.replace(/"value": \d+/, '"value": -5'),
    lines[0]!.replace('"from_address": "0x6b75', '"from_address": "0xzz75'),
    lines[0]!.replace(/"log_index": \d+/, '"log_index": 99999999999999999999'),
  ]) {
    await assert.rejects(parseEtlTokenTransfers([bad]), code(CoreErrors.CHAIN_PARSE), bad.slice(0, 120));
  }
  const txLine = txText.split('\n')[0]!;
  await assert.rejects(parseEtlTransactions([txLine.replace('"receipt_status": 1', '"receipt_status": 2')]), code(CoreErrors.CHAIN_PARSE));
  await assert.rejects(parseEtlBlocks(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), code(CoreErrors.CHAIN_PARSE));
});

test('lossless JSON keeps big integers and leaves strings and fractions alone', () => {
  const value = parseJsonLossless('{"a": 123456789012345678901234567890, "b": "x 12345678901234567890", "c": 1.12345678901234567890, "d": [9007199254740993], "e": 5}') as Record<string, unknown>;
  assert.equal(value.a, '123456789012345678901234567890');
  assert.equal(value.b, 'x 12345678901234567890');
  assert.equal(typeof value.c, 'number');
  assert.deepEqual(value.d, ['9007199254740993']);
  assert.equal(value.e, 5);
  assert.equal((parseJsonLossless('{"s": "q\\"1234567890123456789"}') as { s: string }).s, 'q"1234567890123456789');
  // An escaped backslash ends the string; the number after it is still read exactly.
  assert.deepEqual(parseJsonLossless('{"s": "x\\\\", "n": 12345678901234567890, "m": -12345678901234567890e2}'), { s: 'x\\', n: '12345678901234567890', m: -12345678901234567890e2 });
});

test('an empty export is empty, not an error', async () => {
  assert.deepEqual(await parseEtlBlocks(''), []);
  assert.deepEqual(await parseEtlBlocks('number,hash,parent_hash,timestamp,transaction_count\n'), []);
});
