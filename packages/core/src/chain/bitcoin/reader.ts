/**
 * @module chain/bitcoin/reader
 * A bounds-checked cursor over Bitcoin's wire serialization (little-endian integers and
 * CompactSize, Bitcoin Core src/serialize.h). Every read checks the remaining bytes first, so a
 * cut-off input is a CHAIN_TRUNCATED error naming the byte offset, and a value no valid block can
 * hold (a non-canonical or oversized CompactSize, a count that cannot fit) is a CHAIN_PARSE error;
 * never a RangeError, never a silently short result.
 */
import { CoreErrors, type SekishoError } from '../../errors.ts';

/** Core's MAX_SIZE (src/serialize.h): no CompactSize in a valid message exceeds 32 MiB. */
export const MAX_COMPACT_SIZE = 0x02000000;

/** Where the reader is, for error messages: "block 0, transaction 12, byte 48211". */
export interface ReadContext {
  /** Index of the block in a stream (blk file), when there is one. */
  block?: number;
  /** Index of the transaction in the block being read. */
  tx?: number;
  /** Offset of `bytes[0]` in the larger input (a blk file), added to every reported offset. */
  base: number;
  /** Source name, for messages. */
  file?: string;
}

export class ByteReader {
  pos = 0;
  readonly end: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly ctx: ReadContext = { base: 0 },
  ) {
    this.end = bytes.length;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  /** "block 0, transaction 12, byte 48211" for the given position (default: here). */
  where(pos = this.pos): string {
    const parts: string[] = [];
    if (this.ctx.block !== undefined) parts.push(`block ${this.ctx.block}`);
    if (this.ctx.tx !== undefined) parts.push(`transaction ${this.ctx.tx}`);
    parts.push(`byte ${this.ctx.base + pos}`);
    return parts.join(', ');
  }

  truncated(what: string, need: number, pos = this.pos): SekishoError {
    return CoreErrors.CHAIN_TRUNCATED(
      `${what} needs ${need} byte${need === 1 ? '' : 's'} but only ${this.end - pos} remain`,
      { file: this.ctx.file, position: this.where(pos), offset: this.ctx.base + pos },
    );
  }

  invalid(message: string, pos = this.pos): SekishoError {
    return CoreErrors.CHAIN_PARSE(message, { file: this.ctx.file, position: this.where(pos), offset: this.ctx.base + pos });
  }

  need(n: number, what: string): void {
    if (this.pos + n > this.end) throw this.truncated(what, n);
  }

  u8(what: string): number {
    if (this.pos >= this.end) throw this.truncated(what, 1);
    return this.bytes[this.pos++]!;
  }

  u32(what: string): number {
    if (this.pos + 4 > this.end) throw this.truncated(what, 4);
    const b = this.bytes;
    const p = this.pos;
    this.pos = p + 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** A uint64 as bigint (satoshi amounts). */
  u64(what: string): bigint {
    const lo = this.u32(what);
    const hi = this.u32(what);
    // Below 2^53 the number path is exact and avoids two bigint operations per output.
    return hi < 0x200000 ? BigInt(hi * 4294967296 + lo) : (BigInt(hi) << 32n) | BigInt(lo);
  }

  /**
   * A CompactSize (Core's ReadCompactSize): 1, 3, 5 or 9 bytes. Non-canonical encodings and
   * values above MAX_SIZE are rejected as Core rejects them.
   */
  compactSize(what: string): number {
    const start = this.pos;
    const first = this.u8(what);
    if (first < 0xfd) return first;
    let value: number;
    if (first === 0xfd) {
      if (this.pos + 2 > this.end) throw this.truncated(what, 3, start);
      value = this.bytes[this.pos]! | (this.bytes[this.pos + 1]! << 8);
      this.pos += 2;
      if (value < 0xfd) throw this.invalid(`${what}: non-canonical CompactSize ${value}`, start);
    } else if (first === 0xfe) {
      if (this.pos + 4 > this.end) throw this.truncated(what, 5, start);
      value = this.u32(what);
      if (value < 0x10000) throw this.invalid(`${what}: non-canonical CompactSize ${value}`, start);
    } else {
      if (this.pos + 8 > this.end) throw this.truncated(what, 9, start);
      const lo = this.u32(what);
      const hi = this.u32(what);
      if (hi === 0 && lo < 0x100000000) throw this.invalid(`${what}: non-canonical CompactSize ${lo}`, start);
      throw this.invalid(`${what}: CompactSize ${hi * 4294967296 + lo} exceeds any block`, start);
    }
    if (value > MAX_COMPACT_SIZE) throw this.invalid(`${what}: CompactSize ${value} exceeds Core's limit of ${MAX_COMPACT_SIZE}`, start);
    return value;
  }

  /**
   * A count of items each at least `minBytes` long. A count no valid block could hold
   * (count × minBytes above `limit`) is CHAIN_PARSE; one that a longer input could hold but this
   * one cannot is CHAIN_TRUNCATED. Either way nothing is allocated for it.
   */
  count(what: string, minBytes: number, limit: number): number {
    const start = this.pos;
    const n = this.compactSize(what);
    if (n * minBytes > limit) throw this.invalid(`${what} ${n} is impossible (each takes at least ${minBytes} bytes)`, start);
    if (n * minBytes > this.end - this.pos) throw this.truncated(`${what} ${n}`, n * minBytes);
    return n;
  }

  /** Advances over `n` bytes, returning their start. */
  skip(n: number, what: string): number {
    const p = this.pos;
    if (p + n > this.end) throw this.truncated(what, n);
    this.pos = p + n;
    return p;
  }

  /** A CompactSize-prefixed byte string; returns its start offset (length via pos). */
  varBytes(what: string): number {
    const len = this.compactSize(`${what} length`);
    return this.skip(len, what);
  }
}
