/**
 * Input addresses read from unlocking scripts, checked against the real block 413,567: every
 * input that spends an output of the same block must name that output's address.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedPath } from '../../../test/helpers.ts';
import { hexToBytes } from '@noble/hashes/utils.js';
import { parseBlock } from '../bitcoin/block.ts';
import { classifyScript } from '../bitcoin/script.ts';
import { CHAIN_PARAMS } from '../bitcoin/address.ts';
import { clusterTxOf, inputAddressFromScriptSig } from './inputs.ts';

const { transactions } = parseBlock(new Uint8Array(readFileSync(sharedPath('chain-analytics/btc_mainnet_block_413567.raw'))), { checkMerkleRoot: false });

test('block 413,567: all 4,886 inputs name an address, and the 287 in-block spends name the spent output\'s', () => {
  const outputs = new Map(transactions.flatMap((t) => t.outputs.map((o) => [`${t.txid}:${o.vout}`, o] as const)));
  let named = 0;
  const checked: Record<string, number> = {};
  for (const t of transactions.slice(1)) {
    for (const input of t.inputs) {
      const address = inputAddressFromScriptSig(input.scriptSig);
      if (address) named++;
      const out = input.prevTxid === undefined ? undefined : outputs.get(`${input.prevTxid}:${input.prevVout ?? 0}`);
      if (!out) continue;
      assert.equal(address, out.address, `${t.txid} spends ${input.prevTxid}:${input.prevVout}`);
      checked[out.type] = (checked[out.type] ?? 0) + 1;
    }
  }
  assert.equal(named, 4886);
  assert.deepEqual(checked, { p2pkh: 213, p2sh: 74 }); // both derivations checked on real spends
});

test('scripts that are not a strict standard shape name no address', () => {
  assert.equal(inputAddressFromScriptSig(''), undefined); // native segwit: empty scriptSig
  assert.equal(inputAddressFromScriptSig('47' + '30' + '44'.padEnd(140, '0')), undefined); // P2PK: a signature alone
  assert.equal(inputAddressFromScriptSig('51'), undefined); // OP_1: no data
  assert.equal(inputAddressFromScriptSig('0x12'), undefined); // not hex
  assert.equal(inputAddressFromScriptSig('4c'), undefined); // cut off push
  // Two pushes whose second is no public key (a P2SH spend of a 33-byte script starting 0x21).
  assert.equal(inputAddressFromScriptSig('09' + '3006020101020101' + '01' + '21' + '21'.repeat(33)), undefined);
});

test('P2SH-wrapped P2WPKH: the address the spent output pays (BIP-143\'s P2SH-P2WPKH example)', () => {
  // BIP-143: redeem script 001479091972186c449eb1ded22b78e40d009bdf0089 is spent from the output
  // a9144733f37cf4db86fbc2efed2500b4f4e49f31202387; the output classifier gives that output's address.
  const spentOutput = hexToBytes('a9144733f37cf4db86fbc2efed2500b4f4e49f31202387');
  const expected = classifyScript(spentOutput, 0, spentOutput.length, CHAIN_PARAMS.bitcoin).address;
  assert.ok(expected?.startsWith('3'));
  assert.equal(inputAddressFromScriptSig('16001479091972186c449eb1ded22b78e40d009bdf0089'), expected);
});

test('clusterTxOf: a stored spent output wins over the scriptSig; without either the input is unknown', () => {
  const t = transactions.find((x) => x.inputs.length >= 2 && !x.coinbase)!;
  const known = clusterTxOf(t, (txid, vout) => (txid === t.inputs[0]!.prevTxid && vout === t.inputs[0]!.prevVout ? { address: 'stored', value: 5n } : undefined));
  assert.deepEqual(known.inputs[0], { address: 'stored', value: 5n });
  assert.deepEqual(known.inputs[1], {});
  const derived = clusterTxOf(t, () => undefined, { fromScriptSig: true });
  assert.equal(derived.inputs[1]!.address, inputAddressFromScriptSig(t.inputs[1]!.scriptSig));
  assert.equal(derived.outputs.length, t.outputs.length);
});
