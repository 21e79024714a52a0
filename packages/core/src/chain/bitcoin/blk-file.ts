/**
 * @module chain/bitcoin/blk-file
 * Reads Bitcoin Core's block files (`blocks/blk*.dat`, written by FlatFileSeq in
 * src/node/blockstorage.cpp): records of the network magic (mainnet f9 be b4 d9 as the bytes
 * appear in the file), a 4-byte little-endian length, then the raw block. Core preallocates the
 * files in 16 MiB steps, so a file may end in zeros: zeros where a magic is due end the data.
 * Blocks are written in arrival order, not height order, so heights come from BIP-34.
 * Memory stays bounded: only the current record is buffered, whatever the chunk sizes.
 */
import { CoreErrors, isSekishoError } from '../../errors.ts';
import type { BitcoinLikeChain } from './address.ts';
import { parseBlockIn, type ParsedBlock } from './block.ts';

/** pchMessageStart per chain (src/kernel/chainparams.cpp), as the file holds it. */
export const NETWORK_MAGIC: Readonly<Record<BitcoinLikeChain, number>> = {
  bitcoin: 0xd9b4bef9, // bytes f9 be b4 d9
  litecoin: 0xdbb6c0fb, // bytes fb c0 b6 db
  'bitcoin-sv': 0xe8f3e1e3, // bytes e3 e1 f3 e8 (BSV's disk magic, as Bitcoin Cash's)
};

export interface BlkFileOptions {
  chain?: BitcoinLikeChain;
  /** Name used in error messages. */
  file?: string;
  /** Largest record accepted (default: 32 MiB, Core's MAX_SIZE): a bigger length is a corrupt file. */
  maxBlockBytes?: number;
}

export interface BlkBlock extends ParsedBlock {
  /** Offset of the record's magic in the stream. */
  offset: number;
  /** Position of the block in the stream (0 = first). */
  index: number;
}

const EMPTY = new Uint8Array(0);

/**
 * Collects incoming chunks and hands out exact byte ranges, keeping only what is not yet consumed.
 * Consumed chunks are dropped by advancing an index (Array.shift would make tiny chunks quadratic).
 */
class ChunkQueue {
  private chunks: Uint8Array[] = [];
  private first = 0; // index of the first unconsumed chunk
  private head = 0; // read position in chunks[first]
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.first > 1024 && this.first * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.first);
      this.first = 0;
    }
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  peekU8(i: number): number {
    let k = this.first;
    let at = this.head + i;
    while (at >= this.chunks[k]!.length) { at -= this.chunks[k]!.length; k++; }
    return this.chunks[k]![at]!;
  }

  private advance(n: number): void {
    this.head += n;
    if (this.head === this.chunks[this.first]!.length) {
      this.chunks[this.first] = EMPTY; // release the consumed chunk now
      this.first++;
      this.head = 0;
    }
  }

  /** Takes `n` bytes (n ≤ length); a view into one chunk when possible, else one copy. */
  take(n: number): Uint8Array {
    const c0 = this.chunks[this.first]!;
    let out: Uint8Array;
    if (c0.length - this.head >= n) {
      out = c0.subarray(this.head, this.head + n);
      this.advance(n);
    } else {
      out = new Uint8Array(n);
      let filled = 0;
      while (filled < n) {
        const c = this.chunks[this.first]!;
        const m = Math.min(n - filled, c.length - this.head);
        out.set(c.subarray(this.head, this.head + m), filled);
        filled += m;
        this.advance(m);
      }
    }
    this.length -= n;
    return out;
  }
}

/**
 * Yields the blocks of a blk*.dat stream in file order. Errors: CHAIN_FORMAT when a record does
 * not start with the chain's magic (not a block file, or another chain's), CHAIN_TRUNCATED when
 * the stream ends inside a record, CHAIN_PARSE when a record's block is malformed or does not
 * fill its record exactly.
 *
 * @example
 * for await (const { block, transactions } of blocksFromBlkFile(createReadStream('blk00000.dat'))) { … }
 */
