/**
 * Synthetic Bitcoin blocks for ingest tests and bench:chain, derived from a real block.
 *
 * Format: Bitcoin Core's serialized CBlock (80-byte header, CompactSize count, transactions in
 * the legacy serialization) and blk*.dat records (network magic f9 be b4 d9, 4-byte
 * little-endian length, block), as src/node/blockstorage.cpp writes them. The template is mainnet
 * block 413,567 (../shared/chain-analytics/btc_mainnet_block_413567.raw, pre-SegWit), so every
 * transaction keeps its real shape: input and output counts, script types and sizes, values.
 *
 * Block k of a series (height start + k) is the template with, deterministically:
 * - the coinbase's BIP-34 height push set to the block's height (so txids differ per block);
 * - every other transaction's nLockTime set to height - 1 (what anti-fee-sniping wallets write);
 * - inputs that spend a transaction of the same block pointed at that transaction's new txid;
 * - inputs that spend older coins pointed at an unspent output of an earlier synthetic block
 *   (seeded choice), or, when none is left, at a fictitious txid derived from (height, tx, input);
 * - a header chaining to the previous synthetic block, time + 600 s per block, and the merkle
 *   root of the new txids (computed here with node:crypto, independently of the parser).
 * Proof of work is not redone (no parser checks it); signatures no longer verify (none is checked).
 * Nothing here is real chain data: it is for volume and speed, never presented as mainnet.
 */
import { createHash } from 'node:crypto';

const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();
const sha256d = (b: Uint8Array): Buffer => sha256(sha256(b));

/** Where the parts of one transaction sit in the template. */
interface TxLayout {
  start: number;
  end: number;
  /** Offsets of each input's 36-byte outpoint. */
  outpoints: number[];
  /** Offset of input 0's script (the coinbase data of a coinbase). */
  script0: number;
  outputs: number;
}

function readVarint(b: Uint8Array, p: number): [number, number] {
  const f = b[p]!;
  if (f < 0xfd) return [f, p + 1];
  const view = new DataView(b.buffer, b.byteOffset);
  if (f === 0xfd) return [view.getUint16(p + 1, true), p + 3];
  if (f === 0xfe) return [view.getUint32(p + 1, true), p + 5];
  throw new Error('template: 8-byte CompactSize not expected');
}

function varint(n: number): Uint8Array {
  if (n < 0xfd) return Uint8Array.of(n);
  if (n <= 0xffff) return Uint8Array.of(0xfd, n & 0xff, n >>> 8);
  return Uint8Array.of(0xfe, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);
}

/** The transactions of a legacy-serialized block (the template has no segwit transactions). */
function layout(block: Uint8Array): TxLayout[] {
  let [count, p] = readVarint(block, 80);
  const txs: TxLayout[] = [];
  while (count-- > 0) {
    const start = p;
    p += 4;
    if (block[p] === 0) throw new Error('template: segwit transactions are not supported');
    let n: number;
    [n, p] = readVarint(block, p);
    const outpoints: number[] = [];
    let script0 = -1;
    for (let i = 0; i < n; i++) {
      outpoints.push(p);
      p += 36;
      let len: number;
      [len, p] = readVarint(block, p);
      if (i === 0) script0 = p;
      p += len + 4;
    }
    let outputs: number;
    [outputs, p] = readVarint(block, p);
    for (let i = 0; i < outputs; i++) {
      p += 8;
      let len: number;
      [len, p] = readVarint(block, p);
      p += len;
    }
    p += 4;
    txs.push({ start, end: p, outpoints, script0, outputs });
  }
  if (p !== block.length) throw new Error(`template: ${block.length - p} bytes after the last transaction`);
  return txs;
}

export interface SyntheticOptions {
  /** Number of blocks. */
  blocks: number;
  /** Height of the first block (default 413,568: the one after the template). */
  startHeight?: number;
  /** Keep only the first N transactions of the template (coinbase included); default all. */
  transactions?: number;
  /** PRNG seed for the choice of spent outputs (default 1). */
  seed?: number;
}

export interface SyntheticBlock {
  bytes: Uint8Array;
  height: number;
  /** Block hash as explorers write it. */
  hash: string;
  /** Txids as explorers write them, in block order. */
  txids: string[];
  outputs: number;
  inputs: number;
}

/**
 * Blocks derived from `template` (see the module comment), one at a time: memory holds one block
 * and a pool of unspent outputs of at most 100,000 entries, whatever the count.
 * @example for (const b of syntheticBlocks(raw, { blocks: 200 })) out.write(blkRecord(b.bytes));
 */
