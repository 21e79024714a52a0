/**
 * @module monitoring/scenarios/assets
 * The market the synthetic customers trade in: the assets a Japanese exchange lists against JPY,
 * a seeded daily price path for each, and addresses and transaction hashes that the address
 * codecs accept (the server refuses an event whose address is not one of its chain): bech32
 * P2WPKH for Bitcoin (BIP-173), lower-case hex for EVM chains (all-lower-case is a valid EIP-55
 * form), base58check with version 0x41 for TRON, classic r-addresses for the XRP Ledger
 * (version 0x00, XRPL alphabet) and 32-byte base58 keys for Solana. The keys are random: no
 * address is anyone's, and none is on a sanctions list except by a 2^-160 accident.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base58, base58xrp, bech32, createBase58check } from '@scure/base';
import type { Chain } from '../../addresses/types.ts';
import type { Random } from './random.ts';

export interface AssetInfo {
  chain: Chain;
  /** Decimals the amount strings carry. */
  decimals: number;
  /** Starting price in JPY (late-2025 levels, rounded; only the orders of magnitude matter). */
  priceJpy: number;
  /** Daily log-volatility of the price path. */
  volatility: number;
}

export const ASSETS = {
  BTC: { chain: 'bitcoin', decimals: 8, priceJpy: 14_500_000, volatility: 0.03 },
  ETH: { chain: 'ethereum', decimals: 8, priceJpy: 480_000, volatility: 0.04 },
  XRP: { chain: 'xrp', decimals: 6, priceJpy: 350, volatility: 0.05 },
  SOL: { chain: 'solana', decimals: 6, priceJpy: 25_000, volatility: 0.05 },
  USDT: { chain: 'tron', decimals: 6, priceJpy: 150, volatility: 0.004 },
} as const satisfies Record<string, AssetInfo>;
export type Asset = keyof typeof ASSETS;

const DAY = 86_400_000;

/** Seeded daily prices: a geometric random walk per asset, linear within a day. */
export class Market {
  private readonly paths = new Map<Asset, number[]>();

  constructor(
    rng: Random,
    private readonly start: number,
    days: number,
  ) {
    for (const asset of Object.keys(ASSETS) as Asset[]) {
      const r = rng.fork(`price/${asset}`);
      const info = ASSETS[asset];
      const path: number[] = [info.priceJpy];
      for (let d = 1; d <= days + 2; d++) path.push(path[d - 1]! * Math.exp(info.volatility * r.normal() - (info.volatility * info.volatility) / 2));
      this.paths.set(asset, path);
    }
  }

  /** The price of one unit in JPY at `at` (ms); before the start, the starting price. */
  price(asset: Asset, at: number): number {
    const path = this.paths.get(asset)!;
    const x = Math.max(0, (at - this.start) / DAY);
    const i = Math.min(path.length - 2, Math.floor(x));
    const f = Math.min(1, x - i);
    return path[i]! * (1 - f) + path[i + 1]! * f;
  }
}

/**
 * A decimal string the event schema accepts (no exponent, no trailing zeros, at most
 * `decimals` places, never "0" for a positive amount).
 * @example formatAmount(0.0012345678, 8) // '0.00123457'
 */
export function formatAmount(x: number, decimals: number): string {
  let s = x.toFixed(decimals);
  if (Number(s) === 0 && x > 0) s = (10 ** -decimals).toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

const base58checkBtc = createBase58check(sha256);

function xrpClassic(accountId: Uint8Array): string {
  const payload = new Uint8Array(21);
  payload.set(accountId, 1);
  const check = sha256(sha256(payload)).slice(0, 4);
  const all = new Uint8Array(25);
  all.set(payload);
  all.set(check, 21);
  return base58xrp.encode(all);
}

/**
 * A random address of `chain` that the chain's codec accepts.
 * @example address(rng, 'bitcoin') // 'bc1q…'
 */
export function address(rng: Random, chain: Chain): string {
  switch (chain) {
    case 'bitcoin':
      return bech32.encode('bc', [0, ...bech32.toWords(rng.bytes(20))]);
    case 'tron': {
      const payload = new Uint8Array(21);
      payload[0] = 0x41;
      payload.set(rng.bytes(20), 1);
      return base58checkBtc.encode(payload);
    }
    case 'xrp':
      return xrpClassic(rng.bytes(20));
    case 'solana': {
      // A 32-byte key whose first byte is not 0, so the base58 form has 43-44 characters.
      const key = rng.bytes(32);
      key[0] = 1 + (key[0]! % 255);
      return base58.encode(key);
    }
    case 'ethereum':
    case 'ethereum-classic':
    case 'bsc':
    case 'arbitrum':
    case 'polygon':
      return `0x${rng.hex(20)}`;
    default:
      throw new Error(`the scenario generator makes no ${chain} addresses`);
  }
}

/** A transaction hash in the form the chain's explorers show. */
export function txHash(rng: Random, chain: Chain): string {
  if (chain === 'ethereum') return `0x${rng.hex(32)}`;
  if (chain === 'solana') return base58.encode(rng.bytes(64));
  if (chain === 'xrp') return rng.hex(32).toUpperCase();
  return rng.hex(32);
}
