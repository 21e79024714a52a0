/**
 * @module addresses/tickers
 * OFAC tickers (and the usual ones) to the chains whose addresses they are listed with. OFAC
 * writes Bitcoin as XBT (ISO 4217 style, OFAC FAQ 563); tokens such as USDT and USDC exist on
 * several chains, so their address form decides the chain (0x… on an EVM chain, T… on TRON).
 */
import type { Chain } from './types.ts';

const EVM: Chain[] = ['ethereum', 'bsc', 'arbitrum', 'polygon', 'ethereum-classic'];

export const TICKER_CHAINS: Record<string, Chain[]> = {
  XBT: ['bitcoin'],
  BTC: ['bitcoin'],
  LTC: ['litecoin'],
  BCH: ['bitcoin-cash'],
  BSV: ['bitcoin-sv'],
  BTG: ['bitcoin-gold'],
  DOGE: ['dogecoin'],
  DASH: ['dash'],
  ZEC: ['zcash'],
  XVG: ['verge'],
  ETH: ['ethereum'],
  ETC: ['ethereum-classic'],
  ARB: ['arbitrum'],
  BSC: ['bsc'],
  // BNB: BSC (EVM) addresses; BNB Beacon Chain "bnb1…" addresses are not a chain Sekisho
  // decodes, and stay findable by their exact published form.
  BNB: ['bsc'],
  MATIC: ['polygon'],
  POL: ['polygon'],
  TRX: ['tron'],
  XRP: ['xrp'],
  XMR: ['monero'],
  SOL: ['solana'],
  // Tokens: listed under the token's ticker, on whichever chain the address belongs to. OFAC
  // lists USDT on Bitcoin too (Omni Layer: SUEX, CHATEX, Garantex use "1…"/"3…" addresses).
  USDT: [...EVM, 'tron', 'solana', 'bitcoin'],
  USDC: [...EVM, 'tron', 'solana'],
};

/** Chains a ticker may name; an unknown ticker may be any chain (the address form decides). */
export function chainsForTicker(ticker: string): Chain[] | undefined {
  return TICKER_CHAINS[ticker.toUpperCase()];
}