export function* syntheticBlocks(template: Uint8Array, options: SyntheticOptions): Generator<SyntheticBlock> {
  const all = layout(template);
  const txs = all.slice(0, options.transactions ?? all.length);
  if (template[all[0]!.script0] !== 3) throw new Error('template: the coinbase does not start with a 3-byte height push');
  const templateIds = all.map((t) => Buffer.from(sha256d(template.subarray(t.start, t.end))).toString('hex'));
  const indexOf = new Map(templateIds.map((id, i) => [id, i]));
  const startHeight = options.startHeight ?? 413_568;
  let state = options.seed ?? 1;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pool: Uint8Array[] = []; // unspent outpoints (36 bytes) of earlier synthetic blocks
  let prevHash: Uint8Array = template.subarray(4, 36);
  const time = new DataView(template.buffer, template.byteOffset).getUint32(68, true);

  for (let k = 0; k < options.blocks; k++) {
    const height = startHeight + k;
    const bodies: Uint8Array[] = [];
    const ids: Buffer[] = [];
    const minted: Uint8Array[] = [];
    let inputs = 0;
    let outputs = 0;
    for (const [i, t] of txs.entries()) {
      const tx = template.slice(t.start, t.end);
      const view = new DataView(tx.buffer);
      if (i === 0) {
        const at = t.script0 - t.start + 1;
        tx[at] = height & 0xff;
        tx[at + 1] = (height >>> 8) & 0xff;
        tx[at + 2] = (height >>> 16) & 0xff;
      } else {
        view.setUint32(tx.length - 4, height - 1, true);
        for (const [vin, op] of t.outpoints.entries()) {
          const at = op - t.start;
          const spent = Buffer.from(tx.subarray(at, at + 32)).toString('hex');
          const inBlock = indexOf.get(spent);
          if (inBlock !== undefined && inBlock < i) {
            tx.set(ids[inBlock]!, at); // an in-block spend: the parent's new txid, same output index
          } else if (pool.length > 0) {
            const j = Math.floor(random() * pool.length);
            tx.set(pool[j]!, at);
            pool[j] = pool[pool.length - 1]!;
            pool.pop();
          } else {
            tx.set(sha256(Uint8Array.of(height & 0xff, height >>> 8, height >>> 16, i & 0xff, i >>> 8, vin & 0xff, vin >>> 8)), at);
          }
        }
      }
      const id = sha256d(tx);
      ids.push(id);
      bodies.push(tx);
      inputs += t.outpoints.length;
      outputs += t.outputs;
      for (let vout = 0; vout < t.outputs; vout++) {
        const op = new Uint8Array(36);
        op.set(id, 0);
        new DataView(op.buffer).setUint32(32, vout, true);
        minted.push(op);
      }
    }
    // Outputs spent inside this block are not offered again (a good enough approximation: the
    // pool only needs plausible, mostly distinct outpoints).
    for (const op of minted) if (pool.length < 100_000) pool.push(op);

    let level: Buffer[] = ids;
    while (level.length > 1) {
      const next: Buffer[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(sha256d(Buffer.concat([level[i]!, level[i + 1] ?? level[i]!])));
      level = next;
    }
    const header = template.slice(0, 80);
    const hv = new DataView(header.buffer);
    header.set(prevHash, 4);
    header.set(level[0]!, 36);
    hv.setUint32(68, time + 600 * (k + 1), true);
    const count = varint(bodies.length);
    const size = 80 + count.length + bodies.reduce((n, b) => n + b.length, 0);
    const bytes = new Uint8Array(size);
    bytes.set(header, 0);
    bytes.set(count, 80);
    let p = 80 + count.length;
    for (const b of bodies) {
      bytes.set(b, p);
      p += b.length;
    }
    const hash = sha256d(header);
    prevHash = hash;
    yield {
      bytes,
      height,
      hash: Buffer.from(hash).reverse().toString('hex'),
      txids: ids.map((id) => Buffer.from(id).reverse().toString('hex')),
      outputs,
      inputs,
    };
  }
}

/** A blk*.dat record: mainnet magic, little-endian length, the block. */
export function blkRecord(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + block.length);
  out.set([0xf9, 0xbe, 0xb4, 0xd9]);
  new DataView(out.buffer).setUint32(4, block.length, true);
  out.set(block, 8);
  return out;
}

/** The blk*.dat bytes of several blocks, one record each. */
export function blkFile(blocks: readonly SyntheticBlock[]): Uint8Array {
  return Buffer.concat(blocks.map((b) => blkRecord(b.bytes)));
}
