/**
 * @module addresses/codecs/accounts
 * Address codecs of the account-model chains: EVM (EIP-55), TRON (base58check, version 0x41),
 * XRP Ledger (classic addresses and XLS-5d X-addresses), Monero (standard, integrated,
 * subaddress) and Solana. Each is an {@link AddressCodec}: `decode` never throws, it answers
 * with the address's type, canonical form (for comparison) and display form, or with a stable
 * rejection code and a sentence the compliance officer can act on.
 *
 * Base58 is decoded here rather than through @scure/base: a decoder that knows its alphabet
 * table and its byte budget rejects a bad character or an over-long value with a reason instead
 * of an exception, and never does quadratic work on a hostile 10 KB string (lengths are checked
 * before any decoding). Hashes come from @noble/hashes (keccak-256, SHA-256).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { AddressCodec, AddressInfo, AddressRejection, Chain, DecodeResult } from '../types.ts';

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

function reject(code: AddressRejection['code'], reason: string): DecodeResult {
  return { ok: false, rejection: { code, reason } };
}

function accept(info: AddressInfo): DecodeResult {
  return { ok: true, info };
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0xfeff || code === 0x2028 || code === 0x2029 || (code >= 0x2000 && code <= 0x200a) || code === 0x3000;
}

/**
 * The checks every codec makes first, cheapest first: empty, only whitespace, longer than any
 * address of the chain (so a 10 KB string costs one comparison).
 */
function precheck(address: string, maxLength: number, what: string): DecodeResult | null {
  if (address.length === 0) return reject('empty', `The ${what} is empty.`);
  if (isWhitespace(address.charCodeAt(0)) && address.trim() === '') {
    return reject('empty', `The ${what} contains only whitespace.`);
  }
  if (address.length > maxLength) {
    return reject('too-long', `The ${what} has ${address.length} characters; no such address is longer than ${maxLength}.`);
  }
  return null;
}

