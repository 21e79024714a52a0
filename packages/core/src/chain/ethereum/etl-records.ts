/**
 * @module chain/ethereum/etl-records
 * Reads ethereum-etl export files (github.com/blockchain-etl/ethereum-etl, docs/schema.md) into
 * records: JSON lines (one object per line, as `export_*` and `stream` write them) or CSV (a
 * header row naming the same columns). The format is told by the first non-blank character:
 * `{` is JSON lines, anything else a CSV header. Each record carries its line number, so every
 * error says where it is. The kind of file is checked against the columns it must have, so a
 * token-transfers file handed to the blocks reader is CHAIN_FORMAT, not a row of nonsense.
 */
import { CoreErrors } from '../../errors.ts';
import { quotesOpen, splitCsvRecord } from './csv.ts';
import { endsInsideValue, parseJsonLossless } from './lossless-json.ts';

/**
 * Input of the ETL readers. A string or bytes: the whole file. An iterable of strings: lines
 * (an item may hold several lines, but never part of one: a `readline` interface, or an array
 * of lines). An async iterable of bytes: chunks of the file, cut anywhere (a file stream).
 */
export type EtlInput = string | Uint8Array | Iterable<string> | AsyncIterable<string | Uint8Array>;

export interface EtlRecord {
  /** 1-based line number where the record starts. */
  line: number;
  /** Column name → value: JSON values (integers of 16+ digits as digit strings), or CSV text. */
  fields: Record<string, unknown>;
}

interface Line {
  no: number;
  text: string;
}

function where(source: string | undefined, line: number): { file?: string; position: string } {
  return source ? { file: source, position: `line ${line}` } : { position: `line ${line}` };
}

/**
 * The lines of the input, numbered from 1, without their line ends, in batches (one per chunk
 * of input): handing records on one by one through async generators would cost more than
 * parsing them.
 */
async function* readLines(input: EtlInput): AsyncGenerator<Line[]> {
  let no = 0;
  const batch = (texts: string[]): Line[] => texts.map((text) => ({ no: ++no, text: stripCr(text) }));
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const text = typeof input === 'string' ? input : decodeAll(input);
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i += 4096) yield batch(lines.slice(i, i + 4096));
    return;
  }
  if (Symbol.asyncIterator in input) {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let rest = '';
    for await (const chunk of input as AsyncIterable<string | Uint8Array>) {
      if (typeof chunk === 'string') {
        // Whole lines: flush any partial byte line first, then take the string as lines.
        const texts = chunk.replace(/\r?\n$/, '').split('\n');
        if (rest !== '') texts.unshift(rest);
        rest = '';
        yield batch(texts);
        continue;
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch (cause) {
        throw CoreErrors.CHAIN_PARSE('the data is not UTF-8 text', { position: `line ${no + 1}` }, { cause });
      }
      const parts = (rest + text).split('\n');
      rest = parts.pop()!;
      if (parts.length > 0) yield batch(parts);
    }
    try {
      rest += decoder.decode();
    } catch (cause) {
      throw CoreErrors.CHAIN_TRUNCATED('the data ends inside a UTF-8 character', { position: `line ${no + 1}` }, { cause });
    }
    if (rest !== '') yield batch([rest]);
    return;
  }
  let texts: string[] = [];
  for (const item of input as Iterable<string>) {
    if (typeof item !== 'string') throw CoreErrors.CHAIN_FORMAT('expected lines of text', { position: `line ${no + texts.length + 1}` });
    if (item.includes('\n')) texts.push(...item.replace(/\r?\n$/, '').split('\n'));
    else texts.push(item);
    if (texts.length >= 4096) {
      yield batch(texts);
      texts = [];
    }
  }
  if (texts.length > 0) yield batch(texts);
}

function decodeAll(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw CoreErrors.CHAIN_PARSE('the data is not UTF-8 text', {}, { cause });
  }
}

function stripCr(text: string): string {
  return text.charCodeAt(text.length - 1) === 0x0d ? text.slice(0, -1) : text;
}

/**
 * Batches of non-blank lines, each line marked whether it is the last non-blank one of the
 * input (a cut-off file cuts its last line): the last line of a batch waits for the next batch.
 */
async function* withLast(batches: AsyncGenerator<Line[]>): AsyncGenerator<(Line & { last: boolean })[]> {
  let pending: Line | undefined;
  for await (const lines of batches) {
    const out: (Line & { last: boolean })[] = [];
    for (const line of lines) {
      if (line.text.trim() === '') continue;
      if (pending) out.push({ no: pending.no, text: pending.text, last: false });
      pending = line;
    }
    if (out.length > 0) yield out;
  }
  if (pending) yield [{ no: pending.no, text: pending.text, last: true }];
}

