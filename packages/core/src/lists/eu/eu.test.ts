/**
 * Tests of the EU FSF parser against the fixture in the official layout
 * (test/fixtures/eu/xmlFullSanctionsList_1_1.xml, sources in its header) and against bad input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Entity } from '../../model/entity.ts';
import { collectingContext, type ListFile } from '../types.ts';
import { collect, fileInput, fixturePath, sharedPath, textInput } from '../../../test/helpers.ts';
import { euParser } from './index.ts';

const FIXTURE = fixturePath('eu/xmlFullSanctionsList_1_1.xml');
const fixtureText = readFileSync(FIXTURE, 'utf8');

async function parseFile(file: ListFile) {
  const ctx = collectingContext();
  const entities = await collect(euParser.parse([file], ctx));
  return { entities, ctx, byId: (id: string) => entities.find((e) => e.id === id) ?? assert.fail(`no entity ${id}`) };
}

/** A one-entity document around `body`, in the FSF namespace. */
function doc(body: string, rootAttrs = 'xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2025-01-02T10:00:00.000+01:00"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<export ${rootAttrs}>\n${body}\n</export>\n`;
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
}

const names = (e: Entity, kind?: string) => e.names.filter((n) => !kind || n.kind === kind).map((n) => n.full);

test('reads every sanctionEntity of the fixture and the generation date', async () => {
  const { entities, ctx } = await parseFile(fileInput(FIXTURE));
  assert.deepEqual(entities.map((e) => e.id), ['eu:13', 'eu:900001', 'eu:900002', 'eu:207', 'eu:900003']);
  assert.equal(entities.length, fixtureText.match(/<sanctionEntity /g)?.length);
  assert.equal(ctx.issueDate, '2025-03-14');
  assert.deepEqual(ctx.warnings, []);
});

test('maps a Russian person: Latin and Cyrillic aliases, weak alias, three kinds of birth date, passport and INN', async () => {
  const { byId } = await parseFile(fileInput(FIXTURE));
  const p = byId('eu:900001');
  assert.equal(p.schema, 'Person');
  // The Swedish spelling comes first in the file; the unlabelled one is the primary name.
  assert.deepEqual(names(p, 'primary'), ['Sergei Ivanovich OBRAZTSOV']);
  assert.deepEqual(p.names.find((n) => n.kind === 'primary')?.parts, { firstName: 'Sergei', middleName: 'Ivanovich', lastName: 'OBRAZTSOV' });
  const cyrillic = p.names.find((n) => n.script === 'Cyrl');
  assert.deepEqual(cyrillic, {
    full: 'Сергей Иванович ОБРАЗЦОВ',
    kind: 'aka',
    script: 'Cyrl',
    lang: 'ru',
    parts: { firstName: 'Сергей', middleName: 'Иванович', lastName: 'ОБРАЗЦОВ' },
  });
  assert.equal(p.names.find((n) => n.full === 'Sergej Ivanovitj OBRAZTSOV')?.lang, 'sv');
  assert.deepEqual(names(p, 'weak'), ['Seryoga OBRAZTSOV']);
  assert.deepEqual(p.birthDates, [{ date: '1965-03-12' }, { date: '1964', circa: true }, { from: '1963', to: '1966' }]);
  assert.deepEqual(p.properties.birthPlace, ['Leningrad (now Saint Petersburg), RUSSIAN FEDERATION']);
  assert.deepEqual(p.properties.nationality, ['RU']);
  assert.deepEqual(p.properties.gender, ['male']);
  assert.deepEqual(p.properties.position, ['Member of the State Duma']);
  assert.deepEqual(p.properties.program, ['UKR']);
  assert.deepEqual(p.properties.listingDate, ['2022-02-28']);
  const passport = p.identifiers.find((i) => i.type === 'passport');
  assert.deepEqual(passport, { type: 'passport', value: '750000001', label: 'National passport', country: 'RU' });
  const inn = p.identifiers.find((i) => i.type === 'inn');
  assert.deepEqual(inn, { type: 'inn', value: '770000000001', label: 'Fiscal Code', country: 'RU', note: 'Taxpayer identification number (INN)' });
  assert.deepEqual(p.properties.authorityId, ['EU.9001.01']);
});