function describeChar(address: string, index: number): string {
  const code = address.charCodeAt(index);
  const shown = isWhitespace(code) ? 'whitespace' : code < 0x20 || code === 0x7f ? `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `"${address.charAt(index)}"`;
  return `${shown} at position ${index + 1}`;
}

/** Maps an alphabet to a 128-entry table of digit values, -1 for characters outside it. */
function digitTable(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

/** Index of the first character outside `table`, or -1. */
function firstBadChar(s: string, table: Int8Array, from = 0): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || table[c]! < 0) return i;
  }
  return -1;
}

const HEX_DIGITS = digitTable('0123456789abcdef');
for (let i = 0; i < 6; i++) HEX_DIGITS[0x41 + i] = 10 + i; // A-F

function hexToBytes(s: string, from: number, out: Uint8Array): void {
  for (let i = 0; i < out.length; i++) {
    out[i] = (HEX_DIGITS[s.charCodeAt(from + 2 * i)]! << 4) | HEX_DIGITS[s.charCodeAt(from + 2 * i + 1)]!;
  }
}

/** Double SHA-256 checksum (Bitcoin's base58check, used by TRON and the XRP Ledger): 4 bytes. */
function checksumMatches(bytes: Uint8Array): boolean {
  const n = bytes.length - 4;
  const h = sha256(sha256(bytes.subarray(0, n)));
  return h[0] === bytes[n] && h[1] === bytes[n + 1] && h[2] === bytes[n + 2] && h[3] === bytes[n + 3];
}

// ---------------------------------------------------------------------------------------------
// Base58 (Bitcoin's scheme over any 58-character alphabet)
// ---------------------------------------------------------------------------------------------

const BITCOIN_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** The XRP Ledger's own ordering of the same kind of alphabet (xrpl.org, base58 encodings). */
const XRPL_ALPHABET = 'rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz';
const BITCOIN_DIGITS = digitTable(BITCOIN_ALPHABET);
const XRPL_DIGITS = digitTable(XRPL_ALPHABET);

/**
 * Decodes base58 text (all characters already checked against `table`) to its bytes: each
 * leading zero digit is one zero byte, the rest is a big-endian number. Returns null when the
 * result would exceed `maxBytes`, so the work is bounded by the caller's budget.
 */
function base58Decode(s: string, table: Int8Array, maxBytes: number): Uint8Array | null {
  let zeros = 0;
  while (zeros < s.length && table[s.charCodeAt(zeros)] === 0) zeros++;
  if (zeros > maxBytes) return null;
  const buf = new Uint8Array(maxBytes);
  let used = 0; // bytes of `buf` (from the end) the number occupies so far
  for (let i = zeros; i < s.length; i++) {
    let carry = table[s.charCodeAt(i)]!;
    let j = 0;
    for (; j < used || carry !== 0; j++) {
      if (j >= maxBytes) return null;
      const k = maxBytes - 1 - j;
      carry += buf[k]! * 58;
      buf[k] = carry & 0xff;
      carry >>>= 8;
    }
    used = j;
  }
  const length = zeros + used;
  if (length > maxBytes) return null;
  const out = new Uint8Array(length);
  out.set(buf.subarray(maxBytes - used), zeros);
  return out;
}

function base58Encode(bytes: Uint8Array, alphabet: string): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = alphabet.charAt(0).repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += alphabet.charAt(digits[i]!);
  return out;
}

/** Base58check: payload + first 4 bytes of SHA-256(SHA-256(payload)). */
function base58CheckEncode(payload: Uint8Array, alphabet: string): string {
  const h = sha256(sha256(payload));
  const full = new Uint8Array(payload.length + 4);
  full.set(payload);
  full.set(h.subarray(0, 4), payload.length);
  return base58Encode(full, alphabet);
}

// ---------------------------------------------------------------------------------------------
// EVM: EIP-55 mixed-case checksum
// ---------------------------------------------------------------------------------------------

const EVM_CHAINS = ['ethereum', 'ethereum-classic', 'bsc', 'arbitrum', 'polygon'] as const satisfies readonly Chain[];

/**
 * EIP-55: upper-case the i-th hex letter when the i-th nibble of keccak-256 over the lower-case
 * hex text (as ASCII) is 8 or more. `lowerBody` is the 40 lower-case hex digits.
 */
function eip55(lowerBody: string): string {
  const ascii = new Uint8Array(40);
  for (let i = 0; i < 40; i++) ascii[i] = lowerBody.charCodeAt(i);
  const hash = keccak_256(ascii);
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const c = lowerBody.charCodeAt(i);
    const nibble = i % 2 === 0 ? hash[i >> 1]! >> 4 : hash[i >> 1]! & 0x0f;
    out += c >= 0x61 && nibble >= 8 ? String.fromCharCode(c - 0x20) : lowerBody.charAt(i);
  }
  return out;
}

/**
 * EVM account addresses (EOA or contract): `0x` + 40 hex digits, the same form on every
 * EVM chain (Ethereum, Ethereum Classic, BNB Smart Chain, Arbitrum, Polygon).
 *
 * EIP-55: an address whose letters are all lower-case or all upper-case carries no checksum
 * and is accepted as is; a mixed-case address must match its EIP-55 checksum exactly, else
 * `bad-checksum`. Canonical: lower-case with `0x` (a lower-cased and a checksummed address
 * compare equal). Display: the EIP-55 form. Network: the encoding names none; `mainnet`.
 *
 * Speed: keccak-256 costs more than the rest of the check together, so it runs only when the
 * input is mixed-case (to verify it); for a single-case input the EIP-55 display form is
 * computed on first read of `info.display` (a getter, remembered afterwards).
 *
 * @example
 * evmCodec.decode('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'ethereum');
 * // { ok: true, info: { chain: 'ethereum', type: 'account',
 * //   canonical: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
 * //   display: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'mainnet' } }
 */
export const evmCodec: AddressCodec = {
  chains: EVM_CHAINS,
  decode(address: string, chain: Chain): DecodeResult {
    if (!(EVM_CHAINS as readonly Chain[]).includes(chain)) {
      return reject('wrong-encoding', `The EVM codec reads addresses of ${EVM_CHAINS.join(', ')}, not ${chain}.`);
    }
    const early = precheck(address, 42, 'EVM address');
    if (early) return early;
    const c0 = address.charCodeAt(0);
    const c1 = address.charCodeAt(1);
    if (c0 !== 0x30 || c1 !== 0x78) {
      if (c0 === 0x30 && c1 === 0x58) {
        return reject('wrong-encoding', 'An EVM address starts with a lower-case "0x"; this one starts with "0X".');
      }
      if (address.length === 40 && firstBadChar(address, HEX_DIGITS) === -1) {
        return reject('wrong-encoding', 'This is 40 hex digits without the "0x" prefix an EVM address starts with.');
      }
      if (address.length === 42 && (c0 === 0x34 || c0 === 0x54) && address.charCodeAt(1) === 0x31) {
        return reject('wrong-encoding', 'This is a TRON hex address (41 + 40 hex digits), not an EVM address.');
      }
      return reject('wrong-encoding', 'An EVM address starts with "0x" followed by 40 hex digits.');
    }
    const bad = firstBadChar(address, HEX_DIGITS, 2);
    if (bad !== -1) {
      return reject('bad-characters', `An EVM address has only hex digits after "0x"; found ${describeChar(address, bad)}.`);
    }
    if (address.length !== 42) {
      return reject('bad-length', `An EVM address has 40 hex digits after "0x"; this one has ${address.length - 2}.`);
    }
    let lower = false;
    let upper = false;
    for (let i = 2; i < 42; i++) {
      const c = address.charCodeAt(i);
      if (c >= 0x61) lower = true;
      else if (c >= 0x41) upper = true;
    }
    const body = address.slice(2);
    const lowerBody = upper ? body.toLowerCase() : body;
    const canonical = '0x' + lowerBody;
    if (lower && upper) {
      // EIP-55: mixed case is a checksum claim, and a wrong claim means a mistyped address.
      if (eip55(lowerBody) !== address) {
        return reject('bad-checksum', 'The mixed-case letters do not match the EIP-55 checksum: a character was mistyped or its case changed. Ask for the address again, copied from the wallet.');
      }
      return accept({ chain, type: 'account', canonical, display: address, network: 'mainnet' });
    }
    let display: string | undefined;
    return accept({
      chain,
      type: 'account',
      canonical,
      get display(): string {
        display ??= eip55(lowerBody);
        return display;
      },
      network: 'mainnet',
    });
  },
};

// ---------------------------------------------------------------------------------------------
// TRON: base58check, version byte 0x41
// ---------------------------------------------------------------------------------------------

const TRON_VERSION = 0x41;

/**
 * TRON account addresses: base58check (Bitcoin alphabet, double SHA-256 checksum) of 21 bytes,
 * the version byte 0x41 and the 20-byte account id (the same 20 bytes an EVM address has);
 * they start with "T" (developers.tron.network/docs/account). The hex form, "41" + 40 hex
 * digits, is accepted as well: it has no checksum, and its canonical form is the base58 one, so
 * both forms of one account compare equal. Type `account`; display: the base58 form.
 *
 * @example
 * tronCodec.decode('418840E6C55B9ADA326D211D818C34A994AECED808', 'tron');
 * // { ok: true, info: { chain: 'tron', type: 'account', canonical: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL', … } }
 */
export const tronCodec: AddressCodec = {
  chains: ['tron'],
  decode(address: string, chain: Chain): DecodeResult {
    if (chain !== 'tron') return reject('wrong-encoding', `The TRON codec reads TRON addresses, not ${chain}.`);
    const early = precheck(address, 42, 'TRON address');
    if (early) return early;
    if (address.length === 42 && address.charCodeAt(0) === 0x34 && address.charCodeAt(1) === 0x31) {
      const bad = firstBadChar(address, HEX_DIGITS);
      if (bad !== -1) {
        return reject('bad-characters', `A TRON hex address is "41" followed by 40 hex digits; found ${describeChar(address, bad)}.`);
      }
      const payload = new Uint8Array(21);
      hexToBytes(address, 0, payload);
      const canonical = base58CheckEncode(payload, BITCOIN_ALPHABET);
      return accept({ chain, type: 'account', canonical, display: canonical, network: 'mainnet' });
    }
    if (address.charCodeAt(0) === 0x30 && (address.charCodeAt(1) === 0x78 || address.charCodeAt(1) === 0x58)) {
      return reject('wrong-encoding', 'This is an EVM-form (0x…) address; a TRON address starts with "T" (base58) or "41" (hex).');
    }
    const bad = firstBadChar(address, BITCOIN_DIGITS);
    if (bad !== -1) {
      return reject('bad-characters', `A TRON address uses the base58 alphabet (no 0, O, I or l); found ${describeChar(address, bad)}.`);
    }
    const bytes = base58Decode(address, BITCOIN_DIGITS, 25);
    if (bytes === null || bytes.length !== 25) {
      return reject('bad-length', `A TRON address encodes 25 bytes (version, 20-byte account id, checksum); this one encodes ${bytes === null ? 'more' : bytes.length}.`);
    }
    if (!checksumMatches(bytes)) {
      return reject('bad-checksum', 'The base58check checksum does not match: a character was mistyped or changed. Ask for the address again, copied from the wallet.');
    }
    if (bytes[0] !== TRON_VERSION) {
      return reject('bad-version', `A TRON address has version byte 0x41 ("T…"); this one has 0x${bytes[0]!.toString(16).padStart(2, '0')}${versionHint(bytes[0]!)}.`);
    }
    return accept({ chain, type: 'account', canonical: address, display: address, network: 'mainnet' });
  },
};

/** Names the likely owner of a base58check version byte, so a misfiled address is recognisable. */
function versionHint(version: number): string {
  switch (version) {
    case 0x00: return ', the version of a Bitcoin P2PKH address ("1…")';
    case 0x05: return ', the version of a Bitcoin P2SH address ("3…")';
    case 0x30: return ', the version of a Litecoin address ("L…")';
    case 0x1e: return ', the version of a Dogecoin address ("D…")';
    case 0x4c: return ', the version of a Dash address ("X…")';
    default: return '';
  }
}

// ---------------------------------------------------------------------------------------------
// XRP Ledger: classic addresses and X-addresses (XLS-5d)
// ---------------------------------------------------------------------------------------------

/** Decoded XRP Ledger address: the 20-byte account id and, for an X-address, its tag. */
interface XrplDecoded {
  accountId: Uint8Array;
  form: 'classic' | 'x-address';
  tag: number | null;
}

function decodeXrpl(address: string): XrplDecoded | DecodeResult {
  const bad = firstBadChar(address, XRPL_DIGITS);
  if (bad !== -1) {
    return reject('bad-characters', `An XRP Ledger address uses the XRP Ledger's base58 alphabet (no 0, O, I or l); found ${describeChar(address, bad)}.`);
  }
  const bytes = base58Decode(address, XRPL_DIGITS, 35);
  if (bytes === null || (bytes.length !== 25 && bytes.length !== 35)) {
    return reject('bad-length', `A classic XRP Ledger address encodes 25 bytes and an X-address 35; this one encodes ${bytes === null ? 'more' : bytes.length}.`);
  }
  if (!checksumMatches(bytes)) {
    return reject('bad-checksum', 'The base58check checksum does not match: a character was mistyped or changed. Ask for the address again, copied from the wallet.');
  }
  if (bytes.length === 25) {
    // Classic: version 0 (TokenType::AccountID) + 20-byte account id; version 0 is what makes it start with "r".
    if (bytes[0] !== 0) {
      return reject('bad-version', `A classic XRP Ledger address has version byte 0x00 ("r…"); this one has 0x${bytes[0]!.toString(16).padStart(2, '0')}.`);
    }
    return { accountId: bytes.subarray(1, 21), form: 'classic', tag: null };
  }
  // XLS-5d: [2-byte prefix][20-byte account id][1-byte flags][8-byte little-endian tag][checksum].
  const p0 = bytes[0]!;
  const p1 = bytes[1]!;
  if (p0 === 0x04 && p1 === 0x93) {
    return reject('wrong-network', 'This X-address ("T…") is for a test network, not the XRP Ledger mainnet.');
  }
  if (p0 !== 0x05 || p1 !== 0x44) {
    return reject('bad-version', `An X-address has prefix 0x0544 ("X…", mainnet); this one has 0x${p0.toString(16).padStart(2, '0')}${p1.toString(16).padStart(2, '0')}.`);
  }
  const flags = bytes[22]!;
  const tagBytes = bytes.subarray(23, 31);
  if (flags === 0) {
    // NO_TAG: the remaining 8 bytes MUST be zero.
    if (tagBytes.some((b) => b !== 0)) {
      return reject('bad-version', 'This X-address says it has no tag but carries tag bytes; XLS-5d requires them to be zero.');
    }
    return { accountId: bytes.subarray(2, 22), form: 'x-address', tag: null };
  }
  if (flags === 1) {
    // TAG_32: 4-byte little-endian tag, the other 4 bytes MUST be zero.
    if (tagBytes[4] !== 0 || tagBytes[5] !== 0 || tagBytes[6] !== 0 || tagBytes[7] !== 0) {
      return reject('bad-version', 'This X-address has a 32-bit tag with non-zero high bytes; XLS-5d requires them to be zero.');
    }
    const tag = (tagBytes[0]! | (tagBytes[1]! << 8) | (tagBytes[2]! << 16) | (tagBytes[3]! << 24)) >>> 0;
    return { accountId: bytes.subarray(2, 22), form: 'x-address', tag };
  }
  if (flags === 2) {
    return reject('bad-version', 'This X-address carries a 64-bit tag (XLS-5d flag TAG_64), which is reserved: the XRP Ledger has 32-bit destination tags only.');
  }
  return reject('bad-version', `This X-address has unknown flags 0x${flags.toString(16).padStart(2, '0')}; XLS-5d says to treat it as invalid.`);
}

