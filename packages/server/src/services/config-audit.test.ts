import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { silentLogger, sqliteDatabase } from '../../test/helpers.ts';
import { recordConfiguration } from './config-audit.ts';

test('a changed threshold between two starts is audited with both values; an unchanged one writes nothing', async () => {
  const db = sqliteDatabase();
  try {
    const first = await createApp(loadConfig({ SEKISHO_DB: db.url }), { logger: silentLogger });
    assert.equal(await recordConfiguration({ store: first.store, audit: first.audit, config: first.config, actor: 'serve' }), true);
    assert.equal(await recordConfiguration({ store: first.store, audit: first.audit, config: first.config, actor: 'serve' }), false);
    await first.close();
    const second = await createApp(loadConfig({ SEKISHO_DB: db.url, SEKISHO_THRESHOLD: '0.8' }), { logger: silentLogger });
    assert.equal(await recordConfiguration({ store: second.store, audit: second.audit, config: second.config, actor: 'serve' }), true);
    const entries = await second.audit.list({ subject: 'config' });
    assert.deepEqual(entries.map((e) => e.action), ['config.initial', 'config.changed']);
    const change = entries[1]!.data as { from: { threshold: number }; to: { threshold: number } };
    assert.equal(change.from.threshold, 0.7);
    assert.equal(change.to.threshold, 0.8);
    assert.equal((await second.audit.verify()).ok, true);
    await second.close();
  } finally {
    await db.cleanup();
  }
});
