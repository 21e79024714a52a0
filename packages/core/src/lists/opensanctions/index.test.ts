import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { collectingContext } from '../types.ts';
import { collect, fileInput, fixturePath, sharedPath, textInput } from '../../../test/helpers.ts';
import { openSanctionsParser } from './index.ts';
import { streamLines } from '../shared/json-lines.ts';
import type { Entity } from '../../model/entity.ts';

const ZALA = sharedPath('screening-data/yente/zala_entities.ftm.json');
const FIXTURE = fixturePath('opensanctions/entities.ftm.json');

async function parse(path: string, name?: string) {
  const ctx = collectingContext();
  const entities = await collect(openSanctionsParser.parse([fileInput(path, name)], ctx));
  const get = (id: string): Entity => {
    const e = entities.find((x) => x.id === id);
    assert.ok(e, `${id} missing`);
    return e;
  };
  return { ctx, entities, get };
}

async function codeOf(content: string): Promise<{ code?: string; position?: string }> {
  try {
    await collect(openSanctionsParser.parse([textInput('entities.ftm.json', content)], collectingContext()));
  } catch (error) {
    const e = error as { code?: string; details?: { position?: string } };
    return { code: e.code, position: e.details?.position };
  }
  return {};
}

test('the yente zala sample: 91 FtM entities give 6 persons and 11 companies with their links', async () => {
  const { entities, get, ctx } = await parse(ZALA);
  // 91 lines: Sanction 41, Ownership 14, Company 11, Address 11, Person 6, Family 4, Directorship 3, Passport 1.
  assert.equal(entities.length, 17);
  assert.equal(entities.filter((e) => e.schema === 'Person').length, 6);
  assert.equal(entities.filter((e) => e.schema === 'Company').length, 11);
  assert.ok(entities.every((e) => e.id.startsWith('os:NK-') || e.id.startsWith('os:ru-inn-')));

  const relations = entities.flatMap((e) => e.relations);
  assert.equal(relations.filter((r) => r.type === 'ownedOrControlledBy').length, 14);
  assert.equal(relations.filter((r) => r.type === 'family').length, 4);
  assert.equal(relations.filter((r) => r.type === 'director' || r.type === 'leader').length, 3);

  // LLC CST: a Ukrainian-Cyrillic primary name, owned 50% by Zakharov, address from an Address entity later in the file.
  const cst = get('os:NK-abdzbEBkqyT29GyREbiURZ');
  assert.deepEqual(cst.names[0], { full: 'Товариство з обмеженою відповідальністю "ЦСТ"', kind: 'primary', script: 'Cyrl' });
  assert.ok(cst.relations.some((r) => r.type === 'ownedOrControlledBy' && r.target === 'os:NK-aU5ybkbRFJucf8YMwsJvDw' && r.share === 50));
  assert.ok(cst.properties.address?.includes('130 Vorovskogo st. Izhevsk, 426063, Russia'));
  assert.ok(cst.identifiers.some((i) => i.type === 'inn' && i.value === '1841015504'));
  assert.ok(cst.identifiers.some((i) => i.type === 'ogrn' && i.value === '1101841007938'));
  assert.ok(cst.properties.program?.includes('EU-UKR'));

  // Zakharov: Cyrillic names, sanction programs and listing dates from Sanction entities, OFAC's "Leader or official of".
  const zakharov = get('os:NK-aU5ybkbRFJucf8YMwsJvDw');
  assert.ok(zakharov.names.some((n) => n.full === 'Александр Вячеславович Захаров' && n.kind === 'primary' && n.script === 'Cyrl'));
  assert.deepEqual(zakharov.birthDates, [{ date: '1965-09-21' }]);
  assert.ok(zakharov.properties.listingDate?.includes('2025-02-24'));
  assert.ok(zakharov.relations.some((r) => r.type === 'leader' && r.target === 'os:NK-abdzbEBkqyT29GyREbiURZ' && r.label === 'Leader or official of'));
  // Sixteen addressEntity references point at Address entities outside this sample.
  assert.equal(ctx.warnings.filter((w) => w.code === 'unknown-reference').length, 16);
});

