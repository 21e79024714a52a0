/**
 * @module chain/bitcoin/script
 * Classifies an output script (scriptPubKey) the way Bitcoin Core's Solver does
 * (src/script/solver.cpp) and derives the address it pays. Forms: P2PKH, P2SH (BIP-16), P2WPKH
 * and P2WSH (BIP-141), P2TR (BIP-341), other witness programs (BIP-141 "witness_unknown", incl.
 * BIP-350 future versions), bare P2PK, bare multisig, OP_RETURN (Core's "nulldata": OP_RETURN
 * followed by pushes only) and anything else as nonstandard. P2PK gets the P2PKH address of its
 * key, as explorers show it; multisig, OP_RETURN and nonstandard scripts get none.
 */
import type { ScriptType } from '../model.ts';
import { base58Address, segwitAddress, type ChainParams } from './address.ts';
import { hash160 } from './hashes.ts';

const OP_0 = 0x00;
const OP_PUSHDATA1 = 0x4c;
const OP_PUSHDATA2 = 0x4d;
const OP_PUSHDATA4 = 0x4e;
const OP_1 = 0x51;
const OP_16 = 0x60;
const OP_RETURN = 0x6a;
const OP_DUP = 0x76;
const OP_EQUAL = 0x87;
const OP_EQUALVERIFY = 0x88;
const OP_HASH160 = 0xa9;
const OP_CHECKSIG = 0xac;
const OP_CHECKMULTISIG = 0xae;

export interface ScriptInfo {
  type: ScriptType;
  address?: string;
}

/** CPubKey::ValidSize: 33 bytes for 02/03, 65 for 04/06/07. */
function validPubkeySize(s: Uint8Array, start: number, len: number): boolean {
  const h = s[start];
  if (len === 33) return h === 2 || h === 3;
  if (len === 65) return h === 4 || h === 6 || h === 7;
  return false;
}

/** Walks push opcodes from `pos`; returns false at a non-push opcode or a push running past the end. */
function isPushOnly(s: Uint8Array, pos: number, end: number): boolean {
  while (pos < end) {
    const op = s[pos++]!;
    let len = 0;
    if (op < OP_PUSHDATA1) len = op;
    else if (op === OP_PUSHDATA1) { if (pos + 1 > end) return false; len = s[pos]!; pos += 1; }
    else if (op === OP_PUSHDATA2) { if (pos + 2 > end) return false; len = s[pos]! | (s[pos + 1]! << 8); pos += 2; }
    else if (op === OP_PUSHDATA4) { if (pos + 4 > end) return false; len = (s[pos]! | (s[pos + 1]! << 8) | (s[pos + 2]! << 16) | (s[pos + 3]! << 24)) >>> 0; pos += 4; }
    else if (op > OP_16) return false; // OP_1NEGATE, OP_RESERVED, OP_1..OP_16 count as pushes (Core's IsPushOnly)
    if (pos + len > end) return false;
    pos += len;
  }
  return true;
}

/** Core's MatchMultisig: OP_m <key>… OP_n OP_CHECKMULTISIG with 1 ≤ m ≤ n ≤ 16, n keys. */
function isMultisig(s: Uint8Array, start: number, end: number): boolean {
  if (end - start < 3 || s[end - 1] !== OP_CHECKMULTISIG) return false;
  const m = s[start]!;
  const n = s[end - 2]!;
  if (m < OP_1 || m > OP_16 || n < OP_1 || n > OP_16 || m > n) return false;
  let pos = start + 1;
  let keys = 0;
  while (pos < end - 2) {
    const op = s[pos++]!;
    let len: number;
    if (op === 33 || op === 65) len = op;
    else if (op === OP_PUSHDATA1 && pos < end) len = s[pos++]!;
    else return false;
    if (pos + len > end - 2 || !validPubkeySize(s, pos, len)) return false;
    pos += len;
    keys++;
  }
  return keys === n - OP_1 + 1;
}

/**
 * Type and address of the output script `s[start..end)`.
 * @example classifyScript(hexToBytes('0014751e76e8199196d454941c45d1b3a323f1433bd6'), 0, 22, CHAIN_PARAMS.bitcoin)
 * // → { type: 'p2wpkh', address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' }
 */
export function classifyScript(s: Uint8Array, start: number, end: number, params: ChainParams): ScriptInfo {
  const len = end - start;
  const b0 = s[start];
  if (len === 25 && b0 === OP_DUP && s[start + 1] === OP_HASH160 && s[start + 2] === 20 && s[start + 23] === OP_EQUALVERIFY && s[start + 24] === OP_CHECKSIG) {
    return { type: 'p2pkh', address: base58Address(params.p2pkh, s.subarray(start + 3, start + 23)) };
  }
  if (len === 23 && b0 === OP_HASH160 && s[start + 1] === 20 && s[start + 22] === OP_EQUAL) {
    return { type: 'p2sh', address: base58Address(params.p2sh, s.subarray(start + 2, start + 22)) };
  }
  // Witness program (BIP-141): a version opcode, then one direct push of 2..40 bytes, nothing else.
  if (len >= 4 && len <= 42 && (b0 === OP_0 || (b0! >= OP_1 && b0! <= OP_16)) && s[start + 1] === len - 2) {
    const version = b0 === OP_0 ? 0 : b0! - OP_1 + 1;
    const program = s.subarray(start + 2, end);
    const hrp = params.hrp;
    if (version === 0) {
      if (len === 22) return hrp ? { type: 'p2wpkh', address: segwitAddress(hrp, 0, program) } : { type: 'p2wpkh' };
      if (len === 34) return hrp ? { type: 'p2wsh', address: segwitAddress(hrp, 0, program) } : { type: 'p2wsh' };
      return { type: 'nonstandard' }; // v0 programs of other sizes cannot be spent (BIP-141)
    }
    const type: ScriptType = version === 1 && len === 34 ? 'p2tr' : 'witness_unknown';
    return hrp ? { type, address: segwitAddress(hrp, version, program) } : { type };
  }
  if ((len === 35 || len === 67) && b0 === len - 2 && s[end - 1] === OP_CHECKSIG && validPubkeySize(s, start + 1, len - 2)) {
    return { type: 'p2pk', address: base58Address(params.p2pkh, hash160(s.subarray(start + 1, end - 1))) };
  }
  if (len >= 1 && b0 === OP_RETURN) {
    return { type: isPushOnly(s, start + 1, end) ? 'op_return' : 'nonstandard' };
  }
  if (isMultisig(s, start, end)) return { type: 'multisig' };
  return { type: 'nonstandard' };
}
