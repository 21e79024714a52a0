/**
 * @module screening/pool-worker
 * A screening thread of the service (screening/pool.ts): holds its own copy of the index (an
 * index cannot be shared between threads), rebuilds it when told to, and answers each query
 * with the result as JSON text, tagged with the index generation it was made on.
 */
import { parentPort } from 'node:worker_threads';
import { buildIndex, screen, type IndexInput, type ScreeningIndex, type ScreeningQuery } from '@sekisho/core';
import { isSekishoError } from '@sekisho/core/errors';

type Message =
  | { kind: 'index'; generation: number; entities: IndexInput[]; readings: [string, string[]][] }
  | { kind: 'screen'; id: number; query: ScreeningQuery; matchesOnly: boolean };

let index: ScreeningIndex | undefined;
let generation = -1;

parentPort!.on('message', (message: Message) => {
  if (message.kind === 'index') {
    index = buildIndex(message.entities, new Map(message.readings));
    generation = message.generation;
    parentPort!.postMessage({ kind: 'ready', generation });
    return;
  }
  try {
    if (!index) throw new Error('no index yet');
    // JSON text is far cheaper to pass between threads than the nested objects of a result.
    const result = screen(index, message.query);
    // Only the matches when that is all the caller uses: less to serialise and to parse.
    if (message.matchesOnly) result.hits = result.hits.filter((h) => h.match);
    parentPort!.postMessage({ kind: 'result', id: message.id, generation, json: JSON.stringify(result) });
  } catch (error) {
    parentPort!.postMessage({ kind: 'result', id: message.id, generation, error: isSekishoError(error) ? JSON.stringify(error.toJSON()) : String((error as Error)?.stack ?? error) });
  }
});