export async function* blocksFromBlkFile(chunks: AsyncIterable<Uint8Array>, options: BlkFileOptions = {}): AsyncGenerator<BlkBlock> {
  const chain = options.chain ?? 'bitcoin';
  const magic = NETWORK_MAGIC[chain];
  if (magic === undefined) throw CoreErrors.CHAIN_FORMAT(`chain '${String(chain)}' has no blk file format here`);
  const maxBytes = options.maxBlockBytes ?? 0x02000000;
  const file = options.file;
  const q = new ChunkQueue();
  let offset = 0; // stream offset of q's first byte
  let index = 0;
  let done = false;
  const it = chunks[Symbol.asyncIterator]();

  /** Reads until `n` bytes are buffered; false at the end of the stream. */
  async function fill(n: number): Promise<boolean> {
    while (q.length < n) {
      if (done) return false;
      const next = await it.next();
      if (next.done) { done = true; return false; }
      if (!(next.value instanceof Uint8Array)) throw CoreErrors.CHAIN_FORMAT('a blk stream must yield bytes', { file });
      q.push(next.value);
    }
    return true;
  }

  try {
    for (;;) {
      if (!(await fill(1))) return;
      // Zeros where a magic is due: the preallocated tail of the file. Everything after must be zeros too.
      if (q.peekU8(0) === 0) {
        while (await fill(1)) {
          const zeros = q.take(Math.min(q.length, 1 << 16));
          for (let i = 0; i < zeros.length; i++) {
            if (zeros[i] !== 0) throw CoreErrors.CHAIN_FORMAT('data after the zero padding that ends a blk file', { file, position: `byte ${offset + i}` });
          }
          offset += zeros.length;
        }
        return;
      }
      if (!(await fill(8))) {
        throw CoreErrors.CHAIN_TRUNCATED(`record header cut off (${q.length} of 8 bytes)`, { file, position: `block ${index}, byte ${offset}`, offset });
      }
      const head = q.take(8);
      const gotMagic = (head[0]! | (head[1]! << 8) | (head[2]! << 16) | (head[3]! << 24)) >>> 0;
      if (gotMagic !== magic) {
        const hex = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
        throw CoreErrors.CHAIN_FORMAT(`expected the ${chain} network magic, found ${hex}: not a ${chain} blk file, or a corrupt one`, { file, position: `block ${index}, byte ${offset}`, offset });
      }
      const length = (head[4]! | (head[5]! << 8) | (head[6]! << 16) | (head[7]! << 24)) >>> 0;
      if (length < 81 || length > maxBytes) {
        throw CoreErrors.CHAIN_PARSE(`record length ${length} is no block's (81..${maxBytes} bytes)`, { file, position: `block ${index}, byte ${offset + 4}`, offset: offset + 4 });
      }
      const start = offset + 8;
      if (!(await fill(length))) {
        throw CoreErrors.CHAIN_TRUNCATED(`block record of ${length} bytes cut off after ${q.length}`, { file, position: `block ${index}, byte ${start}`, offset: start });
      }
      const bytes = q.take(length);
      let parsed: ParsedBlock;
      try {
        parsed = parseBlockIn(bytes, { chain }, { base: start, block: index, file });
      } catch (error) {
        // The record was complete, so a block running past it is malformed, not cut off.
        if (isSekishoError(error, CoreErrors.CHAIN_TRUNCATED.code)) {
          throw CoreErrors.CHAIN_PARSE(`block runs past its record length ${length}: ${error.message}`, { file, position: `block ${index}, byte ${start}`, offset: start }, { cause: error });
        }
        throw error;
      }
      yield { ...parsed, offset: offset, index };
      offset = start + length;
      index++;
    }
  } finally {
    if (!done) await it.return?.();
  }
}
