/**
 * @module lists/custom
 * The exchange's own blocklist: parties and wallets it refuses to deal with for its own
 * reasons (fraud cases, law-enforcement requests, local lists without a machine-readable
 * form). Sekisho defines the format (docs/sources/custom.md): CSV with a header row, or JSON
 * lines with the same field names, chosen by file extension (.csv, .jsonl, .json). Being our
 * own format it is strict: an unknown column, a row without id or name, or a malformed
 * identifier or wallet cell stops the load, because a blocklist that silently loses a row lets
 * the blocked party through. An id used twice is not an error: the loader merges the two rows
 * (nothing is lost) and records a 'duplicate-id' warning naming both places.
 */
import { CoreErrors, isSekishoError } from '../../errors.ts';
import { countryCode } from '../../model/countries.ts';
import { addDate, parseDateText, parsePartialDate } from '../../model/dates.ts';
import { addProperty, IDENTIFIER_TYPES, newEntity, SCHEMAS, type Entity, type IdentifierType, type Schema } from '../../model/entity.ts';
import { addIdentifier, makeIdentifier } from '../../model/identifiers.ts';
import { addName } from '../../model/names.ts';
import { clean } from '../../model/text.ts';
import { streamLines } from '../shared/json-lines.ts';
import { streamCsv } from '../shared/csv.ts';
import type { ListFile, ListParser, ParseContext } from '../types.ts';

/** Every field of the format, in the documented order. */
export const CUSTOM_FIELDS = ['id', 'schema', 'name', 'aliases', 'birth_date', 'nationality', 'country', 'address', 'identifiers', 'wallets', 'program', 'listing_date', 'notes', 'source_url'] as const;
export type CustomField = (typeof CUSTOM_FIELDS)[number];

/** Columns a CSV header must have. `name` may be empty on CryptoWallet rows, but the column is required. */
const REQUIRED: CustomField[] = ['id', 'schema', 'name'];

/** Fields that hold several values: `;`-separated in a CSV cell or a JSON string, or a JSON array. */
const LIST_FIELDS = new Set<CustomField>(['aliases', 'birth_date', 'nationality', 'country', 'address', 'identifiers', 'wallets', 'program', 'notes', 'source_url']);
/** Of those, the ones a `;` splits. Notes and URLs are kept whole in CSV (a note may contain `;`). */
const SPLIT_FIELDS = new Set<CustomField>(['aliases', 'birth_date', 'nationality', 'country', 'address', 'identifiers', 'wallets', 'program']);

type Row = Partial<Record<CustomField, string[]>>;

interface Where {
  file: string;
  line: number;
}

/** The exchange's own blocklist (CSV or JSON lines). */
export const customParser: ListParser = {
  source: 'custom',
  description: "The exchange's own blocklist: CSV with a header row, or JSON lines (docs/sources/custom.md)",
  async *parse(files: ListFile[], ctx: ParseContext) {
    if (files.length === 0) throw CoreErrors.LIST_FILES('the custom source needs at least one file (.csv, .jsonl or .json)');
    // Where each id was first seen, so the duplicate-id warning can name both rows.
    const seen = new Map<string, string>();
    for (const file of files) {
      const rows = rowsOf(file);
      let count = 0;
      for await (const { row, where } of rows) {
        const entity = build(row, where, seen, ctx);
        count++;
        yield entity;
      }
      if (count === 0) throw CoreErrors.LIST_EMPTY('the file has no entries (an emptied blocklist is never loaded)', { file: file.name });
    }
  },
};

function rowsOf(file: ListFile): AsyncGenerator<{ row: Row; where: Where }> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return csvRows(file);
  if (name.endsWith('.jsonl') || name.endsWith('.json')) return jsonRows(file);
  throw CoreErrors.LIST_FORMAT('a custom list file must be named .csv, .jsonl or .json (JSON lines)', { file: file.name });
}

