/**
 * @module tags/types
 * Attribution tags: what a published source says an address is (an exchange's hot wallet, a
 * darknet market, a mining pool's payout address), and the actors those tags point at. The
 * chain tracing builds on these; screening shows them beside list hits. Values are carried as
 * published: the address is not normalised here (the tag index keys it per chain), and a tag's
 * jurisdictions are only its own (joining the actor's jurisdictions is the caller's business).
 */

/** The formats `sekisho tags load --format` accepts. */
export type TagFormat = 'tagpack' | 'actorpack' | 'mining-pools' | 'csv';

export interface Tag {
  /** The address as published (case and form untouched). */
  address: string;
  /** Ticker as published, upper-cased: BTC, ETH, TRX, BEP20, ... */
  currency: string;
  label: string;
  /** Actor id (GraphSense actor pack id, or the slug of a mining pool's name). */
  actor?: string;
  /** GraphSense category: exchange, market, miner, mining_pool, user, black_list, ... */
  category?: string;
  /**
   * GraphSense `abuse` (ransomware, scam, ...): TagPacks keep the kind of abuse apart from the
   * category, and ransomware.yaml sets only this.
   */
  abuse?: string;
  /** ISO 3166-1 alpha-2 codes the tag itself states; empty or absent means "see the actor". */
  jurisdictions?: string[];
  /** URL or publisher the tag cites. */
  source?: string;
  /** GraphSense confidence level name as published (authority_data, forensic, web_crawl, ...). */
  confidence?: string;
  /** Free-form context as published (GraphSense writes JSON in a string). */
  context?: string;
}

export interface Actor {
  id: string;
  label: string;
  categories: string[];
  /** ISO 3166-1 alpha-2, upper-case. */
  jurisdictions: string[];
  uri?: string;
}

/** A coinbase tag (the marker a pool writes into its coinbase input) and the pool it names. */
export interface CoinbaseTag {
  tag: string;
  /** The pool's name as published. */
  pool: string;
  /** The pool's actor id (same slug as Actor.id and Tag.actor). */
  actor: string;
}

export interface TagSet {
  tags: Tag[];
  actors: Actor[];
  /** Only from mining-pool lists: lets the chain tracing attribute coinbase transactions. */
  coinbaseTags?: CoinbaseTag[];
}
