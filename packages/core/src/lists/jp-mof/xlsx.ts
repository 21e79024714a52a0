/**
 * @module lists/jp-mof/xlsx
 * Reads the cell text of an Excel workbook (.xlsx, ECMA-376 Office Open XML SpreadsheetML)
 * sheet by sheet and row by row, with nothing but fflate (ZIP, via ./zip.ts) and saxes (XML).
 * Generic on purpose: nothing here knows about the MOF list.
 *
 * What it reads, per ECMA-376 Part 1 §18:
 * - xl/workbook.xml `<sheet name r:id state>` (§18.2.19) and its relationships part for the
 *   worksheet paths; `<workbookPr date1904>` (§18.2.28);
 * - xl/sharedStrings.xml `<si>` (§18.4.8), plain `<t>` or rich-text runs `<r><t>`; phonetic
 *   runs `<rPh>` (§18.4.6, the furigana Japanese Excel stores beside kanji) are skipped,
 *   since they are not part of the cell's text;
 * - worksheet `<row r>` / `<c r t s><v>` (§18.3.1.4, §18.3.1.96) with t = s (shared string),
 *   inlineStr (`<is>`), str, b, e, d, or a number; numbers whose cell style has a date format
 *   (§18.8.30 built-in ids, or a custom code with y/d/era tokens) become ISO dates;
 * - the `_xHHHH_` escapes of ST_Xstring (§22.9.2.19), e.g. `_x000D_` for a carriage return.
 * Formulas are ignored: the cached value `<v>` is what the sheet shows.
 */
import { SaxesParser } from 'saxes';
import { CoreErrors, SekishoError } from '../../errors.ts';
import type { ListFile } from '../types.ts';
import { looksLikeZip, openZip, readEntry, type ZipArchive } from './zip.ts';

export interface XlsxOptions {
  /** What the file is, for messages: "MOF sanctions workbook". */
  formatName: string;
  /** Largest file accepted, in bytes (default 50 MiB). */
  maxBytes?: number;
}

export interface XlsxSheet {
  name: string;
  /** Position in the workbook, 1-based. */
  index: number;
  /** 'visible', 'hidden' or 'veryHidden'. */
  state: string;
  /** Path of the worksheet part inside the package. */
  path: string;
}

export interface XlsxRow {
  /** Row number as the sheet states it (1-based). */
  row: number;
  /** Cell text by column (A = 0); '' for empty cells. */
  cells: string[];
}

export interface XlsxWorkbook {
  sheets: XlsxSheet[];
  /** Streams the rows of one sheet; rows with no cells are skipped. */
  rows(sheet: XlsxSheet): Generator<XlsxRow>;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

/**
 * Opens an .xlsx list file. Reads the whole file (ZIP needs its central directory, at the
 * end), bounded by `maxBytes`, then the workbook, shared strings and styles; worksheets are
 * read lazily by `rows()`.
 * Throws SEK_LIST_EMPTY (no bytes), SEK_LIST_FORMAT (too large, not a ZIP, a ZIP that is not
 * a workbook), SEK_LIST_TRUNCATED, SEK_LIST_DECOMPRESS, or SEK_LIST_PARSE (malformed XML part).
 */
export async function openXlsx(file: ListFile, options: XlsxOptions): Promise<XlsxWorkbook> {
  const bytes = await readAll(file, options);
  const zip = openZip(bytes, file.name, options.formatName);

  const rootRels = zip.entries.has('_rels/.rels') ? readRels(zip, '_rels/.rels', '', options) : [];
  const workbookPath = rootRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  if (!zip.entries.has(workbookPath)) {
    throw CoreErrors.LIST_FORMAT(`a ZIP archive but not an Excel workbook (no ${workbookPath}); an ${options.formatName} is an .xlsx file`, { file: file.name });
  }
  const base = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const relsPath = `${base}_rels/${workbookPath.slice(base.length)}.rels`;
  const rels = zip.entries.has(relsPath) ? readRels(zip, relsPath, base, options) : [];

  const { sheets: declared, date1904 } = readWorkbook(zip, workbookPath, options);
  const sheets: XlsxSheet[] = declared.map((s, i) => {
    const rel = rels.find((r) => r.id === s.rid);
    if (!rel || !REL_WORKSHEET.test(rel.type)) return undefined;
    return { name: s.name, index: i + 1, state: s.state, path: rel.target };
  }).filter((s): s is XlsxSheet => s !== undefined && zip.entries.has(s.path));

  const sharedPath = rels.find((r) => REL_SHARED_STRINGS.test(r.type))?.target;
  const shared = sharedPath && zip.entries.has(sharedPath) ? readSharedStrings(zip, sharedPath, options) : [];
  const stylesPath = rels.find((r) => REL_STYLES.test(r.type))?.target;
  const dateStyles = stylesPath && zip.entries.has(stylesPath) ? readDateStyles(zip, stylesPath, options) : new Set<number>();

  return {
    sheets,
    rows: (sheet) => readSheet(zip, sheet, { shared, dateStyles, date1904 }, options),
  };
}

async function readAll(file: ListFile, options: XlsxOptions): Promise<Uint8Array> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of file.open()) {
    total += chunk.length;
    if (total > max) throw CoreErrors.LIST_FORMAT(`the file is larger than ${Math.round(max / 1048576)} MiB, far larger than any ${options.formatName}`, { file: file.name });
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  if (bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) throw CoreErrors.LIST_EMPTY('the file is empty', { file: file.name });
  if (!looksLikeZip(bytes)) throw CoreErrors.LIST_FORMAT(`not an ${options.formatName} (.xlsx) file: ${describeNonZip(bytes)}`, { file: file.name, position: 'byte 0' });
  return bytes;
}

