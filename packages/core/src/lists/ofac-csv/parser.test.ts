import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ofacCsvParser, splitPrograms } from './index.ts';
import { collectingContext, type ListFile } from '../types.ts';
import type { Entity } from '../../model/entity.ts';
import { collect, fileInput, sharedPath, textInput } from '../../../test/helpers.ts';

const SDN = 'screening-data/ofac/sdn_2024-05-03.csv';
const SDN_COMMENTS = 'screening-data/watchman/sdn_comments_2025-12.csv';
const CONS = 'screening-data/watchman/';

function sdnCsv(): ListFile {
  return fileInput(sharedPath(SDN), 'sdn.csv');
}
function sdnComments(): ListFile {
  return fileInput(sharedPath(SDN_COMMENTS), 'sdn_comments.csv');
}
function cons(name: string): ListFile {
  return fileInput(sharedPath(CONS + name), name);
}

async function parse(files: ListFile[]) {
  const ctx = collectingContext();
  const entities = await collect(ofacCsvParser.parse(files, ctx));
  const byId = new Map(entities.map((e) => [e.id, e]));
  return { entities, byId, warnings: ctx.warnings, ctx };
}

function schemaCounts(entities: Entity[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entities) out[e.schema] = (out[e.schema] ?? 0) + 1;
  return out;
}

async function rejects(files: ListFile[], code: string) {
  await assert.rejects(collect(ofacCsvParser.parse(files, collectingContext())), (err: { code?: string }) => {
    assert.equal(err.code, code);
    return true;
  });
}

/** The 0xB10C lists (addresses OFAC published in sdn_advanced.xml, 2024-09-27), as "TICKER:address". */
function b10cAddresses(): Set<string> {
  const dir = sharedPath('screening-data/ofac_crypto_0xB10C_2024-09-27');
  const out = new Set<string>();
  for (const f of readdirSync(dir)) {
    const ticker = f.match(/_([A-Z]+)\.txt$/)?.[1];
    if (!ticker) continue;
    for (const a of readFileSync(join(dir, f), 'utf8').split(/\s+/)) if (a) out.add(`${ticker}:${a}`);
  }
  return out;
}

const FRAGMENTS = ['1Gq', '1B64QRxf', '3', '1B11Ezqg3AXj', '3F6bbvS1krsc1qR8FsbTDfYQyvkMm', '1N6XqS'];

