import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countryInNote, languageCode, nameKey, parseUkDate, splitRegistrationNumbers, ukCountryCode } from './values.ts';

test('UK dates: DD/MM/YYYY with dd and mm for unknown parts', () => {
  assert.deepEqual(parseUkDate('25/01/2001'), { date: '2001-01-25' });
  assert.deepEqual(parseUkDate('dd/mm/1945'), { date: '1945' });
  assert.deepEqual(parseUkDate('dd/03/1958'), { date: '1958-03' });
  // A day without a month is not a usable day.
  assert.deepEqual(parseUkDate('12/mm/1958'), { date: '1958' });
  assert.deepEqual(parseUkDate('1958'), { date: '1958' });
  assert.deepEqual(parseUkDate('circa 1958'), { date: '1958', circa: true });
  assert.equal(parseUkDate('31/02/1970'), undefined);
  assert.equal(parseUkDate('unknown'), undefined);
});

test('language names as NonLatinScriptLanguage writes them', () => {
  assert.equal(languageCode('Russian'), 'ru');
  assert.equal(languageCode('Arabic'), 'ar');
  assert.equal(languageCode('Persian'), 'fa');
  assert.equal(languageCode('Romanian; Moldavian; Moldovan'), 'ro');
  assert.equal(languageCode('Chinese'), 'zh');
  assert.equal(languageCode('Klingonese'), undefined);
});

test('countries in FCDO spelling and in passport notes', () => {
  assert.equal(ukCountryCode('Congo (Democratic Republic)'), 'CD');
  assert.equal(ukCountryCode('Russia'), 'RU');
  assert.equal(ukCountryCode('Russian'), 'RU');
  assert.equal(countryInNote('Afghanistan diplomatic passport'), 'AF');
  assert.equal(countryInNote('Russian Federation passport'), 'RU');
  assert.equal(countryInNote('Issued by Belarus on 12/05/2015'), 'BY');
  assert.equal(countryInNote('National passport (Iran)'), 'IR');
  assert.equal(countryInNote('expired'), undefined);
});

test('business registration numbers keep their label', () => {
  assert.deepEqual(splitRegistrationNumbers('INN: 7701234567'), [{ label: 'INN', value: '7701234567' }]);
  assert.deepEqual(splitRegistrationNumbers('OGRN 1027700123456; KPP 770101001'), [
    { label: 'OGRN', value: '1027700123456' },
    { label: 'KPP', value: '770101001' },
  ]);
  assert.deepEqual(splitRegistrationNumbers('Tax Identification Number: INN 7710140679'), [{ label: 'INN', value: '7710140679' }]);
  assert.deepEqual(splitRegistrationNumbers('Company Number: 12345678'), [{ label: 'Company Number', value: '12345678' }]);
  assert.deepEqual(splitRegistrationNumbers('1027700123456'), [{ value: '1027700123456' }]);
});

test('name keys ignore case, quotes and punctuation', () => {
  assert.equal(nameKey('АО «Северный холдинг»'), nameKey('ао северный холдинг'));
  assert.equal(nameKey('Severny Steel Trading, LLC.'), 'severny steel trading llc');
});
