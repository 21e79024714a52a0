import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectingContext } from '../types.ts';
import { collect, fileInput, fixturePath, sharedPath, textInput } from '../../../test/helpers.ts';
import { customParser } from './index.ts';
import type { ListFile } from '../types.ts';

const CSV = fixturePath('custom/blocklist.csv');
const JSONL = fixturePath('custom/blocklist.jsonl');
const HEADER = 'id,schema,name,aliases,birth_date,nationality,country,address,identifiers,wallets,program,listing_date,notes,source_url';

async function failure(files: ListFile[]): Promise<{ code?: string; position?: string; message?: string }> {
  try {
    await collect(customParser.parse(files, collectingContext()));
  } catch (error) {
    const e = error as { code?: string; message?: string; details?: { position?: string } };
    return { code: e.code, position: e.details?.position, message: e.message };
  }
  return {};
}

test('the CSV fixture: people, a company, a wallet-only row and a vessel', async () => {
  const ctx = collectingContext();
  const entities = await collect(customParser.parse([fileInput(CSV)], ctx));
  assert.deepEqual(entities.map((e) => [e.id, e.schema]), [
    ['custom:FR-2024-001', 'Person'],
    ['custom:FR-2024-002', 'Company'],
    ['custom:FR-2024-003', 'Person'],
    ['custom:FR-2025-004', 'CryptoWallet'],
    ['custom:FR-2025-005', 'Vessel'],
  ]);
  const [tanaka, vdx, nasser, wallet, vessel] = entities;
  assert.deepEqual(tanaka!.names.map((n) => [n.full, n.kind, n.script]), [
    ['Kenji TANAKA', 'primary', 'Latn'],
    ['田中 健二', 'aka', 'Hani'],
    ['タナカ ケンジ', 'aka', 'Jpan'],
  ]);
  assert.deepEqual(tanaka!.birthDates, [{ date: '1982-11-03' }]);
  assert.deepEqual(tanaka!.identifiers, [{ type: 'passport', value: 'TZ1234567', label: 'passport', country: 'JP' }]);
  assert.deepEqual(tanaka!.wallets, [
    { currency: 'XBT', address: 'bc1qm34lsc65zpw79lxes69zkqmk6ee3ewf0j77s3h' },
    { currency: 'ETH', address: '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c' },
  ]);
  assert.deepEqual(tanaka!.properties.notes, ['Account takeover ring; law-enforcement request 2024-0412']);
  assert.deepEqual(tanaka!.properties.listingDate, ['2024-05-17']);
  assert.ok(vdx!.names.some((n) => n.full === 'ООО «Волга Диджитал Эксчейндж»' && n.script === 'Cyrl'));
  assert.deepEqual(vdx!.identifiers.map((i) => [i.type, i.value]), [['inn', '7701234567'], ['ogrn', '1187746123456']]);
  assert.deepEqual(vdx!.properties.country, ['RU']);
  assert.deepEqual(vdx!.properties.sourceUrl, ['https://example.org/cases/vdx']);
  assert.deepEqual(nasser!.birthDates, [{ date: '1975', circa: true }]);
  assert.deepEqual(nasser!.properties.nationality, ['LB']);
  assert.ok(nasser!.names.some((n) => n.script === 'Arab'));
  assert.deepEqual(wallet!.names, []);
  assert.deepEqual(wallet!.wallets, [{ currency: 'XBT', address: '1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V' }]);
  assert.deepEqual(vessel!.identifiers.map((i) => [i.type, i.value]), [['imo', 'IMO 9305609']]);
  assert.deepEqual(ctx.warnings, []);
});

test('the JSON lines fixture: arrays, ;-strings, identifier and wallet objects, a numeric id', async () => {
  const ctx = collectingContext();
  const entities = await collect(customParser.parse([fileInput(JSONL)], ctx));
  assert.deepEqual(entities.map((e) => e.id), ['custom:JL-001', 'custom:JL-002', 'custom:3']);
  const [ivanova, glic, wallet] = entities;
  assert.deepEqual(ivanova!.birthDates, [{ date: '1990-02' }, { date: '1991' }]);
  assert.deepEqual(ivanova!.identifiers, [
    { type: 'passport', value: '751234567', label: 'passport', country: 'RU' },
    { type: 'taxNumber', value: '770123456789', label: 'Tax ID No.' },
  ]);
  assert.deepEqual(ivanova!.wallets, [{ currency: 'USDT', address: 'TXyz3kWq7NDy8bRvG9tEo6uFzC2pQxYhLm' }]);
  assert.deepEqual(glic!.names.map((n) => [n.full, n.script]), [['Golden Lotus Investment Club', 'Latn'], ['金莲投资俱乐部', 'Hani'], ['GLIC', 'Latn']]);
  assert.deepEqual(glic!.properties.country, ['HK', 'CN']);
  assert.equal(wallet!.schema, 'CryptoWallet');
  assert.deepEqual(wallet!.wallets, [{ currency: 'ETH', address: '0x098b716b8aaf21512996dc57eb0615e2383e2f96' }]);
  assert.deepEqual(ctx.warnings, []);
});

test('several files load together; an id repeated across them is a warning (the loader merges the rows)', async () => {
  const both = await collect(customParser.parse([fileInput(CSV), fileInput(JSONL)], collectingContext()));
  assert.equal(both.length, 8);
  const again = textInput('more.csv', `${HEADER}\nFR-2024-001,Person,Someone Else,,,,,,,,,,,\n`);
  const ctx = collectingContext();
  const entities = await collect(customParser.parse([fileInput(CSV), again], ctx));
  assert.equal(entities.filter((e) => e.id === 'custom:FR-2024-001').length, 2);
  assert.deepEqual(ctx.warnings.map((w) => [w.code, w.file, w.position]), [['duplicate-id', 'more.csv', 'line 2']]);
});

