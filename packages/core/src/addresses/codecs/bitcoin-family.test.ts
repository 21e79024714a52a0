/**
 * Tests of the Bitcoin-family codec against the official vectors (BIP-173, BIP-350, the CashAddr
 * spec), per-chain Base58Check cases built with each chain's chainparams version bytes, bad input,
 * and every OFAC-listed address of tickers XBT, LTC, BCH, BSV, BTG, DASH, ZEC and XVG.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createBase58check, bech32, bech32m } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { parse } from 'csv-parse/sync';
import type { AddressRejection, Chain, DecodeResult } from '../types.ts';
import { bech32Decode, bitcoinFamilyCodec, cashAddrChecksumOk, doubleSha256Prefix, encodeCashAddr } from './bitcoin-family.ts';

type Code = AddressRejection['code'];
const b58c = createBase58check(sha256);

function decode(address: string, chain: Chain): DecodeResult {
  return bitcoinFamilyCodec.decode(address, chain);
}

function expectOk(address: string, chain: Chain, type?: string): { canonical: string; display: string; type: string } {
  const r = decode(address, chain);
  assert.ok(r.ok, `${chain} ${address}: expected valid, got ${r.ok ? '' : `${r.rejection.code}: ${r.rejection.reason}`}`);
  assert.equal(r.info.chain, chain);
  assert.equal(r.info.network, 'mainnet');
  if (type !== undefined) assert.equal(r.info.type, type, `${chain} ${address}`);
  return r.info;
}

function expectReject(address: string, chain: Chain, code: Code): void {
  const r = decode(address, chain);
  assert.ok(!r.ok, `${chain} ${JSON.stringify(address.slice(0, 100))}: expected ${code}, got valid`);
  assert.equal(r.rejection.code, code, `${chain} ${JSON.stringify(address.slice(0, 100))}: ${r.rejection.reason}`);
  assert.ok(r.rejection.reason.length > 0);
}

/** A Base58Check address with the given version prefix and a fixed 20-byte hash. */
function b58(version: number[], hashByte = 0x11): string {
  return b58c.encode(Uint8Array.from([...version, ...new Array<number>(20).fill(hashByte)]));
}

const B58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Swaps the case of the first letter (after the version characters) whose other case is base58 too. */
function swapCaseOnce(address: string): string {
  for (let i = 3; i < address.length; i++) {
    const c = address.charAt(i);
    const s = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
    if (s !== c && B58_ALPHABET.includes(s)) return address.slice(0, i) + s + address.slice(i + 1);
  }
  throw new Error(`no case-swappable character in ${address}`);
}

/** Changes one character (keeping it in the base58 alphabet), so the checksum no longer matches. */
function corrupt(address: string, at = 8): string {
  const c = address.charAt(at);
  return address.slice(0, at) + (c === 'x' ? 'y' : 'x') + address.slice(at + 1);
}

// -------------------------------------------------------------------------------------------
// BIP-173 / BIP-350: generic checksum vectors
// Source: github.com/bitcoin/bips bip-0173.mediawiki §Test vectors, bip-0350.mediawiki §Test vectors
// -------------------------------------------------------------------------------------------

const BIP173_VALID_BECH32 = [
  'A12UEL5L',
  'a12uel5l',
  'an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs',
  'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
  '11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j',
  'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w',
  '?1ezyfcl',
];

const BIP350_VALID_BECH32M = [
  'A1LQFN3A',
  'a1lqfn3a',
  'an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6',
  'abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx',
  '11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8',
  'split1checkupstagehandshakeupstreamerranterredcaperredlc445v',
  '?1v759aa',
];

const BIP173_INVALID_BECH32: readonly [string, Code, string][] = [
  ['\x201nwldj5', 'bad-characters', 'HRP character out of range'],
  ['\x7f1axkwrx', 'bad-characters', 'HRP character out of range'],
  ['\x801eym55h', 'bad-characters', 'HRP character out of range'],
  ['an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx', 'too-long', 'overall max length exceeded'],
  ['pzry9x0s0muk', 'wrong-encoding', 'No separator character'],
  ['1pzry9x0s0muk', 'bad-length', 'Empty HRP'],
  ['x1b4n0q5v', 'bad-characters', 'Invalid data character'],
  ['li1dgmt3', 'bad-length', 'Too short checksum'],
  ['de1lg7wt\xff', 'bad-characters', 'Invalid character in checksum'],
  ['A1G7SGD8', 'bad-checksum', 'checksum calculated with uppercase form of HRP'],
  ['10a06t8', 'bad-length', 'empty HRP'],
  ['1qzzfhee', 'bad-length', 'empty HRP'],
];

const BIP350_INVALID_BECH32M: readonly [string, Code, string][] = [
  ['\x201xj0phk', 'bad-characters', 'HRP character out of range'],
  ['\x7f1g6xzxy', 'bad-characters', 'HRP character out of range'],
  ['\x801vctc34', 'bad-characters', 'HRP character out of range'],
  ['an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4', 'too-long', 'overall max length exceeded'],
  ['qyrz8wqd2c9m', 'wrong-encoding', 'No separator character'],
  ['1qyrz8wqd2c9m', 'bad-length', 'Empty HRP'],
  ['y1b0jsk6g', 'bad-characters', 'Invalid data character'],
  ['lt1igcx5c0', 'bad-characters', 'Invalid data character'],
  ['in1muywd', 'bad-length', 'Too short checksum'],
  ['mm1crxm3i', 'bad-characters', 'Invalid character in checksum'],
  ['au1s5cgom', 'bad-characters', 'Invalid character in checksum'],
  ['M1VUXWEZ', 'bad-checksum', 'checksum calculated with uppercase form of HRP'],
  ['16plkw9', 'bad-length', 'empty HRP'],
  ['1p2gdwpf', 'bad-length', 'empty HRP'],
];