/**
 * XRP Ledger addresses, both forms (xrpl.org "Addresses"; XLS-5d "Tagged Addresses"):
 * - classic (`r…`): base58check in the XRP Ledger alphabet of version 0x00 + the 20-byte account
 *   id; type `classic`.
 * - X-address (`X…`): base58check of prefix 0x0544 + account id + flags + destination tag;
 *   type `x-address`. Test-network X-addresses (`T…`, prefix 0x0493) are `wrong-network`.
 *
 * Canonical form: the classic address of the account, so an X-address and the classic address
 * it wraps compare equal (the ledger only knows accounts; a destination tag only tells the
 * account holder, e.g. an exchange, which of its customers a payment is for). The tag is kept
 * in the display form, which for an X-address is the X-address as given; {@link xrpTag} reads
 * it back. Network: mainnet (classic addresses do not name a network).
 *
 * @example
 * xrpCodec.decode('XVLhHMPHU98es4dbozjVtdWzVrDjtV8zpDURx7DzBCkrQE7', 'xrp');
 * // { ok: true, info: { chain: 'xrp', type: 'x-address', canonical: 'rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf',
 * //   display: 'XVLhHMPHU98es4dbozjVtdWzVrDjtV8zpDURx7DzBCkrQE7', network: 'mainnet' } }
 */
