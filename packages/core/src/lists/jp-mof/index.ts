/**
 * @module lists/jp-mof
 * Parser for Japan's Ministry of Finance 経済制裁措置及び対象者リスト (economic sanctions and
 * target list), the Excel workbook linked from
 * https://www.mof.go.jp/policy/international_policy/gaitame_kawase/gaitame/economic_sanctions/list.html
 * (asset freezes under the Foreign Exchange and Foreign Trade Act, FEFTA arts. 16 and 21).
 *
 * Layout, as the OpenSanctions crawler (datasets/jp/mof_sanctions/crawler.py) reads it: one
 * sheet per program ("29.ロシア連邦(個人)"); the sheet's first row is the program title; a later
 * row whose first cell reads 告示日付 is the header; every row under it is one target. Whether
 * a sheet holds individuals or organisations is said by the sheet name or title ("（個人）",
 * "（団体）", "特定銀行"); mixed sheets are decided per row (a birth date or passport makes a
 * person, as the crawler does). Japanese names (日本語表記) are kept beside the English ones
 * with lang 'ja'; digital currency addresses are taken from その他の情報 notes.
 * See docs/sources/jp-mof.md for the mapping and what is not mapped.
 */
import { CoreErrors } from '../../errors.ts';
import { addProperty, newEntity, type Entity, type NameKind, type Schema } from '../../model/entity.ts';
import { addName } from '../../model/names.ts';
import { addDate, isoDate } from '../../model/dates.ts';
import { addIdentifier, makeIdentifier } from '../../model/identifiers.ts';
import { countryCode } from '../../model/countries.ts';
import { clean, detectScript } from '../../model/text.ts';
import { walletsInText } from '../shared/wallets-in-text.ts';
import type { ListFile, ListParser, ParseContext } from '../types.ts';
import { fieldOf, isHeaderRow, type Field } from './columns.ts';
import { eraToGregorian, parseJapaneseDate, splitDateCell } from './dates.ts';
import { openXlsx, type XlsxSheet, type XlsxWorkbook } from './xlsx.ts';

export { openXlsx } from './xlsx.ts';
export { parseJapaneseDate } from './dates.ts';

/** The page that links the current workbook; the file name changes with every edition. */
export const JP_MOF_LIST_URL = 'https://www.mof.go.jp/policy/international_policy/gaitame_kawase/gaitame/economic_sanctions/list.html';

const FORMAT = 'MOF sanctions workbook';

export const jpMofParser: ListParser = {
  source: 'jp-mof',
  description: 'Japan MOF 経済制裁措置及び対象者リスト (.xlsx, one sheet per program; Japanese and English names)',
  parse,
};

async function* parse(files: ListFile[], ctx: ParseContext): AsyncGenerator<Entity> {
  if (files.length !== 1) {
    throw CoreErrors.LIST_FILES(`jp-mof reads exactly one workbook (shisantouketsu*.xlsx); got ${files.length} files`, { file: files.map((f) => f.name).join(', ') });
  }
  const file = files[0]!;
  const workbook = await openXlsx(file, { formatName: FORMAT });
  const issued = issueDateFromName(file.name);
  if (issued) ctx.setIssueDate(issued);

  const state = { headers: 0, entities: 0 };
  for (const sheet of workbook.sheets) {
    for (const entity of parseSheet(workbook, sheet, file.name, ctx, state)) {
      state.entities++;
      yield entity;
    }
  }
  if (state.headers === 0) {
    throw CoreErrors.LIST_FORMAT(`no sheet has the MOF header row (告示日付, 日本語表記, 英語表記 ...); this workbook is not the MOF sanctions list`, { file: file.name });
  }
  if (state.entities === 0) throw CoreErrors.LIST_EMPTY('the workbook lists no targets', { file: file.name });
}

/** MOF names each edition by its date (shisantouketsu20220412.xls): that date is the issue date. */
function issueDateFromName(name: string): string | undefined {
  const m = name.match(/(20\d{2})(\d{2})(\d{2})/);
  const date = m ? isoDate(+m[1]!, +m[2]!, +m[3]!) : undefined;
  return date && date.length === 10 ? date : undefined;
}

/** A sheet for a lifted measure ("【廃止】...", "...解除") lists no one currently sanctioned. */
const REPEALED = /【[^】]*(?:廃止|解除)[^】]*】/;

