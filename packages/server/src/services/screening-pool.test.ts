/**
 * The service's screening threads (screening/pool.ts through services/screening.ts): the same
 * answers as the main thread, and after a list change no answer from the old index.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { coreFixture, silentLogger, sqliteDatabase, tempDir } from '../../test/helpers.ts';

test('names screened on worker threads get the main thread’s answers, and a new list version is used once active', async () => {
  const db = sqliteDatabase();
  const { dir, cleanup } = tempDir();
  const app = await createApp(loadConfig({ SEKISHO_DB: db.url, SEKISHO_SCREEN_CACHE: '0' }), { logger: silentLogger });
  try {
    await app.loader.load('custom', [coreFixture('custom/blocklist.csv')]);
    const queries = [{ name: 'Kenji Tanaka', birthDate: '1982-11-03' }, { name: 'Volga Digital Exchange', schema: 'Organization' as const }, { name: 'Hanako Sato' }, { name: '田中 健二' }];
    const onMain = [];
    for (const q of queries) onMain.push(await app.screening.screen(q));
    app.screening.useWorkers(2);
    // The threads build their copies; until then the main thread answers. Wait for them.
    for (let i = 0; i < 200 && !(await app.screening.workersReady()); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await app.screening.workersReady(), true);
    for (const [i, q] of queries.entries()) {
      assert.deepEqual(await app.screening.screen(q), onMain[i], q.name);
      // The event path takes only the matches: the same ones.
      const matches = await app.screening.screen(q, { matchesOnly: true });
      assert.deepEqual(matches.hits, onMain[i]!.hits.filter((h) => h.match), q.name);
    }

    const file = join(dir, 'blocklist.csv');
    writeFileSync(file, `${readFileSync(coreFixture('custom/blocklist.csv'), 'utf8').trimEnd()}\nFR-2026-006,Person,Hanako SATO,,1990-04-01,JP,JP,,,,Internal fraud,2026-11-01,,\n`);
    await app.loader.load('custom', [file]);
    await app.screening.refresh();
    // Right after the swap the threads may still be rebuilding: every answer is on version 2 anyway.
    for (let round = 0; round < 20; round++) {
      const r = await app.screening.screen({ name: 'Hanako Sato' });
      assert.deepEqual(r.lists, [{ source: 'custom', version: 2 }]);
      assert.equal(r.hits[0]?.entityId, 'custom:FR-2026-006');
    }
  } finally {
    await app.close();
    await db.cleanup();
    cleanup();
  }
});
