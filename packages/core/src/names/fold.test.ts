import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asciiFold, phoneticFold } from './fold.ts';
import { jaroWinkler } from './similarity.ts';

test('Jaro-Winkler matches the published vectors', () => {
  assert.equal(jaroWinkler('MARTHA', 'MARHTA').toFixed(4), '0.9611');
  assert.equal(jaroWinkler('DWAYNE', 'DUANE').toFixed(4), '0.8400');
  assert.equal(jaroWinkler('DIXON', 'DICKSONX').toFixed(4), '0.8133');
  assert.equal(jaroWinkler('', ''), 0);
  assert.equal(jaroWinkler('abc', ''), 0);
});

test('asciiFold removes case, diacritics and punctuation but keeps other scripts', () => {
  assert.equal(asciiFold('José Müller-Lüdenscheidt Søren Łukasz'), 'jose muller ludenscheidt soren lukasz');
  assert.equal(asciiFold("O'BRIEN, Arkad'evich"), 'obrien arkadevich');
  assert.equal(asciiFold('ＡＢＣ　株式会社'), 'abc 株式会社');
  assert.equal(asciiFold('Путин'), 'путин');
});

test('phoneticFold brings romanisation variants together', () => {
  const same = [
    ['arkadyevich', 'arkadevich'],
    ['khodorkovsky', 'hodorkovskii'],
    ['shchukin', 'schukin'],
    ['zhukov', 'djukov'],
    ['tchaikovsky', 'chaikovskii'],
    ['iouri', 'iuri'],
    ['dmitriyev', 'dmitrev'],
  ];
  for (const [a, b] of same) assert.equal(phoneticFold(a!), phoneticFold(b!), `${a} ~ ${b}`);
  assert.notEqual(phoneticFold('ivanov'), phoneticFold('petrov'));
});
