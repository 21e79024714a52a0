import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { silentLogger, sqliteDatabase } from '../../test/helpers.ts';
import { createMonitoringConfigService } from './monitoring-config.ts';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
};

test('a monitoring configuration takes effect only when a supervisor other than its proposer approves it, and every step is audited', async () => {
  const db = sqliteDatabase();
  const app = await createApp(loadConfig({ SEKISHO_DB: db.url }), { logger: silentLogger });
  try {
    const configs = createMonitoringConfigService({ store: app.store, audit: app.audit });
    assert.equal((await configs.active()).version, 0);

    const proposed = await configs.propose({ rules: { 'fefta-art55-report': { params: { thresholdJpy: 10_000_000 } } } }, 'analyst-1', 'lower Art. 55 threshold for a test');
    assert.equal(proposed.status, 'proposed');
    assert.equal((await configs.active()).version, 0, 'a proposal is not in force');

    assert.equal(await codeOf(configs.approve(proposed.version, { name: 'analyst-1', role: 'supervisor' })), 'SEK_MONITOR_CONFIG_DECISION', 'no approving one’s own proposal');
    assert.equal(await codeOf(configs.approve(proposed.version, { name: 'analyst-2', role: 'analyst' })), 'SEK_FORBIDDEN');
    const approved = await configs.approve(proposed.version, { name: 'supervisor-1', role: 'supervisor' });
    assert.equal(approved.status, 'active');
    const active = await configs.active();
    assert.equal(active.version, proposed.version);
    assert.deepEqual(active.rules.find((r) => r.def.id === 'fefta-art55-report')?.params, { thresholdJpy: 10_000_000, home: 'JP' });
    assert.equal(await codeOf(configs.approve(proposed.version, { name: 'supervisor-2', role: 'supervisor' })), 'SEK_MONITOR_CONFIG_DECISION', 'decided once');

    const next = await configs.propose({ rules: { 'fefta-art55-report': { enabled: false } } }, 'analyst-1');
    await configs.reject(next.version, { name: 'supervisor-1', role: 'supervisor' }, 'Art. 55 reports are mandatory');
    assert.equal((await configs.active()).version, proposed.version, 'a rejected version changes nothing');
    const third = await configs.propose({}, 'analyst-1');
    await configs.approve(third.version, { name: 'admin-1', role: 'admin' });
    assert.deepEqual((await configs.list()).map((v) => [v.version, v.status]), [[third.version, 'active'], [next.version, 'rejected'], [proposed.version, 'superseded']]);

    const actions = (await app.audit.list({ action: undefined })).filter((e) => e.action.startsWith('monitoring.config.')).map((e) => e.action);
    assert.deepEqual(actions, ['monitoring.config.proposed', 'monitoring.config.approved', 'monitoring.config.proposed', 'monitoring.config.rejected', 'monitoring.config.proposed', 'monitoring.config.approved']);
    assert.equal((await app.audit.verify()).ok, true);
  } finally {
    await app.close();
    await db.cleanup();
  }
});

test('a configuration with an unknown rule or a negative threshold is refused and nothing is recorded', async () => {
  const db = sqliteDatabase();
  const app = await createApp(loadConfig({ SEKISHO_DB: db.url }), { logger: silentLogger });
  try {
    const configs = createMonitoringConfigService({ store: app.store, audit: app.audit });
    assert.equal(await codeOf(configs.propose({ rules: { 'no-such-rule': {} } }, 'a')), 'SEK_MONITOR_CONFIG');
    assert.equal(await codeOf(configs.propose({ rules: { 'fefta-art55-report': { params: { thresholdJpy: -5 } } } }, 'a')), 'SEK_MONITOR_CONFIG');
    assert.equal(await codeOf(configs.get(1)), 'SEK_MONITOR_CONFIG_NOT_FOUND');
    assert.deepEqual(await configs.list(), []);
  } finally {
    await app.close();
    await db.cleanup();
  }
});
