import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Customer } from '../../customers/schema.ts';
import type { Finding } from '../../events/findings.ts';
import type { GeoInfo, LinkedCustomer } from '../types.ts';
import { activity, at, context, event, fiat, legalCustomer, login, personCustomer, runRule, withdrawal } from '../test-support.ts';
import { NETWORK_RULES, controlChanges, declaredFootprintMismatch, designationProximity, hubShellRussianLinks, linkWeight, relatedPartySanctions, sharedIdentifierLink } from './network.ts';

const SINGAPORE: GeoInfo = { ip: '203.0.113.80', country: 'SG', region: 'SG-01' };
const MOSCOW: GeoInfo = { ip: '198.51.100.7', country: 'RU', region: 'RU-MOW' };

const link = (id: string, via: string[], over: Partial<LinkedCustomer> = {}): LinkedCustomer => ({ customerId: id, via, name: `Other Person ${id}`, status: 'clear', ...over });

const sgPerson = (name: string) => ({ type: 'person' as const, names: [{ name }], nationalities: ['SG'], residence: 'SG' });
const ruPerson = (name: string) => ({ type: 'person' as const, names: [{ name }], nationalities: ['RU'], residence: 'RU' });

/** A Singapore company incorporated last month (T0 is 2026-11-02) with Singaporean directors. */
const sgCompany = (over: Partial<Extract<Customer, { type: 'legal' }>> = {}): Customer =>
  legalCustomer({ incorporationDate: '2026-10-05', owners: [{ share: 100, party: sgPerson('Tan Wei Ming') }], directors: [{ role: 'director', party: sgPerson('Lim Mei Ling') }], ...over });

const finding = (role: 'owner' | 'director' | 'customer', severity: 'possible' | 'confirmed'): Finding => ({
  check: 'sanctions.name',
  severity,
  party: { key: role === 'customer' ? 'self' : `${role}:0`, role, name: 'Oleg Sidorov' },
  entityId: 'NK-123',
  caption: 'SIDOROV, Oleg',
  schema: 'Person',
  source: 'ofac-sdn',
  listVersion: 7,
  programs: ['RUSSIA-EO14024'],
  score: 0.91,
  detail: 'owner name matches',
});

// Rule 29 ------------------------------------------------------------------------------------

test('rule 29: five customers under other names behind one IP (FATF: same IP, several users) are reviewed', () => {
  const ev = login();
  const links = ['C-11', 'C-12', 'C-13', 'C-14', 'C-15'].map((id) => link(id, ['ip']));
  const hit = runRule(sharedIdentifierLink, ev, context(ev, { links }));
  assert.equal(hit?.outcome, 'review');
  assert.equal(hit?.evidence.totalWeight, 1);
  assert.match(hit!.reasons[0]!, /5 customers under other names/);
});

test('rule 29: four behind one IP (an office NAT), or one sharing a device, is under the threshold', () => {
  const ev = login();
  assert.equal(runRule(sharedIdentifierLink, ev, context(ev, { links: ['C-11', 'C-12', 'C-13', 'C-14'].map((id) => link(id, ['ip'])) })), undefined);
  assert.equal(runRule(sharedIdentifierLink, ev, context(ev, { links: [link('C-11', ['device'])] })), undefined);
});

test('rule 29: two others on one device, or one sharing a withdrawal address, are reviewed', () => {
  const ev = withdrawal();
  assert.ok(runRule(sharedIdentifierLink, ev, context(ev, { links: [link('C-11', ['device']), link('C-12', ['device', 'ip'])] })));
  const wallet = runRule(sharedIdentifierLink, ev, context(ev, { links: [link('C-11', ['withdrawal-address'])] }));
  assert.equal(wallet?.score, 0.5);
});

test('rule 29: a second account under the same name does not count as another person', () => {
  const ev = login();
  const links = [link('C-9', ['device', 'bank-account'], { name: 'TARO YAMADA' })];
  assert.equal(runRule(sharedIdentifierLink, ev, context(ev, { links })), undefined);
});

