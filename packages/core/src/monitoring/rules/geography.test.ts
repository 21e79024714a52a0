import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GeoInfo } from '../types.ts';
import { context, deposit, event, fiat, legalCustomer, login, personCustomer, runRule, withdrawal } from '../test-support.ts';
import { GEOGRAPHY_RULES, anonymisedAccess, geoBlock, kycGeographyMismatch, miningAccess, russiaBelarusAccess, russianPersonPolicy } from './geography.ts';

const TOKYO: GeoInfo = { ip: '203.0.113.10', country: 'JP', region: 'JP-13', regionName: 'Tokyo', city: 'Tokyo', asn: 2516 };
const MOSCOW: GeoInfo = { ip: '198.51.100.7', country: 'RU', region: 'RU-MOW', city: 'Moscow', asn: 8359 };
const MINSK: GeoInfo = { ip: '198.51.100.9', country: 'BY', region: 'BY-HM', city: 'Minsk' };
const SIMFEROPOL: GeoInfo = { ip: '198.51.100.20', country: 'UA', region: 'UA-43', regionName: 'Crimea', city: 'Simferopol' };
const LVIV: GeoInfo = { ip: '198.51.100.30', country: 'UA', region: 'UA-46', city: 'Lviv' };
const ZAPORIZHZHIA: GeoInfo = { ip: '198.51.100.31', country: 'UA', region: 'UA-23' };
const TEHRAN: GeoInfo = { ip: '198.51.100.40', country: 'IR', region: 'IR-23', city: 'Tehran' };
const DAMASCUS: GeoInfo = { ip: '198.51.100.41', country: 'SY' };
const NL_VPN: GeoInfo = { ip: '192.0.2.50', country: 'NL', asn: 9009, vpn: true };
const TOR: GeoInfo = { ip: '192.0.2.60', country: 'DE', tor: true };

const tokyoLogin = () => login({ ip: TOKYO.ip, browserLanguage: 'ja-JP,ja;q=0.9,en;q=0.8', timeZone: 'Asia/Tokyo', channel: 'web' });
const onboarded = (customer: Record<string, unknown>) => event('customer.onboarded', { customer: { id: 'C-1', ...customer } });

// Rule 9 -------------------------------------------------------------------------------------

test('rule 9: a login from Crimea, Sevastopol or Tehran is blocked', () => {
  const ev = login({ ip: SIMFEROPOL.ip });
  const hit = runRule(geoBlock, ev, context(ev, { geo: SIMFEROPOL }));
  assert.equal(hit?.outcome, 'block');
  assert.equal(hit?.no, 9);
  assert.equal(hit?.evidence.ipRegion, 'UA-43');
  assert.match(hit!.reasons[0]!, /UA-43 \(Crimea\)/);
  assert.equal(runRule(geoBlock, ev, context(ev, { geo: { ip: '1.1.1.1', country: 'RU', city: 'Sevastopol' } }))?.evidence.ipRegion, 'UA-40', 'a database that files Sevastopol under RU');
  assert.equal(runRule(geoBlock, ev, context(ev, { geo: TEHRAN }))?.outcome, 'block');
});

test('rule 9: the rest of Ukraine, Russia itself, and an unknown geolocation are not geo-blocked', () => {
  const ev = login();
  assert.equal(runRule(geoBlock, ev, context(ev, { geo: LVIV })), undefined);
  assert.equal(runRule(geoBlock, ev, context(ev, { geo: MOSCOW })), undefined);
  assert.equal(runRule(geoBlock, ev, context(ev, { geo: { ip: '::1', unknown: 'no geolocation database configured' } })), undefined);
  assert.equal(runRule(geoBlock, ev, context(ev, { geo: { ip: '1.2.3.4', unknown: 'private', region: 'UA-43' } })), undefined, 'unknown wins over a stray field');
  assert.equal(runRule(geoBlock, ev, context(ev)), undefined, 'no geolocation at all');
});

test('rule 9: Syria is off the default list (E.O. 14312) and can be put back; the EU scope adds Zaporizhzhia and Kherson', () => {
  const ev = login();
  assert.equal(runRule(geoBlock, ev, context(ev, { geo: DAMASCUS })), undefined);
  assert.equal(runRule(geoBlock, ev, context(ev, { geo: DAMASCUS }), { countries: ['CU', 'IR', 'KP', 'SY'] })?.outcome, 'block');
  assert.equal(runRule(geoBlock, ev, context(ev, { geo: ZAPORIZHZHIA })), undefined);
  const eu = runRule(geoBlock, ev, context(ev, { geo: ZAPORIZHZHIA }), { euScope: true });
  assert.equal(eu?.outcome, 'block');
  assert.match(eu!.reasons[0]!, /only partly occupied/);
});

