/**
 * @module addresses/validate
 * `validate(address, chain?)`: reads a string the way the chains do. With a chain, the verdict
 * for that chain and the reason when it fails; without one, every chain the address can belong
 * to (a P2PKH "1…" address is valid on Bitcoin, Bitcoin SV and, as a legacy form, Bitcoin Cash;
 * a 0x address on every EVM chain). Never throws: bad input gets a verdict with its reason.
 */
import { bitcoinFamilyCodec } from './codecs/bitcoin-family.ts';
import { evmCodec, moneroCodec, solanaCodec, tronCodec, xrpCodec } from './codecs/accounts.ts';
import { CHAINS, type AddressCodec, type AddressInfo, type AddressRejection, type Chain } from './types.ts';

/** No address of any chain is longer; longer input is rejected before any decoding. */
export const MAX_ADDRESS_LENGTH = 256;

const CODECS: AddressCodec[] = [bitcoinFamilyCodec, evmCodec, tronCodec, xrpCodec, moneroCodec, solanaCodec];
const BY_CHAIN = new Map<Chain, AddressCodec>();
for (const codec of CODECS) for (const chain of codec.chains) BY_CHAIN.set(chain, codec);

export interface Validation {
  /** The input as given. */
  input: string;
  valid: boolean;
  /** The chains it is a valid address of, with type and forms. */
  matches: AddressInfo[];
  /** Why it is not an address of the chain asked for (or of any chain). */
  rejections: { chain: Chain; code: AddressRejection['code']; reason: string }[];
}

export function isChain(value: string): value is Chain {
  return (CHAINS as readonly string[]).includes(value);
}

const EVM_CHAINS: Chain[] = ['ethereum', 'ethereum-classic', 'bsc', 'arbitrum', 'polygon'];
/** The verdicts for chains ruled out by shape, made once (they are the same for every input). */
const SHAPE_REJECTIONS = new Map<Chain, Validation['rejections'][number]>(
  CHAINS.map((c) => [c, Object.freeze({ chain: c, code: 'wrong-encoding' as const, reason: `not the form of a ${c} address` })]),
);

/**
 * The chains an address of this shape can belong to, from its first characters alone: trying
 * every codec on every input costs a base58 decode and a hash per chain. Deliberately wide —
 * a shape rule may only rule out chains whose encodings cannot start that way; anything
 * unrecognised is tried on every chain.
 */
export function plausibleChains(address: string): Chain[] {
  const lower = address.toLowerCase();
  if (lower.startsWith('0x')) return EVM_CHAINS;
  if (/^(bc1|tb1|bcrt1)/.test(lower)) return ['bitcoin', 'litecoin'];
  if (/^(ltc1|tltc1)/.test(lower)) return ['litecoin', 'bitcoin'];
  if (lower.startsWith('bitcoincash:') || lower.startsWith('bchtest:') || lower.startsWith('bchreg:')) return ['bitcoin-cash'];
  // Solana addresses are 32 bytes in base58: 43 or 44 characters for almost every key (under 36
  // with a chance below 10^-12), shorter only when leading zero bytes are written as "1"s (the
  // System Program is 32 "1"s). Base58Check addresses of the Bitcoin family are at most 35.
  const solana = address.length <= 44 && (address.length >= 36 || (address.length >= 32 && address.startsWith('11')));
  const out = new Set<Chain>(solana ? ['solana'] : []);
  // Bare hex: an EVM address without 0x, TRON's hex form (41…), or what some lists file under XMR.
  if (address.length >= 40 && /^[0-9a-f]+$/.test(lower)) for (const x of [...EVM_CHAINS, 'tron', 'monero'] as Chain[]) out.add(x);
  const c = address[0]!;
  if (/^[qpzr][02-9ac-hj-np-z]{41,}$/.test(lower)) out.add('bitcoin-cash');
  if ('13mn2'.includes(c)) for (const x of ['bitcoin', 'bitcoin-cash', 'bitcoin-sv', 'litecoin'] as Chain[]) out.add(x);
  if ('LMQ'.includes(c)) out.add('litecoin');
  if ('GAs2'.includes(c)) out.add('bitcoin-gold');
  if ('DA9n2'.includes(c)) out.add('dogecoin');
  if ('DEpn'.includes(c)) out.add('verge');
  if ('X7y8'.includes(c)) out.add('dash');
  if (c === 't') out.add('zcash');
  if (c === 'T') out.add('tron');
  if (c === 'r' || c === 'X' || c === 'T') out.add('xrp');
  if (c === '4' || c === '8' || c === '5' || c === '7' || c === '9' || c === 'A' || c === 'B') out.add('monero');
  // Anything else: every chain, so that an unusual but valid form is never missed.
  return out.size > 0 ? [...out] : [...BY_CHAIN.keys()];
}

/**
 * Validates an address, for one chain or for all.
 * @example validate('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4').matches[0].canonical // 'bc1qw508d6…'
 */
export function validate(input: string, chain?: Chain): Validation {
  const address = typeof input === 'string' ? input.trim() : '';
  const result: Validation = { input, valid: false, matches: [], rejections: [] };
  const chains = chain ? [chain] : [...BY_CHAIN.keys()];
  const tried = chain ? chains : plausibleChains(address);
  if (address === '') {
    result.rejections = chains.map((c) => ({ chain: c, code: 'empty', reason: 'the address is empty' }));
    return result;
  }
  if (address.length > MAX_ADDRESS_LENGTH) {
    result.rejections = chains.map((c) => ({ chain: c, code: 'too-long', reason: `${address.length} characters; no address is longer than ${MAX_ADDRESS_LENGTH}` }));
    return result;
  }
  for (const c of tried) {
    const codec = BY_CHAIN.get(c);
    if (!codec) continue;
    const decoded = codec.decode(address, c);
    if (decoded.ok) result.matches.push(decoded.info);
    else result.rejections.push({ chain: c, ...decoded.rejection });
  }
  // Chains ruled out by shape are reported as such, so every chain asked about has a verdict.
  if (!chain) {
    for (const c of chains) if (!tried.includes(c)) result.rejections.push(SHAPE_REJECTIONS.get(c)!);
  }
  result.valid = result.matches.length > 0;
  return result;
}
