/**
 * @module addresses/tag-index
 * Attribution tags by address: every tag of the active tag sets, keyed like wallets (canonical
 * form per chain, so case variants meet), with its actor's label, categories and jurisdictions
 * filled in when the tag itself does not carry them (Garantex's actor says RU).
 */
import type { Actor, Tag } from '../tags/index.ts';
import { walletKeys } from './wallet-index.ts';

export interface TagHit {
  label: string;
  actor?: string;
  actorLabel?: string;
  category?: string;
  categories: string[];
  jurisdictions: string[];
  source?: string;
  confidence?: string;
  currency: string;
  published: string;
  tagSource: string;
  tagVersion: number;
}

export class TagIndex {
  readonly byKey = new Map<string, TagHit[]>();
  size = 0;

  /** Tags of an address given in any case or form the chains accept. */
  lookup(address: string): TagHit[] {
    const keys = walletKeys('', address).keys;
    const out: TagHit[] = [];
    const seen = new Set<TagHit>();
    for (const key of keys) for (const hit of this.byKey.get(key) ?? []) if (!seen.has(hit)) (seen.add(hit), out.push(hit));
    return out;
  }
}

export function buildTagIndex(tags: (Tag & { tagSource: string; tagVersion: number })[], actors: Actor[]): TagIndex {
  const index = new TagIndex();
  const actorById = new Map(actors.map((a) => [a.id, a]));
  for (const tag of tags) {
    const actor = tag.actor ? actorById.get(tag.actor) : undefined;
    const hit: TagHit = {
      label: tag.label,
      // GraphSense keeps abuse (ransomware, scam …) apart from category; both classify the address.
      categories: [...new Set([tag.category, tag.abuse, ...(actor?.categories ?? [])].filter((c): c is string => Boolean(c)))],
      jurisdictions: tag.jurisdictions?.length ? tag.jurisdictions : (actor?.jurisdictions ?? []),
      currency: tag.currency,
      published: tag.address,
      tagSource: tag.tagSource,
      tagVersion: tag.tagVersion,
    };
    if (tag.actor) hit.actor = tag.actor;
    if (actor?.label) hit.actorLabel = actor.label;
    if (tag.category) hit.category = tag.category;
    if (tag.source) hit.source = tag.source;
    if (tag.confidence) hit.confidence = tag.confidence;
    // Tag currencies are tickers as the tag file writes them (BTC, ETH …): the same key rules as wallets.
    for (const key of walletKeys(tag.currency, tag.address).keys) {
      const list = index.byKey.get(key);
      if (list) list.push(hit);
      else index.byKey.set(key, [hit]);
    }
    index.size++;
  }
  return index;
}
