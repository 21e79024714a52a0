import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileConfig, DEFAULT_TYPOLOGIES, RULES, type SekishoEvent } from '@sekisho/core';
import { deposit, event, login, personCustomer } from '../../../core/src/monitoring/test-support.ts';
import { createMonitoringService } from './monitoring.ts';
import { createMemoryState } from './monitoring-state.ts';

const DAY = 86_400_000;
const T = Date.parse('2026-11-02T09:00:00.000Z');
const day = (n: number) => new Date(T + n * DAY).toISOString();
const checked = { findings: [], lists: [] };

/** The monitoring service over a memory state, with every event remembered after it is evaluated (as the event service does). */
function service() {
  const monitoring = createMonitoringService({ state: createMemoryState(), config: () => compileConfig(RULES, DEFAULT_TYPOLOGIES, {}) });
  return async (ev: SekishoEvent, at: string) => {
    const { result, remember } = await monitoring.evaluate(ev, checked, at);
    remember();
    return result;
  };
}
const onboard = (customer: ReturnType<typeof personCustomer>, at: string) => event('customer.onboarded', { customer }, { id: `onb-${customer.id}-${at}`, occurredAt: at });

test('rule 29: a customer sharing a device with an offboarded customer is flagged; the same link to a customer still served is not', async () => {
  for (const offboarded of [true, false]) {
    const run = service();
    const exited = personCustomer({ id: 'A', names: [{ name: 'Sato Hanako' }], ...(offboarded ? { offboarded: { date: '2026-10-20', reason: 'suspicious activity' } } : {}) });
    await run(onboard(exited, day(-30)), day(-30));
    await run(login({ ip: '203.0.113.7', deviceId: 'dev-77' }, { id: 'l-a', customerId: 'A', occurredAt: day(-20) }), day(-20));
    await run(onboard(personCustomer({ id: 'B', names: [{ name: 'Suzuki Ichiro' }] }), day(-1)), day(-1));
    const result = await run(login({ ip: '198.51.100.9', deviceId: 'dev-77' }, { id: 'l-b', customerId: 'B', occurredAt: day(0) }), day(0));
    const hit = result.hits.find((h) => h.rule === 'shared-identifier-link');
    if (offboarded) {
      assert.ok(hit, 'a device shared with an offboarded customer');
      assert.match(hit.reasons.join(' '), /offboarded customer/);
      assert.deepEqual((hit.evidence as { links: { customerId: string; offboarded: boolean }[] }).links.map((l) => [l.customerId, l.offboarded]), [['A', true]]);
    } else assert.equal(hit, undefined, 'one shared device (weight 0.5) with a customer still served stays under the threshold of 1');
  }
});

test('rule 27: an account opened years before Sekisho received its record is not new; without accountOpened it is', async () => {
  for (const accountOpened of ['2019-04-01', undefined]) {
    const run = service();
    await run(onboard(personCustomer({ id: 'C', ...(accountOpened ? { accountOpened } : {}) }), day(0)), day(0));
    const result = await run(deposit({ amountJpy: 3_000_000 }, { id: 'd-1', customerId: 'C', occurredAt: day(2) }), day(2));
    const hit = result.hits.find((h) => h.rule === 'new-account-large-deposit');
    if (accountOpened) assert.equal(hit, undefined, 'a customer since 2019, imported today');
    else assert.equal((hit?.evidence as { ageDays: number }).ageDays, 2);
  }
});
