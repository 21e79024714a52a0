/**
 * @module lists/shared/csv
 * Streaming CSV for list files through csv-parse, with its errors turned into SEK_LIST_PARSE
 * naming the file and line. Records come out as string arrays with their line number.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type Options } from 'csv-parse';
import { CoreErrors } from '../../errors.ts';
import type { ListFile } from '../types.ts';

export interface CsvRecord {
  fields: string[];
  /** Line where the record ends (1-based; csv-parse counts lines as it reads, so a quoted value spanning lines ends later than it starts). */
  line: number;
}

export interface CsvOptions {
  delimiter?: string;
  /** OFAC's legacy CSVs contain stray quotes inside fields; relax_quotes reads them as text. */
  relaxQuotes?: boolean;
  /** Allow records with differing column counts (the check is then the caller's). */
  relaxColumnCount?: boolean;
  formatName: string;
}

/** Streams the records of a CSV file. Throws SEK_LIST_PARSE with file and line on malformed input. */
export async function* streamCsv(file: ListFile, options: CsvOptions): AsyncGenerator<CsvRecord> {
  const parserOptions: Options = {
    bom: true,
    delimiter: options.delimiter ?? ',',
    relax_quotes: options.relaxQuotes ?? false,
    relax_column_count: options.relaxColumnCount ?? true,
    skip_empty_lines: true,
    info: true,
  };
  // pipeline, not pipe: a failing source (a damaged archive) must reach the consumer as an
  // error, not as an unhandled 'error' event that takes the process down.
  const parser = parse(parserOptions);
  const done = pipeline(Readable.from(file.open()), parser).catch((error) => {
    parser.destroy(error as Error);
  });
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { fields: item.record, line: item.info.lines };
    }
  } catch (error) {
    const e = error as { message?: string; lines?: number; code?: string };
    if (e && typeof e.code === 'string' && e.code.startsWith('SEK_')) throw error;
    throw CoreErrors.LIST_PARSE(`malformed ${options.formatName}: ${e?.message ?? String(error)}`, { file: file.name, position: e?.lines ? `line ${e.lines}` : undefined }, { cause: error });
  } finally {
    parser.destroy();
    await done;
  }
}
