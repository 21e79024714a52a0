/**
 * @module chain/bitcoin/address
 * Address encoders for the output scripts Sekisho reads from blocks: Base58Check (P2PKH, P2SH;
 * version bytes from each chain's src/chainparams.cpp, mainnet), bech32 for witness v0 (BIP-173)
 * and bech32m for witness v1+ (BIP-350). Only mainnet: test networks are out of scope for screening.
 * Also holds the few consensus constants the parser checks values against, per chain.
 * The addresses made here are the canonical forms `validate(address, chain)` accepts.
 */
import { bech32, bech32m } from '@scure/base';
import { sha256dRanges } from './sha256.ts';

/** The chains whose blocks use Bitcoin's serialization (no AuxPoW header, no extension blocks). */
export type BitcoinLikeChain = 'bitcoin' | 'litecoin' | 'bitcoin-sv';

export interface ChainParams {
  p2pkh: number;
  p2sh: number;
  /** Segwit HRP (BIP-173); absent on chains without segwit. */
  hrp?: string;
  /** MAX_MONEY in base units (src/consensus/amount.h): an output above it is not a valid block. */
  maxMoney: bigint;
  /** Largest serialized block (MAX_BLOCK_SERIALIZED_SIZE, BIP-141): bounds every count and length. */
  maxBlockBytes: number;
}

export const CHAIN_PARAMS: Readonly<Record<BitcoinLikeChain, ChainParams>> = {
  bitcoin: { p2pkh: 0x00, p2sh: 0x05, hrp: 'bc', maxMoney: 21_000_000n * 100_000_000n, maxBlockBytes: 4_000_000 },
  litecoin: { p2pkh: 48, p2sh: 50, hrp: 'ltc', maxMoney: 84_000_000n * 100_000_000n, maxBlockBytes: 4_000_000 },
  // Bitcoin SV lifted the block size limit; Core's MAX_SIZE (32 MiB) still bounds one message here.
  'bitcoin-sv': { p2pkh: 0x00, p2sh: 0x05, maxMoney: 21_000_000n * 100_000_000n, maxBlockBytes: 0x02000000 },
};

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const payload = new Uint8Array(25);
const digits = new Uint8Array(40); // 25 bytes need at most 35 base58 digits
const chars = new Uint8Array(40);
const B58_CODES = Uint8Array.from(B58, (c) => c.charCodeAt(0));
const latin1 = new TextDecoder('latin1');

/**
 * Base58Check of version byte + 20-byte hash (Core's EncodeBase58Check, src/base58.cpp): payload,
 * then the first 4 bytes of its double SHA-256, in base58 with a '1' per leading zero byte.
 * Written out here because @scure/base's generic coder allocated two hashers and several arrays
 * per address, a fifth of the block parse time.
 */
export function base58Address(version: number, hash: Uint8Array): string {
  payload[0] = version;
  payload.set(hash, 1);
  const check = sha256dRanges(payload, 0, 21);
  payload[21] = check[0]!; payload[22] = check[1]!; payload[23] = check[2]!; payload[24] = check[3]!;
  let zeros = 0;
  while (zeros < 25 && payload[zeros] === 0) zeros++;
  let length = 0;
  for (let i = zeros; i < 25; i++) {
    let carry = payload[i]!;
    for (let j = 0; j < length; j++) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits[length++] = carry % 58;
      carry = (carry / 58) | 0;
    }
  }
  // Characters into a buffer and one decode: `s +=` would leave ~34 rope nodes per address.
  const n = zeros + length;
  chars.fill(0x31, 0, zeros);
  for (let j = 0; j < length; j++) chars[zeros + j] = B58_CODES[digits[length - 1 - j]!]!;
  return latin1.decode(chars.subarray(0, n));
}

/** Segwit address: bech32 for v0 (BIP-173), bech32m for v1..16 (BIP-350). */
export function segwitAddress(hrp: string, version: number, program: Uint8Array): string {
  const words = bech32.toWords(program);
  words.unshift(version);
  return version === 0 ? bech32.encode(hrp, words, 90) : bech32m.encode(hrp, words, 90);
}
