import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../../addresses/index.ts';
import type { Chain } from '../../addresses/types.ts';
import type { Customer } from '../../customers/schema.ts';
import { EventSchema, type SekishoEvent } from '../../events/schema.ts';
import { EXPECTED_RULES, SCENARIO_NAMES, TYPOLOGY_RANGES, type IpRegion, documentationGeo, documentationIps, generateScenarios } from './index.ts';

const START = '2026-03-01T00:00:00.000Z';
const DAY = 86_400_000;

const t0 = performance.now();
const full = generateScenarios({ seed: 20260301, start: START });
const generationMs = performance.now() - t0;

const customerOf = (e: SekishoEvent): string => (e.type === 'customer.onboarded' || e.type === 'customer.updated' ? e.data.customer.id : e.customerId);
const records = new Map<string, Customer>();
for (const e of full.events) if (e.type === 'customer.onboarded') records.set(e.data.customer.id, e.data.customer);
const labelOf = new Map(full.labels.map((l) => [l.customerId, l]));

test('the default stream: 1,000 ordinary customers over 60 days with every typology, counts per event type', () => {
  const byType: Record<string, number> = {};
  for (const e of full.events) byType[e.type] = (byType[e.type] ?? 0) + 1;
  const byScenario: Record<string, number> = {};
  for (const l of full.labels) byScenario[l.scenario] = (byScenario[l.scenario] ?? 0) + 1;
  console.log(`# generated ${full.events.length} events for ${full.labels.length} customers in ${Math.round(generationMs)} ms`);
  console.log(`# events by type: ${JSON.stringify(byType)}`);
  console.log(`# customers by scenario: ${JSON.stringify(byScenario)}`);
  assert.equal(byScenario.ordinary, 1000);
  for (const name of SCENARIO_NAMES) assert.ok((byScenario[name] ?? 0) >= 3, `${name}: at least 3 customers`);
  assert.equal(byType['customer.onboarded'], full.labels.length);
});

test('every event passes the API schema, ids are unique and the stream is sorted by time', () => {
  const ids = new Set<string>();
  let last = -Infinity;
  for (const e of full.events) {
    const parsed = EventSchema.safeParse(e);
    assert.ok(parsed.success, `${e.id}: ${JSON.stringify(parsed.error?.issues)}`);
    assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
    ids.add(e.id);
    const t = Date.parse(e.occurredAt!);
    assert.ok(t >= last, `${e.id} is out of time order`);
    last = t;
  }
});

test('each customer is onboarded once, before anything else it does; activity lies within [start, start + days)', () => {
  const start = Date.parse(START);
  const end = start + 60 * DAY;
  const onboarded = new Map<string, number>();
  for (const e of full.events) {
    const id = customerOf(e);
    const t = Date.parse(e.occurredAt!);
    if (e.type === 'customer.onboarded') {
      assert.ok(!onboarded.has(id), `${id} onboarded twice`);
      onboarded.set(id, t);
      assert.ok(t < end);
      continue;
    }
    assert.ok(onboarded.has(id) && onboarded.get(id)! <= t, `${e.id}: ${id} acts before its onboarding`);
    assert.ok(t >= start && t < end, `${e.id} at ${e.occurredAt} lies outside the stream`);
  }
  assert.deepEqual([...onboarded.keys()].sort(), full.labels.map((l) => l.customerId).sort(), 'one label per customer');
});

test('every transfer and trade carries its yen value; every address is one of its chain', () => {
  const check = (address: string, chain: Chain, where: string) => assert.ok(validate(address, chain).valid, `${where}: ${address} is not a ${chain} address`);
  for (const e of full.events) {
    if (e.type === 'deposit.detected' || e.type === 'withdrawal.requested' || e.type === 'trade' || e.type === 'fiat.transfer') assert.ok(typeof e.data.amountJpy === 'number' && e.data.amountJpy > 0, `${e.id}: amountJpy`);
    if (e.type === 'withdrawal.requested') check(e.data.destinationAddress, e.data.chain, e.id);
    if (e.type === 'deposit.detected') for (const a of [...e.data.sourceAddresses, e.data.depositAddress!]) check(a, e.data.chain, e.id);
    if (e.type === 'customer.onboarded') for (const w of e.data.customer.wallets ?? []) check(w.address, w.chain!, e.id);
  }
});