test('sdn.csv of 2024-05-03 alone: every record, by schema', async () => {
  const { entities, byId, warnings } = await parse([sdnCsv()]);
  assert.equal(entities.length, 14965);
  assert.deepEqual(schemaCounts(entities), { Organization: 6884, Person: 6854, Vessel: 851, Aircraft: 376 });
  assert.ok(entities.every((e) => /^ofac:\d+$/.test(e.id)));
  // Without alt.csv and add.csv the officer is told what is missing.
  assert.deepEqual(warnings.filter((w) => w.code === 'missing-file').map((w) => w.file).sort(), ['add.csv', 'alt.csv']);

  const yan = byId.get('ofac:25308')!;
  assert.equal(yan.schema, 'Person');
  assert.deepEqual(yan.names[0], { full: 'YAN, Xiaobing', kind: 'primary', script: 'Latn', parts: { lastName: 'YAN', firstName: 'Xiaobing' } });
  assert.deepEqual(yan.birthDates, [{ date: '1977-03-25' }]);
  assert.deepEqual(yan.properties.citizenship, ['CN']);
  assert.deepEqual(yan.properties.gender, ['male']);
  assert.deepEqual(yan.properties.birthPlace, ['Wuhan City, Hubei, China']);
  assert.equal(yan.wallets.length, 6);
  assert.deepEqual(yan.wallets[0], { currency: 'XBT', address: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h' });
  // Aliases in remarks are OFAC's weak AKAs (dat_spec.txt, "The disposition of aliases").
  assert.deepEqual(yan.names.filter((n) => n.kind === 'weak').map((n) => n.full), ['ZHOU, William', 'YAN, Steven']);
  assert.ok(yan.identifiers.some((i) => i.label === "Citizen's Card Number" && i.value === '421002197703250019' && i.country === 'CN' && i.type === 'nationalId'));
});

test('sdn.csv: programs, vessels, links and identifiers from remarks', async () => {
  const { byId, warnings } = await parse([sdnCsv()]);
  const naqdi = byId.get('ofac:12057')!;
  assert.deepEqual(naqdi.properties.program, ['SDGT', 'NPWMD', 'IRGC', 'IFSR', 'IRAN-HR', 'IRAN-EO13876']);
  assert.deepEqual(naqdi.birthDates, [{ from: '1951', to: '1953' }, { from: '1960', to: '1962' }, { date: '1961-04' }, { date: '1953' }]);

  const artavil = byId.get('ofac:15036')!;
  assert.equal(artavil.schema, 'Vessel');
  assert.deepEqual(artavil.properties.flag, ['IR']);
  assert.deepEqual(artavil.properties.type, ['Crude/Oil Products Tanker']);
  assert.ok(artavil.identifiers.some((i) => i.type === 'imo' && i.value === 'IMO 9187629'));
  assert.ok(artavil.identifiers.some((i) => i.type === 'mmsi' && i.value === '572469210'));
  assert.ok(artavil.identifiers.some((i) => i.type === 'vesselRegistration' && i.value === 'T2EU4'));
  // "Linked To: NATIONAL IRANIAN TANKER COMPANY." resolves to that entity's id.
  assert.deepEqual(artavil.relations, [{ type: 'other', target: 'ofac:15117', label: 'Linked To' }]);

  // Aircraft and Russian identifiers.
  assert.equal(byId.get('ofac:36')!.schema, 'Organization');
  const aircraft = [...byId.values()].filter((e) => e.schema === 'Aircraft');
  assert.ok(aircraft.filter((e) => e.identifiers.some((i) => i.type === 'aircraftSerial')).length > 300);
  assert.ok([...byId.values()].some((e) => e.identifiers.some((i) => i.type === 'inn' && i.country === 'RU')));

  // 6,375 links; 6,365 resolve to exactly one entity, the rest are reported.
  let relations = 0;
  for (const e of byId.values()) relations += e.relations.length;
  assert.equal(relations, 6365);
  assert.equal(warnings.filter((w) => w.code === 'unknown-reference').length, 8);
  assert.equal(warnings.filter((w) => w.code === 'ambiguous-reference').length, 2);
});

test('sdn.csv alone: wallets match OFAC, and fragments cut at 1,000 characters are not presented as addresses', async () => {
  const { entities, byId, warnings } = await parse([sdnCsv()]);
  const pairs = entities.flatMap((e) => e.wallets.map((w) => ({ id: e.id, ...w })));
  // 294 "Digital Currency Address" strings in the file, 6 of them cut mid-address.
  assert.equal(pairs.length, 288);
  assert.equal(entities.filter((e) => e.wallets.length > 0).length, 55);
  for (const fragment of FRAGMENTS) assert.ok(!pairs.some((p) => p.address === fragment), `fragment ${fragment} reported as an address`);
  // Cross-check with the addresses OFAC published in the advanced XML (0xB10C lists).
  const b10c = b10cAddresses();
  const missing = pairs.filter((p) => !b10c.has(`${p.currency}:${p.address}`));
  assert.deepEqual(missing, []);

  const truncated = warnings.filter((w) => w.code === 'truncated-remarks');
  assert.equal(truncated.length, 18);
  assert.ok(truncated.some((w) => w.entityId === 'ofac:30518'));
  const secondeye = byId.get('ofac:30518')!;
  assert.equal(secondeye.wallets.length, 7);
  assert.ok(!secondeye.wallets.some((w) => w.address.startsWith('1Gq')));
  // A cut right after a separator leaves the last address whole (ofac:42496).
  assert.ok(byId.get('ofac:42496')!.wallets.some((w) => w.address === '18yWCu6agTxYqAerMxiz9sgHrK3ViezzGa'));
});

test('sdn_comments.csv is joined before reading: split addresses are recovered, in either file order', async () => {
  for (const files of [[sdnCsv(), sdnComments()], [sdnComments(), sdnCsv()]]) {
    const { byId, warnings } = await parse(files);
    const secondeye = byId.get('ofac:30518')!;
    assert.ok(secondeye.wallets.some((w) => w.currency === 'XBT' && w.address === '1GqChmWqGtsaLrGbHfgdrV5Nkvahtjjuxr'));
    const andreyev = byId.get('ofac:29703')!;
    const has = (currency: string, address: string) => andreyev.wallets.some((w) => w.currency === currency && w.address === address);
    assert.ok(has('ETH', '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c'));
    assert.ok(has('LTC', 'LWnbjLYUfqeokfbWM4FcU7uk2FP2DSxuWS'));
    assert.ok(has('ZEC', 't1WSKwCDL1QYRRUrCCknEs5tDLhtGVYu9KM'));
    assert.ok(has('BSV', '12sjrrhoFEsedNRhtgwvvRqjFTh8fZTDX9'));
    assert.ok(andreyev.identifiers.some((i) => i.type === 'passport' && i.value === '4005504207' && i.country === 'RU'));
    assert.ok(!warnings.some((w) => w.code === 'truncated-remarks' && (w.entityId === 'ofac:30518' || w.entityId === 'ofac:29703')));
    // The comments file is from 2025-12: rows for remarks that were not cut in 2024-05 are not glued on.
    assert.ok(warnings.some((w) => w.code === 'spillover-mismatch' && w.entityId === 'ofac:22985'));
    assert.ok(!byId.get('ofac:22985')!.wallets.some((w) => w.address.startsWith('4X3191')));
    // Every joined address is one OFAC publishes.
    const b10c = b10cAddresses();
    for (const e of [secondeye, andreyev]) for (const w of e.wallets) assert.ok(b10c.has(`${w.currency}:${w.address}`), `${w.currency} ${w.address}`);
  }
});

test('consolidated set: cons_prim + cons_alt + cons_add + cons_comments', async () => {
  const { entities, byId, warnings } = await parse([cons('cons_prim.csv'), cons('cons_alt.csv'), cons('cons_add.csv'), cons('cons_comments.csv')]);
  assert.equal(entities.length, 442);
  assert.deepEqual(schemaCounts(entities), { Organization: 363, Person: 79 });
  const zahhar = byId.get('ofac:9647')!;
  assert.deepEqual(zahhar.properties.program, ['SDGT', 'NS-PLC']);
  assert.deepEqual(zahhar.names.map((n) => [n.full, n.kind]), [
    ['ZAHHAR, Mahmoud Khaled', 'primary'],
    ['ZAHAR, Mahmoud', 'weak'],
    ['AL-ZAHAR, Mahmoud', 'weak'],
    ['AL ZAHAR, Mahmoud Khaled', 'aka'],
  ]);
  const gpb = byId.get('ofac:17016')!;
  assert.ok(gpb.names.some((n) => n.kind === 'fka' && n.full === 'GAZPROMBANK OPEN JOINT STOCK COMPANY'));
  assert.ok(gpb.properties.address!.includes('16 Nametkina Street, Bldg. 1, Moscow 117420, Russia'));
  assert.deepEqual(gpb.properties.incorporationDate, ['1990-07-31']);
  // The LEI and OGRN are in the spillover of cons_comments.csv.
  assert.ok(gpb.identifiers.some((i) => i.type === 'lei' && i.value === '253400WSS48YWMBUA688'));
  assert.ok(gpb.identifiers.some((i) => i.type === 'ogrn' && i.value === '1027700167110'));
  assert.ok(gpb.identifiers.some((i) => i.type === 'inn' && i.value === '7744001497'));
  assert.ok(!warnings.some((w) => w.code === 'truncated-remarks' || w.code === 'missing-file'));
  // HAMAS is on the SDN list, not in this file: reported, not guessed.
  assert.ok(warnings.some((w) => w.code === 'unknown-reference' && w.entityId === 'ofac:9647'));
});

test('consolidated set without cons_comments.csv: the cut remarks are reported', async () => {
  const { byId, warnings } = await parse([cons('cons_prim.csv')]);
  assert.ok(warnings.some((w) => w.code === 'truncated-remarks' && w.entityId === 'ofac:17016'));
  assert.ok(!byId.get('ofac:17016')!.identifiers.some((i) => i.type === 'lei'));
});

test('remarks forms: circa dates, ranges, identifiers with dates, nulls', async () => {
  const row = (fields: string[]) => fields.map((f) => (f === '-0-' ? '-0- ' : `"${f}"`)).join(',');
  const csv = [
    row(['1', 'DOE, John Quincy', 'individual', 'SDGT] [IRGC', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-',
      "DOB circa 1960; alt. DOB 01 Jan 1960 to 31 Dec 1962; alt. DOB circa 1972-1974; POB Tehran, Iran; nationality Korea, North; alt. nationality Atlantis; Passport K754050 (Iran) issued 26 May 1999 expires 25 May 2004; Tax ID No. 7707083893 (Russia); Website www.example.ir; a.k.a. 'ABU JOHN'; f.k.a. 'DOE, Jon'; Linked To: ACME TRADING CO., LTD.."]),
    row(['2', 'ACME TRADING CO., LTD.', '-0-', 'SDGT', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', 'Organization Established Date 12 Mar 2001; Organization Type: Wholesale trade; DOB 32 Foo 1990.']),
  ].join('\r\n') + '\r\n\x1a';
  const { entities, warnings } = await parse([textInput('sdn.csv', csv)]);
  const [doe, acme] = entities as [Entity, Entity];
  assert.deepEqual(doe.properties.program, ['SDGT', 'IRGC']);
  assert.deepEqual(doe.birthDates, [{ date: '1960', circa: true }, { from: '1960', to: '1962' }, { from: '1972', to: '1974', circa: true }]);
  assert.deepEqual(doe.properties.nationality, ['KP', 'Atlantis']);
  assert.ok(warnings.some((w) => w.code === 'unknown-country' && w.entityId === 'ofac:1'));
  assert.deepEqual(doe.identifiers.find((i) => i.type === 'passport'), { type: 'passport', value: 'K754050', label: 'Passport', country: 'IR', issued: '1999-05-26', expires: '2004-05-25' });
  assert.equal(doe.identifiers.find((i) => i.label === 'Tax ID No.')!.type, 'inn');
  assert.deepEqual(doe.names.filter((n) => n.kind === 'weak').map((n) => n.full), ['ABU JOHN', 'DOE, Jon']);
  assert.deepEqual(doe.relations, [{ type: 'other', target: 'ofac:2', label: 'Linked To' }]);
  assert.deepEqual(acme.properties.incorporationDate, ['2001-03-12']);
  assert.deepEqual(acme.properties.sector, ['Wholesale trade']);
  assert.ok(warnings.some((w) => w.code === 'bad-date' && w.entityId === 'ofac:2'));
});

test('program column: OFAC writes "[A] [B]" without the outer brackets', () => {
  assert.deepEqual(splitPrograms('SDGT] [NS-PLC'), ['SDGT', 'NS-PLC']);
  assert.deepEqual(splitPrograms('CAATSA - RUSSIA'), ['CAATSA - RUSSIA']);
  assert.deepEqual(splitPrograms('[SDGT] [IRGC]'), ['SDGT', 'IRGC']);
});

test('bad input: wrong format, empty, broken, truncated, missing files', async () => {
  const head = readFileSync(sharedPath(SDN), 'utf8').slice(0, 4000);
  const lines = head.split('\r\n').slice(0, 10);
  // The UN XML given as sdn.csv.
  await rejects([fileInput(sharedPath('screening-data/watchman/UN_consolidated_2026-02-27.xml'), 'sdn.csv')], 'SEK_LIST_FORMAT');
  // A CSV of another layout.
  await rejects([textInput('sdn.csv', 'name,country\r\nACME,Iran\r\n')], 'SEK_LIST_FORMAT');
  await rejects([textInput('sdn.csv', '')], 'SEK_LIST_EMPTY');
  await rejects([textInput('sdn.csv', '\x1a')], 'SEK_LIST_EMPTY');
  // A record with a column missing in the middle of the file.
  const short = [...lines.slice(0, 4), '999,"X","individual","SDGT",-0- ', ...lines.slice(4)].join('\r\n');
  await rejects([textInput('sdn.csv', short)], 'SEK_LIST_PARSE');
  // Broken quoting.
  const broken = [...lines.slice(0, 4), '999,"X"Y",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ', ...lines.slice(4)].join('\r\n');
  await rejects([textInput('sdn.csv', broken)], 'SEK_LIST_PARSE');
  // A download cut inside a quoted field, and one cut between fields.
  await rejects([textInput('sdn.csv', head.slice(0, head.indexOf('BANCO NACIONAL') + 5))], 'SEK_LIST_TRUNCATED');
  await rejects([textInput('sdn.csv', head.slice(0, head.indexOf('"CUBA"', 300) + 6))], 'SEK_LIST_TRUNCATED');
  // A file set without its main file, an unknown file, no files.
  await rejects([cons('cons_alt.csv')], 'SEK_LIST_FILES');
  await rejects([sdnComments()], 'SEK_LIST_FILES');
  await rejects([sdnCsv(), textInput('names.txt', 'x')], 'SEK_LIST_FILES');
  await rejects([], 'SEK_LIST_FILES');
  // An auxiliary file of the wrong kind.
  await rejects([sdnCsv(), fileInput(sharedPath('screening-data/watchman/UN_consolidated_2026-02-27.xml'), 'alt.csv')], 'SEK_LIST_FORMAT');
});