test('BIP-173 valid bech32 strings pass the bech32 checksum, and only that one', () => {
  for (const s of BIP173_VALID_BECH32) {
    const r = bech32Decode(s);
    assert.ok(r.ok, s);
    assert.equal(r.encoding, 'bech32', s);
  }
});

test('BIP-350 valid bech32m strings pass the bech32m checksum, and only that one', () => {
  for (const s of BIP350_VALID_BECH32M) {
    const r = bech32Decode(s);
    assert.ok(r.ok, s);
    assert.equal(r.encoding, 'bech32m', s);
  }
});

test('BIP-173 and BIP-350 invalid strings are rejected with the code for the stated reason', () => {
  for (const [s, code, why] of [...BIP173_INVALID_BECH32, ...BIP350_INVALID_BECH32M]) {
    const r = bech32Decode(s);
    assert.ok(!r.ok, `${JSON.stringify(s)} (${why}) accepted`);
    assert.equal(r.rejection.code, code, `${JSON.stringify(s)} (${why}): ${r.rejection.reason}`);
    // The same strings given as Bitcoin addresses are rejected too, never thrown on.
    assert.equal(decode(s, 'bitcoin').ok, false, s);
  }
});

// -------------------------------------------------------------------------------------------
// BIP-173 / BIP-350: segwit address vectors, through the codec (chain 'bitcoin')
// -------------------------------------------------------------------------------------------

/** BIP-350 valid segwit addresses: [address, expected type | rejection for testnet]. */
const BIP350_VALID_SEGWIT: readonly [string, string | Code][] = [
  ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'P2WPKH'],
  ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', 'wrong-network'],
  ['bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', 'witness-v1'],
  ['BC1SW50QGDZ25J', 'witness-v16'],
  ['bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', 'witness-v2'],
  ['tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy', 'wrong-network'],
  ['tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c', 'wrong-network'],
  ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'P2TR'],
];

/**
 * BIP-350 invalid segwit addresses with the code this codec gives. A checksum made with the
 * constant of the other encoding (bech32 where bech32m is due, or the reverse) is 'bad-checksum',
 * following BIP-350's own wording "Invalid checksum (Bech32 instead of Bech32m)".
 */
const BIP350_INVALID_SEGWIT: readonly [string, Code, string][] = [
  ['tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', 'wrong-network', 'Invalid human-readable part'],
  ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'bad-checksum', 'Bech32 instead of Bech32m'],
  ['tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf', 'bad-checksum', 'Bech32 instead of Bech32m'],
  ['BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', 'bad-checksum', 'Bech32 instead of Bech32m'],
  ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', 'bad-checksum', 'Bech32m instead of Bech32'],
  ['tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47', 'bad-checksum', 'Bech32m instead of Bech32'],
  ['bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', 'bad-characters', 'Invalid character in checksum'],
  ['BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', 'bad-version', 'Invalid witness version'],
  ['bc1pw5dgrnzv', 'bad-program', 'Invalid program length (1 byte)'],
  ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav', 'bad-program', 'Invalid program length (41 bytes)'],
  ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'bad-program', 'Invalid program length for witness version 0'],
  ['tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq', 'mixed-case', 'Mixed case'],
  ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', 'bad-program', 'zero padding of more than 4 bits'],
  ['tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j', 'bad-program', 'Non-zero padding in 8-to-5 conversion'],
  ['bc1gmk9yu', 'bad-program', 'Empty data section'],
];

/**
 * BIP-173's segwit vectors. Its "valid" v1+ addresses use bech32 and are invalid since BIP-350
 * ("Addresses for segregated witness outputs version 1 through 16 use Bech32m"): 'bad-checksum'.
 */
const BIP173_SEGWIT: readonly [string, string | Code, string][] = [
  ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'P2WPKH', 'valid'],
  ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', 'wrong-network', 'valid (testnet)'],
  ['bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx', 'bad-checksum', 'valid under BIP-173, bech32 v1: superseded by BIP-350'],
  ['BC1SW50QA3JX3S', 'bad-checksum', 'valid under BIP-173, bech32 v16: superseded by BIP-350'],
  ['bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj', 'bad-checksum', 'valid under BIP-173, bech32 v2: superseded by BIP-350'],
  ['tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy', 'wrong-network', 'valid (testnet)'],
  ['tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty', 'wrong-network', 'Invalid human-readable part'],
  ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', 'bad-checksum', 'Invalid checksum'],
  ['BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2', 'bad-version', 'Invalid witness version'],
  ['bc1rw5uspcuh', 'bad-program', 'Invalid program length'],
  ['bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90', 'bad-program', 'Invalid program length'],
  ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'bad-program', 'Invalid program length for witness version 0 (per BIP141)'],
  ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7', 'mixed-case', 'Mixed case'],
  ['bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du', 'bad-program', 'zero padding of more than 4 bits'],
  ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv', 'bad-program', 'Non-zero padding in 8-to-5 conversion'],
  ['bc1gmk9yu', 'bad-program', 'Empty data section'],
];

const CODES = new Set<string>(['empty', 'too-long', 'bad-characters', 'bad-length', 'bad-checksum', 'bad-version', 'mixed-case', 'wrong-network', 'wrong-encoding', 'bad-program']);