test('forward links, wallets, identifiers and every relationship schema (fixture)', async () => {
  const { entities, get, ctx } = await parse(FIXTURE);
  assert.deepEqual(entities.map((e) => e.id), ['os:p-volkov', 'os:co-severtrade', 'os:p-nadia', 'os:ves-1', 'os:air-1', 'os:wal-2', 'os:org-1', 'os:pb-1']);

  const volkov = get('os:p-volkov');
  assert.deepEqual(volkov.names.map((n) => [n.full, n.kind, n.script]), [
    ['Igor Petrovich VOLKOV', 'primary', 'Latn'],
    ['Игорь Петрович Волков', 'primary', 'Cyrl'],
    ['Igor Volkoff', 'aka', 'Latn'],
    ['Grom', 'weak', 'Latn'],
  ]);
  assert.deepEqual(volkov.names[0]!.parts, { firstName: 'Igor', lastName: 'Volkov', fatherName: 'Petrovich' });
  assert.equal(volkov.names[1]!.parts, undefined, 'Latin parts are not pinned on the Cyrillic name');
  assert.deepEqual(volkov.wallets, [{ currency: 'XBT', address: 'bc1qa5wkgaew2dkv56kfvj49j0av5nml45x9ek9hz6' }]);
  assert.deepEqual(volkov.properties.program, ['US-RUSHAR']);
  assert.deepEqual(volkov.properties.listingDate, ['2022-03-11']);
  assert.deepEqual(volkov.properties.address, ['ul. Lenina 50, Perm, 614000, Russia']);
  assert.deepEqual(volkov.identifiers.find((i) => i.type === 'passport'), { type: 'passport', value: '753123456', label: 'Foreign passport', country: 'RU', issued: '2015-02-10', expires: '2025-02-10' });
  assert.deepEqual(volkov.relations, [{ type: 'director', target: 'os:co-severtrade', label: 'General Director' }]);

  const severtrade = get('os:co-severtrade');
  assert.deepEqual(severtrade.relations, [
    { type: 'ownedOrControlledBy', target: 'os:p-volkov', label: 'shareholder', share: 51 },
    { type: 'actingFor', target: 'os:ves-1', label: 'ship manager' },
  ]);
  assert.deepEqual(severtrade.properties.program, ['Council of the European Union']);
  assert.deepEqual(severtrade.properties.listingDate, ['2023-06-23']);
  assert.ok(severtrade.names.some((n) => n.full === 'Perm Metals Trading LLC' && n.kind === 'fka'));

  const nadia = get('os:p-nadia');
  assert.ok(nadia.names.some((n) => n.full === 'نادية حسن' && n.script === 'Arab' && n.kind === 'aka'));
  assert.deepEqual(nadia.relations.map((r) => [r.type, r.target, r.label]), [
    ['family', 'os:p-volkov', 'spouse'],
    ['associate', 'os:p-volkov', 'business associate'],
    ['member', 'os:org-1', 'Membership'],
    ['other', 'os:pb-1', 'procurement officer'],
  ]);
  assert.deepEqual(nadia.properties.nationality, ['RU', 'LB']);

  const vessel = get('os:ves-1');
  assert.equal(vessel.schema, 'Vessel');
  assert.ok(vessel.identifiers.some((i) => i.type === 'imo' && i.value === 'IMO 9187629'));
  assert.deepEqual(vessel.properties.flag, ['PW']);
  const plane = get('os:air-1');
  assert.equal(plane.schema, 'Aircraft');
  assert.ok(plane.identifiers.some((i) => i.type === 'aircraftTail' && i.value === 'EP-GAS'));
  assert.ok(plane.identifiers.some((i) => i.type === 'aircraftSerial' && i.value === '28893'));

  // A wallet whose holder is not in the file stays a CryptoWallet entity, with its own sanction.
  const wallet = get('os:wal-2');
  assert.equal(wallet.schema, 'CryptoWallet');
  assert.deepEqual(wallet.wallets, [{ currency: 'ETH', address: '0x7f367cc41522ce07553e823bf3be79a889debe1b' }]);
  assert.deepEqual(wallet.properties.program, ['US-CYBER']);

  assert.equal(get('os:pb-1').schema, 'Organization');
  assert.ok(get('os:org-1').names.some((n) => n.full === 'NVB' && n.kind === 'weak'));
  assert.deepEqual(get('os:org-1').relations, [{ type: 'successor', target: 'os:co-severtrade', label: 'Succession' }]);

  // UnknownLink to co-not-exported (dropped), the Position entity, and the USSR code "suhh".
  assert.deepEqual(ctx.warnings.map((w) => w.code).sort(), ['unknown-country', 'unknown-reference', 'unknown-schema']);
});

test('broken JSON in the middle is SEK_LIST_PARSE with its line number', async () => {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  lines[4] = lines[4]!.slice(0, 40);
  assert.deepEqual(await codeOf(lines.join('\n')), { code: 'SEK_LIST_PARSE', position: 'line 5' });
});

test('a file cut inside its last line is SEK_LIST_TRUNCATED', async () => {
  const text = readFileSync(ZALA, 'utf8');
  assert.equal((await codeOf(text.slice(0, 50_000))).code, 'SEK_LIST_TRUNCATED');
});

test('a CSV, a JSON array or a non-entity first line is SEK_LIST_FORMAT', async () => {
  assert.equal((await codeOf(readFileSync(sharedPath('screening-data/yente/positives_un_treated.csv'), 'utf8'))).code, 'SEK_LIST_FORMAT');
  assert.equal((await codeOf('[\n{"id": "x", "schema": "Person", "properties": {}}\n]\n')).code, 'SEK_LIST_FORMAT');
  assert.equal((await codeOf('{"dataset": "sanctions", "version": "20260227"}\n')).code, 'SEK_LIST_FORMAT');
});

test('a JSON line that is not an entity after the first is SEK_LIST_PARSE', async () => {
  const content = '{"id": "a", "schema": "Person", "properties": {"name": ["A B"]}}\n{"id": "b", "properties": {}}\n';
  assert.deepEqual(await codeOf(content), { code: 'SEK_LIST_PARSE', position: 'line 2' });
  const badValues = '{"id": "a", "schema": "Person", "properties": {"name": ["A B"]}}\n{"id": "b", "schema": "Person", "properties": {"name": "C D"}}\n';
  assert.equal((await codeOf(badValues)).code, 'SEK_LIST_PARSE');
});

test('an empty file, or one without screenable entities, is SEK_LIST_EMPTY', async () => {
  assert.equal((await codeOf('')).code, 'SEK_LIST_EMPTY');
  assert.equal((await codeOf('\n\n')).code, 'SEK_LIST_EMPTY');
  assert.equal((await codeOf('{"id": "s", "schema": "Sanction", "properties": {"entity": ["x"]}}\n')).code, 'SEK_LIST_EMPTY');
});

test('streamLines numbers lines across chunk boundaries and flags an unterminated last line', async () => {
  const lines = await collect(streamLines(textInput('x.jsonl', '\uFEFFab\r\ncdé\n\nlast', 3)));
  assert.deepEqual(lines, [
    { text: 'ab', line: 1, terminated: true },
    { text: 'cdé', line: 2, terminated: true },
    { text: '', line: 3, terminated: true },
    { text: 'last', line: 4, terminated: false },
  ]);
});
