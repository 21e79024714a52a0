import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activity, at, context, deposit, personCustomer, runRule, withdrawal } from '../test-support.ts';
import { counterpartyVaspRisk, coveredRegion, TRAVEL_RULE_RULES, travelRuleCompleteness, travelRuleGeography, unhostedWallet } from './travel-rule.ts';

const DEST = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const leeWei = { type: 'person', names: [{ name: 'Lee Wei' }], residence: 'SG' };

/** A complete IVMS101 payload (2020 names) of a withdrawal by customer C-1 to a Singapore VASP; `beneficiary` replaces the beneficiary person. */
function payload(beneficiary: Record<string, unknown> = { naturalPerson: { name: { nameIdentifier: [{ primaryIdentifier: 'Lee', secondaryIdentifier: 'Wei', nameIdentifierType: 'LEGL' }] }, countryOfResidence: 'SG' } }, beneficiaryVaspCountry = 'SG') {
  return {
    originator: {
      originatorPersons: [
        {
          naturalPerson: {
            name: { nameIdentifier: [{ primaryIdentifier: 'Yamada', secondaryIdentifier: 'Taro', nameIdentifierType: 'LEGL' }] },
            geographicAddress: [{ addressType: 'HOME', addressLine: ['1-1 Chiyoda'], townName: 'Chiyoda-ku', country: 'JP' }],
            customerIdentification: 'C-1',
            countryOfResidence: 'JP',
          },
        },
      ],
      accountNumber: ['C-1'],
    },
    beneficiary: { beneficiaryPersons: [beneficiary], accountNumber: [DEST] },
    beneficiaryVASP: { beneficiaryVASP: { legalPerson: { name: { nameIdentifier: [{ legalPersonName: 'Merlion Digital Pte Ltd', legalPersonNameIdentifierType: 'LEGL' }] }, countryOfRegistration: beneficiaryVaspCountry } } },
  };
}

const natural = (over: Record<string, unknown>, name = ['Petrov', 'Ivan']) => ({ naturalPerson: { name: { nameIdentifier: [{ primaryIdentifier: name[0], secondaryIdentifier: name[1], nameIdentifierType: 'LEGL' }] }, ...over } });
const addr = (over: Record<string, unknown>) => ({ addressType: 'HOME', addressLine: ['1 Main Street'], townName: 'Town', ...over });

test('TRAVEL_RULE_RULES holds rules 18-21 with valid defaults', () => {
  assert.deepEqual(
    TRAVEL_RULE_RULES.map((r) => r.no),
    [18, 19, 20, 21],
  );
  for (const r of TRAVEL_RULE_RULES) assert.ok(r.params.safeParse(r.defaults).success, r.id);
});

// Rule 18 ---------------------------------------------------------------------------------------

test('rule 18: a beneficiary VASP in Russia or Belarus holds', () => {
  for (const country of ['RU', 'BY']) {
    const ev = withdrawal({ beneficiaryVasp: { name: 'Moscow Coin LLC', country }, beneficiary: leeWei });
    const hit = runRule(counterpartyVaspRisk, ev, context(ev));
    assert.equal(hit?.outcome, 'hold', country);
    assert.equal(hit?.no, 18);
    assert.match(hit!.reasons[0]!, new RegExp(`beneficiary VASP Moscow Coin LLC is in ${country}`));
  }
});

test('rule 18: a FATF call-for-action country holds, a grey-listed one reviews, both lists dated', () => {
  const kp = deposit({ originatorVasp: { name: 'Chosun Exchange', country: 'KP' } });
  const hold = runRule(counterpartyVaspRisk, kp, context(kp));
  assert.equal(hold?.outcome, 'hold');
  assert.match(hold!.reasons[0]!, /call for action \(statement of 2026-06-19\)/);
  const vn = deposit({ originatorVasp: { name: 'Saigon Crypto JSC', country: 'VN' } });
  const review = runRule(counterpartyVaspRisk, vn, context(vn));
  assert.equal(review?.outcome, 'review');
  assert.match(review!.reasons[0]!, /FATF increased monitoring \(list of 2026-06-19\)/);
});