/**
 * The records of an ETL export in batches, checked to carry the `required` columns. `kind`
 * names the file kind in messages ("token transfers"); `source` is the file name for messages.
 */
export async function* readEtlRecords(input: EtlInput, kind: string, required: readonly string[], source?: string): AsyncGenerator<EtlRecord[]> {
  const state: ReaderState = { kind, required, source, header: [], csvStart: 0, csvText: '', first: true };
  for await (const lines of withLast(readLines(input))) {
    const records: EtlRecord[] = [];
    for (const line of lines) {
      const record = readLine(state, line);
      if (record) records.push(record);
    }
    if (records.length > 0) yield records;
  }
}

interface ReaderState {
  kind: string;
  required: readonly string[];
  source: string | undefined;
  mode?: 'json' | 'csv';
  header: string[];
  /** A CSV record spanning lines: where it started and its text so far. */
  csvStart: number;
  csvText: string;
  /** Whether no record has been read yet (the first decides the kind of file). */
  first: boolean;
}

/** The record a line completes, if any; the first line decides JSON or CSV. */
function readLine(state: ReaderState, line: Line & { last: boolean }): EtlRecord | undefined {
  const { kind, source } = state;
  let text = line.text;
  if (state.mode === undefined) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const c = text.trimStart()[0];
    if (c === '[') {
      throw CoreErrors.CHAIN_FORMAT(`a JSON array, not ethereum-etl JSON lines of ${kind} (one object per line)`, where(source, line.no));
    }
    if (c !== '{') {
      state.mode = 'csv';
      const names = splitCsvRecord(text);
      if (!names || names.some((n) => !/^[a-z_][a-z0-9_]*$/i.test(n.trim()))) {
        throw CoreErrors.CHAIN_FORMAT(`neither JSON lines nor a CSV header of ${kind}`, where(source, line.no));
      }
      state.header = names.map((n) => n.trim());
      const absent = state.required.filter((c) => !state.header.includes(c));
      if (absent.length > 0) {
        throw CoreErrors.CHAIN_FORMAT(`the CSV header lacks the ${kind} column(s) ${absent.join(', ')}`, where(source, line.no));
      }
      return undefined;
    }
    state.mode = 'json';
  }
  return state.mode === 'json' ? jsonRecord(state, line, text) : csvRecord(state, line, text);
}

function jsonRecord(state: ReaderState, line: Line & { last: boolean }, text: string): EtlRecord {
  const { kind, source } = state;
  let value: unknown;
  try {
    value = parseJsonLossless(text);
  } catch (cause) {
    if (line.last && endsInsideValue(text)) {
      throw CoreErrors.CHAIN_TRUNCATED(`the last ${kind} record is cut off`, where(source, line.no), { cause });
    }
    throw CoreErrors.CHAIN_PARSE(`not a JSON object: ${(cause as Error).message}`, where(source, line.no), { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw CoreErrors.CHAIN_PARSE(`expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}`, where(source, line.no));
  }
  const fields = value as Record<string, unknown>;
  const absent = state.required.filter((c) => !(c in fields));
  if (absent.length > 0) {
    // The first record decides the kind of file; later, a missing field is a damaged record.
    const make = state.first ? CoreErrors.CHAIN_FORMAT : CoreErrors.CHAIN_PARSE;
    throw make(`the record lacks the ${kind} field(s) ${absent.join(', ')}`, where(source, line.no));
  }
  state.first = false;
  return { line: line.no, fields };
}

function csvRecord(state: ReaderState, line: Line & { last: boolean }, text: string): EtlRecord | undefined {
  const { kind, source, header } = state;
  // A quoted field may span lines; gather the record first.
  if (state.csvText === '') state.csvStart = line.no;
  state.csvText = state.csvText === '' ? text : `${state.csvText}\n${text}`;
  const start = state.csvStart;
  if (quotesOpen(state.csvText)) {
    if (line.last) throw CoreErrors.CHAIN_TRUNCATED(`the last ${kind} row ends inside a quoted field`, where(source, start));
    return undefined;
  }
  const values = splitCsvRecord(state.csvText);
  state.csvText = '';
  if (!values) throw CoreErrors.CHAIN_PARSE('misplaced quote in a CSV row', where(source, start));
  if (values.length !== header.length) {
    if (line.last && values.length < header.length) {
      throw CoreErrors.CHAIN_TRUNCATED(`the last ${kind} row has ${values.length} of ${header.length} columns`, where(source, start));
    }
    throw CoreErrors.CHAIN_PARSE(`the row has ${values.length} columns, the header ${header.length}`, where(source, start));
  }
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) fields[header[i]!] = values[i];
  return { line: start, fields };
}
