/**
 * @module addresses/codecs/bitcoin-family
 * Address codec for Bitcoin and the chains that kept its address formats: Base58Check legacy
 * addresses (P2PKH, P2SH) with each chain's version bytes, segwit addresses in bech32 (BIP-173,
 * witness v0) and bech32m (BIP-350, witness v1+), and Bitcoin Cash's CashAddr (bitcoincash.org
 * spec/cashaddr.md). It decides whether a string is a mainnet address of the asked chain, says why
 * not with a stable code, and gives the canonical form a sanctions list is compared on.
 *
 * Version bytes, from each chain's `src/chainparams.cpp` (mainnet; testnet/regtest → 'wrong-network'):
 * - bitcoin/bitcoin: PUBKEY 0, SCRIPT 5, bech32 "bc"; test 111/196, "tb"; regtest "bcrt".
 * - litecoin-project/litecoin: PUBKEY 48, SCRIPT 5 and SCRIPT_ADDRESS2 50, bech32 "ltc";
 *   test 111/196/58, "tltc"; regtest "rltc".
 * - Bitcoin Cash (bitcoincashorg spec), Bitcoin SV: PUBKEY 0, SCRIPT 5 (Bitcoin's); test 111/196.
 * - BTCGPU/BTCGPU (Bitcoin Gold): PUBKEY 38 ("G"), SCRIPT 23 ("A"); test 111/196.
 * - dogecoin/dogecoin: PUBKEY 30 ("D"), SCRIPT 22 ("9"/"A"); test 113/196.
 * - dashpay/dash: PUBKEY 76 ("X"), SCRIPT 16 ("7"); test 140 ("y"), 19 ("8"/"9").
 * - zcash/zcash: two-byte prefixes PUBKEY {0x1C,0xB8} ("t1"), SCRIPT {0x1C,0xBD} ("t3");
 *   test {0x1D,0x25} ("tm"), {0x1C,0xBA} ("t2"). Shielded (zc…, zs1…), unified (u1…) and
 *   TEX (tex1…, ZIP-320) addresses are rejected: this codec reads transparent addresses only.
 * - vergecurrency/verge: PUBKEY 30 ("D"), SCRIPT 33 ("E"); test 115/198, regtest 111/196.
 *
 * Rejection codes, as used here:
 * - 'wrong-network': well-formed, but for a test network of the chain, or carrying another
 *   network's bech32 HRP / CashAddr prefix.
 * - 'bad-version': a Base58Check payload whose version is no network's of the chain; a witness
 *   version above 16; a CashAddr type other than P2PKH/P2SH (or their CashTokens forms).
 * - 'bad-checksum': includes a segwit address whose checksum is valid under the *other* constant
 *   (bech32 where BIP-350 requires bech32m, or the reverse): BIP-350 itself names these
 *   "Invalid checksum (Bech32 instead of Bech32m)", and accepting both would cut the checksum to
 *   29 effective bits.
 * - 'bad-program': witness program rules (BIP-141/BIP-350: 2..40 bytes, v0 exactly 20 or 32),
 *   5→8-bit padding errors, an empty data part.
 * - 'wrong-encoding': an address form this chain does not use (bech32 on Dogecoin, CashAddr on
 *   Bitcoin, Zcash shielded addresses, Litecoin MWEB).
 *
 * Canonical forms: Base58Check as is (base58 is case-sensitive); bech32 lower case; Bitcoin Cash
 * always lower-case CashAddr with the `bitcoincash:` prefix, also for legacy base58 input, so one
 * hash compares equal whichever form a list published.
 *
 * Pure and allocation-light: no regular expressions, no exceptions on any input.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { AddressCodec, AddressRejection, Chain, DecodeResult } from '../types.ts';

type Code = AddressRejection['code'];
type Rejected = { ok: false; rejection: AddressRejection };

const reject = (code: Code, reason: string): Rejected => ({ ok: false, rejection: { code, reason } });

/** Longest input worth looking at: CashAddr with a 512-bit hash and its prefix is 124 characters. */
const MAX_INPUT = 128;

// ---------------------------------------------------------------------------------------------
// Chain parameters
// ---------------------------------------------------------------------------------------------

interface Base58Params {
  /** Version prefix (as an integer: one byte, or two bytes big-endian for Zcash) → type. */
  main: ReadonlyMap<number, 'P2PKH' | 'P2SH'>;
  test: ReadonlySet<number>;
  /** Length of the version prefix in bytes. */
  versionBytes: 1 | 2;
}

interface ChainParams {
  name: string;
  base58: Base58Params;
  /** Segwit HRPs (BIP-173), when the chain has native segwit addresses. */
  segwit?: { main: string; test: readonly string[] };
  cashaddr?: boolean;
}