test('the same seed gives the same stream; another seed another one', () => {
  const opts = { seed: 5, start: START, ordinaryCustomers: 150, days: 30 };
  const a = generateScenarios(opts);
  const b = generateScenarios(opts);
  assert.deepEqual(b, a);
  const c = generateScenarios({ ...opts, seed: 6 });
  assert.notDeepEqual(c.events, a.events);
  assert.notDeepEqual(c.labels.map((l) => l.customerId), a.labels.map((l) => l.customerId));
});

test('each requested typology is there, 3 to 5 instances, labelled with its expected rules; a subset is honoured', () => {
  const instances = new Map<string, Set<string>>();
  for (const l of full.labels) {
    if (l.scenario === 'ordinary') {
      assert.deepEqual(l.expectedRules, []);
      continue;
    }
    assert.ok(l.instance?.startsWith(`${l.scenario}#`));
    for (const r of EXPECTED_RULES[l.scenario]) assert.ok(l.expectedRules.includes(r), `${l.customerId}: ${r}`);
    let s = instances.get(l.scenario);
    if (!s) instances.set(l.scenario, (s = new Set()));
    s.add(l.instance!);
  }
  for (const name of SCENARIO_NAMES) {
    const n = instances.get(name)?.size ?? 0;
    assert.ok(n >= 3 && n <= 5, `${name}: ${n} instances`);
  }
  assert.deepEqual(labelOf.get(full.labels.find((l) => l.scenario === 'mining-russian-pool')!.customerId)!.withChainData, ['mining-payout-origin']);

  const subset = generateScenarios({ seed: 9, start: START, ordinaryCustomers: 20, days: 20, scenarios: ['crimea-logins', 'structuring'], instances: { min: 2, max: 2 } });
  const scenarios = new Set(subset.labels.map((l) => l.scenario));
  assert.deepEqual([...scenarios].sort(), ['crimea-logins', 'ordinary', 'structuring']);
  assert.equal(new Set(subset.labels.filter((l) => l.scenario === 'structuring').map((l) => l.instance)).size, 2);
});