test('rule 9: onboarding a resident of Iran or of a Crimean postcode is blocked; an Iranian national living in Japan is not', () => {
  const iran = onboarded({ type: 'person', names: [{ name: 'Reza Ahmadi' }], residence: 'IR', nationalities: ['IR'] });
  assert.equal(runRule(geoBlock, iran, context(iran))?.outcome, 'block');
  const crimea = onboarded({ type: 'person', names: [{ name: 'Anna Ivanova' }], residence: 'RU', addresses: [{ city: 'Simferopol', postcode: '295000', country: 'RU' }] });
  const hit = runRule(geoBlock, crimea, context(crimea));
  assert.equal(hit?.outcome, 'block');
  assert.match(hit!.reasons[0]!, /postcode 295000 in UA-43 \(Crimea\)/);
  const inJapan = onboarded({ type: 'person', names: [{ name: 'Reza Ahmadi' }], residence: 'JP', nationalities: ['IR'], addresses: [{ city: 'Chiba', postcode: '295-0001', country: 'JP' }] });
  assert.equal(runRule(geoBlock, inJapan, context(inJapan)), undefined);
});

test('rule 9: value that already arrived from a geo-blocked session is held, not refused; an outflow is blocked', () => {
  const dep = deposit();
  assert.equal(runRule(geoBlock, dep, context(dep, { geo: SIMFEROPOL }))?.outcome, 'hold');
  const wd = withdrawal();
  const hit = runRule(geoBlock, wd, context(wd, { geo: SIMFEROPOL }));
  assert.equal(hit?.outcome, 'block');
  assert.match(hit!.reasons[0]!, /latest login IP/);
});

// Rule 10 ------------------------------------------------------------------------------------

test('rule 10: a Japanese resident logging in from Moscow is reviewed', () => {
  const ev = login({ ip: MOSCOW.ip });
  const hit = runRule(russiaBelarusAccess, ev, context(ev, { geo: MOSCOW }));
  assert.equal(hit?.outcome, 'review');
  assert.equal(hit?.score, 0.5);
  assert.match(hit!.reasons[0]!, /declares JP and not RU/);
});

test('rule 10: a Singapore company withdrawing after a Minsk login is held; a person withdrawing scores higher but is reviewed', () => {
  const wd = withdrawal();
  const company = runRule(russiaBelarusAccess, wd, context(wd, { geo: MINSK, customer: legalCustomer() }));
  assert.equal(company?.outcome, 'hold');
  assert.equal(company?.score, 0.9);
  const person = runRule(russiaBelarusAccess, wd, context(wd, { geo: MINSK }));
  assert.equal(person?.outcome, 'review');
  assert.equal(person?.score, 0.7);
});

test('rule 10: a declared Russian resident (rule 13), a login from Kazakhstan, an incoming wire are not rule 10', () => {
  const ev = login();
  assert.equal(runRule(russiaBelarusAccess, ev, context(ev, { geo: MOSCOW, customer: personCustomer({ residence: 'RU', nationalities: ['RU'] }) })), undefined);
  assert.equal(runRule(russiaBelarusAccess, ev, context(ev, { geo: { ip: '1.2.3.4', country: 'KZ' } })), undefined);
  const wire = fiat({ direction: 'in' });
  assert.equal(runRule(russiaBelarusAccess, wire, context(wire, { geo: MOSCOW })), undefined);
});

test('rule 10: a Russian national living in Japan visiting Moscow is still reviewed, at a lower score', () => {
  const ev = login();
  const hit = runRule(russiaBelarusAccess, ev, context(ev, { geo: MOSCOW, customer: personCustomer({ nationalities: ['RU'], residence: 'JP' }) }));
  assert.equal(hit?.score, 0.3);
  assert.match(hit!.reasons[1]!, /nationality/);
});

// Rule 11 ------------------------------------------------------------------------------------

test('rule 11: a VPN alone adds a small score and decides nothing', () => {
  const ev = tokyoLogin();
  const hit = runRule(anonymisedAccess, ev, context(ev, { geo: NL_VPN }));
  assert.equal(hit?.outcome, 'allow');
  assert.equal(hit?.score, 0.3);
});