test('maps a company: registration number as OGRN, address with contacts, amendment dates, weak alias', async () => {
  const { byId } = await parseFile(fileInput(FIXTURE));
  const c = byId('eu:900002');
  assert.equal(c.schema, 'Organization');
  assert.deepEqual(names(c, 'primary'), ['Limited Liability Company FIKSTURA TRADING']);
  assert.deepEqual(names(c, 'weak'), ['FT LLC']);
  assert.ok(c.names.some((n) => n.full === 'ООО «ФИКСТУРА ТРЕЙДИНГ»' && n.script === 'Cyrl' && n.lang === 'ru'));
  assert.deepEqual(
    c.identifiers.filter((i) => i.type !== 'other').map((i) => [i.type, i.value, i.country]),
    [
      ['ogrn', '1027700000011', 'RU'],
      ['inn', '7700000011', 'RU'],
    ],
  );
  assert.deepEqual(c.properties.address, ['ul. Primernaya 1, str. 2, 127055, Moscow, RUSSIAN FEDERATION']);
  assert.deepEqual(c.properties.country, ['RU']);
  assert.deepEqual(c.properties.phone, ['+7 495 000-00-01']);
  assert.deepEqual(c.properties.email, ['info@fikstura.example']);
  assert.deepEqual(c.properties.website, ['https://fikstura.example']);
  // Two regulations: the listing and its amendment.
  assert.deepEqual(c.properties.listingDate, ['2022-04-08']);
  assert.deepEqual(c.properties.modifiedAt, ['2023-06-23']);
  assert.deepEqual(c.properties.sourceUrl, [
    'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A32022R9901',
    'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A32023R9902',
  ]);
  assert.deepEqual(c.properties.notes, ['Trader in dual-use electronics']);
});

test('maps the real published entries as the EU wrote them', async () => {
  const { byId } = await parseFile(fileInput(FIXTURE));
  const s = byId('eu:13');
  assert.deepEqual(names(s, 'primary'), ['Saddam Hussein Al-Tikriti']);
  assert.deepEqual(names(s, 'aka'), ['Abu Ali', 'Abou Ali']);
  assert.equal(s.names.find((n) => n.full === 'Abou Ali')?.lang, 'fr');
  assert.deepEqual(s.birthDates, [{ date: '1937-04-28' }]);
  assert.deepEqual(s.properties.birthPlace, ['al-Awja, near Tikrit, IRAQ']);
  assert.deepEqual(s.properties.nationality, ['IQ']);
  assert.deepEqual(s.properties.notes, ['UNSC RESOLUTION 1483']);
  assert.deepEqual(s.properties.listingDate, ['2003-07-08']);

  const ibda = byId('eu:207');
  assert.deepEqual(names(ibda, 'primary'), ['İslami Büyük Doğu Akıncılar Cephesi']);
  assert.deepEqual(ibda.names.map((n) => n.script), ['Latn', 'Latn', 'Cyrl', 'Grek', 'Latn']);
  // The entity-level URL keeps its decoded query string.
  assert.deepEqual(ibda.properties.sourceUrl, ['http://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32018R0468&qid=1521740406834&from=EN']);
  assert.deepEqual(ibda.properties.program, ['TERR']);
});

