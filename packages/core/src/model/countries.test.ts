import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countryCode } from './countries.ts';

test('current countries win over retired codes with the same name', () => {
  assert.deepEqual(['France', 'Serbia', 'Burkina Faso', 'Benin', 'Vanuatu', 'Timor-Leste', 'Myanmar', 'Germany'].map(countryCode), ['FR', 'RS', 'BF', 'BJ', 'VU', 'TL', 'MM', 'DE']);
});

test('spellings the lists use, in English and Japanese', () => {
  assert.equal(countryCode('Russian Federation'), 'RU');
  assert.equal(countryCode('Korea, North'), 'KP');
  assert.equal(countryCode('Iran (Islamic Republic of)'), 'IR');
  assert.equal(countryCode('Congo (Democratic Republic)'), 'CD');
  assert.equal(countryCode('Bosnia & Herzegovina'), 'BA');
  assert.equal(countryCode('China, Hong Kong Special Administrative Region'), 'HK');
  assert.equal(countryCode('ロシア連邦'), 'RU');
  assert.equal(countryCode('ウクライナ'), 'UA');
  assert.equal(countryCode('Atlantis'), undefined);
});