const BTC_B58: Base58Params = {
  main: new Map([[0x00, 'P2PKH'], [0x05, 'P2SH']]),
  test: new Set([111, 196]),
  versionBytes: 1,
};

const PARAMS: Readonly<Record<string, ChainParams>> = {
  bitcoin: { name: 'Bitcoin', base58: BTC_B58, segwit: { main: 'bc', test: ['tb', 'bcrt'] } },
  litecoin: {
    name: 'Litecoin',
    base58: {
      // 5 is Litecoin's original SCRIPT_ADDRESS ("3…"), still valid next to SCRIPT_ADDRESS2 50 ("M…").
      main: new Map([[48, 'P2PKH'], [50, 'P2SH'], [0x05, 'P2SH']]),
      test: new Set([111, 196, 58]),
      versionBytes: 1,
    },
    segwit: { main: 'ltc', test: ['tltc', 'rltc'] },
  },
  'bitcoin-cash': { name: 'Bitcoin Cash', base58: BTC_B58, cashaddr: true },
  'bitcoin-sv': { name: 'Bitcoin SV', base58: BTC_B58 },
  'bitcoin-gold': {
    name: 'Bitcoin Gold',
    base58: { main: new Map([[38, 'P2PKH'], [23, 'P2SH']]), test: new Set([111, 196]), versionBytes: 1 },
  },
  dogecoin: {
    name: 'Dogecoin',
    base58: { main: new Map([[30, 'P2PKH'], [22, 'P2SH']]), test: new Set([113, 196]), versionBytes: 1 },
  },
  dash: {
    name: 'Dash',
    base58: { main: new Map([[76, 'P2PKH'], [16, 'P2SH']]), test: new Set([140, 19]), versionBytes: 1 },
  },
  zcash: {
    name: 'Zcash',
    base58: {
      main: new Map([[0x1cb8, 'P2PKH'], [0x1cbd, 'P2SH']]),
      test: new Set([0x1d25, 0x1cba]),
      versionBytes: 2,
    },
  },
  verge: {
    name: 'Verge',
    base58: { main: new Map([[30, 'P2PKH'], [33, 'P2SH']]), test: new Set([115, 198, 111, 196]), versionBytes: 1 },
  },
};

const CHAINS_SERVED = [
  'bitcoin', 'litecoin', 'bitcoin-cash', 'bitcoin-sv', 'bitcoin-gold', 'dogecoin', 'dash', 'zcash', 'verge',
] as const satisfies readonly Chain[];

/** Bech32 HRPs of other chains, to say "this is a Bitcoin address" rather than "bad characters". */
const KNOWN_HRPS: ReadonlyMap<string, string> = new Map([
  ['bc', 'Bitcoin'], ['tb', 'Bitcoin testnet'], ['bcrt', 'Bitcoin regtest'],
  ['ltc', 'Litecoin'], ['tltc', 'Litecoin testnet'], ['rltc', 'Litecoin regtest'],
  ['btg', 'Bitcoin Gold'], ['vg', 'Verge'],
]);

// ---------------------------------------------------------------------------------------------
// Base58Check
// ---------------------------------------------------------------------------------------------

const B58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_MAP = new Int8Array(128).fill(-1);
for (let i = 0; i < B58_ALPHABET.length; i++) B58_MAP[B58_ALPHABET.charCodeAt(i)] = i;

/** Base58Check legacy addresses are 25–36 characters; anything much longer is not one. */
const B58_MAX_CHARS = 50;

/**
 * Decodes base58 into bytes, or returns -(index + 1) of the first character outside the
 * alphabet. The caller bounds the input length, so the quadratic loop stays small.
 */
function base58Decode(s: string): Uint8Array | number {
  let zeros = 0;
  while (zeros < s.length && s.charCodeAt(zeros) === 49 /* '1' */) zeros++;
  const size = (((s.length - zeros) * 733) / 1000 + 1) | 0; // log(58) / log(256), rounded up
  const b256 = new Uint8Array(size);
  let length = 0;
  for (let i = zeros; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let carry = c < 128 ? B58_MAP[c]! : -1;
    if (carry < 0) return -i - 1;
    let j = 0;
    for (let k = size - 1; (carry !== 0 || j < length) && k >= 0; k--, j++) {
      carry += 58 * b256[k]!;
      b256[k] = carry & 0xff;
      carry >>= 8;
    }
    length = j;
  }
  const out = new Uint8Array(zeros + length);
  out.set(b256.subarray(size - length), zeros);
  return out;
}

// SHA-256 (FIPS 180-4) for messages of at most 55 bytes, i.e. one 64-byte block: a Base58Check
// payload (21–37 bytes here) and the 32-byte first hash both fit. @noble/hashes computes the same
// values (the tests compare the two) but allocates a hasher per call, which made it most of the
// cost of a base58 validation; this keeps validation well above 200,000 addresses per second.
const SHA256_K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const SHA256_IV = Uint32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const shaW = new Uint32Array(64);
const shaH = new Uint32Array(8);

