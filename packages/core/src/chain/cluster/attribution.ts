/**
 * @module chain/cluster/attribution
 * A cluster carries its members' tags (issue 6): an address in no list and no tag pack is still
 * the exchange's when it was co-spent with the exchange's tagged address. The cluster's
 * attributions are its tagged members' own, marked `via: 'cluster'` with the member that carries
 * each, so the tracer can show "tagged through 1Abc…, linked by tx …" (linksOf answers the how).
 */
import type { Chain } from '../../addresses/types.ts';
import type { Attribution, DirectAttributor } from '../attribution.ts';

/**
 * The attributions a cluster inherits from its members: each (actor, source) once, carried by
 * the member that sorts first; sorted by actor, then source. Attributions a member itself has
 * through its own cluster are not taken again.
 *
 * @example
 * clusterAttributions('bitcoin', ['1Hydra…', '1Other…'], tags);
 * // [{ actor: 'hydramarket', via: 'cluster', member: '1Hydra…', ... }]
 */
export function clusterAttributions(chain: Chain, members: Iterable<string>, attributor: DirectAttributor): Attribution[] {
  const byKey = new Map<string, Attribution>();
  for (const member of [...new Set(members)].sort()) {
    for (const a of attributor(chain, member)) {
      if (a.via === 'cluster') continue;
      const key = `${a.actor}\u0000${a.source}`;
      if (!byKey.has(key)) byKey.set(key, { ...a, via: 'cluster', member });
    }
  }
  return [...byKey.values()].sort((x, y) => (x.actor < y.actor ? -1 : x.actor > y.actor ? 1 : x.source < y.source ? -1 : x.source > y.source ? 1 : 0));
}

/**
 * An Attributor that answers an address's own attributions and then those its cluster inherits
 * (leaving out an (actor, source) the address already has, and the address as its own member).
 * `taggedMembersOf` gives the tagged members of the address's cluster (an in-memory index the
 * server builds from the cluster store), or undefined when it is in no attributed cluster.
 */
export function withClusterAttributions(attributor: DirectAttributor, taggedMembersOf: (chain: Chain, address: string) => readonly string[] | undefined): DirectAttributor {
  return (chain, address) => {
    const own = attributor(chain, address);
    const members = taggedMembersOf(chain, address)?.filter((m) => m !== address);
    if (!members?.length) return own;
    const have = new Set(own.map((a) => `${a.actor}\u0000${a.source}`));
    return [...own, ...clusterAttributions(chain, members, attributor).filter((a) => !have.has(`${a.actor}\u0000${a.source}`))];
  };
}
