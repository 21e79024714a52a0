import assert from 'node:assert/strict';
import { test } from 'node:test';
import { legalCustomer, personCustomer } from '../test-support.ts';
import {
  COMPREHENSIVE_COUNTRIES,
  TRANSSHIPMENT_HUBS,
  conflicting,
  emailIndicator,
  geoRegion,
  internationalDigits,
  isSameName,
  kycIndicators,
  languageIndicator,
  phoneIndicator,
  postcodeRegion,
  preferredLanguage,
  relatedParties,
  timeZoneIndicator,
} from './indicators.ts';

test('phone: +7 is Russia except the Kazakh 6xx/7xx ranges; Crimea, Sevastopol and the occupied oblasts are told apart', () => {
  assert.deepEqual(phoneIndicator('+7 978 123-45-67')?.regions, ['UA-43', 'UA-40']);
  assert.deepEqual(phoneIndicator('+7 (365) 222-33-44')?.regions, ['UA-43']);
  assert.deepEqual(phoneIndicator('+7 8692 55-66-77')?.regions, ['UA-40']);
  const moscow = phoneIndicator('+7 (495) 123-45-67');
  assert.equal(moscow?.country, 'RU');
  assert.deepEqual(moscow?.regions, []);
  assert.deepEqual(moscow?.explainedBy, ['RU']);
  assert.equal(phoneIndicator('+7 701 123 4567'), undefined, 'Kcell, Kazakhstan');
  assert.equal(phoneIndicator('+7 727 250 0000'), undefined, 'Almaty landline');
  assert.equal(phoneIndicator('+7 949 123 4567')?.verified, false, 'the DNR range is from secondary sources');
  assert.equal(phoneIndicator('+375 29 123 45 67')?.country, 'BY');
  assert.deepEqual(phoneIndicator('+380 71 123 4567')?.regions, ['UA-14']);
  assert.deepEqual(phoneIndicator('+380 72 123 4567')?.regions, ['UA-09']);
  assert.equal(phoneIndicator('+380 67 123 4567'), undefined, 'Kyivstar, government-controlled Ukraine');
  assert.equal(phoneIndicator('+81 90-1234-5678'), undefined);
  assert.equal(phoneIndicator('090-1234-5678'), undefined, 'a national number names no country');
  assert.equal(phoneIndicator(undefined), undefined);
});

test('phone: 00 and the Russian trunk format 8 … are read as international', () => {
  assert.equal(internationalDigits('0079781234567'), '79781234567');
  assert.equal(internationalDigits('8 (978) 123-45-67'), '79781234567');
  assert.equal(internationalDigits('080-1234-5678'), undefined);
  assert.deepEqual(phoneIndicator('8 978 123 45 67')?.regions, ['UA-43', 'UA-40']);
  assert.equal(phoneIndicator('+7 978 123 45 67')?.value, '+7 978', 'only the prefix is kept as evidence');
});

test('postcode: Russian-assigned Crimean codes 295000-299999 and Ukrainian 95000-99999; other countries are not read', () => {
  assert.equal(postcodeRegion({ country: 'RU', postcode: '295000' })?.region, 'UA-43');
  assert.equal(postcodeRegion({ country: 'RU', postcode: '299011' })?.region, 'UA-40');
  assert.equal(postcodeRegion({ country: 'UA', postcode: '295 006' })?.region, 'UA-43', 'a Crimean address filed under UA with the Russian code');
  assert.equal(postcodeRegion({ country: 'UA', postcode: '95000' })?.region, 'UA-43');
  assert.equal(postcodeRegion({ country: 'UA', postcode: '99000' })?.region, 'UA-40');
  assert.equal(postcodeRegion({ country: 'RU', postcode: '283001' })?.verified, false);
  assert.equal(postcodeRegion({ country: 'RU', postcode: '101000' }), undefined, 'Moscow');
  assert.equal(postcodeRegion({ country: 'UA', postcode: '83000' }), undefined, 'Donetsk oblast code: the side of the line is unknown');
  assert.equal(postcodeRegion({ country: 'JP', postcode: '295-0001' }), undefined, 'Chiba');
  assert.equal(postcodeRegion({ country: 'RU' }), undefined);
});