test('rule 29: a link to an offboarded customer hits through anything, to a Russia-linked one only through more than an IP', () => {
  const ev = login();
  const offboarded = runRule(sharedIdentifierLink, ev, context(ev, { links: [link('C-40', ['ip'], { offboarded: true })] }));
  assert.match(offboarded!.reasons[0]!, /offboarded customer: C-40/);
  assert.equal(runRule(sharedIdentifierLink, ev, context(ev, { links: [link('C-41', ['ip'], { russiaLinked: true })] })), undefined);
  const device = runRule(sharedIdentifierLink, ev, context(ev, { links: [link('C-41', ['device'], { russiaLinked: true })] }));
  assert.equal(device?.score, 0.7);
});

test('rule 29: a link to a sanctioned customer is rule 34’s, not 29’s', () => {
  const ev = login();
  assert.equal(runRule(sharedIdentifierLink, ev, context(ev, { links: [link('C-50', ['device'], { status: 'match', russiaLinked: true })] })), undefined);
});

test('link strength combines what two customers share', () => {
  assert.equal(linkWeight(link('x', ['ip'])), 0.2);
  assert.equal(Math.round(linkWeight(link('x', ['ip', 'device'])) * 100) / 100, 0.6);
  assert.equal(linkWeight(link('x', ['email-local'])), 0.5);
});

// Rule 30 ------------------------------------------------------------------------------------

test('rule 30: a Singapore company set up last month with a Russian director is reviewed', () => {
  const ev = login();
  const company = sgCompany({ directors: [{ role: 'director', party: ruPerson('Oleg Sidorov') }] });
  const hit = runRule(hubShellRussianLinks, ev, context(ev, { customer: company, geo: SINGAPORE }));
  assert.equal(hit?.outcome, 'review');
  assert.equal(hit?.no, 30);
  assert.match(hit!.reasons.join(' '), /director Oleg Sidorov declares RU/);
});

test('rule 30: a Russian owner through a Cypriot holding counts; with logins from Moscow the company is held', () => {
  const company = sgCompany({
    owners: [{ share: 100, party: { type: 'legal', names: [{ name: 'Aphrodite Holdings Ltd' }], jurisdiction: 'CY', owners: [{ share: 100, party: ruPerson('Oleg Sidorov') }] } }],
  });
  const ev = withdrawal();
  assert.equal(runRule(hubShellRussianLinks, ev, context(ev, { customer: company }))?.outcome, 'review');
  const held = runRule(hubShellRussianLinks, ev, context(ev, { customer: company, recentGeo: [MOSCOW, MOSCOW, SINGAPORE] }));
  assert.equal(held?.outcome, 'hold');
  assert.match(held!.reasons.join(' '), /owner Aphrodite Holdings Ltd → Oleg Sidorov declares RU/);
});

test('rule 30: a director who is a Russia-linked customer of ours counts', () => {
  const company = sgCompany({ directors: [{ role: 'director', party: { id: 'C-77', ...sgPerson('Alex Tan') } }] });
  const ev = login();
  const hit = runRule(hubShellRussianLinks, ev, context(ev, { customer: company, links: [link('C-77', ['device'], { russiaLinked: true })] }));
  assert.match(hit!.reasons.join(' '), /is customer C-77, Russia\/Belarus-linked/);
});

test('rule 30: 13 months old, outside a hub, or with Singaporean people only, is not rule 30', () => {
  const ev = login();
  const ru = [{ role: 'director', party: ruPerson('Oleg Sidorov') }];
  assert.equal(runRule(hubShellRussianLinks, ev, context(ev, { customer: sgCompany({ incorporationDate: '2025-10-01', directors: ru }) })), undefined);
  assert.equal(runRule(hubShellRussianLinks, ev, context(ev, { customer: sgCompany({ jurisdiction: 'JP', directors: ru }) })), undefined);
  assert.equal(runRule(hubShellRussianLinks, ev, context(ev, { customer: sgCompany() })), undefined);
  assert.equal(runRule(hubShellRussianLinks, ev, context(ev, { customer: sgCompany({ incorporationDate: undefined, directors: ru }) })), undefined, 'an unknown date is not judged new');
});

// Rule 31 ------------------------------------------------------------------------------------

