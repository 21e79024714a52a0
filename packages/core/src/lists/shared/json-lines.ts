/**
 * @module lists/opensanctions/json-lines
 * Streaming JSON lines (https://jsonlines.org: UTF-8, one JSON value per line, "\n"
 * separated), the form of OpenSanctions' entities.ftm.json and of the custom list's .jsonl.
 * Lines come out with their 1-based number and whether a newline ended them: a file that
 * stops in the middle of its last line is how an interrupted download shows, since JSON
 * lines has no closing element. Memory is bounded by the longest line.
 */
import type { ListFile } from '../types.ts';

export interface TextLine {
  /** The line without its line ending (a trailing "\r" is removed too). */
  text: string;
  /** 1-based line number. */
  line: number;
  /** False only for a last line that no newline ends. */
  terminated: boolean;
}

/** Streams the lines of a file, decoding UTF-8 across chunk boundaries and dropping a leading BOM. */
export async function* streamLines(file: ListFile): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let line = 0;
  let first = true;
  const take = function* (final: boolean): Generator<TextLine> {
    if (first && buffer.length > 0) {
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      first = false;
    }
    let start = 0;
    for (let nl = buffer.indexOf('\n', start); nl >= 0; nl = buffer.indexOf('\n', start)) {
      line++;
      const end = nl > start && buffer.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: buffer.slice(start, end), line, terminated: true };
      start = nl + 1;
    }
    buffer = buffer.slice(start);
    if (final && buffer.length > 0) {
      line++;
      yield { text: buffer.replace(/\r$/, ''), line, terminated: false };
      buffer = '';
    }
  };
  for await (const chunk of file.open()) {
    buffer += decoder.decode(chunk, { stream: true });
    yield* take(false);
  }
  buffer += decoder.decode();
  yield* take(true);
}