/**
 * What a sheet name or program title says about its rows: 'Person' for 個人 (individuals),
 * 'Organization' for 団体 (entities) or 特定銀行 (designated banks), undefined when it names
 * both or neither. "団体及び個人（団体（特定銀行を除く））" is read by its parenthesis.
 */
export function classify(text: string): Schema | undefined {
  const t = text
    .normalize('NFKC')
    .replace(/特定銀行を除く/g, '')
    .replace(/団体及び個人|個人及び団体|個人又は団体|団体又は個人|個人・団体|団体・個人/g, '');
  const person = /個人/.test(t);
  const org = /団体|銀行/.test(t);
  if (person && !org) return 'Person';
  if (org && !person) return 'Organization';
  return undefined;
}

interface ParseState {
  headers: number;
}

function* parseSheet(workbook: XlsxWorkbook, sheet: XlsxSheet, fileName: string, ctx: ParseContext, state: ParseState): Generator<Entity> {
  const prefix = sheet.name.normalize('NFKC').match(/^\s*(\d+)\s*\./)?.[1] ?? `s${sheet.index}`;
  let title: string | undefined;
  let columns: (Field | undefined)[] | undefined;
  let kind: Schema | undefined = classify(sheet.name);

  for (const { row, cells } of workbook.rows(sheet)) {
    const filled = cells.filter((c) => clean(c) !== '');
    if (filled.length === 0) continue;
    const position = `sheet "${sheet.name}" row ${row}`;

    if (isHeaderRow(cells)) {
      columns = cells.map((c) => fieldOf(c));
      state.headers++;
      cells.forEach((c, i) => {
        if (clean(c) !== '' && columns![i] === undefined) ctx.warn({ code: 'unknown-column', message: `column "${clean(c)}" is not mapped`, file: fileName, position });
      });
      continue;
    }
    if (!columns) {
      // Rows above the header: the first is the program title (the crawler's "section").
      if (title === undefined) {
        title = filled.map(clean).join(' / ');
        if (REPEALED.test(sheet.name) || REPEALED.test(title)) {
          ctx.warn({ code: 'skipped-sheet', message: `sheet "${sheet.name}" is marked as a lifted measure; its rows are not loaded`, file: fileName, position });
          return;
        }
        kind ??= classify(title);
      }
      continue;
    }

    const values = new Map<Field, string[]>();
    cells.forEach((c, i) => {
      const field = columns![i];
      const text = c.trim();
      if (!field || text === '') return;
      const list = values.get(field) ?? [];
      list.push(text);
      values.set(field, list);
    });
    if (!values.has('nameJa') && !values.has('nameEn')) {
      // A one-cell row inside a table is a sub-heading ("（個人）"); anything else is a row we cannot name.
      if (filled.length === 1 && clean(filled[0]).length <= 30) kind = classify(filled[0]!) ?? kind;
      else ctx.warn({ code: 'no-name', message: `a row with ${filled.length} filled cells has no name; skipped`, file: fileName, position });
      continue;
    }
    yield buildEntity(values, { prefix, program: title ?? sheet.name.replace(/^\s*\d+\s*[.．]\s*/, ''), kind, fileName, position, ctx });
  }
}

interface RowContext {
  prefix: string;
  program: string;
  kind: Schema | undefined;
  fileName: string;
  position: string;
  ctx: ParseContext;
}

const NOTHING = new Set(['不明', '-', '－', '―', 'ー', 'なし', '無し']);

/** Enumeration markers the list puts before each of several values: (a) （b） (i) (1). */
const ENUMERATION = /(?:^|\s)[(（](?:[a-z]|[ivx]{1,4}|\d{1,2})[)）]\s*/g;

/** Splits a cell holding several values: line breaks, semicolons (full and half width), enumerations. */
function splitValues(text: string): string[] {
  return text
    .split(/\r?\n|[；;]/)
    .flatMap((part) => part.split(ENUMERATION))
    .map(clean)
    .filter((v) => v !== '' && !NOTHING.has(v));
}

/**
 * Splits a name cell. Besides splitValues' separators, "、" separates Japanese names and
 * "a.k.a."/"f.k.a." English ones; commas are kept (English names are written "SURNAME, Given").
 */