async function* csvRows(file: ListFile): AsyncGenerator<{ row: Row; where: Where }> {
  let header: CustomField[] | undefined;
  let sawBytes = false;
  const records = streamCsv(withoutLeadingComments(file), { formatName: 'custom list CSV' });
  // A file that fails CSV parsing before its header is read is not a CSV of ours at all (the
  // UN XML, a spreadsheet saved under .csv): that is a wrong file, not a broken row.
  const checked = async function* () {
    try {
      yield* records;
    } catch (error) {
      if (!header && isSekishoError(error, 'SEK_LIST_PARSE')) throw CoreErrors.LIST_FORMAT('the first line is not a CSV header of the custom format', { file: file.name, position: error.details.position }, { cause: error });
      throw error;
    }
  };
  for await (const record of checked()) {
    sawBytes = true;
    const where = { file: file.name, line: record.line };
    if (!header) {
      header = readHeader(record.fields, where);
      continue;
    }
    if (record.fields.length === 1 && record.fields[0]!.trim() === '') continue;
    if (record.fields.length !== header.length) throw parseError(`the row has ${record.fields.length} fields, the header ${header.length}`, where);
    const row: Row = {};
    header.forEach((field, i) => {
      const cell = record.fields[i]!;
      row[field] = SPLIT_FIELDS.has(field) ? splitCell(cell) : [cell.trim()].filter((v) => v !== '');
    });
    yield { row, where };
  }
  if (!sawBytes) throw CoreErrors.LIST_EMPTY('the file is empty', { file: file.name });
}

function readHeader(fields: string[], where: Where): CustomField[] {
  const header: CustomField[] = [];
  for (const raw of fields) {
    const name = raw.trim().toLowerCase();
    if (!(CUSTOM_FIELDS as readonly string[]).includes(name)) {
      throw CoreErrors.LIST_FORMAT(`unknown column "${raw.trim()}" in the header; the custom format has ${CUSTOM_FIELDS.join(', ')}`, { file: where.file, position: `line ${where.line}` });
    }
    if (header.includes(name as CustomField)) throw CoreErrors.LIST_FORMAT(`column "${name}" appears twice in the header`, { file: where.file, position: `line ${where.line}` });
    header.push(name as CustomField);
  }
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) throw CoreErrors.LIST_FORMAT(`the header lacks the required column(s) ${missing.join(', ')}`, { file: where.file, position: `line ${where.line}` });
  return header;
}

async function* jsonRows(file: ListFile): AsyncGenerator<{ row: Row; where: Where }> {
  let objects = 0;
  for await (const { text, line, terminated } of streamLines(file)) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const where = { file: file.name, line };
    if (objects === 0 && !trimmed.startsWith('{')) throw CoreErrors.LIST_FORMAT('not JSON lines: the first entry is not a JSON object (a .json custom list holds one object per line, not an array)', { file: file.name, position: `line ${line}` });
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      if (!terminated) throw CoreErrors.LIST_TRUNCATED(`the last line is cut off: ${(error as Error).message}`, { file: file.name, position: `line ${line}` }, { cause: error });
      throw parseError(`broken JSON: ${(error as Error).message}`, where, { cause: error });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw parseError('the line is not a JSON object', where);
    objects++;
    yield { row: jsonRow(value as Record<string, unknown>, where), where };
  }
  if (objects === 0) throw CoreErrors.LIST_EMPTY('the file has no entries', { file: file.name });
}

function jsonRow(object: Record<string, unknown>, where: Where): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(object)) {
    if (!(CUSTOM_FIELDS as readonly string[]).includes(key)) {
      throw CoreErrors.LIST_FORMAT(`unknown field "${key}"; the custom format has ${CUSTOM_FIELDS.join(', ')}`, { file: where.file, position: `line ${where.line}` });
    }
    const field = key as CustomField;
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' || (typeof value === 'number' && field === 'id')) {
      const text = String(value);
      row[field] = SPLIT_FIELDS.has(field) ? splitCell(text) : [text.trim()].filter((v) => v !== '');
    } else if (Array.isArray(value) && LIST_FIELDS.has(field)) {
      row[field] = value.map((item) => jsonItem(field, item, where)).filter((v) => v !== '');
    } else {
      throw parseError(`field "${field}" must be ${LIST_FIELDS.has(field) ? 'a string or an array' : 'a string'}`, where);
    }
  }
  return row;
}