/** A hint for the officer who picked the wrong file. */
function describeNonZip(bytes: Uint8Array): string {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'it is a legacy binary .xls workbook; use the .xlsx edition';
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'it is a PDF';
  if (bytes[0] === 0x3c || (bytes[0] === 0xef && bytes[3] === 0x3c)) return 'it looks like HTML or XML (a web page saved instead of the file?)';
  return 'there is no ZIP signature at the start';
}

// ---------------------------------------------------------------------------------------------
// XML parts

interface Tag {
  name: string;
  attrs: Record<string, string>;
}

interface PartHandlers {
  open?(tag: Tag, path: readonly string[]): void;
  text?(text: string, path: readonly string[]): void;
  close?(name: string, path: readonly string[]): void;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/**
 * Feeds one ZIP entry through saxes chunk by chunk; `after` runs after each chunk so the
 * caller can hand out what it has collected. Malformed XML is SEK_LIST_PARSE.
 */
function* parsePart(zip: ZipArchive, path: string, handlers: PartHandlers, options: XlsxOptions): Generator<void> {
  const entry = zip.entries.get(path);
  if (!entry) throw CoreErrors.LIST_FORMAT(`the workbook has no part ${path}`, { file: zip.file });
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: string[] = [];
  parser.on('opentag', (node) => {
    const name = localName(node.name);
    stack.push(name);
    if (handlers.open) {
      const attrs: Record<string, string> = {};
      for (const key in node.attributes) attrs[key] = node.attributes[key] as string;
      handlers.open({ name, attrs }, stack);
    }
  });
  parser.on('text', (text) => handlers.text?.(text, stack));
  parser.on('cdata', (text) => handlers.text?.(text, stack));
  parser.on('closetag', (node) => {
    handlers.close?.(localName(node.name), stack);
    stack.pop();
  });
  const fail = (error: unknown): SekishoError => {
    if (error instanceof SekishoError) return error;
    const message = (error instanceof Error ? error.message : String(error)).replace(/^[^:]*:\d+:\d+: /, '');
    return CoreErrors.LIST_PARSE(`malformed ${options.formatName} part ${path}: ${message}`, { file: zip.file, position: `${path} line ${parser.line}, column ${parser.column}` }, { cause: error });
  };
  const decoder = new TextDecoder('utf-8');
  const chunks = readEntry(zip, entry);
  for (const chunk of chunks) {
    try {
      parser.write(decoder.decode(chunk, { stream: true }));
    } catch (error) {
      // Bad XML from a damaged entry is a damaged file, not a malformed list: read the rest of
      // the entry so that its CRC check (SEK_LIST_DECOMPRESS) speaks first.
      for (const _ of chunks) {
        // the CRC and size checks run at the end of readEntry
      }
      throw fail(error);
    }
    yield;
  }
  try {
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    throw fail(error);
  }
  yield;
}

/** Runs a part to its end (for the small parts read whole). */
function drain(parts: Generator<void>): void {
  for (const _ of parts) {
    // each step parses one chunk
  }
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

/** Reads a relationships part (ECMA-376 Part 2 §9.3); targets resolved against `base`. */
function readRels(zip: ZipArchive, path: string, base: string, options: XlsxOptions): Rel[] {
  const rels: Rel[] = [];
  drain(parsePart(zip, path, {
    open(tag) {
      if (tag.name !== 'Relationship' || tag.attrs.TargetMode === 'External') return;
      rels.push({ id: tag.attrs.Id ?? '', type: tag.attrs.Type ?? '', target: resolvePath(base, tag.attrs.Target ?? '') });
    },
  }, options));
  return rels;
}

function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function readWorkbook(zip: ZipArchive, path: string, options: XlsxOptions) {
  const sheets: { name: string; rid: string; state: string }[] = [];
  let date1904 = false;
  drain(parsePart(zip, path, {
    open(tag) {
      if (tag.name === 'sheet') {
        const rid = Object.entries(tag.attrs).find(([k]) => localName(k) === 'id' && k.includes(':'))?.[1] ?? '';
        sheets.push({ name: tag.attrs.name ?? '', rid, state: tag.attrs.state ?? 'visible' });
      } else if (tag.name === 'workbookPr') {
        date1904 = tag.attrs.date1904 === '1' || tag.attrs.date1904 === 'true';
      }
    },
  }, options));
  return { sheets, date1904 };
}

/** Decodes ST_Xstring escapes: `_x000D_` → CR; `_x005F_` escapes a literal underscore. */
export function unescapeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function readSharedStrings(zip: ZipArchive, path: string, options: XlsxOptions): string[] {
  const strings: string[] = [];
  let current = '';
  drain(parsePart(zip, path, {
    open(tag) {
      if (tag.name === 'si') current = '';
    },
    text(text, stack) {
      if (stack[stack.length - 1] === 't' && !stack.includes('rPh')) current += text;
    },
    close(name) {
      if (name === 'si') strings.push(unescapeXstring(current));
    },
  }, options));
  return strings;
}

/** Built-in number formats that are dates (§18.8.30; 27-36 and 50-58 are the CJK-locale dates). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom number format code shows a date: y or d tokens, or a Japanese era (g/e). */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!\$-)[^\]]*\]/g, '')
    .replace(/\[\$-[^\]]*\]/g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[yd]/i.test(bare) || /g+e/i.test(bare);
}

