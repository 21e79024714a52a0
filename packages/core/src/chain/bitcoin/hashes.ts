/**
 * @module chain/bitcoin/hashes
 * The hashes Bitcoin identifies things by: double SHA-256 (block and transaction ids, merkle
 * nodes; shown byte-reversed, as Core's uint256::GetHex and every explorer write them) and
 * HASH160 = RIPEMD-160(SHA-256(x)) (P2PKH/P2WPKH key hashes).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';

export function sha256d(bytes: Uint8Array): Uint8Array {
  return sha256(sha256(bytes));
}

export function hash160(bytes: Uint8Array): Uint8Array {
  return ripemd160(sha256(bytes));
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Two ASCII hex digits per byte value, as one 16-bit word (little-endian: low byte first). */
const HEX_PAIRS = new Uint16Array(256);
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
for (let i = 0; i < 256; i++) {
  const hi = HEX[i]!.charCodeAt(0);
  const lo = HEX[i]!.charCodeAt(1);
  // Laid out in memory as first digit, second digit, whatever the host's byte order.
  HEX_PAIRS[i] = littleEndian ? hi | (lo << 8) : (hi << 8) | lo;
}
const latin1 = new TextDecoder('latin1');
let scratch = new Uint16Array(4096);

/**
 * Lower-case hex of bytes[start..end). Short inputs concatenate; longer ones are written into a
 * reused buffer and decoded once: a scriptSig hex built by `+=` leaves ~100 rope nodes behind,
 * and over a block that garbage was most of the parse time.
 */
export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const n = end - start;
  if (n <= 4) {
    let s = '';
    for (let i = start; i < end; i++) s += HEX[bytes[i]!]!;
    return s;
  }
  if (scratch.length < n) scratch = new Uint16Array(Math.max(n, scratch.length * 2));
  for (let i = 0; i < n; i++) scratch[i] = HEX_PAIRS[bytes[start + i]!]!;
  return latin1.decode(new Uint8Array(scratch.buffer, 0, 2 * n));
}

/** Hex of the bytes in reverse order: a 32-byte hash as explorers show it. */
export function toReversedHex(bytes: Uint8Array): string {
  const n = bytes.length;
  if (scratch.length < n) scratch = new Uint16Array(Math.max(n, scratch.length * 2));
  for (let i = 0; i < n; i++) scratch[i] = HEX_PAIRS[bytes[n - 1 - i]!]!;
  return latin1.decode(new Uint8Array(scratch.buffer, 0, 2 * n));
}
