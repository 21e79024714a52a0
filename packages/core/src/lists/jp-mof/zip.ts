/**
 * @module lists/jp-mof/zip
 * A small ZIP reader for Office Open XML packages: it reads the central directory (PKWARE
 * APPNOTE.TXT 6.3.10, sections 4.3.12 and 4.3.16), then inflates one entry at a time with
 * fflate's streaming Inflate, so only the compressed file and one part's current chunk are in
 * memory. Every entry is checked against its CRC-32 and declared size (APPNOTE 4.4.7-4.4.9):
 * a damaged download must fail, never yield a partial workbook.
 *
 * Errors: not a ZIP → SEK_LIST_FORMAT; a ZIP whose end (central directory) is missing →
 * SEK_LIST_TRUNCATED; a damaged entry (bad header, bad deflate data, CRC or size mismatch) →
 * SEK_LIST_DECOMPRESS.
 */
import { Inflate } from 'fflate';
import { CoreErrors } from '../../errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  /** The file name the archive came from, for error messages. */
  file: string;
  bytes: Uint8Array;
  entries: Map<string, ZipEntry>;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
/** Largest uncompressed part accepted: far above any sanctions workbook, low enough to stop a ZIP bomb. */
export const MAX_ENTRY_SIZE = 512 * 1024 * 1024;
/** Compressed bytes handed to the inflater at a time. */
const SLICE = 64 * 1024;

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** Whether the bytes start like a ZIP archive (a local file header or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const sig = u32(bytes, 0);
  return sig === SIG_LOCAL || sig === SIG_END;
}

/** Reads the central directory of a complete ZIP held in memory. */
export function openZip(bytes: Uint8Array, file: string, formatName: string): ZipArchive {
  if (!looksLikeZip(bytes)) throw CoreErrors.LIST_FORMAT(`not an ${formatName} file (no ZIP signature at the start)`, { file, position: 'byte 0' });
  // The end-of-central-directory record sits in the last 22 + 65535 (max comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === SIG_END && i + 22 + u16(bytes, i + 20) <= bytes.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw CoreErrors.LIST_TRUNCATED(`the ZIP archive has no central directory (the end of the file is missing)`, { file, position: `byte ${bytes.length}` });
  const count = u16(bytes, end + 10);
  const cdSize = u32(bytes, end + 12);
  const cdOffset = u32(bytes, end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw CoreErrors.LIST_FORMAT(`ZIP64 archives are not an ${formatName} format`, { file });
  if (cdOffset + cdSize > end) throw CoreErrors.LIST_DECOMPRESS(`the ZIP central directory points outside the file`, { file, position: `byte ${end}` });

  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder('utf-8');
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(bytes, at) !== SIG_CENTRAL) throw CoreErrors.LIST_DECOMPRESS(`damaged ZIP central directory (entry ${i + 1} of ${count})`, { file, position: `byte ${at}` });
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (flags & 1) throw CoreErrors.LIST_FORMAT(`the archive is encrypted; an ${formatName} file is not`, { file });
    entries.set(name, {
      name,
      method: u16(bytes, at + 10),
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localHeaderOffset: u32(bytes, at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { file, bytes, entries };
}

/**
 * Streams one entry's uncompressed bytes in chunks. Checks the local header, the deflate
 * stream, the declared size and the CRC-32; throws SEK_LIST_DECOMPRESS on any mismatch.
 */
export function* readEntry(zip: ZipArchive, entry: ZipEntry): Generator<Uint8Array> {
  const { bytes, file } = zip;
  const where = { file, position: entry.name };
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== SIG_LOCAL) throw CoreErrors.LIST_DECOMPRESS(`damaged ZIP entry header`, where);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const stop = start + entry.compressedSize;
  if (stop > bytes.length) throw CoreErrors.LIST_TRUNCATED(`the ZIP entry ends beyond the end of the file`, where);
  if (entry.size > MAX_ENTRY_SIZE) throw CoreErrors.LIST_FORMAT(`a part of ${entry.size} bytes is larger than any sanctions workbook`, where);

  let crc = 0xffffffff;
  let produced = 0;
  const check = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > entry.size) throw CoreErrors.LIST_DECOMPRESS(`the ZIP entry inflates to more than its declared ${entry.size} bytes`, where);
    crc = crc32Update(crc, chunk);
  };

  if (entry.method === 0) {
    for (let i = start; i < stop; i += SLICE) {
      const chunk = bytes.subarray(i, Math.min(stop, i + SLICE));
      check(chunk);
      yield chunk;
    }
  } else if (entry.method === 8) {
    let out: Uint8Array[] = [];
    const inflater = new Inflate((chunk) => {
      out.push(chunk);
    });
    for (let i = start; i < stop; i += SLICE) {
      const last = i + SLICE >= stop;
      try {
        inflater.push(bytes.subarray(i, Math.min(stop, i + SLICE)), last);
      } catch (error) {
        throw CoreErrors.LIST_DECOMPRESS(`damaged deflate data (${error instanceof Error ? error.message : String(error)})`, where, { cause: error });
      }
      for (const chunk of out) check(chunk);
      const ready = out;
      out = [];
      yield* ready;
    }
    if (start === stop) throw CoreErrors.LIST_DECOMPRESS(`the ZIP entry has no compressed data`, where);
  } else {
    throw CoreErrors.LIST_DECOMPRESS(`unsupported ZIP compression method ${entry.method}`, where);
  }
  if (produced !== entry.size) throw CoreErrors.LIST_DECOMPRESS(`the ZIP entry inflates to ${produced} bytes, not the declared ${entry.size}`, where);
  if (((crc ^ 0xffffffff) >>> 0) !== entry.crc) throw CoreErrors.LIST_DECOMPRESS(`CRC-32 mismatch: the ZIP entry is damaged`, where);
}

let CRC_TABLE: Uint32Array | undefined;

/** CRC-32 (ISO-HDLC polynomial 0xEDB88320, as APPNOTE 4.4.7 specifies), updated over a chunk. */
function crc32Update(crc: number, chunk: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = crc;
  for (let i = 0; i < chunk.length; i++) c = CRC_TABLE[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}