test('typologies: the shapes the labels promise are in the events', () => {
  const events = (id: string) => full.events.filter((e) => customerOf(e) === id);
  for (const l of full.labels) {
    const own = events(l.customerId);
    const logins = own.filter((e): e is Extract<SekishoEvent, { type: 'login' }> => e.type === 'login');
    const region = (ip: string) => documentationGeo(ip)?.region ?? documentationGeo(ip)?.country;
    const record = records.get(l.customerId)!;
    switch (l.scenario) {
      case 'singapore-shell': {
        assert.equal(record.type, 'legal');
        if (record.type !== 'legal') break;
        assert.ok(['SG', 'AE', 'HK', 'TR'].includes(record.jurisdiction!));
        const ageMonths = (Date.parse(own[0]!.occurredAt!) - Date.parse(record.incorporationDate!)) / (30.4 * DAY);
        assert.ok(ageMonths >= 0.9 && ageMonths <= 6.1, `incorporated ${ageMonths.toFixed(1)} months before`);
        assert.ok(record.owners!.some((o) => o.party.type === 'person' && o.party.nationalities?.includes('RU')));
        assert.ok(logins.some((e) => region(e.data.ip) === 'RU'));
        assert.ok(own.some((e) => e.type === 'withdrawal.requested' && e.data.beneficiaryVasp?.country !== 'JP'));
        break;
      }
      case 'crimea-logins':
        assert.ok(record.type === 'person' && record.residence === 'JP');
        assert.ok(logins.some((e) => ['UA-43', 'UA-40'].includes(region(e.data.ip)!)));
        break;
      case 'mining-russian-pool':
        assert.ok(logins.some((e) => (e.data.channel === 'stratum' || e.data.channel === 'pool-dashboard') && region(e.data.ip) === 'RU'));
        assert.ok(own.filter((e) => e.type === 'deposit.detected').length >= 10);
        break;
      case 'structuring': {
        const [lo, hi] = TYPOLOGY_RANGES.structuring.share;
        const near = own.filter((e) => (e.type === 'fiat.transfer' || e.type === 'deposit.detected' || e.type === 'withdrawal.requested') && [2_000_000, 30_000_000].some((t) => e.data.amountJpy! >= t * lo - 10_000 && e.data.amountJpy! <= t * hi + 10_000));
        assert.ok(near.length >= 3, `${l.customerId}: ${near.length} transfers just under a threshold`);
        break;
      }
      case 'pass-through-foreign':
        assert.ok(own.some((e) => e.type === 'withdrawal.requested' && !!e.data.beneficiaryVasp && e.data.beneficiaryVasp.country !== 'JP'));
        assert.ok(own.some((e) => e.type === 'fiat.transfer' && e.data.direction === 'in'));
        break;
      case 'relay-account': {
        const ins = new Set(own.filter((e) => e.type === 'deposit.detected' || (e.type === 'fiat.transfer' && e.data.direction === 'in')).map((e) => (e.type === 'deposit.detected' ? e.data.sourceAddresses[0] : e.type === 'fiat.transfer' ? e.data.accountNumber : '')));
        const outs = new Set(own.filter((e) => e.type === 'withdrawal.requested').map((e) => (e.type === 'withdrawal.requested' ? e.data.destinationAddress : '')));
        assert.ok(ins.size >= 15 && outs.size >= 10, `${ins.size} senders, ${outs.size} recipients`);
        break;
      }
      case 'fefta-art55':
        assert.ok(own.some((e) => (e.type === 'withdrawal.requested' || e.type === 'deposit.detected' || e.type === 'fiat.transfer') && e.data.amountJpy! > 30_000_000));
        break;
      default:
        break;
    }
  }
});

