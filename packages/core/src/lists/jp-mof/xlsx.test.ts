// The .xlsx reader: cell types, shared strings with furigana, date styles, and damaged packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { columnIndex, excelSerialDate, isDateFormatCode, openXlsx, unescapeXstring } from './xlsx.ts';
import { buildXlsx } from '../../../test/fixtures/jp-mof/build-fixture.ts';
import { textInput } from '../../../test/helpers.ts';

const OPTIONS = { formatName: 'test workbook' };

async function rowsOf(bytes: Uint8Array) {
  const wb = await openXlsx(textInput('t.xlsx', bytes, 1024), OPTIONS);
  return wb.sheets.map((s) => ({ name: s.name, rows: [...wb.rows(s)] }));
}

test('reads shared, inline, rich and numeric cells; skips phonetic runs; keeps column gaps', async () => {
  const bytes = buildXlsx([
    {
      name: 'シート1',
      rows: [
        ['a', null, 'c'],
        [{ inline: 'inline' }, 42, { rich: [{ text: '株式会社', phonetic: 'カブシキガイシャ' }, { text: '山田' }] }],
        [],
        ['line1\nline2'],
      ],
    },
  ]);
  const [sheet] = await rowsOf(bytes);
  assert.equal(sheet!.name, 'シート1');
  assert.deepEqual(sheet!.rows, [
    { row: 1, cells: ['a', '', 'c'] },
    { row: 2, cells: ['inline', '42', '株式会社山田'] },
    { row: 4, cells: ['line1\nline2'] },
  ]);
});

test('numbers with a date style become ISO dates (built-in id 14 and a custom 年月日 format)', async () => {
  const bytes = buildXlsx([{ name: 'S', rows: [[{ date: '2022-03-08' }, { date: '1952-10-07', style: 'ja' }, 12345]] }]);
  const [sheet] = await rowsOf(bytes);
  assert.deepEqual(sheet!.rows[0]!.cells, ['2022-03-08', '1952-10-07', '12345']);
});

test('helpers: serial dates, format codes, column letters, _xHHHH_ escapes', () => {
  assert.equal(excelSerialDate(1), '1900-01-01');
  assert.equal(excelSerialDate(59), '1900-02-28');
  assert.equal(excelSerialDate(60), undefined); // Excel's fictitious 1900-02-29
  assert.equal(excelSerialDate(61), '1900-03-01');
  assert.equal(excelSerialDate(19274), '1952-10-07');
  assert.equal(excelSerialDate(0, true), undefined);
  assert.equal(excelSerialDate(1, true), '1904-01-02');
  assert.equal(isDateFormatCode('yyyy"年"m"月"d"日"'), true);
  assert.equal(isDateFormatCode('[$-411]ggge"年"m"月"d"日"'), true);
  assert.equal(isDateFormatCode('#,##0'), false);
  assert.equal(isDateFormatCode('0.00E+00'), false);
  assert.equal(isDateFormatCode('[Red]0.00'), false);
  assert.equal(isDateFormatCode('General'), false);
  assert.equal(columnIndex('A1'), 0);
  assert.equal(columnIndex('AB12'), 27);
  assert.equal(columnIndex('1A'), undefined);
  assert.equal(unescapeXstring('a_x000D_b'), 'a\rb');
});

test('a worksheet without r attributes is read in document order', async () => {
  const bytes = zipSync({
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><r><t>x</t></r><r><t>y</t></r></is></c><c t="b"><v>1</v></c></row><row><c t="str"><f>A1</f><v>xy</v></c></row></sheetData></worksheet>'),
  });
  const [sheet] = await rowsOf(bytes);
  assert.deepEqual(sheet!.rows, [
    { row: 1, cells: ['xy', 'TRUE'] },
    { row: 2, cells: ['xy'] },
  ]);
});

test('malformed XML in an intact entry is SEK_LIST_PARSE', async () => {
  const good = buildXlsx([{ name: 'S', rows: [['a']] }]);
  const files = (await import('fflate')).unzipSync(good);
  files['xl/worksheets/sheet1.xml'] = strToU8('<worksheet><sheetData><row><c t="s"><v>0</v></c></row>');
  const wb = await openXlsx(textInput('t.xlsx', zipSync(files)), OPTIONS);
  assert.throws(() => [...wb.rows(wb.sheets[0]!)], { code: 'SEK_LIST_PARSE' });
});

test('a shared string index that does not exist is SEK_LIST_PARSE', async () => {
  const files = (await import('fflate')).unzipSync(buildXlsx([{ name: 'S', rows: [['a']] }]));
  files['xl/worksheets/sheet1.xml'] = strToU8('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>');
  const wb = await openXlsx(textInput('t.xlsx', zipSync(files)), OPTIONS);
  assert.throws(() => [...wb.rows(wb.sheets[0]!)], { code: 'SEK_LIST_PARSE' });
});

test('input larger than maxBytes is SEK_LIST_FORMAT', async () => {
  const bytes = buildXlsx([{ name: 'S', rows: [['a']] }]);
  await assert.rejects(openXlsx(textInput('t.xlsx', bytes, 512), { ...OPTIONS, maxBytes: 1000 }), { code: 'SEK_LIST_FORMAT' });
});

test('a stored (uncompressed) package reads the same as a deflated one', async () => {
  const files = (await import('fflate')).unzipSync(buildXlsx([{ name: 'S', rows: [['a', 'b']] }]));
  const stored = zipSync(files, { level: 0 });
  const [sheet] = await rowsOf(stored);
  assert.deepEqual(sheet!.rows, [{ row: 1, cells: ['a', 'b'] }]);
});