test('wallets in a remark are kept exactly as published', async () => {
  const { byId } = await parseFile(fileInput(FIXTURE));
  assert.deepEqual(byId('eu:900003').wallets, [
    { currency: 'XBT', address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' },
    { currency: 'ETH', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
  ]);
  // Entities whose remarks name no currency get none.
  const { entities } = await parseFile(fileInput(FIXTURE));
  assert.equal(entities.filter((e) => e.wallets.length > 0).length, 1);
});

test('chunk boundaries do not change the result', async () => {
  const whole = await parseFile(fileInput(FIXTURE));
  for (const size of [1, 3, 7, 64, 1021]) {
    const chunked = await parseFile(textInput('xmlFullSanctionsList_1_1.xml', fixtureText, size));
    assert.deepEqual(chunked.entities, whole.entities, `chunk size ${size}`);
    assert.equal(chunked.ctx.issueDate, whole.ctx.issueDate);
  }
});

test('a truncated file is SEK_LIST_TRUNCATED, never a shorter list', async () => {
  const lastEntity = fixtureText.lastIndexOf('</sanctionEntity>') + '</sanctionEntity>'.length;
  const cuts = [0.3, 0.5, 0.9].map((share) => Math.floor(fixtureText.length * share)).concat(lastEntity);
  for (const cut of cuts) {
    const code = await errorCode(parseFile(textInput('xmlFullSanctionsList_1_1.xml', fixtureText.slice(0, cut), 512)));
    assert.equal(code, 'SEK_LIST_TRUNCATED', `cut at ${cut}`);
  }
});

test('another list or format is SEK_LIST_FORMAT', async () => {
  const un = fileInput(sharedPath('screening-data/watchman/UN_consolidated_2026-02-27.xml'));
  assert.equal(await errorCode(parseFile(un)), 'SEK_LIST_FORMAT');
  // The EU's own CSV export given to the XML parser.
  const csv = 'fileGenerationDate;Entity_LogicalId;Entity_EU_ReferenceNumber\n28/10/2022;13;EU.27.28\n';
  assert.equal(await errorCode(parseFile(textInput('eu.csv', csv))), 'SEK_LIST_FORMAT');
  // An <export> root from some other system.
  const other = doc('<sanctionEntity logicalId="1"/>', 'xmlns="urn:example:other-export"');
  assert.equal(await errorCode(parseFile(textInput('export.xml', other))), 'SEK_LIST_FORMAT');
});

test('an empty file or a list without entities is SEK_LIST_EMPTY', async () => {
  assert.equal(await errorCode(parseFile(textInput('empty.xml', ''))), 'SEK_LIST_EMPTY');
  assert.equal(await errorCode(parseFile(textInput('blank.xml', '  \n'))), 'SEK_LIST_EMPTY');
  assert.equal(await errorCode(parseFile(textInput('no-entities.xml', doc('')))), 'SEK_LIST_EMPTY');
});

test('malformed XML and an entry without logicalId are SEK_LIST_PARSE', async () => {
  const broken = fixtureText.replace('</nameAlias>', '</nameAlia>');
  assert.equal(await errorCode(parseFile(textInput('broken.xml', broken, 256))), 'SEK_LIST_PARSE');
  const noId = doc('<sanctionEntity euReferenceNumber="EU.1.1"><subjectType code="person" classificationCode="P"/><nameAlias wholeName="No Id" strong="true"/></sanctionEntity>');
  assert.equal(await errorCode(parseFile(textInput('no-id.xml', noId))), 'SEK_LIST_PARSE');
});

test('the eu source reads exactly one file', async () => {
  const ctx = collectingContext();
  assert.equal(await errorCode(collect(euParser.parse([], ctx))), 'SEK_LIST_FILES');
  const f = fileInput(FIXTURE);
  assert.equal(await errorCode(collect(euParser.parse([f, f], ctx))), 'SEK_LIST_FILES');
});

test('odd values become warnings, not crashes or guesses', async () => {
  const xml = doc(`
  <sanctionEntity logicalId="5" euReferenceNumber="EU.5.5">
    <regulation regulationType="regulation" publicationDate="2010-05-01" programme="IRN" logicalId="1"/>
    <subjectType code="vessel" classificationCode="V"/>
    <nameAlias wholeName="Farsan Person" strong="true" logicalId="2"/>
    <nameAlias wholeName="F. Person" strong="true" logicalId="3"><remark>Low quality alias</remark></nameAlias>
    <birthdate circa="false" calendarType="ISLAMIC" city="Farsan" zipCode="" year="1343" countryIso2Code="IR" countryDescription="IRAN (ISLAMIC REPUBLIC OF)" logicalId="4"/>
    <birthdate circa="false" calendarType="GREGORIAN" year="1961" monthOfYear="13" logicalId="5"/>
    <birthdate circa="false" calendarType="GREGORIAN" yearRangeTo="1980" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="6"/>
    <citizenship countryIso2Code="00" countryDescription="UNKNOWN" logicalId="7"/>
    <identification number="A-1" identificationTypeCode="mysterycode" identificationTypeDescription="Mystery card" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="8"/>
  </sanctionEntity>`);
  const { entities, ctx } = await parseFile(textInput('odd.xml', xml));
  const e = entities[0]!;
  assert.equal(e.schema, 'LegalEntity');
  assert.deepEqual(names(e, 'weak'), ['F. Person']);
  // Only the open-ended span survives: the Hijri year is not read as Gregorian, month 13 is no date.
  assert.deepEqual(e.birthDates, [{ to: '1980' }]);
  assert.deepEqual(e.properties.birthPlace, ['Farsan, IRAN (ISLAMIC REPUBLIC OF)']);
  assert.equal(e.properties.nationality, undefined);
  assert.deepEqual(e.identifiers.find((i) => i.value === 'A-1'), { type: 'other', value: 'A-1', label: 'Mystery card' });
  assert.deepEqual(ctx.warnings.map((w) => w.code).sort(), ['bad-date', 'bad-date', 'unknown-reference', 'unknown-reference']);
  assert.ok(ctx.warnings.every((w) => w.entityId === 'eu:5' && w.file === 'odd.xml' && /^line \d+$/.test(w.position ?? '')));
});

test('an identification that names a digital currency becomes a wallet', async () => {
  // Defensive: no published FSF entry with such an identification was found (docs/sources/eu.md).
  const xml = doc(`
  <sanctionEntity logicalId="6" euReferenceNumber="EU.6.6">
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias wholeName="Wallet Holder" strong="true" logicalId="1"/>
    <identification number="0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" identificationTypeCode="other" identificationTypeDescription="Crypto wallet address (ETH)" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="2"/>
    <identification number="TFixtureUsdtAddressForTestsOnly9" identificationTypeCode="other" identificationTypeDescription="Digital currency address - USDT (TRC-20)" logicalId="3"/>
  </sanctionEntity>`);
  const { entities } = await parseFile(textInput('wallets.xml', xml));
  assert.deepEqual(entities[0]!.wallets, [
    { currency: 'ETH', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
    { currency: 'USDT', address: 'TFixtureUsdtAddressForTestsOnly9' },
  ]);
  assert.deepEqual(entities[0]!.identifiers, []);
  assert.deepEqual(entities[0]!.properties.authorityId, ['EU.6.6']);
});