test('the ordinary population looks like a Japanese exchange’s', () => {
  const ordinary = full.labels.filter((l) => l.scenario === 'ordinary').map((l) => records.get(l.customerId)!);
  const persons = ordinary.filter((c): c is Extract<Customer, { type: 'person' }> => c.type === 'person');
  const nationality: Record<string, number> = {};
  for (const p of persons) nationality[p.nationalities![0]!] = (nationality[p.nationalities![0]!] ?? 0) + 1;
  const profiles: Record<string, number> = {};
  for (const l of full.labels) if (l.profile) profiles[l.profile] = (profiles[l.profile] ?? 0) + 1;
  console.log(`# ordinary: ${persons.length} persons by nationality ${JSON.stringify(nationality)}; ${ordinary.length - persons.length} companies; profiles ${JSON.stringify(profiles)}`);
  assert.ok(persons.length > 850 && persons.length < 980);
  assert.ok(nationality.JP! / persons.length > 0.88);
  assert.ok(Object.keys(nationality).length >= 5, 'foreign residents of several nationalities');
  // Everyone lives in Japan with a Japanese phone; foreign residents included.
  for (const p of persons) {
    assert.equal(p.residence, 'JP');
    assert.match(p.phone!, /^\+81 /);
  }
  assert.ok(ordinary.filter((c) => c.type === 'legal' && c.jurisdiction === 'JP').length >= 20, 'Japanese companies');

  const ordinaryIds = new Set(full.labels.filter((l) => l.scenario === 'ordinary').map((l) => l.customerId));
  const perType: Record<string, number> = {};
  const loginRegions: Record<string, number> = {};
  const zones: Record<string, number> = {};
  let selfHosted = 0;
  let toVasp = 0;
  for (const e of full.events) {
    const id = customerOf(e);
    if (!ordinaryIds.has(id)) continue;
    perType[e.type] = (perType[e.type] ?? 0) + 1;
    if (e.type === 'login') {
      const r = documentationGeo(e.data.ip);
      const key = r?.region ?? r?.country ?? 'unknown';
      loginRegions[key] = (loginRegions[key] ?? 0) + 1;
      zones[e.data.timeZone ?? '-'] = (zones[e.data.timeZone ?? '-'] ?? 0) + 1;
    }
    if (e.type === 'withdrawal.requested') {
      const record = records.get(id)!;
      if (e.data.selfHosted) {
        selfHosted++;
        // Self-hosted destinations are wallets the customer declared.
        assert.ok((record.wallets ?? []).some((w) => w.address === e.data.destinationAddress), `${e.id}: undeclared self-hosted wallet`);
      } else {
        toVasp++;
        assert.equal(e.data.beneficiaryVasp?.country, 'JP');
        assert.equal(e.data.beneficiary?.names[0]?.name, record.names[0]!.name, `${e.id}: the customer is its own beneficiary`);
      }
    }
  }
  const n = ordinaryIds.size;
  console.log(`# ordinary events per customer over 60 days: ${Object.entries(perType).map(([k, v]) => `${k} ${(v / n).toFixed(2)}`).join(', ')}`);
  console.log(`# ordinary logins by region: ${JSON.stringify(loginRegions)}; by time zone: ${JSON.stringify(zones)}`);
  console.log(`# ordinary withdrawals: ${selfHosted} to declared self-hosted wallets, ${toVasp} to domestic VASPs`);
  const logins = Object.values(loginRegions).reduce((s, x) => s + x, 0);
  assert.ok(loginRegions.JP! / logins > 0.9, 'mostly from Japan');
  assert.ok(logins - loginRegions.JP! > 0, 'some travel abroad');
  for (const region of ['RU', 'BY', 'UA-43', 'UA-40']) assert.equal(loginRegions[region] ?? 0, 0, `no ordinary login from ${region}`);
  assert.ok(selfHosted > 0 && toVasp > 0);
  // Per customer: a few logins a week, a few transfers a month.
  assert.ok(perType.login! / n > 4 && perType.login! / n < 60);
  assert.ok((perType['fiat.transfer']! + perType['deposit.detected']! + perType['withdrawal.requested']!) / n < 10);
});

test('ipsFor is asked for the regions the typologies need, and every login address is one it returned', () => {
  const asked = new Map<IpRegion, number>();
  const given = new Set<string>();
  const ipsFor = (region: IpRegion, count: number) => {
    asked.set(region, count);
    const ips = documentationIps(region, count);
    for (const ip of ips) given.add(ip);
    return ips;
  };
  const s = generateScenarios({ seed: 3, start: START, ordinaryCustomers: 100, days: 30, ipsFor, instances: { min: 1, max: 1 } });
  for (const region of ['JP', 'RU'] as const) assert.ok(asked.has(region), `asked for ${region}`);
  assert.ok(asked.has('UA-43') || asked.has('UA-40'), 'asked for Crimea or Sevastopol');
  assert.ok(asked.get('JP')! >= 300, 'enough Japanese addresses for three per customer');
  for (const e of s.events) if (e.type === 'login') assert.ok(given.has(e.data.ip), `${e.data.ip} was not returned by ipsFor`);
});

test('bad options are refused with a message that says what to fix', () => {
  assert.throws(() => generateScenarios({ seed: 1, start: 'yesterday' }), /start "yesterday" is not an ISO 8601 instant/);
  assert.throws(() => generateScenarios({ seed: 1, start: START, ordinaryCustomers: -1 }), /ordinaryCustomers must be a whole number/);
  assert.throws(() => generateScenarios({ seed: 1, start: START, days: 3 }), /days must be at least 7/);
  assert.throws(() => generateScenarios({ seed: 1, start: START, scenarios: ['smurfing' as never] }), /unknown scenario "smurfing"/);
  assert.throws(() => generateScenarios({ seed: 1, start: START, instances: { min: 3, max: 1 } }), /instances must satisfy/);
});