/** One array item; identifiers and wallets may also be objects ({type, value, country}, {currency, address}). */
function jsonItem(field: CustomField, item: unknown, where: Where): string {
  if (typeof item === 'string') return item.trim();
  if (field === 'identifiers' && isObject(item) && typeof item.type === 'string' && typeof item.value === 'string') {
    const country = typeof item.country === 'string' && item.country.trim() ? `[${item.country.trim()}]` : '';
    return `${item.type.trim()}${country}:${item.value.trim()}`;
  }
  if (field === 'wallets' && isObject(item) && typeof item.currency === 'string' && typeof item.address === 'string') return `${item.currency.trim()}:${item.address.trim()}`;
  throw parseError(`an item of "${field}" is neither a string nor a ${field === 'identifiers' ? '{type, value, country?}' : field === 'wallets' ? '{currency, address}' : 'string'}`, where);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function splitCell(cell: string): string[] {
  return cell.split(';').map((v) => v.trim()).filter((v) => v !== '');
}

function build(row: Row, where: Where, seen: Map<string, string>, ctx: ParseContext): Entity {
  const one = (field: CustomField) => clean(row[field]?.[0]);
  const id = one('id');
  if (!id) throw parseError('the row has no id', where);
  const earlier = seen.get(id);
  if (earlier) ctx.warn({ code: 'duplicate-id', message: `id "${id}" is also used at ${earlier}; the rows are merged`, file: where.file, position: `line ${where.line}`, entityId: `custom:${id}` });
  else seen.set(id, `${where.file} line ${where.line}`);

  const schemaText = one('schema');
  if (!schemaText) throw parseError(`row ${id} has no schema (one of ${SCHEMAS.join(', ')})`, where);
  const schema = SCHEMAS.find((s) => s.toLowerCase() === schemaText.toLowerCase()) as Schema | undefined;
  if (!schema) throw parseError(`row ${id}: schema "${schemaText}" is not one of ${SCHEMAS.join(', ')}`, where);

  const entity = newEntity(`custom:${id}`, schema);
  const warnAt = (code: string, message: string) => ctx.warn({ code, message, file: where.file, position: `line ${where.line}`, entityId: entity.id });
  const name = one('name');
  if (!name && schema !== 'CryptoWallet') throw parseError(`row ${id} has no name (only a CryptoWallet row may go without one)`, where);
  addName(entity, { full: name, kind: 'primary' });
  for (const alias of row.aliases ?? []) addName(entity, { full: alias, kind: 'aka' });

  for (const text of row.birth_date ?? []) {
    const date = parsePartialDate(text);
    if (date) addDate(entity.birthDates, date);
    else warnAt('bad-date', `birth_date "${text}" is not a date Sekisho can read (write YYYY, YYYY-MM or YYYY-MM-DD); left out`);
  }
  for (const [field, property] of [['nationality', 'nationality'], ['country', 'country']] as const) {
    for (const text of row[field] ?? []) {
      const code = countryCode(text);
      addProperty(entity, property, code ?? text);
      if (!code) warnAt('unknown-country', `${field} "${text}" has no ISO code in Sekisho's table; kept as text`);
    }
  }
  addProperty(entity, 'address', ...(row.address ?? []));
  for (const cell of row.identifiers ?? []) addIdentifier(entity.identifiers, identifier(cell, id, where));
  for (const cell of row.wallets ?? []) {
    const colon = cell.indexOf(':');
    const currency = colon > 0 ? cell.slice(0, colon).trim() : '';
    const address = colon > 0 ? cell.slice(colon + 1).trim() : '';
    if (!currency || !address) throw parseError(`row ${id}: wallet "${cell}" is not TICKER:address`, where);
    if (!entity.wallets.some((w) => w.currency === currency && w.address === address)) entity.wallets.push({ currency, address });
  }
  if (schema === 'CryptoWallet' && entity.wallets.length === 0) throw parseError(`row ${id} is a CryptoWallet without a wallet (TICKER:address)`, where);

  addProperty(entity, 'program', ...(row.program ?? []));
  const listed = one('listing_date');
  if (listed) {
    const date = parseDateText(listed);
    if (date) addProperty(entity, 'listingDate', date);
    else warnAt('bad-date', `listing_date "${listed}" is not a date Sekisho can read (write YYYY-MM-DD); left out`);
  }
  addProperty(entity, 'notes', ...(row.notes ?? []));
  addProperty(entity, 'sourceUrl', ...(row.source_url ?? []));
  return entity;
}

/**
 * One identifier cell: `type:value` or `type[CC]:value`. `type` is one of Sekisho's identifier
 * types (passport, nationalId, inn, imo ...) or a free label ("Tax ID No.") classified like
 * the official lists' labels; CC is the issuing country (ISO code or name).
 */
function identifier(cell: string, id: string, where: Where) {
  const m = cell.match(/^([^:[\]]+?)\s*(?:\[([^\]]+)\])?\s*:\s*(.+)$/);
  if (!m) throw parseError(`row ${id}: identifier "${cell}" is not type:value or type[CC]:value`, where);
  const label = m[1]!.trim();
  const countryText = m[2]?.trim();
  const country = countryText ? countryCode(countryText) : undefined;
  if (countryText && !country) throw parseError(`row ${id}: identifier country "${countryText}" is not a country Sekisho knows`, where);
  const known = IDENTIFIER_TYPES.find((t) => t.toLowerCase() === label.toLowerCase()) as IdentifierType | undefined;
  return makeIdentifier(label, m[3], known ? { type: known, country } : { country });
}

