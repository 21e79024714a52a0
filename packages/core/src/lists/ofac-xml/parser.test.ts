import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ofacXmlParser } from './index.ts';
import { collectingContext, type ListFile } from '../types.ts';
import { collect, fileInput, fixturePath, sharedPath, textInput } from '../../../test/helpers.ts';

const FIXTURE = fixturePath('ofac-xml/sdn.xml');

async function parse(files: ListFile[]) {
  const ctx = collectingContext();
  const entities = await collect(ofacXmlParser.parse(files, ctx));
  return { entities, byId: new Map(entities.map((e) => [e.id, e])), ctx };
}

async function rejects(files: ListFile[], code: string) {
  await assert.rejects(collect(ofacXmlParser.parse(files, collectingContext())), (err: { code?: string }) => {
    assert.equal(err.code, code);
    return true;
  });
}

test('legacy sdn.xml: entries, issue date, names with parts and kinds', async () => {
  const { entities, byId, ctx } = await parse([fileInput(FIXTURE)]);
  assert.equal(entities.length, 6);
  assert.equal(ctx.issueDate, '2024-05-03');
  assert.deepEqual(ctx.warnings, []);
  assert.deepEqual(entities.map((e) => [e.id, e.schema]), [
    ['ofac:25308', 'Person'],
    ['ofac:12057', 'Person'],
    ['ofac:15117', 'Organization'],
    ['ofac:15036', 'Vessel'],
    ['ofac:17016', 'Organization'],
    ['ofac:57118', 'Person'],
  ]);
  const yan = byId.get('ofac:25308')!;
  // The same full name and parts as the CSV row "YAN, Xiaobing", so versions of both formats line up.
  assert.deepEqual(yan.names[0], { full: 'YAN, Xiaobing', kind: 'primary', script: 'Latn', parts: { lastName: 'YAN', firstName: 'Xiaobing' } });
  assert.deepEqual(yan.names.filter((n) => n.kind === 'weak').map((n) => n.full), ['ZHOU, William', 'YAN, Steven']);
  const gpb = byId.get('ofac:17016')!;
  assert.deepEqual(gpb.names.map((n) => [n.full, n.kind, n.script]), [
    ['GAZPROMBANK JOINT STOCK COMPANY', 'primary', 'Latn'],
    ['GAZPROMBANK OPEN JOINT STOCK COMPANY', 'fka', 'Latn'],
    ['BANK GPB JSC', 'aka', 'Latn'],
    ['АО ГАЗПРОМБАНК', 'aka', 'Cyrl'],
  ]);
  assert.deepEqual(byId.get('ofac:15036')!.names[1], { full: 'ALPHA', kind: 'weak', script: 'Latn' });
});

