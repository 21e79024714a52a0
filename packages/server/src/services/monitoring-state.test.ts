import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Activity, compileConfig, DEFAULT_TYPOLOGIES, RULES, type SekishoEvent } from '@sekisho/core';
import { withdrawal } from '../../../core/src/monitoring/test-support.ts';
import { tempDir } from '../../test/helpers.ts';
import { openStore } from '../storage/db.ts';
import { createMonitoringService } from './monitoring.ts';
import { createMemoryState, createStoreState, MAX_SHARED } from './monitoring-state.ts';

test('links: customers sharing a device are linked; an address more than MAX_SHARED customers share links nobody', async () => {
  const state = createMemoryState();
  const at = '2026-11-02T00:00:00.000Z';
  for (let i = 0; i < 3; i++) state.remember({ customerId: `d-${i}`, ids: [{ kind: 'device', value: 'dev-1' }], at });
  for (let i = 0; i <= MAX_SHARED + 1; i++) state.remember({ customerId: `n-${i}`, ids: [{ kind: 'ip', value: '198.51.100.1' }], at });
  const device = await state.linked('d-0', [{ kind: 'device', value: 'dev-1' }]);
  assert.deepEqual(device.map((l) => [l.customerId, l.via]), [['d-1', ['device']], ['d-2', ['device']]]);
  assert.deepEqual(await state.linked('n-0', [{ kind: 'ip', value: '198.51.100.1' }]), []);
});

test('history: activities in time order within 30 days, without the event itself', async () => {
  const state = createMemoryState();
  const a = (eventId: string, at: string) => ({ eventId, type: 'login' as const, at, flow: 'none' as const });
  state.remember({ customerId: 'c', activity: a('e2', '2026-11-02T10:00:00.000Z'), ids: [], at: '2026-11-02T10:00:00.000Z' });
  state.remember({ customerId: 'c', activity: a('e1', '2026-11-02T09:00:00.000Z'), ids: [], at: '2026-11-02T09:00:00.000Z' });
  state.remember({ customerId: 'c', activity: a('e0', '2026-09-01T09:00:00.000Z'), ids: [], at: '2026-09-01T09:00:00.000Z' });
  const history = await state.history('c', '2026-11-02T10:00:00.000Z', 'e2');
  assert.deepEqual(history.map((h) => h.eventId), ['e1']);
});

const DAY = 86_400_000;
const T = Date.parse('2026-11-02T09:00:00.000Z');
const day = (n: number) => new Date(T + n * DAY).toISOString();
const act = (eventId: string, n: number, flow: 'in' | 'out' | 'none', amountJpy?: number): Activity => ({ eventId, type: flow === 'none' ? 'login' : flow === 'in' ? 'deposit.detected' : 'withdrawal.requested', at: day(n), flow, ...(amountJpy ? { amountJpy } : {}) });

test('dormancy: the last transfer before the window outlives the window (memory state), logins do not count', async () => {
  const state = createMemoryState();
  state.remember({ customerId: 'c', activity: act('t0', -200, 'out', 50_000), ids: [], at: day(-200) });
  state.remember({ customerId: 'c', activity: act('l0', -150, 'none'), ids: [], at: day(-150) });
  state.remember({ customerId: 'c', activity: act('l1', -100, 'none'), ids: [], at: day(-100) });
  // The transfer of day -200 left the window when day -150's login came in; the logins after it do not replace it.
  assert.equal(await state.lastValueBefore('c', day(0)), day(-200));
  assert.equal(await createMemoryState().lastValueBefore('c', day(0)), undefined);
});

test('dormancy: the store state reads the last transfer before the window, and the monitoring service hands it to rule 27', async () => {
  const { dir, cleanup } = tempDir();
  const store = await openStore(join(dir, 'store.db'));
  try {
    const rows = [act('t-old', -200, 'in', 80_000), act('l-mid', -60, 'none'), act('l-new', -40, 'none')].map((a) => ({ customer_id: 'c', at: a.at, event_id: a.eventId, activity: JSON.stringify(a) }));
    await store.db.insertInto('customer_activity').values(rows).execute();
    await store.db.insertInto('customer_activity').values({ customer_id: 'logins-only', at: day(-60), event_id: 'x', activity: JSON.stringify(act('x', -60, 'none')) }).execute();
    const state = createStoreState(store);
    assert.equal(await state.lastValueBefore('c', day(0)), day(-200));
    assert.equal(await state.lastValueBefore('logins-only', day(0)), undefined);
    const monitoring = createMonitoringService({ state, config: () => compileConfig(RULES, DEFAULT_TYPOLOGIES, {}) });
    const wd = withdrawal({ amountJpy: 1_500_000 }, { id: 'wd-1', customerId: 'c', occurredAt: day(0) });
    const { result } = await monitoring.evaluate(wd, { findings: [], lists: [] }, day(0));
    const dormant = result.hits.find((h) => h.rule === 'dormant-reactivation');
    assert.ok(dormant, 'a ¥1.5M withdrawal after 200 days without a transfer');
    assert.equal(dormant.evidence?.silenceDays, 200);
    // The near case: a customer whose last transfer was 60 days ago is not dormant.
    await store.db.insertInto('customer_activity').values({ customer_id: 'r', at: day(-60), event_id: 'r0', activity: JSON.stringify(act('r0', -60, 'out', 10_000)) }).execute();
    const recent = await monitoring.evaluate({ ...wd, id: 'wd-2', customerId: 'r' } as SekishoEvent, { findings: [], lists: [] }, day(0));
    assert.equal(recent.result.hits.find((h) => h.rule === 'dormant-reactivation'), undefined);
  } finally {
    await store.close();
    cleanup();
  }
});