test('rule 11: Tor with a Russian browser on a Japanese account, or a VPN after Moscow logins, is reviewed', () => {
  const ru = login({ browserLanguage: 'ru-RU,ru;q=0.9', timeZone: 'Asia/Tokyo' });
  const tor = runRule(anonymisedAccess, ru, context(ru, { geo: TOR }));
  assert.equal(tor?.outcome, 'review');
  assert.ok(tor!.score >= 0.8);
  assert.match(tor!.reasons[1]!, /browser language Russian/);
  const ev = tokyoLogin();
  const vpn = runRule(anonymisedAccess, ev, context(ev, { geo: NL_VPN, recentGeo: [TOKYO, MOSCOW, MOSCOW] }));
  assert.equal(vpn?.outcome, 'review');
  assert.match(vpn!.reasons[1]!, /a login from RU/);
});

test('rule 11: no anonymiser, no hit; a VPN with only Tokyo logins stays a score', () => {
  const ev = tokyoLogin();
  assert.equal(runRule(anonymisedAccess, ev, context(ev, { geo: TOKYO })), undefined);
  assert.equal(runRule(anonymisedAccess, ev, context(ev, { geo: NL_VPN, recentGeo: [TOKYO, TOKYO] }))?.outcome, 'allow');
});

// Rule 12 ------------------------------------------------------------------------------------

test('rule 12: a Japanese account with a Crimean phone and a mail.ru address is reviewed, each indicator listed', () => {
  const ev = onboarded({ type: 'person', names: [{ name: 'Sato Ken' }], residence: 'JP', nationalities: ['JP'], phone: '+7 978 765 43 21', email: 'ken@mail.ru' });
  const hit = runRule(kycGeographyMismatch, ev, context(ev));
  assert.equal(hit?.outcome, 'review');
  assert.equal(hit?.reasons.length, 3);
  assert.match(hit!.reasons[1]!, /Crimea and Sevastopol mobile range \+7 978/);
  assert.match(hit!.reasons[2]!, /mail\.ru/);
  assert.deepEqual((hit!.evidence.indicators as { kind: string }[]).map((i) => i.kind), ['phone', 'email']);
});

test('rule 12: a session in Russian on Moscow time on a Japanese account is reviewed', () => {
  const ev = login({ browserLanguage: 'ru-RU,ru;q=0.9', timeZone: 'Europe/Moscow' });
  const hit = runRule(kycGeographyMismatch, ev, context(ev, { geo: TOKYO }));
  assert.equal(hit?.outcome, 'review');
  assert.equal(hit?.score, 0.5);
});

test('rule 12: one indicator alone, or a Russian national in Japan with a +7 phone, mail.ru and a Russian browser, is not a mismatch', () => {
  const one = login({ browserLanguage: 'ja-JP', timeZone: 'Europe/Moscow' });
  assert.equal(runRule(kycGeographyMismatch, one, context(one)), undefined);
  const ev = login({ browserLanguage: 'ru-RU', timeZone: 'Asia/Tokyo' });
  const ivan = personCustomer({ names: [{ name: 'Ivan Petrov' }], nationalities: ['RU'], residence: 'JP', phone: '+7 916 123 45 67', email: 'ivan@mail.ru' });
  assert.equal(runRule(kycGeographyMismatch, ev, context(ev, { customer: ivan })), undefined);
  assert.ok(runRule(kycGeographyMismatch, one, context(one), { minIndicators: 1 }), 'the threshold is a parameter');
});

// Rule 13 ------------------------------------------------------------------------------------

test('rule 13: a Russian national is flagged for review by default, blocked under the EU policy', () => {
  const ev = onboarded({ type: 'person', names: [{ name: 'Ivan Petrov' }], nationalities: ['RU'], residence: 'JP' });
  const hit = runRule(russianPersonPolicy, ev, context(ev));
  assert.equal(hit?.outcome, 'review');
  assert.deepEqual(hit?.evidence.countries, ['RU']);
  const eu = runRule(russianPersonPolicy, ev, context(ev), { policy: 'block' });
  assert.equal(eu?.outcome, 'block');
  assert.match(eu!.reasons[0]!, /833\/2014 Art\. 5b\(2\)/);
});

