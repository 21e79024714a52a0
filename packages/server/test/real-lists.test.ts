/**
 * Loads the real list files in ../shared through the whole path a user takes (decompression,
 * parser, store) and asserts what the files themselves contain.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { sharedPath, silentLogger, sqliteDatabase, type TestDatabase } from './helpers.ts';


describe('real list files', () => {
  let db: TestDatabase;
  let app: App;
  before(async () => {
    db = sqliteDatabase();
    app = await createApp(loadConfig({ SEKISHO_DB: db.url }), { logger: silentLogger });
  });
  after(async () => {
    await app.close();
    await db.cleanup();
  });

  test('OFAC advanced XML of 2025-11-19: 18,367 parties, 745 addresses under 19 tickers, BitRiver ownership', async () => {
    const result = await app.loader.load('ofac-advanced', [sharedPath('chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2')]);
    const v = result.version;
    assert.equal(v.entityCount, 18367);
    assert.equal(v.issueDate, '2025-11-19');
    assert.deepEqual(v.counts, { Aircraft: 335, Organization: 9359, Person: 7303, Vessel: 1370 });
    assert.equal(v.warningCount, 0);
    const wallets = await app.store.db.selectFrom('list_wallet').select(['currency', 'address', 'entity_id']).where('version_id', '=', v.id).execute();
    assert.equal(new Set(wallets.map((w) => w.address)).size, 745);
    assert.deepEqual([...new Set(wallets.map((w) => w.currency))].sort(), ['ARB', 'BCH', 'BNB', 'BSC', 'BSV', 'BTG', 'DASH', 'ETC', 'ETH', 'LTC', 'SOL', 'TRX', 'USDC', 'USDT', 'XBT', 'XMR', 'XRP', 'XVG', 'ZEC']);
    // Addresses are kept exactly as published: EIP-55 mixed case survives.
    assert.ok(wallets.some((w) => /^0x[0-9a-f]*[A-F][0-9a-fA-F]*$/.test(w.address)));
    const yan = await app.lists.activeEntity('ofac:25308');
    assert.equal(yan?.entity.wallets.filter((w) => w.currency === 'XBT').length, 6);

    // BitRiver AG (ofac:36456) and its Russian subsidiaries: owned-or-controlled-by relations, no wallets.
    const bitriver = await app.lists.activeEntity('ofac:36456');
    assert.equal(bitriver?.entity.names[0]?.full, 'BITRIVER AG');
    const rows = await app.store.db.selectFrom('list_entity').select(['entity_id', 'data']).where('version_id', '=', v.id).execute();
    const owned = rows
      .map((r) => JSON.parse(r.data))
      .filter((e) => e.relations.some((rel: { type: string; target: string }) => rel.type === 'ownedOrControlledBy' && rel.target === 'ofac:36456'));
    assert.deepEqual(owned.map((e) => e.id).sort(), ['ofac:36457', 'ofac:36458', 'ofac:36465', 'ofac:36466', 'ofac:36467', 'ofac:36468', 'ofac:36469', 'ofac:36470', 'ofac:36471', 'ofac:36472']);
    for (const e of owned) assert.deepEqual(e.wallets, []);
    const rus = owned.find((e) => e.id === 'ofac:36458');
    assert.deepEqual(rus.properties.program, ['RUSSIA-EO14024']);
    assert.deepEqual(rus.identifiers.map((i: { type: string }) => i.type).sort(), ['inn', 'ogrn']);
  });
});
