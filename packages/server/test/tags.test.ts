/**
 * Attribution tags from the GraphSense TagPacks, the actor pack and the mining-pool lists in
 * ../shared: they load as versioned tag sets, and address screening reports them.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { App } from '../src/app.ts';
import { cli, repoRoot, testApp, type TestDatabase } from './helpers.ts';

const tagpacks = (f: string) => resolve(repoRoot, '..', 'shared', 'chain-analytics', 'tagpacks', f);
const pools = (f: string) => resolve(repoRoot, '..', 'shared', 'chain-analytics', f);

describe('attribution tags', () => {
  let app: App;
  let db: TestDatabase;
  let close: () => Promise<void>;
  before(async () => {
    ({ app, db, close } = await testApp());
  });
  after(() => close());

  test('TagPacks, the actor pack and the mining-pool lists load as tag sources with their counts', async () => {
    const hydra = await cli(db.url, 'tags', 'load', '--format', 'tagpack', tagpacks('hydra.yaml'), '--json');
    assert.equal(hydra.status, 0, hydra.stderr);
    assert.equal(hydra.json().version.tagCount, 117);
    assert.equal((await cli(db.url, 'tags', 'load', '--format', 'actorpack', tagpacks('graphsense.actorpack.yaml'))).status, 0);
    assert.equal((await cli(db.url, 'tags', 'load', '--format', 'mining-pools', pools('mining-pools_mempool_pools-v2.json'))).status, 0);
    const again = await cli(db.url, 'tags', 'load', '--format', 'tagpack', tagpacks('hydra.yaml'), '--json');
    assert.equal(again.json().status, 'unchanged');
    const status = (await cli(db.url, 'tags', 'status', '--json')).json() as { source: string; tagCount: number; actorCount: number }[];
    assert.deepEqual(status.map((s) => s.source).sort(), ['actorpack:graphsense.actorpack.yaml', 'mining-pools:mining-pools_mempool_pools-v2.json', 'tagpack:hydra.yaml']);
    assert.ok(status.find((s) => s.source.startsWith('actorpack'))!.actorCount > 3000);
    assert.equal((await cli(db.url, 'tags', 'load', '--format', 'nope', tagpacks('hydra.yaml'))).status, 1);
  });

  test('an address screening reports its tags, with the actor and its jurisdiction', async () => {
    await app.screening.refresh();
    const hydra = await app.screening.screenAddress('1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA');
    assert.equal(hydra.tags[0]?.actor, 'hydramarket');
    assert.equal(hydra.tags[0]?.category, 'market');
    const upper = await app.screening.screenAddress('BC1QJ6J6P0JDEFL6PVDZX3KX8245YY5MZ6Q4LUHZES');
    assert.equal(upper.tags[0]?.actor, 'hydramarket');
    const { actors } = await app.tags.active();
    assert.deepEqual(actors.find((a) => a.id === 'garantex')?.jurisdictions, ['RU']);
  });
});
