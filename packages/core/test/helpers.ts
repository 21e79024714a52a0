/**
 * Test helpers for core: paths into ../shared (the team's real data, never copied into the
 * repository) and ListFile adapters over files and strings.
 */
import { createReadStream, existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import bz2 from 'unbzip2-stream';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListFile } from '../src/lists/types.ts';

/** The repository root (three levels above this file). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Absolute path of a file under ../shared; throws with a clear message when it is missing. */
export function sharedPath(relative: string): string {
  const path = resolve(repoRoot, '..', 'shared', relative);
  if (!existsSync(path)) throw new Error(`test data missing: ../shared/${relative} (the shared folder must sit beside the repository)`);
  return path;
}

/** Absolute path of a fixture under packages/core/test/fixtures. */
export function fixturePath(relative: string): string {
  return resolve(repoRoot, 'packages/core/test/fixtures', relative);
}

/** A ListFile reading a file from disk in 64 KiB chunks. */
export function fileInput(path: string, name = basename(path)): ListFile {
  return { name, open: () => createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Uint8Array> };
}

/** A ListFile over an in-memory string or bytes, split into small chunks to exercise chunk boundaries. */
export function textInput(name: string, content: string | Uint8Array, chunkSize = 7): ListFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    name,
    async *open() {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    },
  };
}

/** Collects every entity a parser yields. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A ListFile over a bzip2-compressed file (the OFAC advanced XML in ../shared is .bz2). */
export function bz2Input(path: string, name: string): ListFile {
  return {
    name,
    open() {
      const out = new PassThrough();
      const decompress = bz2();
      decompress.on('error', (error: Error) => out.destroy(error));
      createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(decompress).pipe(out);
      return out as AsyncIterable<Uint8Array>;
    },
  };
}
