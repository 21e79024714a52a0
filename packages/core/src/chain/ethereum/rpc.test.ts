import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sharedPath } from '../../../test/helpers.ts';
import { CoreErrors, isSekishoError } from '../../errors.ts';
import { ERC20_TRANSFER_TOPIC, parseEtlTokenTransfers, parseEtlTransactions, transfersFromLogs, transfersFromRpcBlock } from './index.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)), 'utf8');
const answer = (name: string) => JSON.parse(fixture(name)) as { result: any };

const etlTx = await parseEtlTransactions(readFileSync(sharedPath('chain-analytics/eth_blocks_17173049-17173050_expected_transactions.json'), 'utf8'));
const etlTokens = await parseEtlTokenTransfers(readFileSync(sharedPath('chain-analytics/eth_blocks_17173049-17173050_expected_token_transfers.json'), 'utf8'));

function code(expected: { code: string }) {
  return (error: unknown) => {
    assert.ok(isSekishoError(error, expected.code), `expected ${expected.code}, got ${String(error)}`);
    return true;
  };
}

test('eth_getBlockByNumber with receipts gives the same transfers as the ETL export of the same transactions', () => {
  const { block, transfers, warnings } = transfersFromRpcBlock(fixture('rpc-block-17173049.json'), { receipts: fixture('rpc-receipts-17173049.json') });
  assert.deepEqual(warnings, []);
  assert.equal(block.height, 17173049);
  assert.equal(block.hash, '0xaa5ab9bb22d8020d438496a7edb4eff508b1c5128b0dc01fdecf57f96aac1bb3');
  assert.equal(block.time, 1683029999);
  assert.equal(transfers.length, 8);
  const expected = transfers.map((t) => etlTx.transfers.find((e) => e.txHash === t.txHash));
  assert.deepEqual(transfers, expected);
  assert.equal(transfers.filter((t) => !t.ok).length, 2); // transactions 25 and 30 failed
});

test('a contract creation pays the contract its receipt names; without the receipt it is skipped and said', () => {
  const withReceipts = transfersFromRpcBlock(answer('rpc-block-17173050.json'), { receipts: answer('rpc-receipts-17173050.json') });
  const creation = withReceipts.transfers.find((t) => t.txHash === '0xf9e4ca8a940bd7f192dd12e75b32938f187e8098a41817a8e611448e22cca9cc')!;
  assert.equal(creation.to, '0x303abf64fe75964565d2b44b9e4518e6126f1f0e');
  assert.deepEqual(withReceipts.transfers, withReceipts.transfers.map((t) => etlTx.transfers.find((e) => e.txHash === t.txHash)));

  const bare = transfersFromRpcBlock(answer('rpc-block-17173050.json').result);
  assert.equal(bare.transfers.length, 2);
  assert.ok(bare.transfers.every((t) => t.ok));
  assert.equal(bare.warnings.length, 2); // no receipts at all; the creation skipped
  assert.ok(bare.warnings.some((w) => w.includes('0xf9e4ca8a940bd7f192dd12e75b32938f187e8098a41817a8e611448e22cca9cc')));
});

test('eth_getLogs: the ERC-20 Transfer logs match the ETL token transfers; other events are counted, not read', () => {
  const blockTimes = new Map([[17173049, 1683029999]]);
  const { transfers, warnings } = transfersFromLogs(fixture('rpc-logs-17173049.json'), { blockTimes });
  assert.deepEqual(transfers.map((t) => t.logIndex), [0, 1, 5, 6, 7]);
  const expected = transfers.map((t) => etlTokens.transfers.find((e) => e.txHash === t.txHash && e.logIndex === t.logIndex));
  assert.deepEqual(transfers, expected);
  assert.equal(warnings.length, 1); // 5 logs of other events
  assert.match(warnings[0]!, /^5 ×/);
});

test('ERC-721, removed and malformed Transfer logs are skipped and counted; time is -1 when unknown', () => {
  const logs = answer('rpc-logs-17173049.json').result as Record<string, unknown>[];
  const erc20 = logs[0]!;
  const pad = (n: number) => '0x' + n.toString(16).padStart(64, '0');
  const erc721 = { ...erc20, topics: [ERC20_TRANSFER_TOPIC, pad(1), pad(2), pad(7)], data: '0x' }; // constructed
  const removed = { ...erc20, removed: true };
  const twoWords = { ...erc20, data: erc20.data + '00'.repeat(32) };
  const { transfers, warnings } = transfersFromLogs([erc20, erc721, removed, twoWords]);
  assert.equal(transfers.length, 1);
  assert.equal(transfers[0]!.time, -1);
  assert.equal(warnings.length, 4);
  const stamped = transfersFromLogs([{ ...erc20, blockTimestamp: '0x6450ffef' }]);
  assert.equal(stamped.transfers[0]!.time, 1683029999);
  assert.deepEqual(stamped.warnings, []);
});

test('bad RPC answers: errors, nulls, hashes-only blocks, wrong kinds, bad fields, cut-off text', () => {
  const block = answer('rpc-block-17173049.json').result;
  assert.throws(() => transfersFromRpcBlock({ jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'header not found' } }), code(CoreErrors.CHAIN_PARSE));
  assert.throws(() => transfersFromRpcBlock({ jsonrpc: '2.0', id: 1, result: null }), code(CoreErrors.CHAIN_PARSE));
  assert.throws(() => transfersFromRpcBlock({ ...block, transactions: block.transactions.map((t: { hash: string }) => t.hash) }), code(CoreErrors.CHAIN_FORMAT));
  assert.throws(() => transfersFromRpcBlock(answer('rpc-logs-17173049.json')), code(CoreErrors.CHAIN_FORMAT));
  assert.throws(() => transfersFromLogs(answer('rpc-block-17173049.json')), code(CoreErrors.CHAIN_FORMAT));
  assert.throws(() => transfersFromRpcBlock(block, { chain: 'solana' }), code(CoreErrors.CHAIN_FORMAT));
  const badValue = { ...block, transactions: [{ ...block.transactions[0], value: '1000' }] };
  assert.throws(() => transfersFromRpcBlock(badValue), (e: unknown) => {
    assert.ok(isSekishoError(e, CoreErrors.CHAIN_PARSE.code));
    assert.equal(e.details.position, 'block 17173049, transaction 0');
    return true;
  });
  const badFrom = { ...block, transactions: [{ ...block.transactions[0], from: '0x12' }] };
  assert.throws(() => transfersFromRpcBlock(badFrom), code(CoreErrors.CHAIN_PARSE));
  const text = fixture('rpc-block-17173049.json');
  assert.throws(() => transfersFromRpcBlock(text.slice(0, text.length / 2)), code(CoreErrors.CHAIN_TRUNCATED));
  assert.throws(() => transfersFromRpcBlock(text.replace('"jsonrpc"', 'jsonrpc')), code(CoreErrors.CHAIN_PARSE));
  const logs = answer('rpc-logs-17173049.json').result;
  assert.throws(() => transfersFromLogs([logs[0], { ...logs[0], topics: [ERC20_TRANSFER_TOPIC, '0x1', logs[0].topics[2]] }]), code(CoreErrors.CHAIN_PARSE));
});

test('a value above 2^53 in hex is exact', () => {
  const logs = answer('rpc-logs-17173049.json').result;
  const { transfers } = transfersFromLogs([logs[1]]);
  assert.equal(transfers[0]!.value, 150188698577042438264952193024n);
});
