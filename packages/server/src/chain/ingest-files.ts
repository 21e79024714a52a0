/**
 * @module chain/ingest-files
 * The file side of `chain ingest`: command-line paths expanded into the files to read (a
 * directory stands for the files in it that the format reads, in name order, as Bitcoin Core
 * numbers blk00000.dat, blk00001.dat, …), checked before anything is read so that a typo fails
 * before the first batch, and small readers (first bytes, first line) for telling formats apart.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { CoreErrors, isSekishoError } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';

/** Whether a source names a node (http or https URL) rather than a file. */
export const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

/**
 * The files behind `sources`: files as given, directories replaced by their entries accepted by
 * `accept`, sorted by name. FILE_NOT_FOUND for a missing path, CHAIN_FORMAT for a directory
 * holding none of the files the format reads.
 * @example await expandFiles(['~/.bitcoin/blocks'], (n) => /^blk\d+\.dat$/.test(n), 'blk*.dat files')
 */
export async function expandFiles(sources: readonly string[], accept: (name: string) => boolean, what: string): Promise<string[]> {
  const files: string[] = [];
  for (const source of sources) {
    let info;
    try {
      info = await stat(source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw ServerErrors.FILE_NOT_FOUND(`${source}: no such file or directory`, { file: source });
      throw ServerErrors.FILE_READ(`${source}: ${(error as Error).message}`, { file: source }, { cause: error });
    }
    if (info.isDirectory()) {
      const names = (await readdir(source)).filter(accept).sort();
      if (names.length === 0) throw CoreErrors.CHAIN_FORMAT(`the directory ${source} holds no ${what}`, { file: source });
      files.push(...names.map((n) => join(source, n)));
    } else {
      files.push(source);
    }
  }
  return files;
}

/** The first `n` bytes of a file (fewer when it is shorter). */
export async function firstBytes(path: string, n: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The first line of a text file that is not blank (undefined for an empty file), read as a stream. */
export async function firstLine(path: string): Promise<string | undefined> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim() !== '') return line.replace(/^\uFEFF/, '');
    return undefined;
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** The file's size in bytes. */
export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** Name for messages: the base name, as the parsers' `file` details use. */
export const shortName = (path: string): string => basename(path);

/**
 * A chain error of the core catalogue naming `file` (parsers given bytes do not know it); other
 * errors unchanged.
 */
export function inFile(error: unknown, file: string): unknown {
  if (!isSekishoError(error) || error.details.file) return error;
  const spec = Object.values(CoreErrors).find((e) => e.code === error.code);
  if (!spec) return error;
  // The message already carries the position: build it with the file only, then keep the details.
  const named = spec(error.message, { file }, { cause: error });
  Object.assign(named.details, error.details, { file });
  return named;
}

/** The chunks of a blk file with Bitcoin Core's xor.dat key undone (bitcoin/bitcoin#28052: byte i of the file XOR key[i mod 8]). */
export async function* unXor(chunks: AsyncIterable<Uint8Array>, key: Uint8Array): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for await (const chunk of chunks) {
    const out = new Uint8Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) out[i] = chunk[i]! ^ key[(offset + i) & 7]!;
    offset += chunk.length;
    yield out;
  }
}