/**
 * Leading comment lines (`#` first) are blanked, keeping their newlines so CSV line numbers
 * stay true. Only the top of the file: further down a `#` may begin a quoted value's line.
 */
function withoutLeadingComments(file: ListFile): ListFile {
  return {
    name: file.name,
    async *open() {
      let state: 'lineStart' | 'comment' | 'body' = 'lineStart';
      // The first bytes are held until three have arrived: a byte-order mark may be split
      // across chunks (a decompressing stream yields whatever it has).
      let head: Uint8Array | undefined = new Uint8Array(0);
      const withHead = async function* () {
        for await (const chunk of file.open()) {
          if (!head) {
            yield chunk;
            continue;
          }
          const joined = new Uint8Array(head.length + chunk.length);
          joined.set(head);
          joined.set(chunk, head.length);
          if (joined.length < 3) {
            head = joined;
            continue;
          }
          head = undefined;
          // A UTF-8 byte-order mark before the first comment.
          yield joined[0] === 0xef && joined[1] === 0xbb && joined[2] === 0xbf ? joined.subarray(3) : joined;
        }
        if (head && head.length > 0) yield head;
      };
      for await (const chunk of withHead()) {
        if (state === 'body') {
          yield chunk;
          continue;
        }
        let i = 0;
        const kept: number[] = [];
        for (; i < chunk.length; i++) {
          const b = chunk[i]!;
          if (state === 'comment') {
            if (b === 0x0a) {
              kept.push(b);
              state = 'lineStart';
            }
            continue;
          }
          if (b === 0x23) state = 'comment';
          else if (b === 0x0a || b === 0x0d) kept.push(b);
          else {
            state = 'body';
            break;
          }
        }
        if (kept.length > 0) yield Uint8Array.from(kept);
        if (state === 'body') yield chunk.subarray(i);
      }
    },
  };
}

function parseError(message: string, where: Where, options?: { cause?: unknown }) {
  return CoreErrors.LIST_PARSE(message, { file: where.file, position: `line ${where.line}` }, options);
}
