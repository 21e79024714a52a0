// The jp-mof parser against the fixture workbook (official layout, illustrative values) and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { collectingContext } from '../types.ts';
import { collect, fileInput, fixturePath, textInput } from '../../../test/helpers.ts';
import { buildXlsx, FIXTURE, FIXTURE_NAME } from '../../../test/fixtures/jp-mof/build-fixture.ts';
import { jpMofParser } from './index.ts';
import { openZip } from './zip.ts';

const FIXTURE_PATH = fixturePath(`jp-mof/${FIXTURE_NAME}`);

async function parseFixture() {
  const ctx = collectingContext();
  const entities = await collect(jpMofParser.parse([fileInput(FIXTURE_PATH)], ctx));
  return { ctx, entities, byId: new Map(entities.map((e) => [e.id, e])) };
}

async function parseBytes(bytes: Uint8Array | string, name = 'shisantouketsu20250110.xlsx') {
  return collect(jpMofParser.parse([textInput(name, bytes, 4096)], collectingContext()));
}

test('the committed fixture is what build-fixture.ts generates', () => {
  assert.deepEqual(new Uint8Array(readFileSync(FIXTURE_PATH)), buildXlsx(FIXTURE));
});

test('fixture: every program sheet is read, the index and lifted sheets are not', async () => {
  const { ctx, entities } = await parseFixture();
  assert.deepEqual(entities.map((e) => e.id), ['jp-mof:4-1', 'jp-mof:4-2', 'jp-mof:16-5', 'jp-mof:28-12', 'jp-mof:29-1', 'jp-mof:29-2', 'jp-mof:29-3', 'jp-mof:29-4']);
  assert.equal(ctx.issueDate, '2025-01-10');
  assert.deepEqual(ctx.warnings.map((w) => [w.code, w.entityId]), [['bad-date', 'jp-mof:29-4'], ['skipped-sheet', undefined]]);
});

test('fixture: a Russian individual keeps katakana, English and Cyrillic names, birth date and passport', async () => {
  const { byId } = await parseFixture();
  const e = byId.get('jp-mof:29-1')!;
  assert.equal(e.schema, 'Person');
  assert.deepEqual(e.names.map((n) => [n.full, n.kind, n.script, n.lang]), [
    ['Ivan Petrovich SOKOLOV', 'primary', 'Latn', undefined],
    ['イワン・ペトロヴィチ・ソコロフ', 'primary', 'Jpan', 'ja'],
    ['イワン・ソコロフ', 'aka', 'Jpan', 'ja'],
    ['Ivan SOKOLOFF', 'aka', 'Latn', undefined],
    ['Ivan P. SOKOLOV', 'aka', 'Latn', undefined],
    ['Иван Петрович СОКОЛОВ', 'aka', 'Cyrl', undefined],
  ]);
  assert.deepEqual(e.birthDates, [{ date: '1952-10-07' }]);
  assert.deepEqual(e.properties.nationality, ['RU']);
  assert.deepEqual(e.properties.birthPlace, ['ロシア連邦レニングラード州']);
  assert.deepEqual(e.properties.position, ['ロシア連邦国家院議員']);
  assert.deepEqual(e.properties.listingDate, ['2022-03-08']);
  assert.deepEqual(e.properties.program, ['資産凍結等の措置の対象となるロシア連邦の団体及び個人（個人）']);
  assert.deepEqual(e.properties.sanctionsList, ['経済制裁措置及び対象者リスト']);
  assert.deepEqual(e.identifiers, [{ type: 'passport', value: '754321098', label: '旅券番号' }]);
});

test('fixture: birth dates from an Excel date cell, a 和暦 date, and an unreadable one', async () => {
  const { byId } = await parseFixture();
  assert.deepEqual(byId.get('jp-mof:29-2')!.birthDates, [{ date: '1965-05-03' }]);
  assert.deepEqual(byId.get('jp-mof:29-2')!.properties.nationality, ['RU']);
  assert.deepEqual(byId.get('jp-mof:29-3')!.birthDates, [{ date: '1957-02-14' }]); // 昭和32年2月14日
  assert.deepEqual(byId.get('jp-mof:29-3')!.properties.listingDate, ['2023-01-27']); // inline-string cell
  assert.deepEqual(byId.get('jp-mof:29-4')!.birthDates, []);
});

test('fixture: an organisation with a kanji/katakana name (rich text with furigana) and aliases', async () => {
  const { byId } = await parseFixture();
  const e = byId.get('jp-mof:28-12')!;
  assert.equal(e.schema, 'Organization');
  assert.deepEqual(e.names.map((n) => [n.full, n.kind, n.lang]), [
    ['JOINT STOCK COMPANY VOSTOK PRECISION MACHINERY', 'primary', undefined],
    ['株式会社ヴォストーク精密機械', 'primary', 'ja'],
    ['ヴォストーク精機', 'aka', 'ja'],
    ['AO VOSTOK TOCHMASH', 'aka', undefined],
  ]);
  assert.deepEqual(e.properties.address, ['ロシア連邦モスクワ市']);
  const kanji = byId.get('jp-mof:16-5')!;
  assert.deepEqual(kanji.names.find((n) => n.lang === 'ja' && n.kind === 'primary'), { full: '白頭山技術交流社', kind: 'primary', script: 'Hani', lang: 'ja' });
});