export const xrpCodec: AddressCodec = {
  chains: ['xrp'],
  decode(address: string, chain: Chain): DecodeResult {
    if (chain !== 'xrp') return reject('wrong-encoding', `The XRP codec reads XRP Ledger addresses, not ${chain}.`);
    const early = precheck(address, 48, 'XRP Ledger address');
    if (early) return early;
    const decoded = decodeXrpl(address);
    if ('ok' in decoded) return decoded;
    if (decoded.form === 'classic') {
      return accept({ chain, type: 'classic', canonical: address, display: address, network: 'mainnet' });
    }
    const payload = new Uint8Array(21);
    payload.set(decoded.accountId, 1);
    const classic = base58CheckEncode(payload, XRPL_ALPHABET);
    return accept({ chain, type: 'x-address', canonical: classic, display: address, network: 'mainnet' });
  },
};

/**
 * The destination tag of a mainnet X-address (XLS-5d), null when it carries none, or when the
 * string is not a valid X-address (a classic address has no tag).
 *
 * @example
 * xrpTag('XVLhHMPHU98es4dbozjVtdWzVrDjtV8zpDURx7DzBCkrQE7'); // 2
 */
export function xrpTag(address: string): number | null {
  if (address.length === 0 || address.length > 48) return null;
  const decoded = decodeXrpl(address);
  return 'ok' in decoded ? null : decoded.tag;
}

