import assert from 'node:assert/strict';
import { test } from 'node:test';
import { customerSince, linkedCustomer } from './activity.ts';
import { personCustomer } from './test-support.ts';

test('customerSince: the account opening day on the record when it is earlier than the first record received', () => {
  const firstSeen = '2026-11-27T09:00:00.000Z';
  assert.equal(customerSince(personCustomer({ accountOpened: '2019-04-01' }), firstSeen), '2019-04-01T00:00:00.000Z');
  // Without the field, or with a later one (the record was received before the day the exchange gives): the first record.
  assert.equal(customerSince(personCustomer(), firstSeen), firstSeen);
  assert.equal(customerSince(personCustomer({ accountOpened: '2026-12-01' }), firstSeen), firstSeen);
  assert.equal(customerSince(personCustomer({ accountOpened: '2019-04-01' }), undefined), '2019-04-01T00:00:00.000Z');
  assert.equal(customerSince(undefined, undefined), undefined);
});

test('linkedCustomer: offboarded and Russia-linked come from the linked record; nothing is claimed without one', () => {
  const exited = linkedCustomer('C-9', ['device'], personCustomer({ id: 'C-9', names: [{ name: 'Ivan Petrov' }], nationalities: ['RU'], offboarded: { date: '2026-10-01', reason: 'Russia policy' } }), 'clear');
  assert.deepEqual(exited, { customerId: 'C-9', via: ['device'], name: 'Ivan Petrov', russiaLinked: true, offboarded: true, status: 'clear' });
  assert.deepEqual(linkedCustomer('C-8', ['ip'], personCustomer({ id: 'C-8' })), { customerId: 'C-8', via: ['ip'], name: 'Yamada Taro', russiaLinked: false });
  assert.deepEqual(linkedCustomer('C-7', ['ip'], undefined), { customerId: 'C-7', via: ['ip'] });
});