/** SHA-256 of `msg` (length ≤ 55) into `shaH`. */
function sha256Block(msg: Uint8Array): void {
  const w = shaW;
  const n = msg.length;
  w.fill(0, 0, 16);
  for (let i = 0; i < n; i++) w[i >> 2]! |= msg[i]! << (24 - 8 * (i & 3));
  w[n >> 2]! |= 0x80 << (24 - 8 * (n & 3));
  w[15] = n * 8;
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = SHA256_IV[0]!, b = SHA256_IV[1]!, c = SHA256_IV[2]!, d = SHA256_IV[3]!;
  let e = SHA256_IV[4]!, f = SHA256_IV[5]!, g = SHA256_IV[6]!, h = SHA256_IV[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + SHA256_K[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0;
    d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  shaH[0] = SHA256_IV[0]! + a; shaH[1] = SHA256_IV[1]! + b; shaH[2] = SHA256_IV[2]! + c; shaH[3] = SHA256_IV[3]! + d;
  shaH[4] = SHA256_IV[4]! + e; shaH[5] = SHA256_IV[5]! + f; shaH[6] = SHA256_IV[6]! + g; shaH[7] = SHA256_IV[7]! + h;
}

const shaOut = new Uint8Array(32);

/**
 * The first four bytes of SHA-256(SHA-256(body)) as a big-endian unsigned integer: the
 * Base58Check checksum. Exported for the test that compares it with @noble/hashes.
 */
export function doubleSha256Prefix(body: Uint8Array): number {
  if (body.length > 55) {
    const h = sha256(sha256(body));
    return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
  }
  sha256Block(body);
  for (let i = 0; i < 8; i++) {
    const v = shaH[i]!;
    shaOut[4 * i] = v >>> 24; shaOut[4 * i + 1] = v >>> 16; shaOut[4 * i + 2] = v >>> 8; shaOut[4 * i + 3] = v;
  }
  sha256Block(shaOut);
  return shaH[0]!;
}

const B58_CHECKSUM_FAILED = 0;

/** Verifies the 4-byte double-SHA-256 checksum; returns the payload without it, or 0. */
function base58CheckPayload(raw: Uint8Array): Uint8Array | typeof B58_CHECKSUM_FAILED {
  const n = raw.length;
  const body = raw.subarray(0, n - 4);
  const sum = ((raw[n - 4]! << 24) | (raw[n - 3]! << 16) | (raw[n - 2]! << 8) | raw[n - 1]!) >>> 0;
  return doubleSha256Prefix(body) === sum ? body : B58_CHECKSUM_FAILED;
}

interface Base58Ok { type: 'P2PKH' | 'P2SH'; hash: Uint8Array }

/** The last string decoded: base58 bytes (or the bad character's position) and checked payload. */
const memo: { address: string; raw: Uint8Array | number; payload: Uint8Array | typeof B58_CHECKSUM_FAILED } = { address: '', raw: -1, payload: B58_CHECKSUM_FAILED };

function decodeBase58Address(address: string, p: ChainParams): Base58Ok | Rejected {
  if (address.length > B58_MAX_CHARS) {
    return reject('bad-length', `${address.length} characters is too long for a ${p.name} Base58Check address (at most 36).`);
  }
  // validate() asks several chains about one string in a row: decode and hash it once.
  if (address !== memo.address) {
    const decoded = base58Decode(address);
    memo.address = address;
    memo.raw = decoded;
    memo.payload = typeof decoded === 'number' || decoded.length < 5 ? B58_CHECKSUM_FAILED : base58CheckPayload(decoded);
  }
  const raw = memo.raw;
  if (typeof raw === 'number') {
    const at = -raw - 1;
    return reject('bad-characters', `character '${address.charAt(at)}' at position ${at + 1} is not in the base58 alphabet.`);
  }
  const vlen = p.base58.versionBytes;
  if (raw.length < vlen + 4) return reject('bad-length', 'too short for a Base58Check address.');
  const payload = memo.payload;
  if (payload === B58_CHECKSUM_FAILED) {
    return reject('bad-checksum', 'the Base58Check checksum (double SHA-256) does not match: a character is wrong or missing.');
  }
  const version = vlen === 1 ? payload[0]! : (payload[0]! << 8) | payload[1]!;
  const hex = version.toString(16).padStart(vlen * 2, '0');
  const type = p.base58.main.get(version);
  if (type === undefined) {
    if (p.base58.test.has(version)) {
      return reject('wrong-network', `version 0x${hex} is a ${p.name} testnet/regtest address, not mainnet.`);
    }
    const other = foreignVersion(version, vlen);
    return reject('bad-version', `version 0x${hex} is not a ${p.name} address version${other ? ` (it is ${other})` : ''}.`);
  }
  if (payload.length !== vlen + 20) {
    return reject('bad-length', `a ${p.name} ${type} address carries a 20-byte hash; this one carries ${payload.length - vlen}.`);
  }
  return { type, hash: payload.subarray(vlen) };
}

/** Names the chain a foreign version byte belongs to, for a reason an officer can act on. */
function foreignVersion(version: number, vlen: 1 | 2): string | undefined {
  if (vlen === 2) return undefined;
  switch (version) {
    case 0x00: return 'a Bitcoin/Bitcoin Cash/Bitcoin SV P2PKH version';
    case 0x05: return 'a Bitcoin-style P2SH version';
    case 48: return "Litecoin's P2PKH version";
    case 50: return "Litecoin's P2SH version";
    case 30: return "Dogecoin's and Verge's P2PKH version";
    case 22: return "Dogecoin's P2SH version";
    case 76: return "Dash's P2PKH version";
    case 16: return "Dash's P2SH version";
    case 38: return "Bitcoin Gold's P2PKH version";
    case 23: return "Bitcoin Gold's P2SH version";
    case 0x1c: return "the first byte of a Zcash two-byte prefix";
    case 0x41: return "TRON's version";
    default: return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Bech32 / bech32m (BIP-173, BIP-350)
// ---------------------------------------------------------------------------------------------

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
/** Character code (lower case) → 5-bit value, -1 when not in the charset. */
const BECH32_MAP = new Int8Array(128).fill(-1);
for (let i = 0; i < 32; i++) BECH32_MAP[BECH32_CHARSET.charCodeAt(i)] = i;

const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
const BECH32_GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;

function bech32PolymodStep(chk: number, v: number): number {
  const b = chk >>> 25;
  chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
  if (b & 1) chk ^= BECH32_GEN[0];
  if (b & 2) chk ^= BECH32_GEN[1];
  if (b & 4) chk ^= BECH32_GEN[2];
  if (b & 8) chk ^= BECH32_GEN[3];
  if (b & 16) chk ^= BECH32_GEN[4];
  return chk >>> 0;
}

/** A string that passed the bech32 or bech32m checksum (BIP-173 §Bech32, BIP-350 §Bech32m). */
export interface Bech32String {
  ok: true;
  encoding: 'bech32' | 'bech32m';
  /** Lower-case HRP and the 5-bit data values without the 6 checksum values. */
  hrp: string;
  data: Uint8Array;
  lower: string;
}

/**
 * Checks a string against the generic Bech32/Bech32m rules (BIP-173, BIP-350): length ≤ 90,
 * characters 33–126, one case, a non-empty HRP, a separator '1', at least 6 checksum characters
 * from the charset, and a checksum equal to 1 (bech32) or 0x2bc830a3 (bech32m). Never throws.
 */
export function bech32Decode(s: string): Bech32String | Rejected {
  if (s.length > 90) return reject('too-long', `${s.length} characters; bech32 strings are at most 90 (BIP-173).`);
  let hasLower = false;
  let hasUpper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 33 || c > 126) {
      return reject('bad-characters', `character code ${c} at position ${i + 1} is outside the printable US-ASCII range bech32 allows.`);
    }
    if (c >= 97 && c <= 122) hasLower = true;
    else if (c >= 65 && c <= 90) hasUpper = true;
  }
  if (hasLower && hasUpper) return reject('mixed-case', 'bech32 addresses are all lower case or all upper case, never mixed (BIP-173).');
  const lower = hasUpper ? s.toLowerCase() : s;
  const pos = lower.lastIndexOf('1');
  if (pos < 0) return reject('wrong-encoding', "no separator '1': not a bech32 string.");
  if (pos === 0) return reject('bad-length', 'the human-readable part before the separator is empty (BIP-173).');
  if (pos + 7 > lower.length) return reject('bad-length', 'fewer than 6 characters after the separator: the checksum is too short (BIP-173).');
  const hrp = lower.slice(0, pos);
  let chk = 1;
  for (let i = 0; i < pos; i++) chk = bech32PolymodStep(chk, lower.charCodeAt(i) >> 5);
  chk = bech32PolymodStep(chk, 0);
  for (let i = 0; i < pos; i++) chk = bech32PolymodStep(chk, lower.charCodeAt(i) & 31);
  const n = lower.length - pos - 1;
  const values = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(pos + 1 + i);
    const v = BECH32_MAP[c]!; // c ≤ 126 was checked above
    if (v < 0) {
      return reject('bad-characters', `character '${lower.charAt(pos + 1 + i)}' at position ${pos + 2 + i} is not in the bech32 charset.`);
    }
    values[i] = v;
    chk = bech32PolymodStep(chk, v);
  }
  const encoding = chk === BECH32_CONST ? 'bech32' : chk === BECH32M_CONST ? 'bech32m' : undefined;
  if (encoding === undefined) {
    return reject('bad-checksum', 'the bech32/bech32m checksum does not match: a character is wrong, missing or swapped.');
  }
  return { ok: true, encoding, hrp, data: values.subarray(0, n - 6), lower };
}

/** Converts 5-bit groups to bytes without padding (BIP-173 decoding rules). */
function fiveToEight(data: Uint8Array, from: number): Uint8Array | string {
  const out = new Uint8Array((((data.length - from) * 5) / 8) | 0);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = from; i < data.length; i++) {
    acc = ((acc << 5) | data[i]!) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits >= 5) return 'more than 4 bits of padding';
  if ((acc << (8 - bits)) & 0xff) return 'non-zero padding bits';
  return out;
}

