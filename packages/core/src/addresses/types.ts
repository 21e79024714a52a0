/**
 * @module addresses/types
 * The contract of an address codec: it decides whether a string is an address of its chain,
 * says why not, names the address type, and gives the canonical form used for comparison
 * (bech32 and CashAddr lower-case, EVM hex lower-case) and the display form (EIP-55).
 */

/** Chains Sekisho reads addresses of. EVM chains share one address form. */
export const CHAINS = [
  'bitcoin', 'litecoin', 'bitcoin-cash', 'bitcoin-sv', 'bitcoin-gold', 'dogecoin', 'dash', 'zcash', 'verge',
  'ethereum', 'ethereum-classic', 'bsc', 'arbitrum', 'polygon', 'tron', 'xrp', 'monero', 'solana',
] as const;
export type Chain = (typeof CHAINS)[number];

export interface AddressInfo {
  chain: Chain;
  /** P2PKH, P2SH, P2WPKH, P2WSH, P2TR, CashAddr-P2PKH, EOA/contract ("account"), standard, integrated, subaddress … */
  type: string;
  /** The form to compare on: equal addresses have equal canonical forms. */
  canonical: string;
  /** The form to show (EIP-55 for EVM, CashAddr with prefix, …). */
  display: string;
  /** Mainnet or test network, when the encoding says. */
  network: 'mainnet' | 'testnet';
}

/** Why a string is not an address of a chain: a stable code and a sentence. */
export interface AddressRejection {
  code:
    | 'empty'
    | 'too-long'
    | 'bad-characters'
    | 'bad-length'
    | 'bad-checksum'
    | 'bad-version'
    | 'mixed-case'
    | 'wrong-network'
    | 'wrong-encoding'
    | 'bad-program';
  reason: string;
}

export type DecodeResult = { ok: true; info: AddressInfo } | { ok: false; rejection: AddressRejection };

export interface AddressCodec {
  /** The chains this codec decodes (one codec may serve several: all EVM chains). */
  chains: readonly Chain[];
  /** Decodes `address` (already trimmed) as an address of `chain`. Never throws. */
  decode(address: string, chain: Chain): DecodeResult;
}
