/**
 * @module lists/ofac-csv/records
 * Reading one of OFAC's delimited files as checked records. The layout is OFAC's dat_spec.txt
 * ("FORMAT SDN CSV"): comma-separated, text in double quotes, null as "-0-", records ended by
 * carriage returns, and the files end with a DOS end-of-file byte (0x1A) on its own line.
 * Every record must have the file's column count and an integer ent_num; a file whose first
 * record does not is another format (SEK_LIST_FORMAT), a short last record is a cut-off
 * download (SEK_LIST_TRUNCATED), anything else is SEK_LIST_PARSE.
 */
import { CoreErrors, SekishoError } from '../../errors.ts';
import { streamCsv, type CsvRecord } from '../shared/csv.ts';
import type { ListFile } from '../types.ts';

export interface OfacCsvLayout {
  /** What the file is, for messages: "OFAC sdn.csv". */
  what: string;
  columns: number;
}

export interface OfacRecord {
  entNum: string;
  /** Fields with "-0-" nulls turned into '' and white space trimmed. */
  fields: string[];
  /** Fields as published, untrimmed: remarks cut at the limit may end or continue with a space. */
  raw: string[];
  line: number;
}

/** OFAC's null marker (dat_spec.txt: 'Null values for all four formats consist of "-0-"'). */
export function nullable(value: string | undefined): string {
  const v = (value ?? '').trim();
  return v === '-0-' ? '' : v;
}

const EOF_MARK = '\x1a';

/**
 * Wraps a file so that content which is plainly not CSV (XML, JSON, a zip) is recognised before
 * the CSV reader sees it, and so that an error of the byte stream itself surfaces here rather than
 * inside the CSV pipe.
 */
function guarded(file: ListFile): { file: ListFile; state: { notCsv?: string; error?: unknown } } {
  const state: { notCsv?: string; error?: unknown } = {};
  const wrapped: ListFile = {
    name: file.name,
    async *open() {
      let first = true;
      try {
        for await (const chunk of file.open()) {
          if (first && chunk.length > 0) {
            const head = new TextDecoder().decode(chunk.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
            if (head === '') continue;
            first = false;
            if (head.startsWith('<')) state.notCsv = 'it is XML';
            else if (head.startsWith('{') || head.startsWith('[')) state.notCsv = 'it is JSON';
            else if (head.startsWith('PK')) state.notCsv = 'it is a zip archive';
            else if (chunk[0] === 0x1f && chunk[1] === 0x8b) state.notCsv = 'it is gzip-compressed';
            if (state.notCsv) return;
          }
          yield chunk;
        }
      } catch (error) {
        state.error = error;
      }
    },
  };
  return { file: wrapped, state };
}

/** Streams the checked records of one OFAC delimited file. */
export async function* readOfacCsv(file: ListFile, layout: OfacCsvLayout): AsyncGenerator<OfacRecord> {
  const { file: input, state } = guarded(file);
  let pending: CsvRecord | undefined;
  let count = 0;
  const check = (rec: CsvRecord, last: boolean): OfacRecord => {
    const entNum = rec.fields[0]?.trim() ?? '';
    const ok = rec.fields.length === layout.columns && /^\d+$/.test(entNum);
    if (!ok) {
      const problem = rec.fields.length !== layout.columns ? `has ${rec.fields.length} columns, expected ${layout.columns}` : `ent_num "${entNum.slice(0, 20)}" is not a number`;
      const details = { file: file.name, position: `line ${rec.line}` };
      if (count === 0) throw CoreErrors.LIST_FORMAT(`not an ${layout.what} file (the first record ${problem})`, details);
      if (last && rec.fields.length < layout.columns) throw CoreErrors.LIST_TRUNCATED(`the last record ${problem}`, details);
      throw CoreErrors.LIST_PARSE(`malformed ${layout.what}: record ${problem}`, details);
    }
    count++;
    return { entNum, fields: rec.fields.map(nullable), raw: rec.fields, line: rec.line };
  };
  try {
    for await (const rec of streamCsv(input, { formatName: layout.what, relaxQuotes: false, relaxColumnCount: true })) {
      if (rec.fields.length === 1 && (rec.fields[0] === EOF_MARK || rec.fields[0]!.trim() === '')) continue;
      if (pending) yield check(pending, false);
      pending = rec;
    }
  } catch (error) {
    if (state.notCsv) throw CoreErrors.LIST_FORMAT(`not an ${layout.what} file (${state.notCsv})`, { file: file.name });
    if (state.error) throw sourceError(file, state.error);
    if (error instanceof SekishoError && error.code === CoreErrors.LIST_PARSE.code) {
      const cause = error.cause as { code?: string; lines?: number } | undefined;
      // csv-parse reads ahead, so the record count says nothing here; the error's line does.
      if (count === 0 && (cause?.lines ?? 1) <= 1) throw CoreErrors.LIST_FORMAT(`not an ${layout.what} file (${error.message})`, error.details, { cause: error });
      if (cause?.code === 'CSV_QUOTE_NOT_CLOSED') throw CoreErrors.LIST_TRUNCATED(`the file ends inside a quoted field`, error.details, { cause: error });
    }
    throw error;
  }
  if (state.notCsv) throw CoreErrors.LIST_FORMAT(`not an ${layout.what} file (${state.notCsv})`, { file: file.name });
  if (state.error) throw sourceError(file, state.error);
  if (pending) yield check(pending, true);
}

function sourceError(file: ListFile, error: unknown): SekishoError {
  if (error instanceof SekishoError) return error;
  return CoreErrors.LIST_PARSE(`the file could not be read`, { file: file.name }, { cause: error });
}