interface SegwitOk { type: string; canonical: string }

function decodeSegwit(address: string, p: ChainParams & { segwit: NonNullable<ChainParams['segwit']> }): SegwitOk | Rejected {
  const b = bech32Decode(address);
  if (!b.ok) return b;
  const { data, encoding, hrp, lower } = b;
  // Checks in the order of BIP-350's reference decoder, so each vector fails for its stated reason.
  if (data.length === 0) return reject('bad-program', 'the data part is empty: no witness version or program (BIP-173).');
  const version = data[0]!;
  const program = fiveToEight(data, 1);
  if (typeof program === 'string') return reject('bad-program', `the witness program has ${program} (BIP-173).`);
  if (program.length < 2 || program.length > 40) {
    return reject('bad-program', `a witness program is 2 to 40 bytes (BIP-141, BIP-350); this one is ${program.length}.`);
  }
  if (version > 16) return reject('bad-version', `witness version ${version} is above 16 (BIP-173).`);
  if (version === 0 && program.length !== 20 && program.length !== 32) {
    return reject('bad-program', `a version 0 witness program is 20 or 32 bytes (BIP-141); this one is ${program.length}.`);
  }
  const wanted = version === 0 ? 'bech32' : 'bech32m';
  if (encoding !== wanted) {
    // BIP-350: v0 uses bech32, v1..v16 bech32m; a checksum under the other constant is invalid.
    return reject('bad-checksum', `witness version ${version} must use ${wanted} (BIP-350), but the checksum is ${encoding}.`);
  }
  if (hrp !== p.segwit.main) {
    if (p.segwit.test.includes(hrp)) {
      return reject('wrong-network', `'${hrp}' is a ${p.name} test network prefix; mainnet addresses start with '${p.segwit.main}1'.`);
    }
    const other = KNOWN_HRPS.get(hrp);
    return reject('wrong-network', `human-readable part '${hrp}' is ${other ? `a ${other} address` : 'not a known network'}, not ${p.name} ('${p.segwit.main}').`);
  }
  const type = version === 0 ? (program.length === 20 ? 'P2WPKH' : 'P2WSH')
    : version === 1 && program.length === 32 ? 'P2TR' : `witness-v${version}`;
  return { type, canonical: lower };
}