// ---------------------------------------------------------------------------------------------
// Monero: CryptoNote base58 in 8-byte blocks, keccak-256 checksum
// ---------------------------------------------------------------------------------------------

/** Encoded width of a block of 0..8 bytes (Monero src/common/base58.cpp, encoded_block_sizes). */
const XMR_BLOCK_CHARS = [0, 2, 3, 5, 6, 7, 9, 10, 11];
/** Mainnet network bytes (src/cryptonote_config.h). */
const XMR_MAINNET: ReadonlyMap<number, { type: 'standard' | 'integrated' | 'subaddress'; bytes: number }> = new Map([
  [18, { type: 'standard', bytes: 69 }],
  [19, { type: 'integrated', bytes: 77 }],
  [42, { type: 'subaddress', bytes: 69 }],
]);
/** Testnet (53, 54, 63) and stagenet (24, 25, 36) network bytes. */
const XMR_OTHER_NETWORKS: ReadonlyMap<number, string> = new Map([
  [53, 'testnet standard'], [54, 'testnet integrated'], [63, 'testnet subaddress'],
  [24, 'stagenet standard'], [25, 'stagenet integrated'], [36, 'stagenet subaddress'],
]);

/** Decodes one Monero base58 block into `out[off, off+len)`; false when its value does not fit. */
function xmrBlock(s: string, start: number, end: number, out: Uint8Array, off: number, len: number): boolean {
  for (let i = start; i < end; i++) {
    let carry = BITCOIN_DIGITS[s.charCodeAt(i)]!;
    for (let k = off + len - 1; k >= off; k--) {
      carry += out[k]! * 58;
      out[k] = carry & 0xff;
      carry >>>= 8;
    }
    if (carry !== 0) return false;
  }
  return true;
}