function splitNames(text: string): string[] {
  return splitValues(text)
    .flatMap((v) => v.split(/、|,?\s*\b[af]\.k\.a\.?\s*/i))
    .map((v) => clean(v).replace(/^[,;]\s*|\s*[,;]$/g, ''))
    .filter((v) => v !== '' && !NOTHING.has(v));
}

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** "イワン・ソコロフ（Ivan SOKOLOV）" → both names; anything else stays whole. */
function splitBilingual(name: string): string[] {
  const m = name.match(/^(.+?)\s*[（(]([^（）()]+)[）)]$/);
  if (m && JAPANESE.test(m[1]!) && !JAPANESE.test(m[2]!) && /[A-Za-z]{2}/.test(m[2]!)) return [clean(m[1]), clean(m[2])];
  return [name];
}

function nameLang(name: string): string | undefined {
  const script = detectScript(name);
  return script === 'Jpan' || script === 'Hani' ? 'ja' : undefined;
}

function buildEntity(values: Map<Field, string[]>, row: RowContext): Entity {
  const get = (field: Field) => values.get(field) ?? [];
  const { ctx, fileName, position } = row;

  const isPerson = row.kind === 'Person' || (row.kind === undefined && (get('birthDate').length > 0 || get('birthDatePlace').length > 0 || get('passport').length > 0 || get('birthPlace').length > 0 || get('nationality').length > 0));
  const schema: Schema = row.kind ?? (isPerson ? 'Person' : 'LegalEntity');

  const number = clean(get('number').join(' ').normalize('NFKC')).replace(/[\s*()（）]/g, '');
  let id: string;
  if (number !== '') id = `jp-mof:${row.prefix}-${number}`;
  else {
    id = `jp-mof:${row.prefix}-h${fnv1a([...get('nameEn'), ...get('nameJa')].join('|'))}`;
    ctx.warn({ code: 'missing-number', message: `the row has no 番号; its id is derived from its names`, file: fileName, position, entityId: id });
  }
  const entity = newEntity(id, schema);

  // Names: the first English and the first Japanese name are the primary names.
  for (const [field, lang] of [['nameEn', undefined], ['nameJa', 'ja']] as const) {
    splitNames(get(field).join('\n')).forEach((full, i) => {
      addName(entity, { full, kind: i === 0 ? 'primary' : 'aka', lang: lang ?? nameLang(full) });
    });
  }
  for (const [field, kind] of [['alias', 'aka'], ['formerName', 'fka'], ['weakAlias', 'weak']] as [Field, NameKind][]) {
    for (const piece of splitNames(get(field).join('\n'))) {
      for (const full of splitBilingual(piece)) addName(entity, { full, kind, lang: nameLang(full) });
    }
  }

  // Birth dates (and, in the combined column, the birth place).
  for (const [field, withPlace] of [['birthDate', false], ['birthDatePlace', true]] as const) {
    for (const raw of get(field)) {
      for (const piece of splitDateCell(raw)) {
        // Remarks in brackets without digits ("（偽造旅券より）", "（ヒジュラ暦）") are not part of the date.
        const text = clean(piece.replace(/[（(][^（）()\d]*[）)]/g, ''));
        if (text === '') continue;
        const date = parseJapaneseDate(text);
        if (date && schema !== 'Organization') addDate(entity.birthDates, date);
        else if (date) addProperty(entity, 'notes', `生年月日: ${piece}`);
        else if (withPlace && !/\d/.test(text)) addProperty(entity, 'birthPlace', text);
        else ctx.warn({ code: 'bad-date', message: `birth date "${piece}" is not a date this parser reads; kept out`, file: fileName, position, entityId: id });
      }
    }
  }

  for (const v of splitValues(get('birthPlace').join('\n'))) addProperty(entity, 'birthPlace', v);
  for (const v of splitValues(get('position').join('\n'))) addProperty(entity, 'position', v);
  for (const v of splitValues(get('title').join('\n'))) addProperty(entity, 'title', v);
  for (const v of splitValues(get('address').join('\n'))) addProperty(entity, 'address', v);
  for (const v of splitValues([...get('phone'), ...get('fax')].join('\n'))) addProperty(entity, 'phone', v);

  for (const text of get('nationality')) addCountries(entity, 'nationality', text, row, id);
  for (const text of get('activityArea')) addCountries(entity, 'country', text, row, id);

  for (const piece of splitValues(get('passport').join('\n'))) addIdentifier(entity.identifiers, documentNumber('旅券番号', piece));
  for (const piece of splitValues(get('idNumber').join('\n'))) addIdentifier(entity.identifiers, documentNumber('身分証番号', piece, 'nationalId'));
  for (const piece of splitValues(get('unReference').join('\n'))) addIdentifier(entity.identifiers, makeIdentifier('国連参照番号', piece.normalize('NFKC'), { type: 'other' }));

  // Notes: その他の情報 / 詳細 carry free text, including digital currency addresses.
  for (const text of get('notes')) {
    addProperty(entity, 'notes', text);
    // NFKC so that full-width letters and colons read as ASCII; ASCII addresses are unchanged by it.
    for (const wallet of walletsInText(text.normalize('NFKC'))) {
      if (!entity.wallets.some((w) => w.address === wallet.address)) entity.wallets.push(wallet);
    }
  }
  for (const text of get('reason')) addProperty(entity, 'notes', text);
  for (const [field, label] of [['listingDate', 'リスト掲載日'], ['unDesignationDate', '国連制裁委員会による指定日']] as const) {
    for (const text of get(field)) addProperty(entity, 'notes', `${label}: ${text}`);
  }

  // 告示日付: the date of the notice that listed the target, then "...改訂" revision dates.
  for (const text of get('noticeDate')) {
    const dates = noticeDates(text);
    if (dates.listed.length === 0 && dates.revised.length === 0) ctx.warn({ code: 'bad-date', message: `notice date "${text}" is not a date this parser reads`, file: fileName, position, entityId: id });
    addProperty(entity, 'listingDate', ...dates.listed);
    addProperty(entity, 'modifiedAt', ...dates.revised);
  }

  addProperty(entity, 'program', row.program);
  addProperty(entity, 'sanctionsList', '経済制裁措置及び対象者リスト');
  addProperty(entity, 'topics', 'sanction');
  addProperty(entity, 'sourceUrl', JP_MOF_LIST_URL);
  return entity;
}