// ---------------------------------------------------------------------------------------------
// CashAddr (bitcoincash.org spec/cashaddr.md)
// ---------------------------------------------------------------------------------------------

/** The 40-bit generator of the CashAddr BCH code, split into high 8 and low 32 bits. */
const CASH_GEN_HI = [0x98, 0x79, 0xf3, 0xae, 0x1e] as const;
const CASH_GEN_LO = [0xf2bc8e61, 0xb76d99e2, 0x3e5fb3c4, 0x2eabe2a8, 0x4f43e470] as const;

/** PolyMod over the prefix's low 5 bits, a zero, and the payload values; 1 (before the final ^1) means valid. */
function cashPolymod(prefix: string, values: Uint8Array, tail: number): { hi: number; lo: number } {
  let hi = 0;
  let lo = 1;
  const step = (d: number): void => {
    const c0 = hi >>> 3;
    hi = ((hi & 0x07) << 5) | (lo >>> 27);
    lo = (((lo & 0x07ffffff) << 5) | d) >>> 0;
    for (let k = 0; k < 5; k++) {
      if ((c0 >>> k) & 1) {
        hi ^= CASH_GEN_HI[k]!;
        lo = (lo ^ CASH_GEN_LO[k]!) >>> 0;
      }
    }
  };
  for (let i = 0; i < prefix.length; i++) step(prefix.charCodeAt(i) & 31);
  step(0);
  for (let i = 0; i < values.length; i++) step(values[i]!);
  for (let i = 0; i < tail; i++) step(0);
  return { hi, lo };
}

