/**
 * @module screening/score-pairs
 * `sekisho score-pairs`: reads JSON lines of name pairs, writes one JSON line per pair with the
 * engine's judgement of that pair alone at the default threshold. A line that is not JSON, or
 * not a pair, stops the run with its line number (SEK_SCREEN_INPUT): a silently skipped line
 * would make an evaluation look better or worse than it is.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { scorePair, type JapaneseReader, type NamePair } from '@sekisho/core';
import { readingsIfNeeded } from '../names/readings.ts';
import { isSekishoError } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';

export interface ScorePairsOptions {
  input: string;
  /** A file path, or undefined for the given stream. */
  output?: string;
  stdout: NodeJS.WritableStream;
  /** Reads kanji names (loaded lazily: only pairs with kanji and no kana pay for it). */
  reader?: JapaneseReader;
}

export async function scorePairsFile(options: ScorePairsOptions): Promise<{ pairs: number; matches: number }> {
  const input = createReadStream(options.input, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error) => reject(ServerErrors.FILE_NOT_FOUND(`cannot read ${options.input}: ${error.message}`, { file: options.input }, { cause: error })));
  });
  await opened;
  const out = options.output ? createWriteStream(options.output) : options.stdout;
  let line = 0;
  let pairs = 0;
  let matches = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      let pair: NamePair;
      try {
        pair = JSON.parse(text) as NamePair;
      } catch (error) {
        throw ServerErrors.SCREEN_INPUT(`line ${line} is not JSON (${(error as Error).message})`, { file: options.input, position: `line ${line}` });
      }
      if (!pair || typeof pair !== 'object' || pair.id === undefined) throw ServerErrors.SCREEN_INPUT(`line ${line} has no "id"`, { file: options.input, position: `line ${line}` });
      let result;
      try {
        const readings = { name1: await readingsIfNeeded(options.reader, pair.name1), name2: await readingsIfNeeded(options.reader, pair.name2) };
        result = scorePair(pair, undefined, undefined, readings);
      } catch (error) {
        if (isSekishoError(error)) throw ServerErrors.SCREEN_INPUT(`line ${line}: ${error.message}`, { file: options.input, position: `line ${line}` }, { cause: error });
        throw error;
      }
      pairs++;
      if (result.match) matches++;
      if (!out.write(`${JSON.stringify({ id: result.id, score: result.score, match: result.match })}\n`)) await once(out, 'drain');
    }
  } finally {
    if (options.output) {
      (out as NodeJS.WritableStream & { end(): void }).end();
      await once(out, 'finish');
    }
  }
  return { pairs, matches };
}
