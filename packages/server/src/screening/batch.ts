/**
 * @module screening/batch
 * `sekisho screen --file customers.csv|.jsonl --out results.jsonl`: screens a customer base on
 * worker threads, one index per worker, and writes one result line per input row in input
 * order. Input columns (CSV header or JSON keys): name (required), name_kana, aliases (";"),
 * schema, birth_date, gender, nationality, country, id_numbers (";"), plus an optional id that
 * is echoed back. docs/screening.md documents them.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { parse } from 'csv-parse';
import type { JapaneseReader, ScreeningQuery } from '@sekisho/core';
import { listedNameReadings, readingsIfNeeded } from '../names/readings.ts';
import { ServerErrors } from '../errors.ts';
import type { ListStore } from '../storage/list-store.ts';

export const BATCH_COLUMNS = ['id', 'name', 'name_kana', 'aliases', 'schema', 'birth_date', 'gender', 'nationality', 'country', 'id_numbers'] as const;

export interface BatchOptions {
  file: string;
  out: string;
  threshold?: number;
  limit?: number;
  workers?: number;
  onProgress?: (done: number) => void;
}

export interface BatchSummary {
  rows: number;
  matches: number;
  errors: number;
  workers: number;
  buildMs: number;
  screenMs: number;
}

type Row = Record<string, unknown>;
/** A row's result as the worker sends it: the match flag and the rest as JSON text. */
type WorkerResult = { match: boolean; json?: string; error?: string };

async function* readRows(file: string): AsyncGenerator<{ row: Row; line: number }> {
  const input = createReadStream(file);
  await new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error) => reject(ServerErrors.FILE_NOT_FOUND(`cannot read ${file}: ${error.message}`, { file })));
  });
  if (/\.csv$/i.test(file)) {
    const parser = input.pipe(parse({ bom: true, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true, info: true }));
    try {
      for await (const item of parser as AsyncIterable<{ record: Row; info: { lines: number } }>) yield { row: item.record, line: item.info.lines };
    } catch (error) {
      throw ServerErrors.SCREEN_INPUT(`malformed CSV: ${(error as Error).message}`, { file });
    }
    return;
  }
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    try {
      yield { row: JSON.parse(text) as Row, line };
    } catch (error) {
      throw ServerErrors.SCREEN_INPUT(`line ${line} is not JSON (${(error as Error).message})`, { file, position: `line ${line}` });
    }
  }
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v.trim() ? v.split(';').map((x) => x.trim()).filter(Boolean) : []);
const str = (v: unknown): string | undefined => (v === undefined || v === null || String(v).trim() === '' ? undefined : String(v).trim());

function toQuery(row: Row, options: BatchOptions): ScreeningQuery {
  const gender = str(row.gender)?.toLowerCase();
  return {
    name: str(row.name) ?? '',
    nameKana: str(row.name_kana),
    aliases: list(row.aliases),
    schema: (str(row.schema) as ScreeningQuery['schema']) ?? 'Any',
    birthDate: str(row.birth_date),
    gender: gender === 'male' || gender === 'female' ? gender : undefined,
    countries: [...list(row.nationality), ...list(row.country)],
    identifiers: list(row.id_numbers),
    threshold: options.threshold,
    limit: options.limit ?? 5,
  };
}

/** Screens every row of `file` and writes `out`. */
export async function screenFile(deps: { lists: ListStore; reader?: JapaneseReader }, options: BatchOptions): Promise<BatchSummary> {
  const entities = await deps.lists.activeEntities();
  if (entities.length === 0) throw ServerErrors.LIST_NOT_LOADED('no list is loaded, so nothing can be screened');
  const readings = [...(await listedNameReadings(deps.reader, entities))];
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), 8));
  const workers = Array.from({ length: count }, () => new Worker(new URL('./batch-worker.mjs', import.meta.url), { workerData: { entities, readings } }));
  const pending = new Map<number, (results: WorkerResult[]) => void>();
  try {
    let buildMs = 0;
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once('error', reject);
            w.once('message', (m: { buildMs: number }) => {
              buildMs = Math.max(buildMs, m.buildMs);
              w.on('message', (msg: { chunk: number; results: WorkerResult[] }) => pending.get(msg.chunk)?.(msg.results));
              resolve();
            });
          }),
      ),
    );
    const screenStarted = performance.now();
    const out = createWriteStream(options.out);
    const CHUNK = 250;
    let rows = 0;
    let matches = 0;
    let errors = 0;
    let chunkNo = 0;
    const inFlight: Promise<void>[] = [];
    let writeChain = Promise.resolve();
    const dispatch = (batch: { row: Row; line: number; query: ScreeningQuery }[]) => {
      const chunk = chunkNo++;
      const worker = workers[chunk % workers.length]!;
      const done = new Promise<WorkerResult[]>((resolve) => pending.set(chunk, resolve));
      worker.postMessage({ chunk, queries: batch.map((b) => b.query) });
      // Results are written in input order: each chunk's write waits for the one before.
      const written = (writeChain = writeChain.then(async () => {
        const results = await done;
        pending.delete(chunk);
        for (let i = 0; i < batch.length; i++) {
          const { row, line } = batch[i]!;
          const r = results[i]!;
          const head = JSON.stringify({ line, id: row.id ?? null, name: batch[i]!.query.name, match: r.match });
          const text = r.json ? `${head.slice(0, -1)},${r.json.slice(1)}` : `${head.slice(0, -1)},"error":${r.error}}`;
          if (r.match) matches++;
          if (r.error) errors++;
          if (!out.write(`${text}\n`)) await once(out, 'drain');
        }
        rows += batch.length;
        options.onProgress?.(rows);
      }));
      inFlight.push(written);
      if (inFlight.length > workers.length * 4) return inFlight.shift();
      return undefined;
    };
    let batch: { row: Row; line: number; query: ScreeningQuery }[] = [];
    for await (const { row, line } of readRows(options.file)) {
      const query = toQuery(row, options);
      if (!query.nameKana) query.readings = await readingsIfNeeded(deps.reader, query.name);
      batch.push({ row, line, query });
      if (batch.length === CHUNK) {
        const wait = dispatch(batch);
        batch = [];
        if (wait) await wait;
      }
    }
    if (batch.length) dispatch(batch);
    await writeChain;
    out.end();
    await once(out, 'finish');
    return { rows, matches, errors, workers: count, buildMs: Math.round(buildMs), screenMs: Math.round(performance.now() - screenStarted) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