function cashChecksumOk(prefix: string, values: Uint8Array): boolean {
  const { hi, lo } = cashPolymod(prefix, values, 0);
  return hi === 0 && lo === 1;
}

/** Hash sizes in bytes by the version byte's 3 size bits (spec table "Size bits"). */
const CASH_HASH_SIZES = [20, 24, 28, 32, 40, 48, 56, 64] as const;

/**
 * Encodes a mainnet CashAddr (`bitcoincash:` prefix) from its type (0 P2PKH, 1 P2SH, 2/3 their
 * CashTokens forms) and a hash of one of the spec's sizes (20, 24, 28, 32, 40, 48, 56, 64 bytes).
 *
 * @example
 * encodeCashAddr(0, hash160) // 'bitcoincash:q…'
 */
export function encodeCashAddr(type: number, hash: Uint8Array): string {
  return cashAddrEncode(type, hash);
}

function cashAddrEncode(type: number, hash: Uint8Array): string {
  const sizeBits = CASH_HASH_SIZES.indexOf(hash.length as (typeof CASH_HASH_SIZES)[number]);
  const bytes = new Uint8Array(1 + hash.length);
  bytes[0] = (type << 3) | sizeBits;
  bytes.set(hash, 1);
  const values = new Uint8Array(Math.ceil((bytes.length * 8) / 5));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    acc = ((acc << 8) | bytes[i]!) & 0x1fff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      values[o++] = (acc >> bits) & 31;
    }
  }
  if (bits > 0) values[o++] = (acc << (5 - bits)) & 31;
  const { hi, lo } = cashPolymod(CASH_PREFIX, values, 8);
  // PolyMod(...) ^ 1, split into eight 5-bit groups, most significant first.
  const loX = (lo ^ 1) >>> 0;
  let out = `${CASH_PREFIX}:`;
  for (let i = 0; i < values.length; i++) out += BECH32_CHARSET[values[i]!];
  for (let i = 7; i >= 0; i--) {
    const shift = i * 5;
    // 40-bit value = hi * 2^32 + loX; extract bits [shift, shift+5).
    const v = shift >= 32 ? (hi >>> (shift - 32)) & 31
      : shift + 5 <= 32 ? (loX >>> shift) & 31
      : ((loX >>> shift) | (hi << (32 - shift))) & 31;
    out += BECH32_CHARSET[v];
  }
  return out;
}

/**
 * Whether `prefix:payload` carries a valid CashAddr checksum, whatever its payload means (the
 * spec's checksum test vectors). Mixed case, a missing prefix or a character outside the
 * charset make it false. Never throws.
 */
export function cashAddrChecksumOk(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower !== address && address.toUpperCase() !== address) return false;
  const colon = lower.indexOf(':');
  if (colon < 1 || lower.length > MAX_INPUT * 4) return false;
  const body = lower.slice(colon + 1);
  if (body.length < 8) return false;
  const values = new Uint8Array(body.length);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? BECH32_MAP[c]! : -1;
    if (v < 0) return false;
    values[i] = v;
  }
  return cashChecksumOk(lower.slice(0, colon), values);
}

const CASH_PREFIX = 'bitcoincash';
const CASH_TEST_PREFIXES = ['bchtest', 'bchreg'] as const;

interface CashOk { type: string; canonical: string; display: string }