test('an unknown column, or a header without a required column, is SEK_LIST_FORMAT naming it', async () => {
  const unknown = await failure([textInput('list.csv', 'id,schema,name,dob\nA1,Person,X Y,1970\n')]);
  assert.equal(unknown.code, 'SEK_LIST_FORMAT');
  assert.match(unknown.message!, /"dob"/);
  const missing = await failure([textInput('list.csv', 'id,name\nA1,X Y\n')]);
  assert.equal(missing.code, 'SEK_LIST_FORMAT');
  assert.match(missing.message!, /schema/);
  const jsonUnknown = await failure([textInput('list.jsonl', '{"id": "A1", "schema": "Person", "name": "X", "dob": "1970"}\n')]);
  assert.equal(jsonUnknown.code, 'SEK_LIST_FORMAT');
  // Another list's file under the custom source: the UN XML is no CSV header of ours.
  const un = await failure([fileInput(sharedPath('screening-data/watchman/UN_consolidated_2026-02-27.xml'), 'consolidated.csv')]);
  assert.equal(un.code, 'SEK_LIST_FORMAT');
  assert.equal((await failure([textInput('list.xlsx', 'PK')])).code, 'SEK_LIST_FORMAT');
  assert.equal((await failure([textInput('list.json', '[\n{"id": "A1"}\n]\n')])).code, 'SEK_LIST_FORMAT');
});

test('a row without id or name, or with a malformed cell, is SEK_LIST_PARSE with its line', async () => {
  const csv = (row: string) => textInput('list.csv', `# comment\n${HEADER}\nA1,Person,X Y,,,,,,,,,,,\n${row}\n`);
  const at = async (row: string) => failure([csv(row)]).then((f) => [f.code, f.position]);
  assert.deepEqual(await at(',Person,No Id,,,,,,,,,,,'), ['SEK_LIST_PARSE', 'line 4']);
  assert.deepEqual(await at('A2,Person,,,,,,,,,,,,'), ['SEK_LIST_PARSE', 'line 4']);
  assert.deepEqual(await at('A2,Alien,Z Z,,,,,,,,,,,'), ['SEK_LIST_PARSE', 'line 4']);
  assert.deepEqual(await at('A2,CryptoWallet,,,,,,,,,,,,'), ['SEK_LIST_PARSE', 'line 4']);
  assert.deepEqual(await at('A2,Person,Z Z,,,,,,,bc1qxyz,,,,'), ['SEK_LIST_PARSE', 'line 4']);
  assert.deepEqual(await at('A2,Person,Z Z,,,,,,passport 123,,,,,'), ['SEK_LIST_PARSE', 'line 4']);
  assert.deepEqual(await at('A2,Person,Z Z'), ['SEK_LIST_PARSE', 'line 4']);
  const jsonl = await failure([textInput('list.jsonl', '{"id": "A1", "schema": "Person", "name": "X Y"}\n{"id": "A2", "schema": "Person"}\n')]);
  assert.deepEqual([jsonl.code, jsonl.position], ['SEK_LIST_PARSE', 'line 2']);
  const broken = await failure([textInput('list.jsonl', '{"id": "A1", "schema": "Person", "name": "X Y"}\n{"id": "A2", \n{"id": "A3"}\n')]);
  assert.deepEqual([broken.code, broken.position], ['SEK_LIST_PARSE', 'line 2']);
});

test('a JSON lines file cut inside its last line is SEK_LIST_TRUNCATED', async () => {
  const f = await failure([textInput('list.jsonl', '{"id": "A1", "schema": "Person", "name": "X Y"}\n{"id": "A2", "sche')]);
  assert.equal(f.code, 'SEK_LIST_TRUNCATED');
});

test('an empty file, or a header without rows, is SEK_LIST_EMPTY', async () => {
  assert.equal((await failure([textInput('list.csv', '')])).code, 'SEK_LIST_EMPTY');
  assert.equal((await failure([textInput('list.csv', `# only a comment\n${HEADER}\n`)])).code, 'SEK_LIST_EMPTY');
  assert.equal((await failure([textInput('list.jsonl', '# nothing yet\n\n')])).code, 'SEK_LIST_EMPTY');
  assert.equal((await failure([])).code, 'SEK_LIST_FILES');
});

test('unreadable dates and unknown countries are warnings, not failures', async () => {
  const ctx = collectingContext();
  const [entity] = await collect(customParser.parse([textInput('list.csv', `${HEADER}\nA1,Person,X Y,,sometime,Atlantis,,,,,,yesterday,,\n`)], ctx));
  assert.deepEqual(entity!.birthDates, []);
  assert.deepEqual(entity!.properties.nationality, ['Atlantis']);
  assert.deepEqual(ctx.warnings.map((w) => w.code), ['bad-date', 'unknown-country', 'bad-date']);
});

test('a byte-order mark before the comments is accepted whatever the chunk boundaries', async () => {
  // A decompressing stream may hand over the three BOM bytes in pieces; the comment line must
  // still be recognised as a comment, not read as the header.
  const text = '\uFEFF# Our blocklist\r\nid,schema,name,wallets\r\nW-1,CryptoWallet,,ETH:0x098b716b8aaf21512996dc57eb0615e2383e2f96\r\n';
  for (const chunk of [1, 2, 3, 64]) {
    const entities = await collect(customParser.parse([textInput('blocklist.csv', text, chunk)], collectingContext()));
    assert.deepEqual(entities.map((e) => [e.id, e.wallets.length]), [['custom:W-1', 1]], `chunks of ${chunk} bytes`);
  }
});
