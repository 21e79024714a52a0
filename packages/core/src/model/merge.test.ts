import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newEntity } from './entity.ts';
import { mergeEntities } from './merge.ts';

test('merging two records of one id keeps every name, wallet and property once', () => {
  const a = newEntity('custom:1', 'Person');
  a.names.push({ full: 'Ivan Petrov', kind: 'primary', script: 'Latn' });
  a.wallets.push({ currency: 'XBT', address: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' });
  a.properties.program = ['FRAUD'];
  const b = newEntity('custom:1', 'Organization');
  b.names.push({ full: 'Ivan Petrov', kind: 'primary', script: 'Latn' }, { full: 'Иван Петров', kind: 'aka', script: 'Cyrl' });
  b.wallets.push({ currency: 'ETH', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' });
  b.properties.program = ['FRAUD', 'LEA-REQUEST'];
  const m = mergeEntities(a, b);
  assert.equal(m.schema, 'Person');
  assert.deepEqual(m.names.map((n) => n.full), ['Ivan Petrov', 'Иван Петров']);
  assert.equal(m.wallets.length, 2);
  assert.deepEqual(m.properties.program, ['FRAUD', 'LEA-REQUEST']);
  assert.deepEqual(a.properties.program, ['FRAUD']);
});