function decodeCashAddr(address: string): CashOk | Rejected {
  let hasLower = false;
  let hasUpper = false;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c >= 97 && c <= 122) hasLower = true;
    else if (c >= 65 && c <= 90) hasUpper = true;
  }
  if (hasLower && hasUpper) return reject('mixed-case', 'CashAddr addresses are all lower case or all upper case, never mixed (cashaddr spec).');
  const lower = hasUpper ? address.toLowerCase() : address;
  const colon = lower.indexOf(':');
  const given = colon >= 0 ? lower.slice(0, colon) : undefined;
  const body = colon >= 0 ? lower.slice(colon + 1) : lower;
  if (given === '') return reject('bad-length', "empty prefix before ':'.");
  if (body.indexOf(':') >= 0) return reject('bad-characters', "more than one ':' (a CashAddr must not be double-prefixed).");
  if (body.length < 8 + 2) return reject('bad-length', 'too short for a CashAddr payload and its 8-character checksum.');
  const values = new Uint8Array(body.length);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? BECH32_MAP[c]! : -1;
    if (v < 0) return reject('bad-characters', `character '${body.charAt(i)}' is not in the CashAddr base32 charset.`);
    values[i] = v;
  }
  let prefix: string;
  if (given !== undefined) {
    if (!cashChecksumOk(given, values)) {
      return reject('bad-checksum', 'the CashAddr checksum does not match: a character is wrong, missing or swapped.');
    }
    prefix = given;
  } else if (cashChecksumOk(CASH_PREFIX, values)) {
    prefix = CASH_PREFIX;
  } else {
    // The prefix is part of the checksum, so a prefix-less testnet address fails under 'bitcoincash'.
    const test = CASH_TEST_PREFIXES.find((t) => cashChecksumOk(t, values));
    if (test === undefined) {
      return reject('bad-checksum', 'the CashAddr checksum does not match under the bitcoincash prefix: a character is wrong, missing or swapped.');
    }
    prefix = test;
  }
  // Payload values → bytes; padding must be under 5 bits and zero (spec: ConvertBits without padding).
  const bytes = fiveToEight(values.subarray(0, values.length - 8), 0);
  if (typeof bytes === 'string') return reject('bad-length', `the CashAddr payload has ${bytes}.`);
  const version = bytes[0]!;
  if (version & 0x80) return reject('bad-version', 'the CashAddr type byte has its reserved high bit set.');
  const typeBits = (version >> 3) & 0x0f;
  // Type 0 P2PKH, 1 P2SH (spec); 2 and 3 are the CashTokens "token-aware" forms of the same
  // locking scripts (CHIP-2022-02), so they share the canonical form of types 0 and 1.
  if (typeBits > 3) return reject('bad-version', `CashAddr type ${typeBits} is not a payment address type (0 P2PKH, 1 P2SH).`);
  const hashSize = CASH_HASH_SIZES[version & 7]!;
  if (bytes.length - 1 !== hashSize) {
    return reject('bad-length', `the size bits announce a ${hashSize * 8}-bit hash, but the payload carries ${(bytes.length - 1) * 8} bits.`);
  }
  if (prefix !== CASH_PREFIX) {
    const isTest = (CASH_TEST_PREFIXES as readonly string[]).includes(prefix);
    return reject('wrong-network', isTest
      ? `'${prefix}' is a Bitcoin Cash test network prefix; mainnet addresses use 'bitcoincash:'.`
      : `prefix '${prefix}' is not Bitcoin Cash mainnet's 'bitcoincash'.`);
  }
  const base = typeBits & 1;
  const type = (base === 0 ? 'P2PKH' : 'P2SH') + (hashSize === 20 ? '' : `-${hashSize * 8}`);
  const hash = bytes.subarray(1);
  const plain = `${CASH_PREFIX}:${body}`;
  const canonical = typeBits === base ? plain : cashAddrEncode(base, hash);
  return { type, canonical, display: plain };
}

// ---------------------------------------------------------------------------------------------
// The codec
// ---------------------------------------------------------------------------------------------

function startsWithCI(s: string, lowerPrefix: string): boolean {
  if (s.length < lowerPrefix.length) return false;
  for (let i = 0; i < lowerPrefix.length; i++) {
    // ASCII case fold: prefixes here are lower-case letters and digits (digits already have 0x20).
    if ((s.charCodeAt(i) | 0x20) !== lowerPrefix.charCodeAt(i)) return false;
  }
  return true;
}

/** The HRP of a string that starts like a segwit address of a chain we know, else undefined. */
function knownHrp(s: string): string | undefined {
  for (const hrp of KNOWN_HRPS.keys()) if (startsWithCI(s, `${hrp}1`)) return hrp;
  return undefined;
}

/** Zcash address forms this codec does not read, with why. */
const ZCASH_NON_TRANSPARENT: readonly (readonly [string, string])[] = [
  ['zs1', 'a Sapling shielded address'],
  ['ztestsapling1', 'a Sapling shielded testnet address'],
  ['zc', 'a Sprout shielded address'],
  ['zt', 'a Sprout shielded testnet address'],
  ['u1', 'a unified address'],
  ['utest1', 'a unified testnet address'],
  ['tex1', 'a TEX address (ZIP-320)'],
  ['textest1', 'a TEX testnet address (ZIP-320)'],
];

