/**
 * Cluster attributions: a co-spent address carries its cluster's tags, marked via 'cluster' with
 * the member that holds each. Hydra's address is the first of GraphSense's hydra.yaml; the
 * others are placeholders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Attribution, DirectAttributor } from '../../exposure/types.ts';
import { clusterAttributions, withClusterAttributions } from './attribution.ts';

const HYDRA = '1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA';
const hydraTag: Attribution = { actor: 'hydramarket', label: 'Hydra Market', categories: ['market'], jurisdictions: ['RU'], sanctioned: false, source: 'tag:tagpack:hydra.yaml v1', via: 'address' };
const hydraListed: Attribution = { actor: 'ofac:25458', label: 'HYDRA MARKET', categories: ['sanctioned'], jurisdictions: [], sanctioned: true, source: 'list:us_ofac_sdn v3', via: 'address' };
const tags: DirectAttributor = (_chain, address) => (address === HYDRA ? [hydraTag, hydraListed] : address === 'member-b' ? [{ ...hydraTag, source: 'tag:csv:analyst.csv v2' }, hydraTag] : []);

test('a cluster inherits each (actor, source) of its members once, from the member that sorts first', () => {
  const got = clusterAttributions('bitcoin', ['member-b', HYDRA, 'plain'], tags);
  assert.deepEqual(got, [
    { ...hydraTag, source: 'tag:csv:analyst.csv v2', via: 'cluster', member: 'member-b' },
    { ...hydraTag, via: 'cluster', member: HYDRA },
    { ...hydraListed, via: 'cluster', member: HYDRA },
  ]);
  assert.deepEqual(clusterAttributions('bitcoin', ['plain'], tags), []);
});

test('withClusterAttributions: own attributions first, then the cluster\'s that the address does not already have', () => {
  const clusterOf = (_chain: string, address: string) => (['plain', HYDRA, 'member-b'].includes(address) ? [HYDRA, 'member-b'] : undefined);
  const attributor = withClusterAttributions(tags, clusterOf);
  const plain = attributor('bitcoin', 'plain');
  assert.deepEqual(plain.map((a) => [a.actor, a.via, a.member]), [['hydramarket', 'cluster', 'member-b'], ['hydramarket', 'cluster', HYDRA], ['ofac:25458', 'cluster', HYDRA]]);
  // Hydra's own address: its two own attributions, plus only the CSV tag it gets through member-b.
  const own = attributor('bitcoin', HYDRA);
  assert.deepEqual(own.map((a) => [a.source, a.via, a.member]), [['tag:tagpack:hydra.yaml v1', 'address', undefined], ['list:us_ofac_sdn v3', 'address', undefined], ['tag:csv:analyst.csv v2', 'cluster', 'member-b']]);
  // An address in no attributed cluster answers as before.
  assert.deepEqual(attributor('bitcoin', 'elsewhere'), []);
});
