import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { sha256dRanges } from './sha256.ts';
import { hash160, toHex, toReversedHex } from './hashes.ts';

const noble2 = (b: Uint8Array) => bytesToHex(sha256(sha256(b)));

test('sha256dRanges equals @noble/hashes on every length 0..300 and on split inputs', () => {
  const data = Uint8Array.from({ length: 400 }, (_, i) => (i * 131 + 7) & 0xff);
  for (let n = 0; n <= 300; n++) {
    assert.equal(bytesToHex(sha256dRanges(data, 50, 50 + n)), noble2(data.subarray(50, 50 + n)), `length ${n}`);
  }
  for (const [a, b, c] of [[0, 4, 10], [3, 64, 99], [1, 63, 100], [0, 0, 0]] as const) {
    const joined = new Uint8Array([...data.subarray(0, a), ...data.subarray(100, 100 + b), ...data.subarray(300, 300 + c)]);
    assert.equal(bytesToHex(sha256dRanges(data, 0, a, 100, 100 + b, 300, 300 + c)), noble2(joined));
  }
});

test('hex helpers and hash160', () => {
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
  for (const n of [0, 1, 4, 5, 32, 300]) {
    assert.equal(toHex(bytes, 0, n), bytesToHex(bytes.subarray(0, n)));
    assert.equal(toReversedHex(bytes.subarray(0, n)), bytesToHex(bytes.subarray(0, n).slice().reverse()));
  }
  // HASH160 of the genesis coinbase key (its P2PKH address 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa).
  const key = Uint8Array.from(Buffer.from('04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f', 'hex'));
  assert.equal(toHex(hash160(key)), '62e907b15cbf27d5425399ebf6f0fb50ebb88f18');
});