test('rule 31: a Singapore company whose recent logins are mostly from Moscow is reviewed', () => {
  const ev = withdrawal();
  const hit = runRule(declaredFootprintMismatch, ev, context(ev, { customer: sgCompany(), recentGeo: [MOSCOW, SINGAPORE, MOSCOW, MOSCOW] }));
  assert.equal(hit?.outcome, 'review');
  assert.match(hit!.reasons[1]!, /3 of 4 recent logins come from RU/);
});

test('rule 31: an operator on Moscow time with a Russian browser is a footprint; the language alone is not', () => {
  const both = login({ ip: SINGAPORE.ip, browserLanguage: 'ru-RU', timeZone: 'Europe/Moscow' });
  assert.ok(runRule(declaredFootprintMismatch, both, context(both, { customer: sgCompany(), geo: SINGAPORE })));
  const lang = login({ ip: SINGAPORE.ip, browserLanguage: 'ru-RU', timeZone: 'Asia/Singapore' });
  assert.equal(runRule(declaredFootprintMismatch, lang, context(lang, { customer: sgCompany(), geo: SINGAPORE })), undefined);
});

test('rule 31: counterparties mostly in Russia are a footprint; one in four is not', () => {
  const history = [
    activity({ at: at(-3000), flow: 'out', counterpartyCountry: 'RU' }),
    activity({ at: at(-2000), flow: 'in', counterpartyCountry: 'RU' }),
    activity({ at: at(-1000), flow: 'out', counterpartyCountry: 'SG' }),
  ];
  const ev = fiat({ direction: 'out', bank: { name: 'Bank', country: 'RU' } });
  const act = activity({ at: at(0), flow: 'out', counterpartyCountry: 'RU' });
  assert.match(runRule(declaredFootprintMismatch, ev, context(ev, { customer: sgCompany(), history, activity: act }))!.reasons[1]!, /3 of 4 transfers/);
  const mostlySg = [activity({ at: at(-3000), flow: 'out', counterpartyCountry: 'SG' }), activity({ at: at(-2000), flow: 'in', counterpartyCountry: 'SG' }), activity({ at: at(-1000), flow: 'out', counterpartyCountry: 'MY' })];
  assert.equal(runRule(declaredFootprintMismatch, ev, context(ev, { customer: sgCompany(), history: mostlySg, activity: act })), undefined);
  // The share is over 30 days: Russian counterparties 31 to 34 days back (still in the 35-day history) do not count.
  const older = [31, 32, 33, 34].map((d) => activity({ at: at(-d * 24 * 60), flow: 'out', counterpartyCountry: 'RU' }));
  assert.equal(runRule(declaredFootprintMismatch, ev, context(ev, { customer: sgCompany(), history: [...older, ...mostlySg], activity: act })), undefined);
});

test('rule 31: a natural person, a Russian-registered company, or too few logins are not rule 31', () => {
  const ev = withdrawal();
  assert.equal(runRule(declaredFootprintMismatch, ev, context(ev, { recentGeo: [MOSCOW, MOSCOW, MOSCOW] })), undefined);
  assert.equal(runRule(declaredFootprintMismatch, ev, context(ev, { customer: sgCompany({ jurisdiction: 'RU' }), recentGeo: [MOSCOW, MOSCOW, MOSCOW] })), undefined);
  assert.equal(runRule(declaredFootprintMismatch, ev, context(ev, { customer: sgCompany(), recentGeo: [MOSCOW, MOSCOW] })), undefined);
});

// Rule 33 ------------------------------------------------------------------------------------

const designations = [{ entityId: 'NK-123', date: '2026-10-23', relatedParty: 'owner Oleg Sidorov' }];

test('rule 33: a JPY 2,000,000 withdrawal ten days after a related party’s designation is reviewed', () => {
  const ev = withdrawal({ amountJpy: 2_000_000 });
  const hit = runRule(designationProximity, ev, context(ev, { designations }));
  assert.equal(hit?.outcome, 'review');
  assert.match(hit!.reasons[0]!, /JPY 2,000,000 .* 10 days after the designation of NK-123/);
});

test('rule 33: a small withdrawal, or one 45 days after, is not', () => {
  const small = withdrawal({ amountJpy: 500_000 });
  assert.equal(runRule(designationProximity, small, context(small, { designations })), undefined);
  const ev = withdrawal({ amountJpy: 2_000_000 });
  assert.equal(runRule(designationProximity, ev, context(ev, { designations: [{ ...designations[0]!, date: '2026-09-18' }] })), undefined);
  assert.equal(runRule(designationProximity, ev, context(ev)), undefined);
});