test('rule 18: a VASP without a country, or with a code that is no country, is an unknown jurisdiction to review', () => {
  const none = withdrawal({ beneficiaryVasp: { name: 'Somewhere Exchange' } });
  assert.equal(runRule(counterpartyVaspRisk, none, context(none))?.outcome, 'review');
  const xx = withdrawal({ beneficiaryVasp: { name: 'Somewhere Exchange', country: 'XX' } });
  assert.match(runRule(counterpartyVaspRisk, xx, context(xx))!.reasons[0]!, /"XX" is no ISO 3166-1 code/);
  assert.equal(runRule(counterpartyVaspRisk, none, context(none), { reviewUnknownJurisdiction: false }), undefined);
});

test('rule 18: near cases: a VASP in Singapore or Japan, an unhosted wallet, a delisted country', () => {
  for (const country of ['SG', 'JP', 'US']) {
    const ev = withdrawal({ beneficiaryVasp: { name: 'Fine Exchange', country } });
    assert.equal(runRule(counterpartyVaspRisk, ev, context(ev)), undefined, country);
  }
  const unhosted = withdrawal({ selfHosted: true });
  assert.equal(runRule(counterpartyVaspRisk, unhosted, context(unhosted)), undefined);
  // Nigeria left the grey list in October 2025.
  const ng = deposit({ originatorVasp: { name: 'Lagos Coins', country: 'NG' } });
  assert.equal(runRule(counterpartyVaspRisk, ng, context(ng)), undefined);
  // The lists are parameters: a configuration can bring a country back.
  assert.equal(runRule(counterpartyVaspRisk, ng, context(ng), { increasedMonitoring: ['NG'], increasedMonitoringAsOf: '2025-06-13' })?.outcome, 'review');
});