/** Indices of cellXfs whose number format is a date. */
function readDateStyles(zip: ZipArchive, path: string, options: XlsxOptions): Set<number> {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  drain(parsePart(zip, path, {
    open(tag, stack) {
      if (tag.name === 'numFmt') custom.set(Number(tag.attrs.numFmtId), tag.attrs.formatCode ?? '');
      else if (tag.name === 'xf' && stack[stack.length - 2] === 'cellXfs') xfs.push(Number(tag.attrs.numFmtId ?? 0));
    },
  }, options));
  const out = new Set<number>();
  xfs.forEach((id, index) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id)) out.add(index);
  });
  return out;
}

/**
 * An Excel serial day number as an ISO date. The 1900 system counts from 1899-12-31 and
 * includes the non-existent 1900-02-29 (serial 60), so serials from 61 count from 1899-12-30.
 */
export function excelSerialDate(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 1) return undefined;
  const days = Math.floor(serial);
  if (!date1904 && days === 60) return undefined;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + days * 86400000);
  return date.toISOString().slice(0, 10);
}

/** Column index (A = 0) from a cell reference such as "AB12". */
export function columnIndex(ref: string): number | undefined {
  const m = /^([A-Za-z]{1,3})\d*$/.exec(ref);
  if (!m) return undefined;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

interface SheetContext {
  shared: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

function* readSheet(zip: ZipArchive, sheet: XlsxSheet, context: SheetContext, options: XlsxOptions): Generator<XlsxRow> {
  let ready: XlsxRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let column = -1;
  let cell: { type: string; style: number; value: string; inline: string } | undefined;

  const fail = (message: string) => CoreErrors.LIST_PARSE(`${options.formatName} sheet "${sheet.name}": ${message}`, { file: zip.file, position: `${sheet.path} row ${rowNumber}` });

  const parts = parsePart(zip, sheet.path, {
    open(tag) {
      if (tag.name === 'row') {
        const r = Number(tag.attrs.r);
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
        cells = [];
        column = -1;
      } else if (tag.name === 'c') {
        const ref = tag.attrs.r;
        const index = ref ? columnIndex(ref) : column + 1;
        if (index === undefined) throw fail(`bad cell reference "${ref}"`);
        column = index;
        cell = { type: tag.attrs.t ?? 'n', style: Number(tag.attrs.s ?? 0), value: '', inline: '' };
      }
    },
    text(text, stack) {
      if (!cell) return;
      const top = stack[stack.length - 1];
      if (top === 'v') cell.value += text;
      else if (top === 't' && stack.includes('is') && !stack.includes('rPh')) cell.inline += text;
    },
    close(name) {
      if (name === 'c' && cell) {
        const value = cellText(cell);
        if (value !== '') {
          while (cells.length < column) cells.push('');
          cells[column] = value;
        }
        cell = undefined;
      } else if (name === 'row') {
        if (cells.length > 0) ready.push({ row: rowNumber, cells });
        cells = [];
      }
    },
  }, options);

  const cellText = (c: { type: string; style: number; value: string; inline: string }): string => {
    switch (c.type) {
      case 's': {
        const i = Number(c.value);
        const s = context.shared[i];
        if (!Number.isInteger(i) || s === undefined) throw fail(`shared string ${c.value} does not exist`);
        return s;
      }
      case 'inlineStr':
        return unescapeXstring(c.inline);
      case 'str':
      case 'e':
      case 'd':
        return unescapeXstring(c.value);
      case 'b':
        return c.value === '1' ? 'TRUE' : c.value === '0' ? 'FALSE' : c.value;
      default: {
        if (c.value !== '' && context.dateStyles.has(c.style)) return excelSerialDate(Number(c.value), context.date1904) ?? c.value;
        return c.value;
      }
    }
  };

  for (const _ of parts) {
    if (ready.length > 0) {
      const out = ready;
      ready = [];
      yield* out;
    }
  }
}