function addCountries(entity: Entity, property: 'nationality' | 'country', text: string, row: RowContext, id: string): void {
  for (const piece of text.split(/\r?\n|[、；;]|及び/).map(clean).filter((v) => v !== '' && !NOTHING.has(v))) {
    const bare = piece.normalize('NFKC').replace(/[(（][^)）]*[)）]/g, '').replace(/国籍$/, '').trim();
    const code = countryCode(piece) ?? countryCode(bare) ?? countryCode(bare.replace(/人$/, ''));
    if (code) addProperty(entity, property, code);
    else {
      addProperty(entity, property, piece);
      row.ctx.warn({ code: 'unknown-country', message: `country "${piece}" has no ISO code; kept as written`, file: row.fileName, position: row.position, entityId: id });
    }
  }
}

/**
 * A document number from a cell such as "イエメン旅券 541939 （2000年7月31日発行）": the first
 * token with a digit and at least five characters is the number; the whole text is its note.
 */
function documentNumber(label: string, piece: string, type?: 'nationalId') {
  const text = piece.normalize('NFKC');
  const token = text.match(/[A-Za-z0-9][A-Za-z0-9./-]*\d[A-Za-z0-9./-]*/g)?.find((t) => t.replace(/[./-]/g, '').length >= 5);
  const value = token ?? text;
  return makeIdentifier(label, value, { ...(type ? { type } : {}), ...(value !== piece ? { note: piece } : {}) });
}

/** Dates in a 告示日付 cell: "2022.3.1", "2022年3月1日", "2022-03-01"; those followed by 改訂 are revisions. */
export function noticeDates(text: string): { listed: string[]; revised: string[] } {
  const listed: string[] = [];
  const revised: string[] = [];
  const t = eraToGregorian(text.normalize('NFKC'));
  for (const m of t.matchAll(/(\d{4})\s*[./年-]\s*(\d{1,2})\s*[./月-]\s*(\d{1,2})\s*日?(\s*(?:に)?改訂)?/g)) {
    const date = isoDate(+m[1]!, +m[2]!, +m[3]!);
    if (!date) continue;
    (m[4] ? revised : listed).push(date);
  }
  return { listed, revised };
}

/** FNV-1a 32-bit, hex: a short stable id for rows without a number. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