/**
 * Monero addresses (docs.getmonero.org, "Public address": standard, integrated, subaddress):
 * Monero's base58 (Bitcoin alphabet, but in 8-byte blocks of 11 characters, the last block
 * shorter) of the network byte, public spend key and public view key (32 bytes each), for an
 * integrated address an 8-byte payment id, and the first 4 bytes of keccak-256 over all that.
 * Mainnet network bytes: 18 standard ("4…", 95 characters), 19 integrated ("4…", 106), 42
 * subaddress ("8…", 95). Testnet and stagenet bytes are `wrong-network`.
 *
 * Canonical form: the address as given (Monero base58 has one spelling per address). An
 * integrated address pays the same wallet as the standard address with the same keys but is a
 * different string; matching the two is a wallet-index concern, not this codec's.
 *
 * Not checked: that both keys decode to ed25519 points, which Monero's own parser also requires
 * (crypto::check_key in get_account_address_from_str). That needs curve arithmetic at about a
 * hundred times the cost of the rest; a string that passes the keccak checksum yet fails it has
 * to be built on purpose, since a typo passes the checksum with odds of 1 in 2^32.
 */
export const moneroCodec: AddressCodec = {
  chains: ['monero'],
  decode(address: string, chain: Chain): DecodeResult {
    if (chain !== 'monero') return reject('wrong-encoding', `The Monero codec reads Monero addresses, not ${chain}.`);
    const early = precheck(address, 106, 'Monero address');
    if (early) return early;
    if (address.length !== 95 && address.length !== 106) {
      return reject('bad-length', `A Monero address has 95 characters (standard, subaddress) or 106 (integrated); this one has ${address.length}.`);
    }
    const bad = firstBadChar(address, BITCOIN_DIGITS);
    if (bad !== -1) {
      return reject('bad-characters', `A Monero address uses the base58 alphabet (no 0, O, I or l); found ${describeChar(address, bad)}.`);
    }
    const fullBlocks = Math.floor(address.length / 11);
    const tailBytes = XMR_BLOCK_CHARS.indexOf(address.length % 11); // 5 for both lengths
    const bytes = new Uint8Array(fullBlocks * 8 + tailBytes);
    for (let b = 0; b <= fullBlocks; b++) {
      const start = b * 11;
      const end = Math.min(start + 11, address.length);
      const len = b < fullBlocks ? 8 : tailBytes;
      if (len > 0 && !xmrBlock(address, start, end, bytes, b * 8, len)) {
        return reject('wrong-encoding', `Characters ${start + 1}–${end} are not a valid Monero base58 block (their value does not fit ${len} bytes).`);
      }
    }
    const n = bytes.length - 4;
    const h = keccak_256(bytes.subarray(0, n));
    if (h[0] !== bytes[n] || h[1] !== bytes[n + 1] || h[2] !== bytes[n + 2] || h[3] !== bytes[n + 3]) {
      return reject('bad-checksum', 'The keccak-256 checksum does not match: a character was mistyped or changed. Ask for the address again, copied from the wallet.');
    }
    const network = bytes[0]!;
    const kind = XMR_MAINNET.get(network);
    if (kind === undefined) {
      const other = XMR_OTHER_NETWORKS.get(network);
      if (other !== undefined) return reject('wrong-network', `This is a Monero ${other} address (network byte ${network}), not a mainnet one.`);
      return reject('bad-version', `Network byte ${network} is not a Monero address type (mainnet: 18 standard, 19 integrated, 42 subaddress).`);
    }
    if (kind.bytes !== bytes.length) {
      return reject('bad-length', `A Monero ${kind.type} address has ${kind.bytes} bytes; this one has ${bytes.length}.`);
    }
    return accept({ chain, type: kind.type, canonical: address, display: address, network: 'mainnet' });
  },
};

