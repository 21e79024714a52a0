/**
 * @module lists/input
 * Turns the paths given to `lists load` into the ListFiles a parser reads: plain files, .gz,
 * .bz2 and .zip archives (every member of a zip becomes one file). Also hashes each file as
 * stored on disk — the hash identifies a list version and lets a reload of the same file be
 * recognised — and reports bytes read for progress display.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Unzip, UnzipInflate } from 'fflate';
import bz2 from 'unbzip2-stream';
import { CoreErrors, type ListFile } from '@sekisho/core';
import { ServerErrors } from '../errors.ts';

export interface InputFile {
  path: string;
  name: string;
  bytes: number;
  sha256: string;
}

export interface OpenedInput {
  files: ListFile[];
  inputs: InputFile[];
  /** sha256 over the per-file hashes in the order given: the version's file hash. */
  hash: string;
  totalBytes: number;
}

export type ProgressFn = (bytesRead: number, totalBytes: number) => void;

const CHUNK = 256 * 1024;

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Reads a raw file stream, counting bytes for progress. */
async function* rawStream(path: string, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
      onBytes((chunk as Buffer).length);
      yield chunk as Buffer;
    }
  } catch (error) {
    throw ServerErrors.FILE_READ(`cannot read ${basename(path)}: ${(error as Error).message}`, { file: basename(path) }, { cause: error });
  }
}

/**
 * Pipes a raw stream through a decompressor (gunzip, bunzip2), mapping its failures to list
 * errors. unbzip2-stream is an old-style "through" stream, so its output is re-wrapped in a
 * PassThrough to be async-iterable, and errors of every stage are forwarded to the end.
 */
async function* decompress(raw: AsyncIterable<Uint8Array>, transform: NodeJS.ReadWriteStream, name: string, kind: string): AsyncGenerator<Uint8Array> {
  const source = Readable.from(raw);
  const out = new PassThrough();
  let inputEnded = false;
  source.on('end', () => (inputEnded = true));
  source.on('error', (error) => out.destroy(error));
  transform.on('error', (error) => out.destroy(error));
  source.pipe(transform).pipe(out);
  try {
    for await (const chunk of out) yield chunk as Uint8Array;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SEK_')) throw error;
    const message = (error as Error).message ?? String(error);
    // A decompressor that fails once all input is read has met a cut-off archive.
    if (inputEnded || /unexpected end|premature|truncat/i.test(message)) {
      throw CoreErrors.LIST_TRUNCATED(`the ${kind} archive ends early (${message})`, { file: name }, { cause: error });
    }
    throw CoreErrors.LIST_DECOMPRESS(`cannot decompress the ${kind} archive (${message})`, { file: name }, { cause: error });
  } finally {
    source.destroy();
  }
}

/** The members of a zip archive held in memory, each streamed out on demand. */
function zipMembers(path: string, onBytes: (n: number) => void): ListFile[] {
  const archive = readFileSync(path);
  const name = basename(path);
  const names: string[] = [];
  try {
    const lister = new Unzip((file) => {
      if (!file.name.endsWith('/')) names.push(file.name);
    });
    lister.register(UnzipInflate);
    lister.push(archive, true);
  } catch (error) {
    throw CoreErrors.LIST_DECOMPRESS(`not a readable zip archive (${(error as Error).message})`, { file: name }, { cause: error });
  }
  if (names.length === 0) throw CoreErrors.LIST_DECOMPRESS('the zip archive has no files', { file: name });
  let counted = false;
  return names.map((member) => ({
    name: basename(member),
    async *open() {
      const queue: Uint8Array[] = [];
      let failure: unknown;
      let finished = false;
      const unzip = new Unzip((file) => {
        if (file.name !== member) return;
        file.ondata = (err, data, final) => {
          if (err) failure = err;
          else queue.push(data);
          if (final) finished = true;
        };
        file.start();
      });
      unzip.register(UnzipInflate);
      for (let offset = 0; offset < archive.length; offset += CHUNK) {
        try {
          unzip.push(archive.subarray(offset, offset + CHUNK), offset + CHUNK >= archive.length);
        } catch (error) {
          failure = error;
        }
        if (!counted) onBytes(Math.min(CHUNK, archive.length - offset));
        if (failure) throw CoreErrors.LIST_DECOMPRESS(`cannot read ${member} in the zip archive (${(failure as Error).message})`, { file: name }, { cause: failure });
        while (queue.length) yield queue.shift()!;
      }
      counted = true;
      if (!finished) throw CoreErrors.LIST_TRUNCATED(`${member} in the zip archive ends early`, { file: name });
    },
  }));
}

/**
 * Opens the given paths for parsing: hashes them, expands archives and returns the ListFiles.
 * Throws SEK_FILE_NOT_FOUND for a missing path.
 */
export async function openInputs(paths: string[], onProgress?: ProgressFn): Promise<OpenedInput> {
  const inputs: InputFile[] = [];
  for (const path of paths) {
    let bytes: number;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) throw new Error('not a regular file');
      bytes = stat.size;
    } catch (error) {
      throw ServerErrors.FILE_NOT_FOUND(`no such file: ${path}`, { file: basename(path) }, { cause: error });
    }
    inputs.push({ path, name: basename(path), bytes, sha256: await hashFile(path) });
  }
  const totalBytes = inputs.reduce((sum, f) => sum + f.bytes, 0);
  let read = 0;
  const onBytes = (n: number) => {
    read += n;
    onProgress?.(Math.min(read, totalBytes), totalBytes);
  };
  const files: ListFile[] = [];
  for (const input of inputs) {
    const lower = input.name.toLowerCase();
    if (lower.endsWith('.zip')) files.push(...zipMembers(input.path, onBytes));
    else if (lower.endsWith('.gz')) files.push({ name: input.name.slice(0, -3), open: () => decompress(rawStream(input.path, onBytes), createGunzip(), input.name, 'gzip') });
    else if (lower.endsWith('.bz2')) files.push({ name: input.name.slice(0, -4), open: () => decompress(rawStream(input.path, onBytes), bz2(), input.name, 'bzip2') });
    else files.push({ name: input.name, open: () => rawStream(input.path, onBytes) });
  }
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(input.sha256);
  return { files, inputs, hash: hash.digest('hex'), totalBytes };
}
