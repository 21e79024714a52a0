/**
 * Two service processes on one PostgreSQL database (two apps here) receive the same event ids at
 * the same time: each id is decided once, the other answer is the replay of that decision, and
 * the audit chain has one decision entry per event and stays intact.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { LISTED_PERSON } from '../api-suite.ts';
import { coreFixture, onPostgres, silentLogger } from '../helpers.ts';

await onPostgres('two writers on one database', (makeDb) => {
  test('the same event ids posted to two writers at once are decided once each (PostgreSQL)', async () => {
    const db = await makeDb();
    const config = loadConfig({ DATABASE_URL: db.url });
    const a = await createApp(config, { logger: silentLogger });
    const b = await createApp(config, { logger: silentLogger });
    try {
      await a.loader.load('custom', [coreFixture('custom/blocklist.csv')]);
      await a.settled();
      const events = Array.from({ length: 40 }, (_, i) => ({
        id: `race-${i}`,
        type: 'withdrawal.requested' as const,
        customerId: `c-${i % 3}`,
        data: { chain: 'bitcoin' as const, asset: 'BTC', destinationAddress: i % 2 ? LISTED_PERSON.wallet : 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', amount: '1' },
      }));
      const answers = await Promise.all(events.flatMap((e) => [a.events.submit(e, 'a'), b.events.submit(e, 'b')]));
      for (let i = 0; i < events.length; i++) {
        const [x, y] = [answers[2 * i]!, answers[2 * i + 1]!];
        assert.deepEqual([x.status, y.status].sort(), [200, 201], `race-${i}: one decision, one replay`);
        assert.equal(x.answer.decision, y.answer.decision);
      }
      const stored = await a.store.db.selectFrom('event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(stored.n), events.length);
      const decided = await a.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'event.decided').executeTakeFirstOrThrow();
      assert.equal(Number(decided.n), events.length);
      const occurrences = await a.store.db.selectFrom('alert').select('occurrences').execute();
      assert.equal(occurrences.reduce((n, r) => n + Number(r.occurrences), 0), events.length / 2, 'one occurrence per stored withdrawal to the listed wallet');
      assert.equal((await a.audit.verify()).ok, true);
    } finally {
      await a.close();
      await b.close();
      await db.cleanup();
    }
  });
});
