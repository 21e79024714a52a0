import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hexToBytes } from '@noble/hashes/utils.js';
import { validate } from '../../addresses/index.ts';
import { sharedPath } from '../../../test/helpers.ts';
import { CHAIN_PARAMS } from './address.ts';
import { parseBlock } from './block.ts';
import { classifyScript } from './script.ts';

const classify = (hex: string, chain: keyof typeof CHAIN_PARAMS = 'bitcoin') => {
  const s = hexToBytes(hex);
  return classifyScript(s, 0, s.length, CHAIN_PARAMS[chain]);
};

test('segwit addresses: the BIP-173 and BIP-350 mainnet test vectors', () => {
  assert.deepEqual(classify('0014751e76e8199196d454941c45d1b3a323f1433bd6'), { type: 'p2wpkh', address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' });
  assert.deepEqual(classify('00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262'), { type: 'p2wsh', address: 'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3' });
  assert.deepEqual(classify('512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'), { type: 'p2tr', address: 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0' });
  // BIP-350 vectors of future witness versions (bech32m).
  assert.deepEqual(classify('6002751e'), { type: 'witness_unknown', address: 'bc1sw50qgdz25j' });
  assert.deepEqual(classify('5210751e76e8199196d454941c45d1b3a323'), { type: 'witness_unknown', address: 'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs' });
  assert.deepEqual(classify('51024e73'), { type: 'witness_unknown', address: 'bc1pfeessrawgf' }); // P2A anchor (Core 28)
  assert.deepEqual(classify('0014751e76e8199196d454941c45d1b3a323f1433bd6', 'litecoin').address?.startsWith('ltc1q'), true);
});

test('legacy forms: P2PKH, P2SH, P2PK (its P2PKH address), multisig, OP_RETURN, nonstandard', () => {
  // The genesis coinbase key: explorers show 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa for it.
  assert.deepEqual(classify('76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac'), { type: 'p2pkh', address: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' });
  assert.deepEqual(classify('4104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac'), { type: 'p2pk', address: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' });
  // BIP-16's example redeem script hash → 3… address.
  const p2sh = classify('a914e9c3dd0c07aab77ad4eb0bb89ce94ba0e5ea4c7f87');
  assert.equal(p2sh.type, 'p2sh');
  assert.match(p2sh.address!, /^3/);
  const key = '02' + '11'.repeat(32);
  assert.deepEqual(classify(`5121${key}21${key}52ae`), { type: 'multisig' });
  assert.deepEqual(classify(`5321${key}21${key}52ae`), { type: 'nonstandard' }); // m > n
  assert.deepEqual(classify('6a0b68656c6c6f20776f726c64'), { type: 'op_return' });
  assert.deepEqual(classify('6a'), { type: 'op_return' });
  assert.deepEqual(classify('6aff'), { type: 'nonstandard' }); // OP_RETURN then a non-push: Core's NONSTANDARD
  assert.deepEqual(classify('0015751e76e8199196d454941c45d1b3a323f1433bd6aa'), { type: 'nonstandard' }); // v0 of 21 bytes
  assert.deepEqual(classify(''), { type: 'nonstandard' });
  assert.deepEqual(classify('21' + '05' + '11'.repeat(32) + 'ac'), { type: 'nonstandard' }); // not a valid key prefix
});

test('every address derived from block 413,567 and from the vectors validates with core\'s validate(address, chain)', () => {
  const raw = new Uint8Array(readFileSync(sharedPath('chain-analytics/btc_mainnet_block_413567.raw')));
  const { transactions } = parseBlock(raw, { checkMerkleRoot: false });
  let n = 0;
  for (const tx of transactions) {
    for (const out of tx.outputs) {
      if (out.address === undefined) {
        assert.equal(out.type, 'op_return');
        continue;
      }
      const v = validate(out.address, 'bitcoin');
      assert.ok(v.valid, `${out.address}: ${JSON.stringify(v.rejections)}`);
      assert.equal(v.matches[0]!.type, out.type === 'p2pkh' ? 'P2PKH' : 'P2SH');
      n++;
    }
  }
  assert.equal(n, 2841 + 737);
  for (const hex of ['0014751e76e8199196d454941c45d1b3a323f1433bd6', '00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262',
    '512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798', '5210751e76e8199196d454941c45d1b3a323',
    '4104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac']) {
    const address = classify(hex).address!;
    assert.ok(validate(address, 'bitcoin').valid, address);
  }
  for (const hex of ['76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac', 'a914e9c3dd0c07aab77ad4eb0bb89ce94ba0e5ea4c7f87', '0014751e76e8199196d454941c45d1b3a323f1433bd6']) {
    const address = classify(hex, 'litecoin').address!;
    assert.ok(validate(address, 'litecoin').valid, address);
  }
});
