import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { base58, base58xrp, bech32, createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { parse } from 'csv-parse/sync';
import { sharedPath } from '../../../test/helpers.ts';
import type { AddressCodec, AddressRejection, Chain, DecodeResult } from '../types.ts';
import { evmCodec, moneroCodec, solanaCodec, tronCodec, xrpCodec, xrpTag } from './accounts.ts';

function ok(result: DecodeResult, what: string) {
  if (!result.ok) assert.fail(`${what}: rejected (${result.rejection.code}: ${result.rejection.reason})`);
  return result.info;
}

function rejected(result: DecodeResult, code: AddressRejection['code'], what: string): void {
  if (result.ok) assert.fail(`${what}: accepted as ${result.info.type}, expected ${code}`);
  assert.equal(result.rejection.code, code, `${what}: ${result.rejection.reason}`);
  assert.ok(result.rejection.reason.length > 10, `${what}: the rejection says why`);
}

/** The string with the character at `i` replaced by `c`. */
function replaceAt(s: string, i: number, c: string): string {
  return s.slice(0, i) + c + s.slice(i + 1);
}

// -------------------------------------------------------------------------------------------
// EVM (EIP-55)
// -------------------------------------------------------------------------------------------

// EIP-55 "Test Cases" (ethereum/ERCs ERCS/erc-55.md): every one is its own checksummed form.
const EIP55_ALL_CAPS = ['0x52908400098527886E0F7030069857D2E4169EE7', '0x8617E340B3D01FA5F11F306F4090FD50E238070D'];
const EIP55_ALL_LOWER = ['0xde709f2102306220921060314715629080e2fb77', '0x27b1fdb04752bbc536007a920d24acb045561c26'];
const EIP55_NORMAL = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

test('EIP-55 test vectors: all eight are valid and are their own display form', () => {
  for (const vector of [...EIP55_ALL_CAPS, ...EIP55_ALL_LOWER, ...EIP55_NORMAL]) {
    const info = ok(evmCodec.decode(vector, 'ethereum'), vector);
    assert.equal(info.type, 'account');
    assert.equal(info.canonical, vector.toLowerCase());
    assert.equal(info.display, vector);
    assert.equal(info.network, 'mainnet');
  }
});

test('EIP-55: a lower-cased or upper-cased address is valid and displays with its checksum', () => {
  for (const vector of EIP55_NORMAL) {
    const lower = ok(evmCodec.decode(vector.toLowerCase(), 'ethereum'), vector);
    const upper = ok(evmCodec.decode('0x' + vector.slice(2).toUpperCase(), 'ethereum'), vector);
    assert.equal(lower.canonical, vector.toLowerCase());
    assert.equal(upper.canonical, vector.toLowerCase());
    assert.equal(lower.display, vector);
    assert.equal(upper.display, vector);
    // The display form survives serialisation (it is computed on first read).
    assert.equal(JSON.parse(JSON.stringify(lower)).display, vector);
  }
});

test('EIP-55: changing the case of any one letter of a checksummed address is a bad checksum', () => {
  let flips = 0;
  for (const vector of EIP55_NORMAL) {
    for (let i = 2; i < 42; i++) {
      const c = vector.charAt(i);
      if (!/[a-fA-F]/.test(c)) continue;
      const flipped = replaceAt(vector, i, c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
      rejected(evmCodec.decode(flipped, 'ethereum'), 'bad-checksum', flipped);
      flips++;
    }
  }
  assert.equal(flips, 74, 'every letter of the four mixed-case vectors');
});

test('EVM: one address form on every EVM chain; the chain is echoed', () => {
  for (const chain of ['ethereum', 'ethereum-classic', 'bsc', 'arbitrum', 'polygon'] as const) {
    const info = ok(evmCodec.decode(EIP55_NORMAL[0]!, chain), chain);
    assert.equal(info.chain, chain);
  }
  assert.deepEqual([...evmCodec.chains], ['ethereum', 'ethereum-classic', 'bsc', 'arbitrum', 'polygon']);
  rejected(evmCodec.decode(EIP55_NORMAL[0]!, 'bitcoin'), 'wrong-encoding', 'bitcoin chain');
});

test('EVM: malformed input gets the reason', () => {
  const v = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
  rejected(evmCodec.decode(v.slice(0, 41), 'ethereum'), 'bad-length', '39 digits');
  rejected(evmCodec.decode(v.slice(0, 40), 'ethereum'), 'bad-length', '38 digits');
  rejected(evmCodec.decode(v + 'a', 'ethereum'), 'too-long', '41 digits');
  rejected(evmCodec.decode(replaceAt(v, 10, 'g'), 'ethereum'), 'bad-characters', 'g');
  rejected(evmCodec.decode(v.slice(2), 'ethereum'), 'wrong-encoding', 'no 0x');
  rejected(evmCodec.decode('0X' + v.slice(2), 'ethereum'), 'wrong-encoding', '0X');
  rejected(evmCodec.decode('418840E6C55B9ADA326D211D818C34A994AECED808', 'ethereum'), 'wrong-encoding', 'TRON hex');
  rejected(evmCodec.decode('TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL', 'ethereum'), 'wrong-encoding', 'TRON base58');
  rejected(evmCodec.decode('0x', 'ethereum'), 'bad-length', 'bare prefix');
});

// -------------------------------------------------------------------------------------------
// TRON
// -------------------------------------------------------------------------------------------

// Documented base58 ↔ hex pairs:
// - developers.tron.network/docs/account ("Account address format") and TronWeb's
//   address.toHex / address.fromHex examples: TNPeea… = 418840….
// - TronWeb transactionBuilder.sendTrx example: to_address TVDGpn… = 41d313….
// - TRON docs, wallet-cli `encoding convert` example: TBhCfA… = 4112e9… = EVM 0x12E94f….
const TRON_DOCUMENTED = [
  ['TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL', '418840E6C55B9ADA326D211D818C34A994AECED808'],
  ['TVDGpn4hCSzJ5nkHPLetk8KQBtwaTppnkr', '41d3136787e667d1e055d2cd5db4b5f6c880563049'],
  ['TBhCfAytTEh52WFL6HYr64i2nmc3u3TCUp', '4112e94f5a3c88b17d2f6e0b9a45cd310f8e7a6d29'],
] as const;

test('TRON documented examples: base58 and hex forms are valid and compare equal', () => {
  for (const [b58, hex] of TRON_DOCUMENTED) {
    const a = ok(tronCodec.decode(b58, 'tron'), b58);
    const b = ok(tronCodec.decode(hex, 'tron'), hex);
    const c = ok(tronCodec.decode(hex.toUpperCase(), 'tron'), hex);
    assert.equal(a.canonical, b58);
    assert.equal(b.canonical, b58);
    assert.equal(c.canonical, b58);
    assert.equal(b.display, b58);
    assert.equal(a.type, 'account');
  }
  // The same 20 bytes in EVM form (wallet-cli example), validated by the EVM codec.
  const evm = ok(evmCodec.decode('0x12E94f5a3c88b17d2F6E0b9a45Cd310f8E7a6D29', 'ethereum'), 'evm form');
  assert.equal(evm.canonical.slice(2), TRON_DOCUMENTED[2][1].slice(2));
  // The USDT (TRC-20) contract, the TRON address OFAC's USDT entries sit beside.
  ok(tronCodec.decode('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'tron'), 'USDT contract');
});

test('TRON: wrong checksum, wrong version, wrong form are rejected with the reason', () => {
  const v = 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL';
  rejected(tronCodec.decode(replaceAt(v, 20, 'x'), 'tron'), 'bad-checksum', 'one character off');
  rejected(tronCodec.decode(v.slice(0, 33) + 'M', 'tron'), 'bad-checksum', 'last character off');
  rejected(tronCodec.decode('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'tron'), 'bad-version', 'a Bitcoin address');
  rejected(tronCodec.decode(v.slice(0, 30), 'tron'), 'bad-length', 'truncated');
  rejected(tronCodec.decode(replaceAt(v, 5, '0'), 'tron'), 'bad-characters', 'zero');
  rejected(tronCodec.decode(replaceAt(v, 5, 'l'), 'tron'), 'bad-characters', 'ell');
  rejected(tronCodec.decode('\u0422' + v.slice(1), 'tron'), 'bad-characters', 'Cyrillic Т look-alike');
  rejected(tronCodec.decode('0x8840E6C55B9ADA326D211D818C34A994AECED808', 'tron'), 'wrong-encoding', 'EVM form');
  rejected(tronCodec.decode(replaceAt('418840E6C55B9ADA326D211D818C34A994AECED808', 9, 'G'), 'tron'), 'bad-characters', 'hex with G');
  rejected(tronCodec.decode(v, 'ethereum'), 'wrong-encoding', 'chain');
});

// -------------------------------------------------------------------------------------------
// XRP Ledger
// -------------------------------------------------------------------------------------------

// XLS-5d "Tagged Addresses" (XRPLF/XRPL-Standards XLS-0005-tagged-addresses), encoding example
// for the classic address rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf: [tag, mainnet, testnet].
const XLS5D_CLASSIC = 'rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf';
const XLS5D_VECTORS: ReadonlyArray<readonly [number | null, string, string]> = [
  [null, 'XVLhHMPHU98es4dbozjVtdWzVrDjtV5fdx1mHp98tDMoQXb', 'TVE26TYGhfLC7tQDno7G8dGtxSkYQn49b3qD26PK7FcGSKE'],
  [0, 'XVLhHMPHU98es4dbozjVtdWzVrDjtV8AqEL4xcZj5whKbmc', 'TVE26TYGhfLC7tQDno7G8dGtxSkYQnSy8RHqGHoGJ59spi2'],
  [1, 'XVLhHMPHU98es4dbozjVtdWzVrDjtV8xvjGQTYPiAx6gwDC', 'TVE26TYGhfLC7tQDno7G8dGtxSkYQnSz1uDimDdPYXzSpyw'],
  [2, 'XVLhHMPHU98es4dbozjVtdWzVrDjtV8zpDURx7DzBCkrQE7', 'TVE26TYGhfLC7tQDno7G8dGtxSkYQnTryP9tG9TW8GeMBmd'],
  [32, 'XVLhHMPHU98es4dbozjVtdWzVrDjtVoYiC9UvKfjKar4LJe', 'TVE26TYGhfLC7tQDno7G8dGtxSkYQnT2oqaCDzMEuCDAj1j'],
  [276, 'XVLhHMPHU98es4dbozjVtdWzVrDjtVoKj3MnFGMXEFMnvJV', 'TVE26TYGhfLC7tQDno7G8dGtxSkYQnTMgJJYfAbsiPsc6Zg'],
  [65591, 'XVLhHMPHU98es4dbozjVtdWzVrDjtVozpjdhPQVdt3ghaWw', 'TVE26TYGhfLC7tQDno7G8dGtxSkYQn7ryu2W6njw7mT1jmS'],
  [16781933, 'XVLhHMPHU98es4dbozjVtdWzVrDjtVqrDUk2vDpkTjPsY73', 'TVE26TYGhfLC7tQDno7G8dGtxSkYQnVsw45sDtGHhLi27Qa'],
  [4294967294, 'XVLhHMPHU98es4dbozjVtdWzVrDjtV1kAsixQTdMjbWi39u', 'TVE26TYGhfLC7tQDno7G8dGtxSkYQnX8tDFQ53itLNqs6vU'],
  [4294967295, 'XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi', 'TVE26TYGhfLC7tQDno7G8dGtxSkYQnXoy6kSDh6rZzApc69'],
];

// xrpl.org "Addresses", Special Addresses, plus the XLS-5d example account.
const XRPL_CLASSIC = [
  XLS5D_CLASSIC,
  'rrrrrrrrrrrrrrrrrrrrrhoLvTp', // ACCOUNT_ZERO
  'rrrrrrrrrrrrrrrrrrrrBZbvji', // ACCOUNT_ONE
  'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', // genesis account
  'rrrrrrrrrrrrrrrrrNAMEtxvNvQ', // name reservation black hole
  'rrrrrrrrrrrrrrrrrrrn5RM1rHd', // NaN address
];

test('XRP classic addresses (xrpl.org special addresses, XLS-5d example) are valid', () => {
  for (const address of XRPL_CLASSIC) {
    const info = ok(xrpCodec.decode(address, 'xrp'), address);
    assert.deepEqual(info, { chain: 'xrp', type: 'classic', canonical: address, display: address, network: 'mainnet' });
    assert.equal(xrpTag(address), null);
  }
});

test('XLS-5d vectors: mainnet X-addresses decode to the classic address and their tag', () => {
  for (const [tag, mainnet] of XLS5D_VECTORS) {
    const info = ok(xrpCodec.decode(mainnet, 'xrp'), mainnet);
    assert.equal(info.type, 'x-address');
    assert.equal(info.canonical, XLS5D_CLASSIC, 'an X-address compares equal to its classic address');
    assert.equal(info.display, mainnet, 'the display form keeps the tag');
    assert.equal(xrpTag(mainnet), tag);
  }
});

test('XLS-5d vectors: testnet X-addresses are the wrong network', () => {
  for (const [, , testnet] of XLS5D_VECTORS) {
    rejected(xrpCodec.decode(testnet, 'xrp'), 'wrong-network', testnet);
    assert.equal(xrpTag(testnet), null);
  }
});

/** XRP Ledger base58check of `payload`, to build X-addresses the spec forbids. */
function xrplCheck(payload: number[]): string {
  const bytes = Uint8Array.from(payload);
  const sum = sha256(sha256(bytes)).subarray(0, 4);
  return base58xrp.encode(Uint8Array.from([...bytes, ...sum]));
}

test('XLS-5d: reserved and inconsistent flags, unknown prefixes and versions are rejected', () => {
  const accountId = [0xaa, 0x06, 0x6c, 0x98, 0x8c, 0x71, 0x28, 0x15, 0xcc, 0x37, 0xaf, 0x71, 0x47, 0x2b, 0x7c, 0xbb, 0xbd, 0x4e, 0x2a, 0x0a];
  // Sanity: the builder reproduces the spec's tag-2 vector.
  assert.equal(xrplCheck([0x05, 0x44, ...accountId, 1, 2, 0, 0, 0, 0, 0, 0, 0]), XLS5D_VECTORS[3]![1]);
  const cases: Array<[string, number[]]> = [
    ['TAG_64 (reserved)', [0x05, 0x44, ...accountId, 2, 1, 0, 0, 0, 0, 0, 0, 0]],
    ['NO_TAG with tag bytes', [0x05, 0x44, ...accountId, 0, 7, 0, 0, 0, 0, 0, 0, 0]],
    ['TAG_32 with high bytes', [0x05, 0x44, ...accountId, 1, 7, 0, 0, 0, 1, 0, 0, 0]],
    ['unknown flags', [0x05, 0x44, ...accountId, 4, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['unknown prefix', [0x05, 0x45, ...accountId, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['classic with version 1', [0x01, ...accountId]],
  ];
  for (const [what, payload] of cases) rejected(xrpCodec.decode(xrplCheck(payload), 'xrp'), 'bad-version', what);
});

test('XRP: corrupted and malformed addresses are rejected with the reason', () => {
  rejected(xrpCodec.decode(replaceAt(XLS5D_CLASSIC, 10, 'a'), 'xrp'), 'bad-checksum', 'classic, one character off');
  rejected(xrpCodec.decode(replaceAt(XLS5D_VECTORS[3]![1], 20, 'a'), 'xrp'), 'bad-checksum', 'X-address, one character off');
  rejected(xrpCodec.decode(replaceAt(XLS5D_CLASSIC, 10, '0'), 'xrp'), 'bad-characters', 'zero');
  rejected(xrpCodec.decode(replaceAt(XLS5D_CLASSIC, 10, 'l'), 'xrp'), 'bad-characters', 'ell');
  rejected(xrpCodec.decode(XLS5D_CLASSIC.slice(0, 20), 'xrp'), 'bad-length', 'truncated');
  rejected(xrpCodec.decode('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'xrp'), 'bad-checksum', 'a Bitcoin address read in the XRP alphabet');
  rejected(xrpCodec.decode(XLS5D_CLASSIC, 'tron'), 'wrong-encoding', 'chain');
});

// -------------------------------------------------------------------------------------------
// Monero
// -------------------------------------------------------------------------------------------

// docs.getmonero.org "Public address": standard-address.md and integrated-address.md examples.
const XMR_DOC_STANDARD = '4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge';
const XMR_DOC_INTEGRATED = '4LL9oSLmtpccfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2bYXZKKQePHES9khPK';
// monero-project/monero tests/functional_tests/validate_address.py (good and bad addresses),
// plus the donate@getmonero.org OpenAlias subaddress from the same file.
const XMR_MAINNET: ReadonlyArray<readonly [string, string]> = [
  ['standard', XMR_DOC_STANDARD],
  ['integrated', XMR_DOC_INTEGRATED],
  ['standard', '42ey1afDFnn4886T7196doS9GPMzexD9gXpsZJDwVjeRVdFCSoHnv7KPbBeGpzJBzHRCAs9UxqeoyFQMYbqSWYTfJJQAWDm'],
  ['standard', '44Kbx4sJ7JDRDV5aAhLJzQCjDz2ViLRduE3ijDZu3osWKBjMGkV1XPk4pfDUMqt1Aiezvephdqm6YD19GKFD9ZcXVUTp6BW'],
  ['integrated', '4BxSHvcgTwu25WooY4BVmgdcKwZu5EksVZSZkDd6ooxSVVqQ4ubxXkhLF6hEqtw96i9cf3cVfLw8UWe95bdDKfRQeYtPwLm1Jiw7AKt2LY'],
  ['subaddress', '8AsN91rznfkBGTY8psSNkJBg9SZgxxGGRUhGwRptBhgr5XSQ1XzmA9m8QAnoxydecSh5aLJXdrgXwTDMMZ1AuXsN1EX5Mtm'],
  ['subaddress', '86kKnBKFqzCLxtK1Jmx2BkNBDBSMDEVaRYMMyVbeURYDWs8uNGDZURKCA5yRcyMxHzPcmCf1q2fSdhQVcaKsFrtGRsdGfNk'],
  ['subaddress', '888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H'],
];
const XMR_OTHER_NETWORKS = [
  '9ujeXrjzf7bfeK3KZdCqnYaMwZVFuXemPU8Ubw335rj2FN1CdMiWNyFV3ksEfMFvRp9L9qum5UxkP5rN9aLcPxbH1au4WAB',
  '53teqCAESLxeJ1REzGMAat1ZeHvuajvDiXqboEocPaDRRmqWoVPzy46GLo866qRFjbNhfkNckyhST3WEvBviDwpUDd7DSzB',
  'AApMA1VuhiCaHzr5X2KXi2Zc9oJ3VaGjkfChxxpRpxkyKf1NetvbRbQTbFMrGkr85DjnEH7JsBaoUFsgKwZnmtnVWnoB8MDotCsLb7eWwz',
  'BdKg9udkvckC5T58a8Nmtb6BNsgRAxs7uA2D49sWNNX5HPW5Us6Wxu8QMXrnSx3xPBQQ2iu9kwEcRGAoiz6EPmcZKbF62GS',
  'BcFvPa3fT4gVt5QyRDe5Vv7VtUFao9ci8NFEy3r254KF7R1N2cNB5FYhGvrHbMStv4D6VDzZ5xtxeKV8vgEPMnDcNFuwZb9',
  '5K8mwfjumVseCcQEjNbf59Um6R9NfVUNkHTLhhPCmNvgDLVS88YW5tScnm83rw9mfgYtchtDDTW5jEfMhygi27j1QYphX38hg6m4VMtN29',
  '73LhUiix4DVFMcKhsPRG51QmCsv8dYYbL6GcQoLwEEFvPvkVvc7BhebfA4pnEFF9Lq66hwvLqBvpHjTcqvpJMHmmNjPPBqa',
  '7A1Hr63MfgUa8pkWxueD5xBqhQczkusYiCMYMnJGcGmuQxa7aDBxN1G7iCuLCNB3VPeb2TW7U9FdxB27xKkWKfJ8VhUZthF',
];

test('Monero documented and reference-test addresses: standard, integrated, subaddress', () => {
  for (const [type, address] of XMR_MAINNET) {
    const info = ok(moneroCodec.decode(address, 'monero'), address);
    assert.deepEqual(info, { chain: 'monero', type, canonical: address, display: address, network: 'mainnet' });
  }
});

test('Monero testnet and stagenet addresses (validate_address.py) are the wrong network', () => {
  for (const address of XMR_OTHER_NETWORKS) rejected(moneroCodec.decode(address, 'monero'), 'wrong-network', address);
});

test("Monero reference bad addresses and corrupted ones are rejected", () => {
  // validate_address.py bad_addresses
  rejected(moneroCodec.decode('', 'monero'), 'empty', 'empty');
  rejected(moneroCodec.decode('a', 'monero'), 'bad-length', 'a');
  rejected(moneroCodec.decode(' ', 'monero'), 'empty', 'space');
  rejected(moneroCodec.decode('@', 'monero'), 'bad-length', '@');
  rejected(moneroCodec.decode('42ey', 'monero'), 'bad-length', '42ey');
  rejected(
    moneroCodec.decode('42ey1afDFnn4886T7196doS9GPMzexD9gXpsZJDwVjeRVdFCSoHnv7KPbBeGpzJBzHRCAs9UxqeoyFQMYbqSWYTfJJQAWD9', 'monero'),
    'bad-checksum',
    'last character changed',
  );
  // Every single-character change of the documented standard address is caught.
  for (let i = 0; i < XMR_DOC_STANDARD.length; i++) {
    const c = XMR_DOC_STANDARD.charAt(i) === 'a' ? 'b' : 'a';
    const r = moneroCodec.decode(replaceAt(XMR_DOC_STANDARD, i, c), 'monero');
    assert.equal(r.ok, false, `position ${i}`);
  }
  rejected(moneroCodec.decode(replaceAt(XMR_DOC_STANDARD, 40, 'a'), 'monero'), 'bad-checksum', 'spend key changed');
  rejected(moneroCodec.decode(replaceAt(XMR_DOC_INTEGRATED, 100, 'a'), 'monero'), 'bad-checksum', 'payment id changed');
  rejected(moneroCodec.decode('zzzzzzzzzzz' + XMR_DOC_STANDARD.slice(11), 'monero'), 'wrong-encoding', 'block above 2^64');
  rejected(moneroCodec.decode(replaceAt(XMR_DOC_STANDARD, 50, '0'), 'monero'), 'bad-characters', 'zero');
  rejected(moneroCodec.decode(XMR_DOC_STANDARD.slice(0, 94), 'monero'), 'bad-length', 'truncated');
  rejected(moneroCodec.decode(XMR_DOC_STANDARD, 'bitcoin'), 'wrong-encoding', 'chain');
});

// -------------------------------------------------------------------------------------------
// Solana
// -------------------------------------------------------------------------------------------

// Solana docs: the System Program and SPL Token Program ids, and the wrapped-SOL (native) mint.
const SOLANA_DOCUMENTED = [
  '11111111111111111111111111111111',
  'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA',
  'So11111111111111111111111111111111111111112',
];

test('Solana documented program ids are valid; any 32-byte string is an address', () => {
  for (const address of SOLANA_DOCUMENTED) {
    assert.deepEqual(ok(solanaCodec.decode(address, 'solana'), address), {
      chain: 'solana', type: 'account', canonical: address, display: address, network: 'mainnet',
    });
  }
  // No checksum exists: 32 arbitrary bytes (including off-curve ones) are an address.
  for (let seed = 0; seed < 50; seed++) {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => (seed * 131 + i * 17 + (i === 0 ? seed % 3 : 0)) & 0xff);
    ok(solanaCodec.decode(base58.encode(bytes), 'solana'), `seed ${seed}`);
  }
});

test('Solana: wrong length and characters are rejected', () => {
  rejected(solanaCodec.decode(base58.encode(new Uint8Array(31).fill(7)), 'solana'), 'bad-length', '31 bytes');
  rejected(solanaCodec.decode(base58.encode(Uint8Array.from({ length: 33 }, (_, i) => (i === 0 ? 1 : 0))), 'solana'), 'bad-length', '33 bytes');
  rejected(solanaCodec.decode('1' + SOLANA_DOCUMENTED[1]!, 'solana'), 'bad-length', 'a leading 1 is one more (zero) byte');
  rejected(solanaCodec.decode('11' + SOLANA_DOCUMENTED[1]!, 'solana'), 'too-long', '45 characters');
  rejected(solanaCodec.decode(replaceAt(SOLANA_DOCUMENTED[1]!, 3, 'O'), 'solana'), 'bad-characters', 'O');
  rejected(solanaCodec.decode('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'solana'), 'bad-characters', 'EVM');
});

// -------------------------------------------------------------------------------------------
// Bad input, every codec
// -------------------------------------------------------------------------------------------

const CODECS: ReadonlyArray<readonly [AddressCodec, Chain, string]> = [
  [evmCodec, 'ethereum', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
  [tronCodec, 'tron', 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL'],
  [xrpCodec, 'xrp', XLS5D_CLASSIC],
  [moneroCodec, 'monero', XMR_DOC_STANDARD],
  [solanaCodec, 'solana', 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA'],
];

test('bad input: empty, whitespace, 10 KB, embedded whitespace and control characters', () => {
  const tenKb = 'T'.repeat(10 * 1024);
  for (const [codec, chain, valid] of CODECS) {
    rejected(codec.decode('', chain), 'empty', `${chain} empty`);
    rejected(codec.decode('   \t', chain), 'empty', `${chain} whitespace`);
    rejected(codec.decode(tenKb, chain), 'too-long', `${chain} 10 KB`);
    rejected(codec.decode(valid.repeat(300), chain), 'too-long', `${chain} repeated`);
    // Untrimmed input is the caller's job (the contract says trimmed); it is never accepted.
    for (const bad of [` ${valid}`, `${valid}\n`, replaceAt(valid, 5, ' '), replaceAt(valid, 5, '\u0000'), replaceAt(valid, 5, 'é')]) {
      const r = codec.decode(bad, chain);
      assert.equal(r.ok, false, `${chain}: ${JSON.stringify(bad)}`);
    }
  }
});

test('bad input: no input of any shape makes a codec throw', () => {
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff);
  const pool = '0123456789abcdefABCDEFxXrTOIl \u00e9\u0422\uffff\ud800' + 'rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz';
  for (let n = 0; n < 3000; n++) {
    const [codec, chain, valid] = CODECS[n % CODECS.length]!;
    let s: string;
    if (n % 3 === 0) {
      // a valid address with one to three random edits keeps the shape that reaches the decoder
      s = valid;
      for (let k = 0; k <= next() % 3; k++) s = replaceAt(s, next() % s.length, pool.charAt(next() % pool.length));
    } else {
      const length = next() % 120;
      s = '';
      for (let i = 0; i < length; i++) s += pool.charAt(next() % pool.length);
    }
    assert.doesNotThrow(() => codec.decode(s, chain), JSON.stringify(s));
  }
});

// -------------------------------------------------------------------------------------------
// Real data: OFAC SDN wallets
// -------------------------------------------------------------------------------------------

/**
 * OFAC entries that are not addresses of a chain these codecs read, with what they are.
 * Each must still be present in OFAC's data and must still be rejected by the codec its ticker
 * points to, so the list cannot go stale.
 */
const MALFORMED_IN_OFAC: ReadonlyArray<{ ticker: string; address: string; code: AddressRejection['code']; reason: string }> = [
  {
    ticker: 'XMR',
    address: '5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320',
    code: 'bad-length',
    reason: '64 hex digits (32 bytes written in hex: the shape of a Monero transaction id or key), not a base58 Monero address of 95 or 106 characters; listed for KARASAVIDI Dmitrii',
  },
];

/** OFAC entries that are well-formed addresses of chains outside this module (checked here by their own rules). */
const OTHER_CHAIN_IN_OFAC: ReadonlyArray<{ ticker: string; pattern: RegExp; chain: string; check: (address: string) => boolean }> = [
  {
    // USDT on the Omni Layer lives on Bitcoin: base58check with Bitcoin's P2PKH (0x00) or P2SH (0x05) version.
    ticker: 'USDT',
    pattern: /^[13]/,
    chain: 'bitcoin (Omni Layer USDT)',
    check: (address) => {
      const bytes = createBase58check(sha256).decode(address);
      return bytes.length === 21 && (bytes[0] === 0x00 || bytes[0] === 0x05);
    },
  },
  {
    // BNB Beacon Chain (BEP-2, shut down in 2024): bech32 with prefix "bnb" over a 20-byte key hash.
    // Not an EVM address, so neither `bsc` nor any other Sekisho chain reads it.
    ticker: 'BNB',
    pattern: /^bnb1/,
    chain: 'BNB Beacon Chain',
    check: (address) => {
      const { prefix, words } = bech32.decode(address as `${string}1${string}`);
      return prefix === 'bnb' && bech32.fromWords(words).length === 20;
    },
  },
];

const TICKER_CHAIN: Readonly<Record<string, Chain>> = {
  ETH: 'ethereum', ETC: 'ethereum-classic', ARB: 'arbitrum', BSC: 'bsc', BNB: 'bsc',
  TRX: 'tron', XRP: 'xrp', XMR: 'monero', SOL: 'solana',
};
const CODEC_OF: Readonly<Partial<Record<Chain, AddressCodec>>> = {
  ethereum: evmCodec, 'ethereum-classic': evmCodec, arbitrum: evmCodec, bsc: evmCodec,
  tron: tronCodec, xrp: xrpCodec, monero: moneroCodec, solana: solanaCodec,
};

/** The chain an OFAC (ticker, address) belongs to: a token's chain follows its address form. */
function chainOf(ticker: string, address: string): Chain | null {
  if (ticker === 'USDT' || ticker === 'USDC') {
    if (address.startsWith('0x')) return 'ethereum';
    if (address.startsWith('T') || address.startsWith('41')) return 'tron';
    return null;
  }
  return TICKER_CHAIN[ticker] ?? null;
}

interface Tally { valid: number; malformed: number; otherChain: number }

function checkOfacAddresses(pairs: ReadonlyArray<readonly [string, string]>): Map<string, Tally> {
  const tally = new Map<string, Tally>();
  for (const [ticker, address] of pairs) {
    const t = tally.get(ticker) ?? { valid: 0, malformed: 0, otherChain: 0 };
    tally.set(ticker, t);
    const malformed = MALFORMED_IN_OFAC.find((m) => m.ticker === ticker && m.address === address);
    const chain = chainOf(ticker, address);
    if (malformed) {
      rejected(CODEC_OF[chain!]!.decode(address, chain!), malformed.code, `${ticker} ${address}`);
      t.malformed++;
      continue;
    }
    const other = OTHER_CHAIN_IN_OFAC.find((o) => o.ticker === ticker && o.pattern.test(address));
    if (other) {
      assert.ok(other.check(address), `${ticker} ${address} is a well-formed ${other.chain} address`);
      if (chain) assert.equal(CODEC_OF[chain]!.decode(address, chain).ok, false, `${ticker} ${address} is not a ${chain} address`);
      t.otherChain++;
      continue;
    }
    assert.ok(chain, `${ticker} ${address}: no chain for this form`);
    const info = ok(CODEC_OF[chain]!.decode(address, chain), `OFAC ${ticker} ${address}`);
    assert.equal(info.chain, chain);
    if (chain === 'tron' || chain === 'xrp' || chain === 'monero' || chain === 'solana') assert.equal(info.canonical, address);
    else assert.equal(info.canonical, address.toLowerCase());
    t.valid++;
  }
  return tally;
}

const TICKERS = new Set(['ETH', 'ETC', 'USDT', 'USDC', 'ARB', 'BSC', 'BNB', 'TRX', 'XRP', 'XMR', 'SOL']);

test('OFAC SDN 2025-11-19: every account-chain wallet validates or is listed with its reason', () => {
  const rows = parse(readFileSync(sharedPath('chain-analytics/ofac_sdn_crypto_addresses_2025-11-19.csv')), { columns: true }) as Array<{ asset: string; address: string }>;
  const pairs = [...new Map(rows.filter((r) => TICKERS.has(r.asset)).map((r) => [`${r.asset} ${r.address}`, [r.asset, r.address] as const])).values()];
  const tally = checkOfacAddresses(pairs);
  // Counts as published on 2025-11-19 (distinct ticker+address pairs).
  assert.deepEqual(Object.fromEntries(tally), {
    USDT: { valid: 86, malformed: 0, otherChain: 7 },
    ETH: { valid: 77, malformed: 0, otherChain: 0 },
    XRP: { valid: 1, malformed: 0, otherChain: 0 },
    ETC: { valid: 1, malformed: 0, otherChain: 0 },
    XMR: { valid: 7, malformed: 1, otherChain: 0 },
    USDC: { valid: 2, malformed: 0, otherChain: 0 },
    TRX: { valid: 29, malformed: 0, otherChain: 0 },
    ARB: { valid: 1, malformed: 0, otherChain: 0 },
    BSC: { valid: 1, malformed: 0, otherChain: 0 },
    BNB: { valid: 0, malformed: 0, otherChain: 1 },
    SOL: { valid: 1, malformed: 0, otherChain: 0 },
  });
  // The explicit lists name only entries OFAC still publishes.
  for (const m of MALFORMED_IN_OFAC) assert.ok(pairs.some(([t, a]) => t === m.ticker && a === m.address), m.address);
});

test('OFAC via 0xB10C (2024-09-27): every account-chain wallet validates or is listed', () => {
  const dir = 'screening-data/ofac_crypto_0xB10C_2024-09-27';
  const pairs: Array<readonly [string, string]> = [];
  for (const ticker of ['ETH', 'ETC', 'USDT', 'USDC', 'ARB', 'BSC', 'TRX', 'XRP', 'XMR']) {
    const text = readFileSync(sharedPath(`${dir}/sanctioned_addresses_${ticker}.txt`), 'utf8');
    for (const line of text.split('\n')) if (line.trim() !== '') pairs.push([ticker, line.trim()]);
  }
  const tally = checkOfacAddresses(pairs);
  assert.equal(tally.get('ETH')!.valid, 152, 'Tornado Cash contracts (delisted in 2025) included');
  for (const [ticker, t] of tally) assert.ok(t.valid > 0, ticker);
});

test('OFAC: a lower-cased and a checksummed EVM address, a TRON hex and base58 address compare equal', () => {
  const listed = ok(evmCodec.decode('0x983a81ca6FB1e441266D2FbcB7D8E530AC2E05A2', 'ethereum'), 'listed');
  const lowered = ok(evmCodec.decode('0x983a81ca6fb1e441266d2fbcb7d8e530ac2e05a2', 'ethereum'), 'lowered');
  assert.equal(lowered.canonical, listed.canonical);
  assert.equal(lowered.display, '0x983a81ca6FB1e441266D2FbcB7D8E530AC2E05A2');
  const b58 = ok(tronCodec.decode('TWBAPzpPiZarfVsY2BLXeaLhNHurn4wkWG', 'tron'), 'listed TRON');
  const hex = Buffer.from(createBase58check(sha256).decode('TWBAPzpPiZarfVsY2BLXeaLhNHurn4wkWG')).toString('hex');
  assert.equal(ok(tronCodec.decode(hex, 'tron'), 'TRON hex').canonical, b58.canonical);
});
