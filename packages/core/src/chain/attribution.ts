/**
 * @module chain/attribution
 * What is known about who controls an address (a list wallet, a tag, a cluster of co-spent
 * addresses) and which pool a coinbase pays for: the types clustering and coinbase attribution
 * produce and the exposure tracer stops at.
 */
import type { Chain } from '../addresses/types.ts';

/** Who controls an address, by one source of knowledge. */
export interface Attribution {
  /** Stable id of who it is: a list entity id, a tag actor id, or `label:<slug>` when a tag names no actor. */
  actor: string;
  label: string;
  /** `sanctioned` for a list wallet; otherwise the tag's categories (exchange, market, mining_pool, ...). */
  categories: string[];
  /** ISO 3166-1 alpha-2 codes the source states. */
  jurisdictions: string[];
  sanctioned: boolean;
  /** Where this came from, for the analyst: `list:us_ofac_sdn v3`, `tag:tagpack:hydra.yaml v1`. */
  source: string;
  /** `address` when the address itself is listed or tagged; `cluster` when a co-spent address of its cluster is. */
  via: 'address' | 'cluster';
  /** The address that carries the tag when `via` is `cluster`. */
  member?: string;
}

/**
 * Attributions of an address on a chain (empty when nothing is known). Answer synchronously from
 * an in-memory index where possible; a promise when the store must be read (cluster membership).
 */
export type Attributor = (chain: Chain, address: string) => Attribution[] | Promise<Attribution[]>;

/** Attributions straight from in-memory indexes (list wallets, tags): no cluster lookup, synchronous. */
export type DirectAttributor = (chain: Chain, address: string) => Attribution[];

/** The pool a coinbase transaction pays for, and how it was recognised. */
export interface PoolAttribution {
  pool: string;
  actor: string;
  jurisdictions: string[];
  /** The pool or its actor carries a sanctioned attribution (a list wallet, or a `sanctioned`/`sanction` category). */
  sanctioned: boolean;
  by: 'coinbase-tag' | 'payout-address';
  /** The coinbase tag text or payout address that matched. */
  evidence: string;
}

