/**
 * @module model/merge
 * Merges two records that carry the same id. Lists sometimes repeat an id (a party on both the
 * SDN and the consolidated file, a blocklist row entered twice); keeping only the first would
 * drop names or wallets the second adds, and a dropped wallet is a missed match. The merge is
 * a union: nothing either record says is lost, and the version records a 'duplicate-id' warning.
 */
import { canonicalJson } from './canonical.ts';
import { addProperty, type Entity, type PropertyName } from './entity.ts';

function union<T>(a: T[], b: T[]): T[] {
  const keys = new Set(a.map(canonicalJson));
  const out = [...a];
  for (const item of b) {
    const key = canonicalJson(item);
    if (!keys.has(key)) {
      keys.add(key);
      out.push(item);
    }
  }
  return out;
}

/** A new entity holding everything `first` and `second` say; schema and id are the first's. */
export function mergeEntities(first: Entity, second: Entity): Entity {
  const merged: Entity = {
    id: first.id,
    schema: first.schema,
    names: union(first.names, second.names),
    birthDates: union(first.birthDates, second.birthDates),
    properties: structuredClone(first.properties),
    identifiers: union(first.identifiers, second.identifiers),
    wallets: union(first.wallets, second.wallets),
    relations: union(first.relations, second.relations),
  };
  for (const [key, values] of Object.entries(second.properties)) addProperty(merged, key as PropertyName, ...(values ?? []));
  return merged;
}