test('rule 13: the EU exemption leaves out a Russian national living in Germany; a Belarusian company is flagged', () => {
  const de = onboarded({ type: 'person', names: [{ name: 'Ivan Petrov' }], nationalities: ['RU'], residence: 'DE' });
  assert.equal(runRule(russianPersonPolicy, de, context(de), { policy: 'block', euExemptions: true }), undefined);
  const by = onboarded({ type: 'legal', names: [{ name: 'Belpromtorg OOO' }], jurisdiction: 'BY' });
  assert.equal(runRule(russianPersonPolicy, by, context(by), { policy: 'hold' })?.outcome, 'hold');
});

test('rule 13: a Singapore company with a Russian director gets the related-party policy; a Japanese customer nothing', () => {
  const wd = withdrawal();
  const company = legalCustomer({ directors: [{ role: 'director', party: { type: 'person', names: [{ name: 'Oleg Sidorov' }], nationalities: ['RU'], residence: 'RU' } }] });
  const hit = runRule(russianPersonPolicy, wd, context(wd, { customer: company }), { policy: 'block' });
  assert.equal(hit?.outcome, 'review');
  assert.match(hit!.reasons.join(' '), /director Oleg Sidorov declares RU/);
  assert.equal(runRule(russianPersonPolicy, wd, context(wd)), undefined);
});

// Rule 35 ------------------------------------------------------------------------------------

test('rule 35: a stratum connection from Russia is reviewed, from Crimea or Iran blocked', () => {
  const ev = login({ channel: 'stratum' });
  const ru = runRule(miningAccess, ev, context(ev, { geo: MOSCOW }));
  assert.equal(ru?.outcome, 'review');
  assert.equal(ru?.no, 35);
  assert.equal(runRule(miningAccess, ev, context(ev, { geo: SIMFEROPOL }))?.outcome, 'block');
  assert.equal(runRule(miningAccess, ev, context(ev, { geo: TEHRAN }))?.outcome, 'block');
  const dash = login({ channel: 'pool-dashboard' });
  assert.equal(runRule(miningAccess, dash, context(dash, { geo: ZAPORIZHZHIA }))?.outcome, 'review', 'occupied, not geo-blocked without the EU scope');
});

test('rule 35: a web login from Moscow, or a stratum connection from Tokyo, is not a mining-access hit', () => {
  const web = login({ channel: 'web' });
  assert.equal(runRule(miningAccess, web, context(web, { geo: MOSCOW })), undefined);
  const ev = login({ channel: 'stratum' });
  assert.equal(runRule(miningAccess, ev, context(ev, { geo: TOKYO })), undefined);
});

// The ordinary customer -----------------------------------------------------------------------

test('ordinary: a Japanese resident logging in from Tokyo in Japanese raises nothing, and neither does the withdrawal after', () => {
  const ev = tokyoLogin();
  const ctx = context(ev, { geo: TOKYO, recentGeo: [TOKYO, TOKYO], customer: personCustomer({ phone: '+81 90-1234-5678', email: 'taro@example.co.jp', addresses: [{ city: 'Shibuya-ku', postcode: '150-0002', country: 'JP' }] }) });
  for (const rule of GEOGRAPHY_RULES) assert.equal(runRule(rule, ev, ctx), undefined, rule.id);
  const wd = withdrawal({ amountJpy: 2_000_000 });
  for (const rule of GEOGRAPHY_RULES) assert.equal(runRule(rule, wd, context(wd, { geo: TOKYO })), undefined, rule.id);
});

test('every geography rule has a catalogue number, a source and events', () => {
  assert.deepEqual(GEOGRAPHY_RULES.map((r) => r.no), [9, 10, 11, 12, 13, 35]);
  for (const r of GEOGRAPHY_RULES) {
    assert.ok(r.source.length > 20, r.id);
    assert.ok(r.events.length > 0, r.id);
    assert.ok(r.params.safeParse(r.defaults).success, r.id);
  }
});

test('rule 10: a Crimean IP that the database files under RU is rule 9’s (geo-block), not Russian activity', () => {
  const ev = login();
  const crimeaAsRu: GeoInfo = { ip: '198.51.100.7', country: 'RU', region: 'UA-43', regionName: 'Crimea' };
  assert.equal(runRule(russiaBelarusAccess, ev, context(ev, { geo: crimeaAsRu })), undefined);
  assert.equal(runRule(geoBlock, ev, context(ev, { geo: crimeaAsRu }))?.outcome, 'block');
});