function decodeFor(address: string, chain: Chain, p: ChainParams): DecodeResult {
  if (p.segwit !== undefined) {
    const hrp = knownHrp(address);
    if (hrp !== undefined || looksBech32(address)) {
      const r = decodeSegwit(address, p as ChainParams & { segwit: NonNullable<ChainParams['segwit']> });
      if ('ok' in r) return r;
      return { ok: true, info: { chain, type: r.type, canonical: r.canonical, display: r.canonical, network: 'mainnet' } };
    }
  } else {
    const hrp = knownHrp(address);
    if (hrp !== undefined) {
      return reject('wrong-encoding', `this is a bech32 ${KNOWN_HRPS.get(hrp)} address; ${p.name} addresses are Base58Check${p.cashaddr ? ' or CashAddr' : ''}.`);
    }
  }
  if (p.cashaddr) {
    const first = address.charCodeAt(0) | 0x20;
    // Legacy base58 Bitcoin Cash addresses start with '1' or '3'; CashAddr payloads with q/p (or z/r).
    if (address.indexOf(':') >= 0 || first === 113 || first === 112 || first === 122 || first === 114) {
      const r = decodeCashAddr(address);
      if ('ok' in r) return r;
      return { ok: true, info: { chain, type: r.type, canonical: r.canonical, display: r.display, network: 'mainnet' } };
    }
  } else if (address.indexOf(':') >= 0) {
    return reject('wrong-encoding', `a prefixed (CashAddr-style) address; ${p.name} addresses are Base58Check${p.segwit ? ' or bech32' : ''}.`);
  }
  const r = decodeBase58Address(address, p);
  if ('ok' in r) return r;
  if (chain === 'bitcoin-cash') {
    const canonical = cashAddrEncode(r.type === 'P2PKH' ? 0 : 1, r.hash);
    return { ok: true, info: { chain, type: r.type, canonical, display: canonical, network: 'mainnet' } };
  }
  return { ok: true, info: { chain, type: r.type, canonical: address, display: address, network: 'mainnet' } };
}

/**
 * Whether a string could be a bech32 address with an HRP we do not know (e.g. BIP-173's "tc1…"):
 * a letters-only HRP, a '1' separator, at least 6 bech32 characters after it, all in one case.
 * Base58 addresses are practically never single-case, so they are not taken for bech32.
 */
function looksBech32(s: string): boolean {
  const pos = s.lastIndexOf('1');
  if (pos < 1 || s.length - pos - 1 < 6) return false;
  let hasLower = false;
  let hasUpper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) hasLower = true;
    else if (c >= 65 && c <= 90) hasUpper = true;
    else if (i < pos) return false;
    if (i > pos) {
      const l = c | 0x20;
      if (l > 127 || BECH32_MAP[l]! < 0) return false;
    }
  }
  return !(hasLower && hasUpper);
}

/** Address forms a chain has that this codec does not read, recognised by prefix at any length. */
function unsupportedForm(address: string, chain: Chain): Rejected | undefined {
  if (address.length > 1024) return undefined;
  if (chain === 'zcash') {
    for (const [prefix, what] of ZCASH_NON_TRANSPARENT) {
      // Sprout "zc…" addresses are 95 characters; a short "zc…" string is just a bad address.
      if (startsWithCI(address, prefix) && !(prefix.length === 2 && prefix !== 'u1' && address.length < 60)) {
        return reject('wrong-encoding', `${what}: only transparent Zcash addresses (t1…, t3…) can be screened by address.`);
      }
    }
  }
  if (chain === 'litecoin' && (startsWithCI(address, 'ltcmweb1') || startsWithCI(address, 'tmweb1'))) {
    return reject('wrong-encoding', 'a Litecoin MWEB stealth address: its outputs are not visible on chain, so this codec does not read it.');
  }
  return undefined;
}

/**
 * The codec for Bitcoin and its address-compatible relatives.
 *
 * @example
 * bitcoinFamilyCodec.decode('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'bitcoin');
 * // → ok, type 'P2WPKH', canonical 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'
 * bitcoinFamilyCodec.decode('1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu', 'bitcoin-cash');
 * // → ok, canonical 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a'
 */
export const bitcoinFamilyCodec: AddressCodec = {
  chains: CHAINS_SERVED,
  decode(address: string, chain: Chain): DecodeResult {
    try {
      if (typeof address !== 'string' || address.length === 0) return reject('empty', 'no address given.');
      const unsupported = unsupportedForm(address, chain);
      if (unsupported !== undefined) return unsupported;
      if (address.length > MAX_INPUT) {
        return reject('too-long', `${address.length} characters; no ${chain} address is longer than ${MAX_INPUT}.`);
      }
      for (let i = 0; i < address.length; i++) {
        const c = address.charCodeAt(i);
        if (c <= 32 || c >= 127) {
          return reject('bad-characters', c <= 32 || c === 127
            ? `whitespace or a control character at position ${i + 1}; addresses contain none.`
            : `non-ASCII character '${address.charAt(i)}' at position ${i + 1}; addresses are ASCII.`);
        }
      }
      const p = PARAMS[chain];
      if (p === undefined) return reject('wrong-network', `the bitcoin-family codec does not decode ${chain} addresses.`);
      return decodeFor(address, chain, p);
    } catch (err) {
      // Defensive: nothing above should throw, but a screen must get a verdict, never a crash.
      return reject('bad-characters', `could not be decoded (${err instanceof Error ? err.message : 'unknown error'}).`);
    }
  },
};