test('rule 33: a new owner recorded close to a designation is reviewed; a record change without control change is not', () => {
  const before = sgCompany();
  const after = { ...before, owners: [...(before.type === 'legal' ? before.owners ?? [] : []), { share: 30, party: sgPerson('Goh Kian Seng') }] };
  const ev = event('customer.updated', { customer: after }, { customerId: 'C-2' });
  const hit = runRule(designationProximity, ev, context(ev, { customer: before, designations }));
  assert.match(hit!.reasons[0]!, /owner added: Goh Kian Seng \(30%\)/);
  const same = event('customer.updated', { customer: { ...before, email: 'new@example.sg' } }, { customerId: 'C-2' });
  assert.equal(runRule(designationProximity, same, context(same, { customer: before, designations })), undefined);
  assert.deepEqual(controlChanges(undefined, after), []);
});

// Rule 34 ------------------------------------------------------------------------------------

test('rule 34: a link to a customer with a confirmed match is reviewed, even through an IP', () => {
  const ev = login();
  const hit = runRule(relatedPartySanctions, ev, context(ev, { links: [link('C-50', ['ip'], { status: 'match' })] }));
  assert.equal(hit?.outcome, 'review');
  assert.equal(hit?.score, 0.6);
});

test('rule 34: a possible match counts through a device, not through an IP alone', () => {
  const ev = login();
  assert.equal(runRule(relatedPartySanctions, ev, context(ev, { links: [link('C-51', ['ip'], { status: 'possible-match' })] })), undefined);
  assert.ok(runRule(relatedPartySanctions, ev, context(ev, { links: [link('C-51', ['device'], { status: 'possible-match' })] })));
});

test('rule 34: an owner with a possible finding is reviewed; the customer’s own finding is screening’s, not 34’s', () => {
  const ev = withdrawal();
  const hit = runRule(relatedPartySanctions, ev, context(ev, { customer: sgCompany(), findings: [finding('owner', 'possible')] }));
  assert.equal(hit?.score, 0.5);
  assert.match(hit!.reasons[0]!, /owner Oleg Sidorov has a possible finding/);
  assert.equal(runRule(relatedPartySanctions, ev, context(ev, { findings: [finding('customer', 'possible')] })), undefined);
});

// The ordinary customer -----------------------------------------------------------------------

test('ordinary: a Singapore company with Singaporean directors incorporated last month raises nothing', () => {
  const customer = sgCompany({ phone: '+65 6123 4567', email: 'ops@liongate.sg' });
  const history = [activity({ at: at(-2000), flow: 'in', counterpartyCountry: 'SG' }), activity({ at: at(-1000), flow: 'out', counterpartyCountry: 'JP' })];
  const ev = login({ ip: SINGAPORE.ip, browserLanguage: 'en-SG,en;q=0.9,zh;q=0.8', timeZone: 'Asia/Singapore', channel: 'web' });
  const ctx = context(ev, { customer, geo: SINGAPORE, recentGeo: [SINGAPORE, SINGAPORE, SINGAPORE], history, links: [link('C-30', ['ip'])] });
  for (const rule of NETWORK_RULES) assert.equal(runRule(rule, ev, ctx), undefined, rule.id);
  const wd = withdrawal({ amountJpy: 5_000_000 });
  for (const rule of NETWORK_RULES) assert.equal(runRule(rule, wd, context(wd, { customer, geo: SINGAPORE, recentGeo: [SINGAPORE], history })), undefined, rule.id);
  const onb = event('customer.onboarded', { customer });
  for (const rule of NETWORK_RULES) assert.equal(runRule(rule, onb, context(onb)), undefined, rule.id);
});

test('every network rule has a catalogue number, a source and valid defaults', () => {
  assert.deepEqual(NETWORK_RULES.map((r) => r.no), [29, 30, 31, 33, 34]);
  for (const r of NETWORK_RULES) assert.ok(r.params.safeParse(r.defaults).success, r.id);
  assert.equal(personCustomer().type, 'person');
});