test('e-mail: Russian and Belarusian domains and Yandex under any TLD; the domain only is kept', () => {
  for (const e of ['ivan@mail.ru', 'IVAN@BK.RU', 'x@list.ru', 'x@inbox.ru', 'x@rambler.ru', 'x@ya.ru', 'x@yandex.com', 'x@yandex.kz', 'x@пример.рф', 'x@old.su']) {
    assert.equal(emailIndicator(e)?.country, 'RU', e);
  }
  assert.equal(emailIndicator('x@tut.by')?.country, 'BY');
  assert.equal(emailIndicator('ivan@mail.ru')?.value, 'mail.ru');
  for (const e of ['taro@example.co.jp', 'x@gmail.com', 'x@notyandex.com', 'no-at-sign']) assert.equal(emailIndicator(e), undefined, e);
});

test('browser language: the preferred language counts, by q value', () => {
  assert.equal(preferredLanguage('ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7'), 'ru');
  assert.equal(preferredLanguage('ja-JP,ja;q=0.9,ru;q=0.8'), 'ja');
  assert.equal(preferredLanguage('en;q=0.5, ru;q=0.7'), 'ru');
  assert.equal(languageIndicator('be-BY')?.country, 'BY');
  assert.equal(languageIndicator('ja-JP,ru;q=0.5'), undefined);
  assert.equal(languageIndicator('uk-UA'), undefined);
});

test('time zone: Russian zones from tzdata, Minsk, and Simferopol as Crimea', () => {
  for (const z of ['Europe/Moscow', 'europe/moscow', 'Europe/Kaliningrad', 'Europe/Volgograd', 'Asia/Yekaterinburg', 'Asia/Vladivostok']) assert.equal(timeZoneIndicator(z)?.country, 'RU', z);
  assert.equal(timeZoneIndicator('Europe/Minsk')?.country, 'BY');
  assert.deepEqual(timeZoneIndicator('Europe/Simferopol')?.regions, ['UA-43', 'UA-40']);
  for (const z of ['Asia/Tokyo', 'Europe/Kyiv', 'Asia/Almaty', undefined]) assert.equal(timeZoneIndicator(z), undefined, z);
});

test('geolocation region: ISO codes, bare subdivision codes, and Crimea filed under RU by name', () => {
  assert.equal(geoRegion({ ip: '1', country: 'UA', region: 'UA-43' }), 'UA-43');
  assert.equal(geoRegion({ ip: '1', country: 'UA', region: '43' }), 'UA-43');
  assert.equal(geoRegion({ ip: '1', country: 'RU', regionName: 'Republic of Crimea' }), 'UA-43');
  assert.equal(geoRegion({ ip: '1', country: 'RU', city: 'Sevastopol' }), 'UA-40');
  assert.equal(geoRegion({ ip: '1', country: 'RU', city: 'Simferopol' }), 'UA-43');
  assert.equal(geoRegion({ ip: '1', country: 'UA', regionName: 'Donetsk Oblast' }), 'UA-14');
  assert.equal(geoRegion({ ip: '1', country: 'RU', regionName: 'Rostov Oblast', city: 'Donetsk' }), undefined, 'Donetsk in Rostov oblast is Russia proper');
  assert.equal(geoRegion({ ip: '1', country: 'RU', region: 'RU-CR' }), 'UA-43', 'a non-ISO Russian code for Crimea');
  assert.equal(geoRegion({ ip: '1', country: 'RU', region: 'RU-XX', regionName: 'Respublika Krym' }), 'UA-43');
  assert.equal(geoRegion({ ip: '1', country: 'RU', region: 'RU-MOW', city: 'Moscow' }), 'RU-MOW');
  assert.equal(geoRegion({ ip: '1', country: 'JP', region: 'JP-13', regionName: 'Tokyo' }), 'JP-13');
  assert.equal(geoRegion({ ip: '1', country: 'DE', regionName: 'Crimea Street' }), undefined, 'names are read only for RU and UA');
  assert.equal(geoRegion(undefined), undefined);
});