function checkSegwitVector(address: string, expected: string, why: string): void {
  if (CODES.has(expected)) {
    expectReject(address, 'bitcoin', expected as Code);
    return;
  }
  const info = expectOk(address, 'bitcoin', expected);
  assert.equal(info.canonical, address.toLowerCase(), why);
  assert.equal(info.display, address.toLowerCase());
}

test('BIP-350 valid segwit addresses: mainnet ones decode with their type, testnet ones are wrong-network', () => {
  for (const [a, expected] of BIP350_VALID_SEGWIT) checkSegwitVector(a, expected, 'BIP-350 valid');
});

test('BIP-350 invalid segwit addresses are rejected with the code for the stated reason', () => {
  for (const [a, code, why] of BIP350_INVALID_SEGWIT) checkSegwitVector(a, code, why);
});

test('BIP-173 segwit vectors, read under BIP-350', () => {
  for (const [a, expected, why] of BIP173_SEGWIT) checkSegwitVector(a, expected, why);
});

test('bech32: an upper-cased address has the same canonical form as the lower-case one', () => {
  const lower = 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0';
  assert.equal(expectOk(lower.toUpperCase(), 'bitcoin', 'P2TR').canonical, lower);
  expectReject('bc1P0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'bitcoin', 'mixed-case');
});

test('bech32 P2WSH from BIP-173 hash on mainnet, and regtest bcrt → wrong-network', () => {
  const program = Uint8Array.from(Buffer.from('1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262', 'hex'));
  const main = bech32.encode('bc', [0, ...bech32.toWords(program)]);
  expectOk(main, 'bitcoin', 'P2WSH');
  expectReject(bech32.encode('bcrt', [0, ...bech32.toWords(program)]), 'bitcoin', 'wrong-network');
  // A Bitcoin segwit address asked as Litecoin, and the reverse.
  expectReject(main, 'litecoin', 'wrong-network');
});

test('Litecoin bech32 (ltc1) v0 and v1; tltc/rltc → wrong-network; MWEB rejected with its reason', () => {
  const h20 = new Uint8Array(20).fill(0x42);
  const h32 = new Uint8Array(32).fill(0x43);
  const p2wpkh = bech32.encode('ltc', [0, ...bech32.toWords(h20)]);
  expectOk(p2wpkh, 'litecoin', 'P2WPKH');
  expectOk(bech32.encode('ltc', [0, ...bech32.toWords(h32)]), 'litecoin', 'P2WSH');
  expectOk(bech32m.encode('ltc', [1, ...bech32m.toWords(h32)]), 'litecoin', 'P2TR');
  expectReject(bech32.encode('ltc', [1, ...bech32.toWords(h32)]), 'litecoin', 'bad-checksum');
  expectReject(bech32.encode('tltc', [0, ...bech32.toWords(h20)]), 'litecoin', 'wrong-network');
  expectReject(bech32.encode('rltc', [0, ...bech32.toWords(h20)]), 'litecoin', 'wrong-network');
  expectReject(p2wpkh, 'bitcoin', 'wrong-network');
  assert.equal(expectOk(p2wpkh.toUpperCase(), 'litecoin', 'P2WPKH').canonical, p2wpkh);
  expectReject('ltcmweb1qq0yq03ewm830ugmkkvrvjmyyeslcpwk8ayd7k27qx63sryy6kx3ksqm3k6jd24ld3r5dp5lzx7rm7uyxfujf8sn7v4nlxeqwrcq6k6xxwqdc6tl3', 'litecoin', 'wrong-encoding');
  expectReject(p2wpkh, 'dogecoin', 'wrong-encoding');
});

// -------------------------------------------------------------------------------------------
// CashAddr — source: github.com/bitcoincashorg/bitcoincash.org spec/cashaddr.md §Test vectors
// -------------------------------------------------------------------------------------------

/** "Examples of address translation": legacy → CashAddr. */
const CASHADDR_TRANSLATION: readonly [string, string][] = [
  ['1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu', 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a'],
  ['1KXrWXciRDZUpQwQmuM1DbwsKDLYAYsVLR', 'bitcoincash:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy'],
  ['16w1D5WRVKJuZUsSRzdLp9w3YGcgoxDXb', 'bitcoincash:qqq3728yw0y47sqn6l2na30mcw6zm78dzqre909m2r'],
  ['3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC', 'bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq'],
  ['3LDsS579y7sruadqu11beEJoTjdFiFCdX4', 'bitcoincash:pr95sy3j9xwd2ap32xkykttr4cvcu7as4yc93ky28e'],
  ['31nwvkZwyPdgzjBJZXfDmSWsC4ZLKpYyUw', 'bitcoincash:pqq3728yw0y47sqn6l2na30mcw6zm78dzq5ucqzc37'],
];

/** "Larger test vectors": [hash bytes, type, address]. */
const CASHADDR_LARGER: readonly [number, number, string][] = [
  [20, 0, 'bitcoincash:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekg2'],
  [20, 1, 'bchtest:pr6m7j9njldwwzlg9v7v53unlr4jkmx6eyvwc0uz5t'],
  [20, 1, 'pref:pr6m7j9njldwwzlg9v7v53unlr4jkmx6ey65nvtks5'],
  [24, 0, 'bitcoincash:q9adhakpwzztepkpwp5z0dq62m6u5v5xtyj7j3h2ws4mr9g0'],
  [24, 1, 'bchtest:p9adhakpwzztepkpwp5z0dq62m6u5v5xtyj7j3h2u94tsynr'],
  [24, 1, 'pref:p9adhakpwzztepkpwp5z0dq62m6u5v5xtyj7j3h2khlwwk5v'],
  [28, 0, 'bitcoincash:qgagf7w02x4wnz3mkwnchut2vxphjzccwxgjvvjmlsxqwkcw59jxxuz'],
  [28, 1, 'bchtest:pgagf7w02x4wnz3mkwnchut2vxphjzccwxgjvvjmlsxqwkcvs7md7wt'],
  [28, 1, 'pref:pgagf7w02x4wnz3mkwnchut2vxphjzccwxgjvvjmlsxqwkcrsr6gzkn'],
  [32, 0, 'bitcoincash:qvch8mmxy0rtfrlarg7ucrxxfzds5pamg73h7370aa87d80gyhqxq5nlegake'],
  [32, 1, 'bchtest:pvch8mmxy0rtfrlarg7ucrxxfzds5pamg73h7370aa87d80gyhqxq7fqng6m6'],
  [32, 1, 'pref:pvch8mmxy0rtfrlarg7ucrxxfzds5pamg73h7370aa87d80gyhqxq4k9m7qf9'],
  [40, 0, 'bitcoincash:qnq8zwpj8cq05n7pytfmskuk9r4gzzel8qtsvwz79zdskftrzxtar994cgutavfklv39gr3uvz'],
  [40, 1, 'bchtest:pnq8zwpj8cq05n7pytfmskuk9r4gzzel8qtsvwz79zdskftrzxtar994cgutavfklvmgm6ynej'],
  [40, 1, 'pref:pnq8zwpj8cq05n7pytfmskuk9r4gzzel8qtsvwz79zdskftrzxtar994cgutavfklv0vx5z0w3'],
  [48, 0, 'bitcoincash:qh3krj5607v3qlqh5c3wq3lrw3wnuxw0sp8dv0zugrrt5a3kj6ucysfz8kxwv2k53krr7n933jfsunqex2w82sl'],
  [48, 1, 'bchtest:ph3krj5607v3qlqh5c3wq3lrw3wnuxw0sp8dv0zugrrt5a3kj6ucysfz8kxwv2k53krr7n933jfsunqnzf7mt6x'],
  [48, 1, 'pref:ph3krj5607v3qlqh5c3wq3lrw3wnuxw0sp8dv0zugrrt5a3kj6ucysfz8kxwv2k53krr7n933jfsunqjntdfcwg'],
  [56, 0, 'bitcoincash:qmvl5lzvdm6km38lgga64ek5jhdl7e3aqd9895wu04fvhlnare5937w4ywkq57juxsrhvw8ym5d8qx7sz7zz0zvcypqscw8jd03f'],
  [56, 1, 'bchtest:pmvl5lzvdm6km38lgga64ek5jhdl7e3aqd9895wu04fvhlnare5937w4ywkq57juxsrhvw8ym5d8qx7sz7zz0zvcypqs6kgdsg2g'],
  [56, 1, 'pref:pmvl5lzvdm6km38lgga64ek5jhdl7e3aqd9895wu04fvhlnare5937w4ywkq57juxsrhvw8ym5d8qx7sz7zz0zvcypqsammyqffl'],
  [64, 0, 'bitcoincash:qlg0x333p4238k0qrc5ej7rzfw5g8e4a4r6vvzyrcy8j3s5k0en7calvclhw46hudk5flttj6ydvjc0pv3nchp52amk97tqa5zygg96mtky5sv5w'],
  [64, 1, 'bchtest:plg0x333p4238k0qrc5ej7rzfw5g8e4a4r6vvzyrcy8j3s5k0en7calvclhw46hudk5flttj6ydvjc0pv3nchp52amk97tqa5zygg96mc773cwez'],
  [64, 1, 'pref:plg0x333p4238k0qrc5ej7rzfw5g8e4a4r6vvzyrcy8j3s5k0en7calvclhw46hudk5flttj6ydvjc0pv3nchp52amk97tqa5zygg96mg7pj3lh8'],
];

/** Checksum-only vectors ("valid checksum but purposely not a valid payload"). */
const CASHADDR_CHECKSUM_ONLY = [
  'prefix:x64nx6hz',
  'p:gpf8m4h7',
  'bitcoincash:qpzry9x8gf2tvdw0s3jn54khce6mua7lcw20ayyn',
  'bchtest:spectestnetaddressrealrealaddressqpan2k9lh',
  'bchreg:555555555555555555555555555555555555555555555udxmlmrz',
];

/** "Undefined types": type 15, payloads of 0 to 224 bytes. */
const CASHADDR_UNDEFINED_TYPES = [
  'prefix:0qxsg0rgpa',
  'prefix:0uwa85v9fp',
  'prefix:0zeuqqwwk0xjclsv4lzljpye09m74gv4darmzluu6g4yxxk5eja92nup8dp7p',
  'prefix:07euqqwwk0xjclsv4lzljpye09m74gv4darmzluu6g4yxxk5eja922n8zkmjh',
  'prefix:0p9l93rdpjunztm99mne67xhtejj5a2eanlj83mg0a7njunwf0ka0raa6ct6f6w42aw23a067gmaa45xwxc5q85tz8p3rhderusc62vp4atp3rk5',
  'prefix:0a9l93rdpjunztm99mne67xhtejj5a2eanlj83mg0a7njunwf0ka0raa6ct6f6w42aw23a067gmaa45xwxc5q85tz8p3rhderusc62vpf9plewfm',
  'prefix:0z06ttpztfp6ume9d83ppl004mz2mlz6sqp9pmhhds5n248h9fls8t93h4xppaf2kyp29x5fnftldan0m40yw2udjk4ytu0kxjq8t9zanwh5mchjpvzae45m70xc9kw6pfj55376jvj4h6dmt257lvaar5gs3y97wet6',
  'prefix:0706ttpztfp6ume9d83ppl004mz2mlz6sqp9pmhhds5n248h9fls8t93h4xppaf2kyp29x5fnftldan0m40yw2udjk4ytu0kxjq8t9zanwh5mchjpvzae45m70xc9kw6pfj55376jvj4h6dmt257lvaar5gsq7lehjd3',
  'prefix:0p3hj0ygup9txk5nd4dvkr6me839cr44wy5kzpcsgarrqlks4dsysaeup5zvf90e7jfhr8uux7ztcruws04rsvjzvg73x9t5gwyl9sc2htyl8qdzz96mutcjuufmnh54dvh2nfr3kcysn0u65qz75cf9ecqcvk65r9fnj65fy93yem57575lht3gykrp52zx565cmzd5xh4vvfsr769jn3q',
  'prefix:0a3hj0ygup9txk5nd4dvkr6me839cr44wy5kzpcsgarrqlks4dsysaeup5zvf90e7jfhr8uux7ztcruws04rsvjzvg73x9t5gwyl9sc2htyl8qdzz96mutcjuufmnh54dvh2nfr3kcysn0u65qz75cf9ecqcvk65r9fnj65fy93yem57575lht3gykrp52zx565cmzd5xh4vvfsxqnxxshr',
  'prefix:0p4xy8n9zp62vs767wwwwvu2lumcpfa5a9m5mp7xpevqtzn0vvvw5z6cvyha28dffua2zaj0ekp8l4wp9va3f5j5hn2j5kt803e9srxrkeg0qy9w6p6nfgxh5t76gdlxltsjln69r5ptwd4e894m24k4wp7s6juu9uslym9yltz8cans2zlasq0umkkykcz97v0wdm8f95ffsf6szzf6xxtpju7fnchjjtzfy7dztvpx8xxvy499pfxs2q2ptrrr0gh2p2l0t4',
  'prefix:0a4xy8n9zp62vs767wwwwvu2lumcpfa5a9m5mp7xpevqtzn0vvvw5z6cvyha28dffua2zaj0ekp8l4wp9va3f5j5hn2j5kt803e9srxrkeg0qy9w6p6nfgxh5t76gdlxltsjln69r5ptwd4e894m24k4wp7s6juu9uslym9yltz8cans2zlasq0umkkykcz97v0wdm8f95ffsf6szzf6xxtpju7fnchjjtzfy7dztvpx8xxvy499pfxs2q2ptrrr0gdwzg26z3',
  'prefix:0p904fe2mf7rdc26x5w7anqaagkgza8dewrzkhhgmpxapl3e3eaymg93me09a9xa5a66nvyentphtdclutq2nlk0dmewun0uq6y0wu8ru2e0d6x8d86mfg5z6j5e42vp33027q0eqn30fs0vwtvwn2rqhm57rcmnjfycw6fn6r535vcqs772qg3dzet79lq0335xh22ddt3dl5zh9gd6gzfqx42sgly7nsvcl75lv6uelt8hzgh72gc7p4qjqks7ukz68af0jkp5lzsukmy3tqt4y0x9w6pfd3dc2vcy80wjpras3gszvkahludu7',
  'prefix:0a904fe2mf7rdc26x5w7anqaagkgza8dewrzkhhgmpxapl3e3eaymg93me09a9xa5a66nvyentphtdclutq2nlk0dmewun0uq6y0wu8ru2e0d6x8d86mfg5z6j5e42vp33027q0eqn30fs0vwtvwn2rqhm57rcmnjfycw6fn6r535vcqs772qg3dzet79lq0335xh22ddt3dl5zh9gd6gzfqx42sgly7nsvcl75lv6uelt8hzgh72gc7p4qjqks7ukz68af0jkp5lzsukmy3tqt4y0x9w6pfd3dc2vcy80wjpras3gszv3d6nzg9c',
  'prefix:0rgc7srrr5hswp4y250drsxyvxm2ru6yteyxjkg938e8gxwaqxktrr5pup390udy69g82c608n53ly4rs9cvmyaewt77xl320ygurqdc02qmq9nlgvceq7ppde035478szfs446yj4m9x3rf57nzuv0qs0cgvnkudnhylenpe3r0p0ffq0u9cr77usf7d6uh0zlx2ycaw4l2a90l5h9n8ggwpnvrxj23j8elygs0gzf70gw2verzjrpr0h438rlqsccqd6kcfq5m6h5tmw9qdup2fsg3m29tfvp2528qy5ryg4msekfn7jefwcvghqj652jl69j3u3jtk6ne4wwae8209yyjvgnudaar83agjv8k8m8g',
  'prefix:0lgc7srrr5hswp4y250drsxyvxm2ru6yteyxjkg938e8gxwaqxktrr5pup390udy69g82c608n53ly4rs9cvmyaewt77xl320ygurqdc02qmq9nlgvceq7ppde035478szfs446yj4m9x3rf57nzuv0qs0cgvnkudnhylenpe3r0p0ffq0u9cr77usf7d6uh0zlx2ycaw4l2a90l5h9n8ggwpnvrxj23j8elygs0gzf70gw2verzjrpr0h438rlqsccqd6kcfq5m6h5tmw9qdup2fsg3m29tfvp2528qy5ryg4msekfn7jefwcvghqj652jl69j3u3jtk6ne4wwae8209yyjvgnudaar83ag3w3lql4v',
];

test('CashAddr spec: legacy addresses translate to the spec CashAddr, and both forms compare equal', () => {
  for (const [legacy, cash] of CASHADDR_TRANSLATION) {
    const type = cash.charAt(12) === 'q' ? 'P2PKH' : 'P2SH';
    const fromLegacy = expectOk(legacy, 'bitcoin-cash', type);
    assert.equal(fromLegacy.canonical, cash, legacy);
    assert.equal(fromLegacy.display, cash);
    const payload = cash.slice('bitcoincash:'.length);
    for (const form of [cash, payload, cash.toUpperCase(), payload.toUpperCase()]) {
      const info = expectOk(form, 'bitcoin-cash', type);
      assert.equal(info.canonical, cash, form);
      assert.equal(info.display, cash, form);
    }
    // The legacy form is still a Bitcoin / Bitcoin SV address, kept as is.
    assert.equal(expectOk(legacy, 'bitcoin-sv', type).canonical, legacy);
  }
});

test('CashAddr spec: larger vectors — mainnet decodes with its hash size, bchtest and other prefixes do not', () => {
  for (const [size, type, address] of CASHADDR_LARGER) {
    assert.ok(cashAddrChecksumOk(address), address);
    if (address.startsWith('bitcoincash:')) {
      const expectedType = (type === 0 ? 'P2PKH' : 'P2SH') + (size === 20 ? '' : `-${size * 8}`);
      const info = expectOk(address, 'bitcoin-cash', expectedType);
      assert.equal(info.canonical, address);
      assert.equal(expectOk(address.slice(12).toUpperCase(), 'bitcoin-cash').canonical, address);
    } else {
      expectReject(address, 'bitcoin-cash', 'wrong-network');
      // Without its prefix a bchtest address fails the mainnet checksum but passes under 'bchtest'.
      if (address.startsWith('bchtest:')) expectReject(address.slice(8), 'bitcoin-cash', 'wrong-network');
    }
  }
});

test('CashAddr spec: checksum-only and undefined-type vectors pass the checksum but are no payment address', () => {
  for (const a of [...CASHADDR_CHECKSUM_ONLY, ...CASHADDR_UNDEFINED_TYPES]) {
    assert.ok(cashAddrChecksumOk(a), a);
    assert.ok(cashAddrChecksumOk(a.toUpperCase()), a);
    assert.equal(decode(a, 'bitcoin-cash').ok, false, a);
  }
  for (const a of CASHADDR_UNDEFINED_TYPES) {
    expectReject(a, 'bitcoin-cash', a.length > 128 ? 'too-long' : 'bad-version');
  }
  expectReject('bitcoincash:qpzry9x8gf2tvdw0s3jn54khce6mua7lcw20ayyn', 'bitcoin-cash', 'bad-length');
});

test('CashAddr: mixed case, bad checksum, double prefix, bad characters, other chains', () => {
  const a = 'bitcoincash:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy';
  expectReject('bitcoincash:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuY', 'bitcoin-cash', 'mixed-case');
  expectReject('BITCOINCASH:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy', 'bitcoin-cash', 'mixed-case');
  expectReject(a.slice(0, -1) + 'z', 'bitcoin-cash', 'bad-checksum');
  expectReject(a.slice(12, -1) + 'z', 'bitcoin-cash', 'bad-checksum');
  expectReject(`bitcoincash:${a}`, 'bitcoin-cash', 'bad-characters');
  expectReject(a.slice(0, -1) + 'b', 'bitcoin-cash', 'bad-characters');
  expectReject(a, 'bitcoin', 'wrong-encoding');
  expectReject(a, 'bitcoin-sv', 'wrong-encoding');
  expectReject(a.slice(12), 'bitcoin-sv', 'bad-characters');
});

test('CashAddr: CashTokens token-aware forms (types 2, 3) compare equal to the plain P2PKH/P2SH form', () => {
  const hash = Uint8Array.from(Buffer.from('F5BF48B397DAE70BE82B3CCA4793F8EB2B6CDAC9', 'hex'));
  assert.equal(encodeCashAddr(0, hash), 'bitcoincash:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekg2'); // spec vector
  const z = encodeCashAddr(2, hash);
  assert.ok(z.startsWith('bitcoincash:z'));
  const info = expectOk(z, 'bitcoin-cash', 'P2PKH');
  assert.equal(info.canonical, 'bitcoincash:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekg2');
  assert.equal(info.display, z);
  assert.equal(expectOk(encodeCashAddr(3, hash), 'bitcoin-cash', 'P2SH').canonical, encodeCashAddr(1, hash));
  expectReject(encodeCashAddr(4, hash), 'bitcoin-cash', 'bad-version');
});

test('Bitcoin Cash legacy: testnet versions are wrong-network, other chains are bad-version', () => {
  expectReject(b58([111]), 'bitcoin-cash', 'wrong-network');
  expectReject(b58([196]), 'bitcoin-cash', 'wrong-network');
  expectReject(b58([48]), 'bitcoin-cash', 'bad-version');
  expectReject(corrupt('1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu'), 'bitcoin-cash', 'bad-checksum');
});

// -------------------------------------------------------------------------------------------
// Base58Check per chain (version bytes from each chain's src/chainparams.cpp)
// -------------------------------------------------------------------------------------------

interface Base58Case {
  chain: Chain;
  p2pkh: number[];
  p2sh: number[][];
  testnet: number[][];
  /** A version of another chain, for 'bad-version'. */
  foreign: number[];
  /** First characters of mainnet P2PKH / P2SH addresses. */
  lead: [string, string];
}

const BASE58_CASES: readonly Base58Case[] = [
  { chain: 'bitcoin', p2pkh: [0], p2sh: [[5]], testnet: [[111], [196]], foreign: [48], lead: ['1', '3'] },
  { chain: 'litecoin', p2pkh: [48], p2sh: [[50], [5]], testnet: [[111], [196], [58]], foreign: [0], lead: ['L', 'M'] },
  { chain: 'bitcoin-sv', p2pkh: [0], p2sh: [[5]], testnet: [[111], [196]], foreign: [30], lead: ['1', '3'] },
  { chain: 'bitcoin-gold', p2pkh: [38], p2sh: [[23]], testnet: [[111], [196]], foreign: [0], lead: ['G', 'A'] },
  { chain: 'dogecoin', p2pkh: [30], p2sh: [[22]], testnet: [[113], [196]], foreign: [0], lead: ['D', '9'] },
  { chain: 'dash', p2pkh: [76], p2sh: [[16]], testnet: [[140], [19]], foreign: [0], lead: ['X', '7'] },
  { chain: 'zcash', p2pkh: [0x1c, 0xb8], p2sh: [[0x1c, 0xbd]], testnet: [[0x1d, 0x25], [0x1c, 0xba]], foreign: [0x16, 0x9a], lead: ['t1', 't3'] },
  { chain: 'verge', p2pkh: [30], p2sh: [[33]], testnet: [[115], [198]], foreign: [0], lead: ['D', 'E'] },
];

test('the one-block SHA-256 behind Base58Check agrees with @noble/hashes for every length 0..80', () => {
  for (let n = 0; n <= 80; n++) {
    const msg = Uint8Array.from({ length: n }, (_, i) => (i * 73 + n * 31 + 7) & 0xff);
    const h = sha256(sha256(msg));
    const want = ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
    assert.equal(doubleSha256Prefix(msg), want, `length ${n}`);
  }
});

test('Base58Check per chain: P2PKH and P2SH valid as is, testnet wrong-network, foreign bad-version, typo bad-checksum', () => {
  for (const c of BASE58_CASES) {
    const p2pkh = b58(c.p2pkh);
    assert.ok(p2pkh.startsWith(c.lead[0]), `${c.chain} ${p2pkh}`);
    const info = expectOk(p2pkh, c.chain, 'P2PKH');
    assert.equal(info.canonical, p2pkh);
    assert.equal(info.display, p2pkh);
    const p2sh = b58(c.p2sh[0]!);
    assert.ok(p2sh.startsWith(c.lead[1]), `${c.chain} ${p2sh}`);
    for (const v of c.p2sh) expectOk(b58(v, 0xfe), c.chain, 'P2SH');
    for (const v of c.testnet) expectReject(b58(v), c.chain, 'wrong-network');
    expectReject(b58(c.foreign), c.chain, 'bad-version');
    expectReject(corrupt(p2pkh), c.chain, 'bad-checksum');
    // Base58 is case-sensitive: a case change is another string, and fails the checksum.
    expectReject(swapCaseOnce(p2pkh), c.chain, 'bad-checksum');
    // Right version, wrong payload length.
    expectReject(b58c.encode(Uint8Array.from([...c.p2pkh, ...new Array<number>(19).fill(7)])), c.chain, 'bad-length');
    expectReject(b58c.encode(Uint8Array.from([...c.p2pkh, ...new Array<number>(32).fill(7)])), c.chain, 'bad-length');
    // Characters outside the base58 alphabet (0, O, I, l).
    expectReject(p2pkh.slice(0, 10) + '0' + p2pkh.slice(11), c.chain, 'bad-characters');
    expectReject(p2pkh.slice(0, 10) + 'l' + p2pkh.slice(11), c.chain, 'bad-characters');
  }
});

test('Base58Check: known mainnet addresses per chain (genesis coinbase, BIP-13 example, chain examples)', () => {
  expectOk('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bitcoin', 'P2PKH'); // genesis block coinbase
  expectOk('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'bitcoin', 'P2SH');
  expectOk('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bitcoin-sv', 'P2PKH');
  expectOk('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bitcoin-cash', 'P2PKH');
  expectOk('DRyNFvJaybnF22UfMS6NR1Qav3mqxPj86E', 'verge', 'P2PKH');
  expectOk('DRyNFvJaybnF22UfMS6NR1Qav3mqxPj86E', 'dogecoin', 'P2PKH'); // both use version 30
  expectOk('ASpCXHFL6nxSTTZuwib1iPrx9jwuia5HLQ', 'bitcoin-gold', 'P2SH'); // BTG premine whitelist, chainparams.cpp
  expectOk('Xgtyuk76vhuFW2iT7UAiHgNdWXCf3J34wh', 'dash', 'P2PKH'); // Dash mainnet spork address, chainparams.cpp
  expectReject('yjPtiKh2uwk3bDutTEA2q9mCtXyiZRWn55', 'dash', 'wrong-network'); // Dash testnet spork address
  expectOk('t3Vz22vK5z2LcKEdg16Yv4FFneEL1zg9ojd', 'zcash', 'P2SH'); // founders' reward, zcash chainparams.cpp
  expectReject('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'dogecoin', 'bad-version');
  expectReject('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'zcash', 'bad-version');
  expectReject('t3Vz22vK5z2LcKEdg16Yv4FFneEL1zg9ojd', 'bitcoin', 'bad-version');
});

test('Zcash: shielded, unified and TEX addresses are rejected with a clear reason', () => {
  // Strings shaped like each form (prefix and length); the codec recognises them by prefix.
  const sapling = 'zs1z7rejlpsa98s2rrrfkwmaxu53e4ue0ulcrw0h4x5g8jl04tak0d3mm47vdtahatqrlkngh9sly';
  const sprout = 'zcU1Cd6zYyZCd2VoF8yyiedMAiCCR2cNHxTjwnh9RNBXYFyDmw8h4vM8Y4K2XGQu2uprPWzeSUK5xZRDsj5jyBEHpFbFPMT';
  for (const a of [sapling, sprout, `u1${'q'.repeat(200)}`, 'tex1s2rt77ggv6q989lr49rkgzmh5slsksa9khdgte']) {
    const r = decode(a, 'zcash');
    assert.ok(!r.ok);
    assert.equal(r.rejection.code, 'wrong-encoding', a);
    assert.match(r.rejection.reason, /transparent/);
  }
});

// -------------------------------------------------------------------------------------------
// Bad input
// -------------------------------------------------------------------------------------------

test('bad input gets a verdict with a reason on every chain, never an exception', () => {
  const chains = bitcoinFamilyCodec.chains;
  const cases: readonly [string, Code][] = [
    ['', 'empty'],
    [' ', 'bad-characters'],
    ['\t', 'bad-characters'],
    [' 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bad-characters'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n', 'bad-characters'],
    ['1A1zP1eP5QGe fi2DMPTfTL5SLmv7DivfNa', 'bad-characters'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\u0000', 'bad-characters'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7Div\u0410Na', 'bad-characters'], // Cyrillic А
    ['x'.repeat(10 * 1024), 'too-long'],
    ['1'.repeat(10 * 1024), 'too-long'],
    [`bc1q${'q'.repeat(10 * 1024)}`, 'too-long'],
    [`bitcoincash:${'q'.repeat(10 * 1024)}`, 'too-long'],
  ];
  for (const chain of chains) {
    for (const [input, code] of cases) expectReject(input, chain, code);
    for (const junk of ['1', 'abc', '0x52908400098527886E0F7030069857D2E4169EE7', 'bc1', ':', 'bitcoincash:', 'q', '😀'.repeat(10)]) {
      const r = decode(junk, chain);
      assert.equal(r.ok, false, `${chain} ${junk}`);
      if (!r.ok) assert.ok(CODES.has(r.rejection.code));
    }
  }
});

test('wrong network: testnet addresses of every encoding', () => {
  expectReject('mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn', 'bitcoin', 'wrong-network');
  expectReject('2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc', 'bitcoin', 'wrong-network');
  expectReject('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', 'bitcoin', 'wrong-network');
  expectReject('bchtest:pr6m7j9njldwwzlg9v7v53unlr4jkmx6eyvwc0uz5t', 'bitcoin-cash', 'wrong-network');
  expectReject('mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn', 'bitcoin-sv', 'wrong-network');
});

// -------------------------------------------------------------------------------------------
// OFAC SDN list, 2025-11-19: every address of the Bitcoin-family tickers
// -------------------------------------------------------------------------------------------

const OFAC_CSV = new URL('../../../../../../shared/chain-analytics/ofac_sdn_crypto_addresses_2025-11-19.csv', import.meta.url);

const TICKER_CHAIN: Readonly<Record<string, Chain>> = {
  XBT: 'bitcoin', LTC: 'litecoin', BCH: 'bitcoin-cash', BSV: 'bitcoin-sv', BTG: 'bitcoin-gold',
  DASH: 'dash', ZEC: 'zcash', XVG: 'verge',
};

/**
 * Addresses that are malformed *for their ticker* in OFAC's own data, with the reason found.
 * The codec is not loosened to accept them.
 */
const OFAC_MALFORMED: ReadonlyMap<string, { code: Code; reason: string }> = new Map([
  ['XBT TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq', {
    code: 'bad-version',
    reason: 'a TRON address (Base58Check, version 0x41, valid checksum) listed under the Bitcoin ticker XBT',
  }],
]);

test('OFAC 2025-11-19: every XBT, LTC, BCH, BSV, BTG, DASH, ZEC, XVG address validates for its chain or is listed as malformed', () => {
  const rows = parse(readFileSync(OFAC_CSV), { columns: true }) as Record<string, string>[];
  const seen = new Set<string>();
  const valid: Record<string, number> = {};
  let malformed = 0;
  for (const row of rows) {
    const ticker = row['asset']!;
    const chain = TICKER_CHAIN[ticker];
    if (chain === undefined) continue;
    const address = row['address']!;
    const key = `${ticker} ${address}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const known = OFAC_MALFORMED.get(key);
    if (known !== undefined) {
      expectReject(address, chain, known.code);
      malformed++;
      continue;
    }
    const info = expectOk(address, chain);
    valid[ticker] = (valid[ticker] ?? 0) + 1;
    // The canonical form is a fixed point, and for bech32 the upper-cased form meets it.
    assert.equal(expectOk(info.canonical, chain).canonical, info.canonical);
    if (address.startsWith('bc1') || address.startsWith('ltc1') || (chain === 'bitcoin-cash' && !/^[13]/.test(address))) {
      assert.equal(expectOk(address.toUpperCase(), chain).canonical, info.canonical, address);
    }
    if (chain === 'bitcoin-cash') assert.ok(info.canonical.startsWith('bitcoincash:'));
  }
  assert.equal(malformed, OFAC_MALFORMED.size);
  assert.deepEqual(valid, { XBT: 516, LTC: 10, BCH: 7, BSV: 1, BTG: 1, DASH: 3, ZEC: 3, XVG: 1 });
});