test('rule 18: the payload tells the VASP country when the event does not, and names intermediaries', () => {
  const ev = withdrawal({ beneficiaryVasp: { name: 'Merlion Digital Pte Ltd' }, ivms101: payload(undefined, 'RU') });
  assert.equal(runRule(counterpartyVaspRisk, ev, context(ev))?.outcome, 'hold');
  const p = { ...payload(), transferPath: { transferPath: [{ intermediaryVASP: { legalPerson: { name: { nameIdentifier: [{ legalPersonName: 'Tehran Relay', legalPersonNameIdentifierType: 'LEGL' }] }, countryOfRegistration: 'IR' } }, sequence: 0 }] } };
  const via = withdrawal({ beneficiaryVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' }, ivms101: p });
  const hit = runRule(counterpartyVaspRisk, via, context(via));
  assert.equal(hit?.outcome, 'hold');
  assert.match(hit!.reasons.join('\n'), /intermediary VASP 0 Tehran Relay is in IR/);
  // Event and payload disagreeing on the VASP's country is itself worth a look.
  const odd = withdrawal({ beneficiaryVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' }, ivms101: payload(undefined, 'JP') });
  const mismatch = runRule(counterpartyVaspRisk, odd, context(odd));
  assert.equal(mismatch?.outcome, 'review');
  assert.match(mismatch!.reasons[0]!, /give different countries \(SG, JP\)/);
});

// Rule 19 ---------------------------------------------------------------------------------------

test('rule 19: a withdrawal to a VASP in a travel-rule jurisdiction without the beneficiary\'s name holds', () => {
  const ev = withdrawal({ beneficiaryVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' } });
  const hit = runRule(travelRuleCompleteness, ev, context(ev));
  assert.equal(hit?.outcome, 'hold');
  assert.match(hit!.reasons[0]!, /beneficiary \(beneficiary\): missing name/);
  assert.deepEqual(hit!.evidence.missing, ['beneficiary (beneficiary): missing name']);
});

test('rule 19: the same withdrawal with the beneficiary named, or with a complete payload, passes', () => {
  const named = withdrawal({ beneficiaryVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' }, beneficiary: leeWei });
  assert.equal(runRule(travelRuleCompleteness, named, context(named)), undefined);
  const withPayload = withdrawal({ beneficiaryVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' }, ivms101: payload() });
  assert.equal(runRule(travelRuleCompleteness, withPayload, context(withPayload)), undefined);
});

test('rule 19: a payload that does not follow IVMS101 holds, naming the path', () => {
  const ev = withdrawal({ beneficiaryVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' }, ivms101: payload({ naturalPerson: { name: { nameIdentifier: [{ primaryIdentifier: 'Lee', nameIdentifierType: 'NICK' }] } } }) });
  const hit = runRule(travelRuleCompleteness, ev, context(ev));
  assert.equal(hit?.outcome, 'hold');
  assert.match(hit!.reasons[0]!, /IVMS101: beneficiary\.beneficiaryPersons\[0\]\.naturalPerson\.name\.nameIdentifier\[0\]\.nameIdentifierType: unknown name type "NICK"/);
});

test('rule 19: an incomplete deposit from a VASP reviews (the funds are in); a complete one passes', () => {
  const bare = deposit({ originatorVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' } });
  const hit = runRule(travelRuleCompleteness, bare, context(bare));
  assert.equal(hit?.outcome, 'review');
  assert.match(hit!.reasons[0]!, /originator \(originator\): missing name, address, national identity number, customer identification number, or date and place of birth/);
  const complete = deposit({ originatorVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' }, originator: { ...leeWei, addresses: [{ lines: ['1 Raffles Place'], country: 'SG' }] } });
  assert.equal(runRule(travelRuleCompleteness, complete, context(complete)), undefined);
});

test('rule 19: a VASP outside the travel-rule jurisdictions gets a note only; an unhosted wallet is not this rule', () => {
  const th = withdrawal({ beneficiaryVasp: { name: 'Bangkok Digital', country: 'TH' } });
  const note = runRule(travelRuleCompleteness, th, context(th));
  assert.equal(note?.outcome, 'allow');
  assert.match(note!.reasons[0]!, /not a travel-rule jurisdiction \(FSA designation of 2024-05-01\): no notice is due/);
  const unhosted = withdrawal({ selfHosted: true });
  assert.equal(runRule(travelRuleCompleteness, unhosted, context(unhosted)), undefined);
});

test('rule 19: the threshold is a parameter (0 by default: every transfer)', () => {
  const ev = withdrawal({ amountJpy: 140_000, beneficiaryVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' } });
  assert.ok(runRule(travelRuleCompleteness, ev, context(ev)));
  assert.equal(runRule(travelRuleCompleteness, ev, context(ev), { thresholdJpy: 150_000 }), undefined);
});

// Rule 20 ---------------------------------------------------------------------------------------

test('rule 20: a payload beneficiary resident in Russia or holding a Belarusian passport is reviewed', () => {
  const ru = withdrawal({ beneficiaryVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' }, ivms101: payload(natural({ countryOfResidence: 'RU' })) });
  const hit = runRule(travelRuleGeography, ru, context(ru));
  assert.equal(hit?.outcome, 'review');
  assert.match(hit!.reasons[0]!, /payload beneficiary Petrov Ivan .*countryOfResidence RU/);
  const by = withdrawal({ ivms101: payload(natural({ nationalIdentification: { nationalIdentifier: 'MP1234567', nationalIdentifierType: 'CCPT', countryOfIssue: 'BY' } })) });
  assert.match(runRule(travelRuleGeography, by, context(by))!.reasons[0]!, /passport countryOfIssue BY/);
});

test('rule 20: a Crimean address by Russian-assigned postcode blocks; so does Sevastopol by region', () => {
  const crimea = deposit({ originatorVasp: { name: 'Krym Exchange' }, ivms101: { ...payload(), originator: { originatorPersons: [natural({ geographicAddress: [addr({ postcode: '295000', townName: 'Simferopol', country: 'RU' })] })], accountNumber: ['x'] } } });
  const hit = runRule(travelRuleGeography, crimea, context(crimea));
  assert.equal(hit?.outcome, 'block');
  assert.match(hit!.reasons.join('\n'), /Crimea \(UA-43, confirmed\) by postcode 295000 \(Russian-assigned\): a geo-blocked region/);
  const sev = withdrawal({ beneficiary: { type: 'person', names: [{ name: 'Olga K' }], addresses: [{ region: 'Sevastopol', country: 'UA' }] } });
  assert.equal(runRule(travelRuleGeography, sev, context(sev))?.outcome, 'block');
});

test('rule 20: a Donetsk-oblast postcode under Ukrainian control is only possible: review, not block', () => {
  // 84300 Kramatorsk: Donetsk oblast, but not the so-called DNR (OFAC FAQ 1009).
  const ev = withdrawal({ ivms101: payload(natural({ geographicAddress: [addr({ postcode: '84300', townName: 'Kramatorsk', country: 'UA' })] })) });
  const hit = runRule(travelRuleGeography, ev, context(ev));
  assert.equal(hit?.outcome, 'review');
  assert.match(hit!.reasons[0]!, /UA-14, possible/);
  // Which regions block is a parameter.
  const lnr = withdrawal({ ivms101: payload(natural({ geographicAddress: [addr({ postcode: '291001', country: 'RU' })] })) });
  assert.equal(runRule(travelRuleGeography, lnr, context(lnr))?.outcome, 'block');
  assert.equal(runRule(travelRuleGeography, lnr, context(lnr), { blockRegions: ['UA-43', 'UA-40'] })?.outcome, 'review');
});

test('rule 20: near cases: Kyiv, a Singapore postcode in the Crimean range, the customer\'s own side, Krymsky Val in Moscow', () => {
  const kyiv = withdrawal({ ivms101: payload(natural({ countryOfResidence: 'UA', geographicAddress: [addr({ postcode: '01001', townName: 'Kyiv', country: 'UA' })] })) });
  assert.equal(runRule(travelRuleGeography, kyiv, context(kyiv)), undefined);
  const sg = withdrawal({ ivms101: payload(natural({ geographicAddress: [addr({ postcode: '298765', townName: 'Singapore', country: 'SG' })] })) });
  assert.equal(runRule(travelRuleGeography, sg, context(sg)), undefined);
  // A Russian resident customer's own withdrawal payload is rule 13's business, not a counterparty indicator.
  const own = payload();
  (own.originator.originatorPersons[0]!.naturalPerson as Record<string, unknown>).countryOfResidence = 'RU';
  const ownEv = withdrawal({ ivms101: own });
  assert.equal(runRule(travelRuleGeography, ownEv, context(ownEv)), undefined);
  assert.ok(runRule(travelRuleGeography, ownEv, context(ownEv), { includeCustomerSide: true }));
  // A Moscow street named after Crimea: Russia (review), but not Crimea.
  const moscow = withdrawal({ ivms101: payload(natural({ geographicAddress: [addr({ addressLine: ['Krymsky Val 9', 'Крымский Вал, 9'], postcode: '119049', townName: 'Moscow', country: 'RU' })] })) });
  const hit = runRule(travelRuleGeography, moscow, context(moscow));
  assert.equal(hit?.outcome, 'review');
  assert.equal(hit!.reasons.length, 1);
  assert.match(hit!.reasons[0]!, /address country RU/);
});

test('coveredRegion reads postcodes, regions and towns only on Ukrainian and Russian addresses', () => {
  assert.equal(coveredRegion({ country: 'RU', postcode: '299011' })?.region, 'UA-40');
  assert.equal(coveredRegion({ country: 'UA', postcode: '95000' })?.region, 'UA-43');
  assert.deepEqual(coveredRegion({ country: 'UA', postcode: '83001' }), { region: 'UA-14', certainty: 'confirmed', via: 'postcode 83001 (Donetsk city)' });
  assert.equal(coveredRegion({ country: 'UA', postcode: '92000' })?.certainty, 'possible');
  assert.equal(coveredRegion({ country: 'RU', region: 'Донецкая Народная Республика' })?.region, 'UA-14');
  assert.equal(coveredRegion({ country: 'RU', region: 'Lugansk People\'s Republic' })?.region, 'UA-09');
  assert.equal(coveredRegion({ country: 'UA', region: 'Avtonomna Respublika Krym' })?.region, 'UA-43');
  assert.equal(coveredRegion({ country: 'RU', lines: ['295000, Республика Крым, г. Симферополь, ул. Ленина, 1'] })?.region, 'UA-43');
  // Russia's own Donetsk (Rostov oblast) is not the so-called DNR.
  assert.equal(coveredRegion({ country: 'RU', city: 'Donetsk', region: 'Rostov Oblast', postcode: '346330' }), undefined);
  assert.equal(coveredRegion({ country: 'SG', postcode: '295000' }), undefined);
  assert.equal(coveredRegion({ country: 'UA', city: 'Lviv', postcode: '79000' }), undefined);
});

// Rule 21 ---------------------------------------------------------------------------------------

const EVM = '0x52908400098527886E0F7030069857D2E4169EE7';

test('rule 21: an unhosted withdrawal above JPY 150,000 to an undeclared wallet is reviewed', () => {
  const ev = withdrawal({ selfHosted: true, amountJpy: 150_001 });
  const hit = runRule(unhostedWallet, ev, context(ev));
  assert.equal(hit?.outcome, 'review');
  assert.match(hit!.reasons[0]!, /withdrawal to an unhosted wallet of JPY 150,001 \(above JPY 150,000\) that is not among the customer's 0 declared wallet\(s\) on bitcoin/);
});

test('rule 21: near cases: at the threshold, a declared wallet (in another letter case), a hosted destination', () => {
  const atThreshold = withdrawal({ selfHosted: true, amountJpy: 150_000 });
  assert.equal(runRule(unhostedWallet, atThreshold, context(atThreshold)), undefined);
  const ev = withdrawal({ chain: 'ethereum', asset: 'ETH', destinationAddress: EVM, selfHosted: true, amountJpy: 900_000 });
  const customer = personCustomer({ wallets: [{ address: EVM.toLowerCase(), chain: 'ethereum' }] });
  assert.equal(runRule(unhostedWallet, ev, context(ev, { customer })), undefined);
  const hosted = withdrawal({ amountJpy: 5_000_000, beneficiaryVasp: { name: 'Merlion Digital Pte Ltd', country: 'SG' } });
  assert.equal(runRule(unhostedWallet, hosted, context(hosted)), undefined);
});

test('rule 21: an unhosted deposit from undeclared source addresses is reviewed too', () => {
  const ev = deposit({ selfHosted: true, amountJpy: 500_000 });
  assert.match(runRule(unhostedWallet, ev, context(ev))!.reasons[0]!, /deposit from an unhosted wallet of JPY 500,000/);
  const customer = personCustomer({ wallets: [{ address: DEST }] });
  assert.equal(runRule(unhostedWallet, ev, context(ev, { customer })), undefined);
});

test('rule 21: more than JPY 10 million to unhosted wallets in 30 days is reviewed, even to declared wallets', () => {
  const customer = personCustomer({ wallets: [{ address: DEST, chain: 'bitcoin' }] });
  const out = (minutes: number, amountJpy: number) => activity({ at: at(minutes), type: 'withdrawal.requested', flow: 'out', amountJpy, counterparty: `bc1q-other-${minutes}`, counterpartyKind: 'self-hosted' });
  const history = [out(-29 * 1440, 5_000_000), out(-3 * 1440, 4_500_000), out(-40 * 1440, 9_000_000)]; // the last one is outside 30 days
  const ev = withdrawal({ selfHosted: true, amountJpy: 600_000 });
  const hit = runRule(unhostedWallet, ev, context(ev, { customer, history }));
  assert.match(hit!.reasons[0]!, /JPY 10,100,000 sent to unhosted wallets in 30 days \(3 withdrawals, this one included\): above JPY 10,000,000/);
  const under = withdrawal({ selfHosted: true, amountJpy: 400_000 });
  assert.equal(runRule(unhostedWallet, under, context(under, { customer, history })), undefined);
});

test('rule 21: a large send to an unhosted address first used hours ago (a test send) is reviewed; an old address is not new', () => {
  const customer = personCustomer({ wallets: [] });
  const test1 = activity({ at: at(-60), type: 'withdrawal.requested', flow: 'out', amountJpy: 10_000, counterparty: `bitcoin:${DEST}`, counterpartyKind: 'self-hosted' });
  const ev = withdrawal({ selfHosted: true, amountJpy: 2_000_000 });
  const hit = runRule(unhostedWallet, ev, context(ev, { customer, history: [test1] }));
  assert.match(hit!.reasons.join('\n'), /first used 1\.0 h ago \(1 earlier send\(s\), JPY 10,000\): a large send within 72 h of a new address/);
  assert.ok(hit!.score > 0.6); // two signals: undeclared and new
  const old = activity({ ...test1, at: at(-10 * 1440) });
  const seasoned = runRule(unhostedWallet, ev, context(ev, { customer, history: [old] }));
  assert.equal(seasoned!.reasons.length, 1); // only the missing declaration
  assert.doesNotMatch(seasoned!.reasons[0]!, /new address/);
});