test('legacy sdn.xml: wallets, identifiers, dates, vessel and links', async () => {
  const { byId } = await parse([fileInput(FIXTURE)]);
  const yan = byId.get('ofac:25308')!;
  assert.deepEqual(yan.wallets, [
    { currency: 'XBT', address: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h' },
    { currency: 'XBT', address: '1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo' },
  ]);
  assert.deepEqual(yan.properties.gender, ['male']);
  assert.deepEqual(yan.properties.citizenship, ['CN']);
  assert.deepEqual(yan.identifiers, [{ type: 'nationalId', value: '421002197703250019', label: "Citizen's Card Number", country: 'CN' }]);
  // Addresses keep their case exactly as published (EIP-55 checksum case).
  assert.deepEqual(byId.get('ofac:57118')!.wallets, [{ currency: 'ETH', address: '0xaC4cC4B68ea24BbFAAC8fD127B67Ed445ACcCE22' }]);

  const naqdi = byId.get('ofac:12057')!;
  assert.deepEqual(naqdi.birthDates, [{ from: '1951', to: '1953' }, { from: '1960', to: '1962' }, { date: '1961-04' }, { date: '1953', circa: true }]);
  assert.deepEqual(naqdi.properties.program, ['SDGT', 'NPWMD', 'IRGC', 'IFSR']);
  assert.deepEqual(naqdi.properties.nationality, ['IR']);
  assert.deepEqual(naqdi.properties.position, ['Brigadier General and Commander of the IRGC Basij Resistance Force']);

  const artavil = byId.get('ofac:15036')!;
  assert.deepEqual(artavil.properties.flag, ['IR']);
  assert.deepEqual(artavil.properties.tonnage, ['99144']);
  assert.deepEqual(artavil.identifiers.map((i) => [i.type, i.value]), [['imo', 'IMO 9187629'], ['mmsi', '572469210'], ['vesselRegistration', 'T2EU4']]);
  assert.ok(artavil.properties.notes!.includes('Former Vessel Flag Malta'));
  assert.deepEqual(artavil.relations, [{ type: 'other', target: 'ofac:15117', label: 'Linked To' }]);

  const nitc = byId.get('ofac:15117')!;
  assert.deepEqual(nitc.properties.website, ['www.nitc.co.ir']);
  assert.deepEqual(nitc.properties.email, ['info@nitc.co.ir']);
  assert.deepEqual(nitc.properties.notes, ['Additional Sanctions Information - Subject to Secondary Sanctions']);
  assert.deepEqual(nitc.properties.country, ['IR']);

  const gpb = byId.get('ofac:17016')!;
  assert.deepEqual(gpb.identifiers.map((i) => [i.type, i.value, i.country]), [['swiftBic', 'GAZPRUMM', undefined], ['inn', '7744001497', 'RU'], ['ogrn', '1027700167110', 'RU']]);
  assert.equal(gpb.identifiers[2]!.issued, '1990-07-31');
  assert.deepEqual(gpb.properties.address, ['16 Nametkina Street, Bldg. 1, Moscow, 117420, Russia']);
});

test('legacy sdn.xml: the namespace of the 2024 service is read the same', async () => {
  const text = readFileSync(FIXTURE, 'utf8').replace('http://tempuri.org/sdnList.xsd', 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML');
  const { entities } = await parse([textInput('sdn.xml', text, 4096)]);
  assert.equal(entities.length, 6);
});

test('legacy sdn.xml: bad input', async () => {
  const text = readFileSync(FIXTURE, 'utf8');
  await rejects([textInput('sdn.xml', text.slice(0, Math.floor(text.length * 0.7)), 4096)], 'SEK_LIST_TRUNCATED');
  await rejects([fileInput(sharedPath('screening-data/watchman/UN_consolidated_2026-02-27.xml'), 'sdn.xml')], 'SEK_LIST_FORMAT');
  await rejects([fileInput(sharedPath('screening-data/watchman/cons_prim.csv'), 'sdn.xml')], 'SEK_LIST_FORMAT');
  await rejects([textInput('sdn.xml', '')], 'SEK_LIST_EMPTY');
  await rejects([textInput('sdn.xml', '<?xml version="1.0"?><sdnList xmlns="http://tempuri.org/sdnList.xsd"><publshInformation><Publish_Date>05/03/2024</Publish_Date><Record_Count>0</Record_Count></publshInformation></sdnList>')], 'SEK_LIST_EMPTY');
  // Fewer entries than the file's own Record_Count: not the whole list.
  await rejects([textInput('sdn.xml', text.replace('<Record_Count>6</Record_Count>', '<Record_Count>7</Record_Count>'), 4096)], 'SEK_LIST_PARSE');
  await rejects([textInput('sdn.xml', text.replace('<uid>12057</uid>', '<uid>x</uid>'), 4096)], 'SEK_LIST_PARSE');
  await rejects([textInput('sdn.xml', text.replace('<lastName>ARTAVIL</lastName>', '<lastName>ARTAVIL</lastNme>'), 4096)], 'SEK_LIST_PARSE');
  await rejects([], 'SEK_LIST_FILES');
});
