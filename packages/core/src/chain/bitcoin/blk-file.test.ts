import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hexToBytes } from '@noble/hashes/utils.js';
import { CoreErrors, isSekishoError } from '../../errors.ts';
import { collect, sharedPath } from '../../../test/helpers.ts';
import { blocksFromBlkFile } from './blk-file.ts';
import { merkleRoot } from './block.ts';

const staged = new Uint8Array(readFileSync(sharedPath('chain-analytics/btc_mainnet_block_413567.raw')));
// The staged copy's header root does not match its transactions (block.test.ts); a blk stream always
// verifies, so the stream is built from the block with the root its transactions give.
const raw = staged.slice();
raw.set(hexToBytes('8777d707fb9ca9748b17b4a73a268e8789f8ca58478f615c2359589c12fc35a3').reverse(), 36);

function record(block: Uint8Array, magic = [0xf9, 0xbe, 0xb4, 0xd9]): Uint8Array {
  const out = new Uint8Array(8 + block.length);
  out.set(magic);
  new DataView(out.buffer).setUint32(4, block.length, true);
  out.set(block, 8);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const part of parts) { out.set(part, p); p += part.length; }
  return out;
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function codeOf(stream: AsyncIterable<unknown>): Promise<string | undefined> {
  try {
    await collect(stream);
    return undefined;
  } catch (error) {
    if (isSekishoError(error)) return error.code;
    throw error;
  }
}

test('a two-block blk stream in 7,919-byte chunks yields both blocks, with offsets', async () => {
  const file = concat(record(raw), record(raw));
  const blocks = await collect(blocksFromBlkFile(chunked(file, 7919)));
  assert.equal(blocks.length, 2);
  for (const [i, b] of blocks.entries()) {
    assert.equal(b.index, i);
    assert.match(b.block.hash, /^[0-9a-f]{64}$/); // the header was given its computed root, so the hash is not 0000…4069
    assert.equal(b.transactions.length, 1557);
    assert.equal(b.block.height, 413567);
  }
  assert.deepEqual(blocks.map((b) => b.offset), [0, 8 + raw.length]);
  assert.equal(blocks[0]!.transactions[5]!.txid, blocks[1]!.transactions[5]!.txid);
});

test('chunk sizes do not change the result (1 byte … whole file), and zero padding ends the data', async () => {
  const file = concat(record(raw), record(raw), new Uint8Array(100_000));
  const expected = (await collect(blocksFromBlkFile(chunked(file, file.length)))).map((b) => b.transactions.map((t) => t.txid).join());
  assert.equal(expected.length, 2);
  for (const size of [1_000_003, 65_536, 4096, 333]) {
    const got = (await collect(blocksFromBlkFile(chunked(file, size)))).map((b) => b.transactions.map((t) => t.txid).join());
    assert.deepEqual(got, expected, `chunks of ${size}`);
  }
  // One byte at a time: every field of the record header straddles chunks.
  assert.equal((await collect(blocksFromBlkFile(chunked(record(raw), 1)))).length, 1);
});

test('a cut-off record → CHAIN_TRUNCATED; wrong magic → CHAIN_FORMAT; a block shorter than its record → CHAIN_PARSE', async () => {
  const file = concat(record(raw), record(raw));
  assert.equal(await codeOf(blocksFromBlkFile(chunked(file.subarray(0, file.length - 1000), 7919))), CoreErrors.CHAIN_TRUNCATED.code);
  assert.equal(await codeOf(blocksFromBlkFile(chunked(file.subarray(0, 8 + raw.length + 5), 7919))), CoreErrors.CHAIN_TRUNCATED.code);
  // The first block is still delivered before the cut-off second one is reported.
  const seen: number[] = [];
  await assert.rejects(async () => { for await (const b of blocksFromBlkFile(chunked(file.subarray(0, file.length - 1), 7919))) seen.push(b.index); },
    (e: unknown) => isSekishoError(e, CoreErrors.CHAIN_TRUNCATED.code));
  assert.deepEqual(seen, [0]);
  // Litecoin's magic in a Bitcoin stream, and the raw block with no record header.
  assert.equal(await codeOf(blocksFromBlkFile(chunked(record(raw, [0xfb, 0xc0, 0xb6, 0xdb]), 7919))), CoreErrors.CHAIN_FORMAT.code);
  assert.equal(await codeOf(blocksFromBlkFile(chunked(raw, 7919))), CoreErrors.CHAIN_FORMAT.code);
  const longer = record(concat(raw, new Uint8Array(3)));
  assert.equal(await codeOf(blocksFromBlkFile(chunked(longer, 7919))), CoreErrors.CHAIN_PARSE.code);
  const shorter = record(raw.subarray(0, raw.length - 10));
  assert.equal(await codeOf(blocksFromBlkFile(chunked(shorter, 7919))), CoreErrors.CHAIN_PARSE.code);
  const afterPadding = concat(record(raw), new Uint8Array(10), record(raw));
  assert.equal(await codeOf(blocksFromBlkFile(chunked(afterPadding, 7919))), CoreErrors.CHAIN_FORMAT.code);
  // Block 413,567 as staged: its merkle root does not verify, so the stream stops there.
  assert.equal(await codeOf(blocksFromBlkFile(chunked(record(staged), 7919))), CoreErrors.CHAIN_PARSE.code);
});

test('memory stays bounded: the reader buffers one record, not the stream', async () => {
  const rec = record(raw);
  let produced = 0;
  let maxAhead = 0;
  let consumed = 0;
  async function* stream() {
    for (let i = 0; i < 20; i++) {
      for (let p = 0; p < rec.length; p += 65_536) {
        produced += Math.min(65_536, rec.length - p);
        maxAhead = Math.max(maxAhead, produced - consumed);
        yield rec.subarray(p, p + 65_536);
      }
    }
  }
  let n = 0;
  for await (const b of blocksFromBlkFile(stream())) { n++; consumed = b.offset + 8 + raw.length; }
  assert.equal(n, 20);
  assert.ok(maxAhead < 2 * rec.length + 65_536, `read ahead ${maxAhead} bytes`);
});

test('merkleRoot of one transaction is its txid', () => {
  const id = new Uint8Array(32).fill(7);
  assert.deepEqual(merkleRoot([id]), id);
});