test('conflicts: a Russian national living in Japan explains a +7 phone, mail.ru and a Russian browser, not a Moscow time zone', () => {
  const ivan = personCustomer({ names: [{ name: 'Ivan Petrov' }], nationalities: ['RU'], residence: 'JP', phone: '+7 495 123 45 67', email: 'ivan@mail.ru' });
  assert.deepEqual(conflicting(kycIndicators(ivan, { browserLanguage: 'ru-RU', timeZone: 'Asia/Tokyo' }), ivan), []);
  const moscowTz = conflicting(kycIndicators(ivan, { browserLanguage: 'ru-RU', timeZone: 'Europe/Moscow' }), ivan);
  assert.deepEqual(moscowTz.map((i) => i.kind), ['time-zone']);
  const taro = personCustomer({ phone: '+7 495 123 45 67', email: 'taro@mail.ru' });
  assert.deepEqual(conflicting(kycIndicators(taro), taro).map((i) => i.kind), ['phone', 'email']);
});

test('conflicts: a Kazakh national explains Russian as a language and a Russian mail provider; an occupied region is explained by nothing', () => {
  const aigerim = personCustomer({ nationalities: ['KZ'], residence: 'JP', email: 'a@mail.ru' });
  assert.deepEqual(conflicting(kycIndicators(aigerim, { browserLanguage: 'ru' }), aigerim), []);
  const crimean = personCustomer({ nationalities: ['RU'], residence: 'RU', phone: '+7 978 000 00 00', addresses: [{ country: 'RU', postcode: '295000' }] });
  assert.deepEqual(conflicting(kycIndicators(crimean), crimean).map((i) => i.kind), ['phone', 'postcode']);
});

test('related parties: owners through chains of legal owners, and directors', () => {
  const company = legalCustomer({
    owners: [
      { share: 60, party: { type: 'legal', names: [{ name: 'Holding Ltd' }], jurisdiction: 'CY', owners: [{ share: 100, party: { type: 'person', names: [{ name: 'Oleg Sidorov' }], nationalities: ['RU'] } }] } },
      { share: 40, party: { type: 'person', names: [{ name: 'Tan Wei Ming' }], nationalities: ['SG'] } },
    ],
    directors: [{ role: 'director', party: { type: 'person', names: [{ name: 'Lim Mei Ling' }] } }],
  });
  const parties = relatedParties(company);
  assert.deepEqual(parties.map((p) => `${p.role}:${p.path.join('>')}`), ['owner:Holding Ltd', 'owner:Holding Ltd>Oleg Sidorov', 'owner:Tan Wei Ming', 'director:Lim Mei Ling']);
  assert.deepEqual(relatedParties(personCustomer()), []);
});

test('names compare folded and in any word order', () => {
  const c = personCustomer({ names: [{ name: 'Yamada Taro', latin: 'YAMADA TARO' }] });
  assert.equal(isSameName(c, 'TARO YAMADA'), true);
  assert.equal(isSameName(c, 'Suzuki Hanako'), false);
});

test('tables: Syria is not comprehensively sanctioned by default; the hubs follow FinCEN/BIS FIN-2022-Alert003 and the 2023 Tri-Seal note', () => {
  assert.deepEqual([...COMPREHENSIVE_COUNTRIES], ['CU', 'IR', 'KP']);
  for (const c of ['SG', 'AE', 'TR', 'AM', 'GE', 'HK', 'MO', 'KZ', 'KG', 'UZ', 'RS', 'CN', 'IN']) assert.ok(TRANSSHIPMENT_HUBS.includes(c), c);
  assert.ok(!TRANSSHIPMENT_HUBS.includes('CY'));
  assert.ok(!TRANSSHIPMENT_HUBS.includes('JP'));
});
