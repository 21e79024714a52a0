import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryState, MAX_SHARED } from './monitoring-state.ts';

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
