/**
 * @module screening/batch-worker
 * A worker thread of `sekisho screen --file`: builds its own screening index from the entities
 * it is given (indexes cannot be shared between threads) and screens the chunks of queries it
 * receives, answering each chunk with its results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildIndex, screen, type IndexInput, type ScreeningQuery } from '@sekisho/core';
import { isSekishoError } from '@sekisho/core/errors';

const { entities, readings } = workerData as { entities: IndexInput[]; readings: [string, string[]][] };
const index = buildIndex(entities, new Map(readings));
parentPort!.postMessage({ ready: true, buildMs: index.buildMs });

parentPort!.on('message', (message: { chunk: number; queries: ScreeningQuery[] }) => {
  // Results travel as JSON text: one string per row is far cheaper to pass between threads
  // than the nested objects of a result with its explanations.
  const results = message.queries.map((query) => {
    try {
      const r = screen(index, query);
      return { match: r.hits.some((h) => h.match), json: JSON.stringify({ hits: r.hits, lists: r.lists, warnings: r.warnings }) };
    } catch (error) {
      if (isSekishoError(error)) return { match: false, error: JSON.stringify(error.toJSON()) };
      throw error;
    }
  });
  parentPort!.postMessage({ chunk: message.chunk, results });
});
