import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { collect, fileInput, fixturePath, textInput } from '../../../test/helpers.ts';
import { collectingContext } from '../types.ts';
import { ofacAdvancedParser, periodToDate } from './index.ts';
import type { XmlNode } from '../shared/xml.ts';

const FIXTURE = fixturePath('ofac-advanced/sdn_advanced_small.xml');

async function parseFixture(chunk?: number) {
  const ctx = collectingContext();
  const file = chunk ? textInput('sdn_advanced.xml', readFileSync(FIXTURE), chunk) : fileInput(FIXTURE);
  const entities = await collect(ofacAdvancedParser.parse([file], ctx));
  return { entities, ctx, byId: new Map(entities.map((e) => [e.id, e])) };
}

test('resolves every type through the file reference tables, not fixed ids', async () => {
  const { entities, ctx, byId } = await parseFixture();
  assert.equal(entities.length, 4);
  assert.equal(ctx.issueDate, '2026-03-04');
  assert.deepEqual(entities.map((e) => e.schema), ['Person', 'Organization', 'Organization', 'Vessel']);
  const person = byId.get('ofac:91001')!;
  assert.deepEqual(person.wallets, [
    { currency: 'XBT', address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
    { currency: 'ETH', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
    { currency: 'USDT', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
  ]);
  assert.deepEqual(person.properties.nationality, ['RU']);
  assert.deepEqual(person.properties.gender, ['male']);
  assert.deepEqual(person.properties.program, ['RUSSIA-EO14024', 'CYBER2']);
  assert.deepEqual(person.properties.listingDate, ['2022-04-20']);
});

test('keeps names with kind, script and parts; the Cyrillic spelling of the primary name is an alias', async () => {
  const { byId } = await parseFixture();
  const names = byId.get('ofac:91001')!.names;
  assert.deepEqual(names[0], { full: 'PETROV, Ivan Arkadyevich', kind: 'primary', script: 'Latn', parts: { lastName: 'PETROV', firstName: 'Ivan', fatherName: 'Arkadyevich' } });
  assert.equal(names[1]!.full, 'ПЕТРОВ, Иван Аркадьевич');
  assert.equal(names[1]!.kind, 'aka');
  assert.equal(names[1]!.script, 'Cyrl');
  assert.equal(names[2]!.kind, 'weak');
  assert.equal(byId.get('ofac:91002')!.names[1]!.kind, 'fka');
});

test('reads partial and approximate birth dates', async () => {
  const { byId } = await parseFixture();
  assert.deepEqual(byId.get('ofac:91001')!.birthDates, [{ date: '1971', circa: true }, { date: '1972-03-25' }]);
});

test('attaches documents and relations, typing Russian tax and registration numbers', async () => {
  const { byId } = await parseFixture();
  const farm = byId.get('ofac:91002')!;
  assert.deepEqual(farm.identifiers.map((i) => [i.type, i.value, i.country]), [
    ['inn', '3800000001', 'RU'],
    ['ogrn', '1173800000001', 'RU'],
  ]);
  assert.deepEqual(farm.relations, [{ type: 'ownedOrControlledBy', target: 'ofac:91003', label: 'Owned or Controlled By' }]);
  assert.deepEqual(farm.properties.address, ['Ul. Primernaya D. 1, Irkutsk (Иркутск), Russia']);
  assert.deepEqual(farm.properties.notes, ['Secondary sanctions risk: See Section 11 of Executive Order 14024.']);
  const passport = byId.get('ofac:91001')!.identifiers[0]!;
  assert.equal(passport.type, 'passport');
  assert.equal(passport.expires, '2031-05-02');
  const vessel = byId.get('ofac:91004')!;
  assert.equal(vessel.identifiers[0]!.type, 'imo');
  assert.deepEqual(vessel.properties.type, ['Crude Oil Tanker']);
});

test('an unknown reference value is a warning on the version, not a crash', async () => {
  const { ctx } = await parseFixture();
  assert.deepEqual(ctx.warnings.map((w) => w.code), ['unknown-reference']);
  assert.match(ctx.warnings[0]!.message, /SanctionsTypeValues id 9999/);
});

test('gives the same entities whatever the chunk boundaries', async () => {
  const whole = await parseFixture();
  for (const size of [1, 13, 4096]) assert.deepEqual((await parseFixture(size)).entities, whole.entities);
});

test('rejects truncated, empty and foreign files with stable codes', async () => {
  const xml = readFileSync(FIXTURE, 'utf8');
  const parse = (content: string) => collect(ofacAdvancedParser.parse([textInput('sdn_advanced.xml', content, 1024)], collectingContext()));
  await assert.rejects(parse(xml.slice(0, Math.floor(xml.length * 0.6))), { code: 'SEK_LIST_TRUNCATED' });
  await assert.rejects(parse(''), { code: 'SEK_LIST_EMPTY' });
  await assert.rejects(parse('<?xml version="1.0"?><Sanctions><DateOfIssue><Year>2026</Year></DateOfIssue></Sanctions>'), { code: 'SEK_LIST_EMPTY' });
  await assert.rejects(parse('ent_num,SDN_Name\n1,"X"\n'), { code: 'SEK_LIST_FORMAT' });
  await assert.rejects(parse('<?xml version="1.0"?><CONSOLIDATED_LIST/>'), { code: 'SEK_LIST_FORMAT' });
  await assert.rejects(parse(xml.replace('</DistinctParties>', '</DistinctParty></DistinctParties>')), { code: 'SEK_LIST_PARSE' });
  await assert.rejects(collect(ofacAdvancedParser.parse([], collectingContext())), { code: 'SEK_LIST_FILES' });
});

test('folds OFAC date periods back to the precision meant', () => {
  const d = (y: number, m: number, day: number): XmlNode => ({
    name: 'X', attrs: {}, text: '', line: 0,
    children: [
      { name: 'Year', attrs: {}, children: [], text: String(y), line: 0 },
      { name: 'Month', attrs: {}, children: [], text: String(m), line: 0 },
      { name: 'Day', attrs: {}, children: [], text: String(day), line: 0 },
    ],
  });
  const period = (a: XmlNode, b: XmlNode): XmlNode => ({
    name: 'DatePeriod', attrs: {}, text: '', line: 0,
    children: [
      { name: 'Start', attrs: {}, text: '', line: 0, children: [{ ...a, name: 'From' }, { ...a, name: 'To' }] },
      { name: 'End', attrs: {}, text: '', line: 0, children: [{ ...b, name: 'From' }, { ...b, name: 'To' }] },
    ],
  });
  assert.deepEqual(periodToDate(period(d(1977, 3, 1), d(1977, 3, 31))), { date: '1977-03' });
  assert.deepEqual(periodToDate(period(d(1960, 1, 1), d(1962, 12, 31))), { from: '1960', to: '1962' });
  assert.deepEqual(periodToDate(period(d(1960, 2, 3), d(1960, 5, 6))), { from: '1960-02-03', to: '1960-05-06' });
});

/**
 * A party as the 2025 file writes it: name parts in an order that is not a name order, a
 * Spanish name typed Patronymic/Matronymic, nationality and citizenship as Locations without
 * LocationCountry (the country is only a part's text), a flag as a looked-up country name, and
 * a former flag. Modelled on ofac:13120 and ofac:2677 of sdn_advanced.xml 2025-11-19.
 */
function partyXml(): string {
  const text = (id: string, loc: string) => `<Feature ID="${id}" FeatureTypeID="${id}"><FeatureVersion ID="${id}"><VersionDetail DetailTypeID="2" /><VersionLocation LocationID="${loc}" /></FeatureVersion></Feature>`;
  const lookup = (id: string, ref: string) => `<Feature ID="${id}" FeatureTypeID="${id}"><FeatureVersion ID="${id}"><VersionDetail DetailTypeID="1" DetailReferenceID="${ref}" /></FeatureVersion></Feature>`;
  const part = (group: string, value: string) => `<DocumentedNamePart><NamePartValue NamePartGroupID="${group}">${value}</NamePartValue></DocumentedNamePart>`;
  const group = (id: string, type: string) => `<MasterNamePartGroup><NamePartGroup ID="${id}" NamePartTypeID="${type}" /></MasterNamePartGroup>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
  <ReferenceValueSets>
    <AliasTypeValues><AliasType ID="1403">Name</AliasType></AliasTypeValues>
    <CountryValues><Country ID="11" ISO2="EG">Egypt</Country><Country ID="12" ISO2="MX">Mexico</Country><Country ID="13" ISO2="IR">Iran</Country></CountryValues>
    <DetailReferenceValues><DetailReference ID="91">Iran</DetailReference><DetailReference ID="92">Panama</DetailReference><DetailReference ID="93">Male</DetailReference></DetailReferenceValues>
    <DetailTypeValues><DetailType ID="1">LOOKUP</DetailType><DetailType ID="2">COUNTRY</DetailType></DetailTypeValues>
    <DocNameStatusValues><DocNameStatus ID="1">Primary Latin</DocNameStatus></DocNameStatusValues>
    <FeatureTypeValues>
      <FeatureType ID="10">Nationality Country</FeatureType><FeatureType ID="11">Citizenship Country</FeatureType>
      <FeatureType ID="3">Vessel Flag</FeatureType><FeatureType ID="24">Former Vessel Flag</FeatureType><FeatureType ID="224">Gender</FeatureType>
    </FeatureTypeValues>
    <LocPartTypeValues><LocPartType ID="1">Unknown</LocPartType></LocPartTypeValues>
    <NamePartTypeValues>
      <NamePartType ID="1520">Last Name</NamePartType><NamePartType ID="1521">First Name</NamePartType><NamePartType ID="1522">Middle Name</NamePartType>
      <NamePartType ID="1526">Vessel Name</NamePartType><NamePartType ID="91708">Patronymic</NamePartType><NamePartType ID="91709">Matronymic</NamePartType>
    </NamePartTypeValues>
    <PartySubTypeValues><PartySubType ID="1" PartyTypeID="4">Vessel</PartySubType><PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues>
    <PartyTypeValues><PartyType ID="1">Individual</PartyType><PartyType ID="4">Transport</PartyType></PartyTypeValues>
  </ReferenceValueSets>
  <Locations>
    <Location ID="501"><LocationPart LocPartTypeID="1"><LocationPartValue Primary="true"><Value>Egypt</Value></LocationPartValue></LocationPart></Location>
    <Location ID="502"><LocationPart LocPartTypeID="1"><LocationPartValue Primary="true"><Value>Mexico</Value></LocationPartValue></LocationPart></Location>
  </Locations>
  <DistinctParties>
    <DistinctParty FixedRef="13120"><Profile ID="13120" PartySubTypeID="4"><Identity ID="1">
      <Alias AliasTypeID="1403" Primary="true" LowQuality="false"><DocumentedName DocNameStatusID="1">${part('1', 'Jesus')}${part('2', 'GUZMAN')}${part('3', 'SALAZAR')}${part('4', 'Alfredo')}</DocumentedName></Alias>
      <Alias AliasTypeID="1403" Primary="false" LowQuality="false"><DocumentedName DocNameStatusID="1">${part('5', 'Al-Zomor')}${part('6', 'Abboud')}</DocumentedName></Alias>
      <NamePartGroups>${group('1', '1521')}${group('2', '91708')}${group('3', '91709')}${group('4', '1522')}${group('5', '1520')}${group('6', '1521')}</NamePartGroups>
    </Identity>${text('10', '501')}${text('11', '502')}${lookup('224', '93')}</Profile></DistinctParty>
    <DistinctParty FixedRef="15036"><Profile ID="15036" PartySubTypeID="1"><Identity ID="2">
      <Alias AliasTypeID="1403" Primary="true" LowQuality="false"><DocumentedName DocNameStatusID="1">${part('7', 'ADRIAN DARYA 1')}</DocumentedName></Alias>
      <NamePartGroups>${group('7', '1526')}</NamePartGroups>
    </Identity>${lookup('3', '91')}${lookup('24', '92')}</Profile></DistinctParty>
  </DistinctParties>
</Sanctions>`;
}

test('writes person names as OFAC does ("SURNAME, Given"), whatever the order of the parts in the file', async () => {
  const ctx = collectingContext();
  const [person] = await collect(ofacAdvancedParser.parse([textInput('sdn_advanced.xml', partyXml(), 97)], ctx));
  // ofac:13120 in sdn.csv: "GUZMAN SALAZAR, Jesus Alfredo"; joined in document order it read "Jesus GUZMAN SALAZAR Alfredo".
  assert.deepEqual(person!.names.map((n) => n.full), ['GUZMAN SALAZAR, Jesus Alfredo', 'Al-Zomor, Abboud']);
  // A Spanish paternal surname is the family name, not a father's name.
  assert.deepEqual(person!.names[0]!.parts, { firstName: 'Jesus', lastName: 'GUZMAN', secondName: 'SALAZAR', middleName: 'Alfredo' });
});

test('keeps nationality, citizenship and flags written as country names, as ISO codes; a former flag is not the flag', async () => {
  const ctx = collectingContext();
  const [person, vessel] = await collect(ofacAdvancedParser.parse([textInput('sdn_advanced.xml', partyXml(), 97)], ctx));
  // Before: nationality and citizenship were silently dropped (4,357 and 1,033 parties of the 2025-11-19 file).
  assert.deepEqual(person!.properties.nationality, ['EG']);
  assert.deepEqual(person!.properties.citizenship, ['MX']);
  assert.deepEqual(person!.properties.gender, ['male']);
  assert.deepEqual(vessel!.properties.flag, ['IR']);
  assert.deepEqual(vessel!.properties.notes, ['Former Vessel Flag: Panama']);
  assert.deepEqual(ctx.warnings, []);
});
