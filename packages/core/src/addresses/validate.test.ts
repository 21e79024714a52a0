import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { base58 } from '@scure/base';
import { sharedPath } from '../../test/helpers.ts';
import { chainsForTicker } from './tickers.ts';
import { plausibleChains, validate } from './validate.ts';
import { CHAINS } from './types.ts';

const rows = parse(readFileSync(sharedPath('chain-analytics/ofac_sdn_crypto_addresses_2025-11-19.csv')), { columns: true }) as Record<string, string>[];

test('the shape filter never rules out the chain an OFAC address is valid on', () => {
  for (const r of rows) {
    const all = CHAINS.flatMap((c) => validate(r.address!, c).matches.map((m) => m.chain));
    const found = validate(r.address!).matches.map((m) => m.chain);
    assert.deepEqual(found.sort(), [...new Set(all)].sort(), r.address);
    for (const variant of [r.address!.toUpperCase(), r.address!.toLowerCase()]) {
      const every = CHAINS.flatMap((c) => validate(variant, c).matches.map((m) => m.chain));
      assert.deepEqual(validate(variant).matches.map((m) => m.chain).sort(), [...new Set(every)].sort(), variant);
    }
  }
});

test('every distinct OFAC address validates for a chain of its ticker, or is a known defect of the data', () => {
  // Malformed or out-of-scope in OFAC's own data (2025-11-19), found by the codec tests:
  const KNOWN: Record<string, string> = {
    TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq: 'a TRON address (version 0x41) filed under XBT',
    '5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320': '64 hex digits filed under XMR: a transaction id or key, not an address',
    bnb136ns6lfw4zs5hg4n85vdthaad7hq5m4gtkgf23: 'a BNB Beacon Chain address, a chain Sekisho does not decode',
  };
  const distinct = new Map(rows.map((r) => [`${r.asset}|${r.address}`, r]));
  let valid = 0;
  const defects: string[] = [];
  for (const r of distinct.values()) {
    const ok = (chainsForTicker(r.asset!) ?? []).some((c) => validate(r.address!, c).valid);
    if (ok) valid++;
    else defects.push(r.address!);
  }
  assert.deepEqual(defects.sort(), Object.keys(KNOWN).sort());
  assert.equal(valid + defects.length, distinct.size);
  assert.equal(new Set(rows.map((r) => r.address)).size, 745);
});

test('bad input gets a verdict for every chain, never an exception', () => {
  for (const input of ['', '   ', 'x'.repeat(10_000), '\u0000', 'Ⅰ'.repeat(40), '0x', 'bc1', '😀']) {
    const v = validate(input);
    assert.equal(v.valid, false);
    assert.equal(v.rejections.length, CHAINS.length);
  }
  assert.ok(plausibleChains('0xabc').every((c) => ['ethereum', 'ethereum-classic', 'bsc', 'arbitrum', 'polygon'].includes(c)));
});

test('the shape filter keeps Solana for any 32-byte key, short ones with leading zeros included', () => {
  const keys: Uint8Array[] = [new Uint8Array(32), Uint8Array.from({ length: 32 }, (_, i) => (i < 3 ? 0 : i))];
  let seed = 7;
  for (let n = 0; n < 2000; n++) keys.push(Uint8Array.from({ length: 32 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24)));
  for (const key of keys) {
    const address = base58.encode(key);
    assert.ok(validate(address).matches.some((m) => m.chain === 'solana'), address);
  }
});