test('fixture: crypto addresses in その他の情報 are kept exactly as written', async () => {
  const { byId } = await parseFixture();
  const e = byId.get('jp-mof:16-5')!;
  assert.deepEqual(e.wallets, [
    { currency: 'XBT', address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' },
    { currency: 'ETH', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
  ]);
  assert.equal(e.properties.notes?.length, 1);
  assert.match(e.properties.notes![0]!, /^暗号資産アドレス：/);
});

test('fixture: a mixed sheet decides per row; enumerated and bilingual aliases split; revisions', async () => {
  const { byId } = await parseFixture();
  const person = byId.get('jp-mof:4-1')!;
  assert.equal(person.schema, 'Person');
  assert.deepEqual(person.names.filter((n) => n.kind === 'aka').map((n) => n.full), ['Abu Salem', 'Abdallah AL HADI']);
  assert.deepEqual(person.birthDates, [{ date: '1975', circa: true }]);
  assert.deepEqual(person.properties.nationality, ['YE']);
  assert.deepEqual(person.identifiers, [{ type: 'passport', value: '04512873', label: '旅券番号', note: 'イエメン旅券 04512873（2001年7月31日発行）' }]);
  const group = byId.get('jp-mof:4-2')!;
  assert.equal(group.schema, 'LegalEntity');
  assert.deepEqual(group.names.filter((n) => n.kind === 'aka').map((n) => [n.full, n.lang]), [['サーレム財団', 'ja'], ['Salem Foundation', undefined]]);
  assert.deepEqual(group.properties.listingDate, ['2003-04-18']);
  assert.deepEqual(group.properties.modifiedAt, ['2012-09-05']);
});

test('an empty file is SEK_LIST_EMPTY', async () => {
  await assert.rejects(parseBytes(''), { code: 'SEK_LIST_EMPTY' });
});

test('a file that is not a ZIP is SEK_LIST_FORMAT (text, legacy .xls, the CSV edition)', async () => {
  await assert.rejects(parseBytes('告示日付,番号,日本語表記\n'), { code: 'SEK_LIST_FORMAT' });
  await assert.rejects(parseBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), { code: 'SEK_LIST_FORMAT' });
  await assert.rejects(parseBytes('<html><body>404</body></html>'), { code: 'SEK_LIST_FORMAT' });
});

test('a ZIP that is not a workbook is SEK_LIST_FORMAT', async () => {
  await assert.rejects(parseBytes(zipSync({ 'readme.txt': strToU8('hello') })), { code: 'SEK_LIST_FORMAT' });
});

test('a workbook without the MOF header row is SEK_LIST_FORMAT; with headers but no rows, SEK_LIST_EMPTY', async () => {
  await assert.rejects(parseBytes(buildXlsx([{ name: 'Sheet1', rows: [['Name', 'Date of birth'], ['X', '1970']] }])), { code: 'SEK_LIST_FORMAT' });
  await assert.rejects(parseBytes(buildXlsx([{ name: '29.ロシア連邦(個人)', rows: [['title'], ['告示日付', '番号', '日本語表記', '英語表記']] }])), { code: 'SEK_LIST_EMPTY' });
});

test('a truncated download is SEK_LIST_TRUNCATED', async () => {
  const bytes = new Uint8Array(readFileSync(FIXTURE_PATH));
  for (const keep of [0.3, 0.6, 0.95]) {
    await assert.rejects(parseBytes(bytes.subarray(0, Math.floor(bytes.length * keep))), { code: 'SEK_LIST_TRUNCATED' }, `kept ${keep}`);
  }
});

test('a damaged entry (bytes changed inside a compressed sheet) is SEK_LIST_DECOMPRESS', async () => {
  const bytes = new Uint8Array(readFileSync(FIXTURE_PATH));
  const entry = openZip(bytes, 'f', 'test').entries.get('xl/worksheets/sheet5.xml')!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = entry.localHeaderOffset + 30 + view.getUint16(entry.localHeaderOffset + 26, true) + view.getUint16(entry.localHeaderOffset + 28, true);
  for (const at of [0.3, 0.5, 0.8]) {
    const damaged = bytes.slice();
    const i = start + Math.floor(entry.compressedSize * at);
    damaged[i] = damaged[i]! ^ 0x5a;
    await assert.rejects(parseBytes(damaged), { code: 'SEK_LIST_DECOMPRESS' }, `byte ${i}`);
  }
});

test('more than one file is SEK_LIST_FILES', async () => {
  const bytes = new Uint8Array(readFileSync(FIXTURE_PATH));
  await assert.rejects(collect(jpMofParser.parse([textInput('a.xlsx', bytes), textInput('b.xlsx', bytes)], collectingContext())), { code: 'SEK_LIST_FILES' });
});

test('a re-zipped copy (other compression level) gives the same entities', async () => {
  // Guards the reader against relying on fflate's own entry order or compression level.
  const files = unzipSync(new Uint8Array(readFileSync(FIXTURE_PATH)));
  const again = await parseBytes(zipSync(files, { level: 1 }));
  const { entities } = await parseFixture();
  assert.deepEqual(again, entities);
});