// ---------------------------------------------------------------------------------------------
// Solana
// ---------------------------------------------------------------------------------------------

/**
 * Solana addresses: base58 (Bitcoin alphabet) of exactly 32 bytes, 32 to 44 characters.
 *
 * There is no checksum and no version byte: any 32-byte string is a valid address, so a typo
 * that keeps the length yields another valid address, and this codec can only check alphabet
 * and length. An ed25519 on-curve check is deliberately not made: program-derived addresses
 * (PDAs) are off the curve by construction and are real, fundable accounts.
 * Canonical = display = the address (base58 has one spelling per byte string). Type `account`.
 */
export const solanaCodec: AddressCodec = {
  chains: ['solana'],
  decode(address: string, chain: Chain): DecodeResult {
    if (chain !== 'solana') return reject('wrong-encoding', `The Solana codec reads Solana addresses, not ${chain}.`);
    const early = precheck(address, 44, 'Solana address');
    if (early) return early;
    const bad = firstBadChar(address, BITCOIN_DIGITS);
    if (bad !== -1) {
      return reject('bad-characters', `A Solana address uses the base58 alphabet (no 0, O, I or l); found ${describeChar(address, bad)}.`);
    }
    const bytes = base58Decode(address, BITCOIN_DIGITS, 32);
    if (bytes === null || bytes.length !== 32) {
      return reject('bad-length', `A Solana address encodes exactly 32 bytes; this one encodes ${bytes === null ? 'more' : bytes.length}.`);
    }
    return accept({ chain, type: 'account', canonical: address, display: address, network: 'mainnet' });
  },
};
