/**
 * @module chain/bitcoin/block
 * Reads a raw serialized block (Bitcoin Core's CBlock: the 80-byte header, a CompactSize
 * transaction count, the transactions) into Sekisho's chain model. Transactions may carry the
 * BIP-144 segwit marker (0x00) and flag (0x01) with per-input witnesses; the txid is the double
 * SHA-256 of the serialization without them (BIP-141), the block hash that of the header. The
 * merkle root in the header is recomputed from the txids and must match, so a block whose bytes
 * were altered anywhere is rejected, not ingested. Height comes from the caller or from the
 * coinbase's BIP-34 push; the coinbase's text is kept as its pool tag.
 */
import { CoreErrors } from '../../errors.ts';
import type { ChainBlock, UtxoInput, UtxoOutput, UtxoTransaction } from '../model.ts';
import { CHAIN_PARAMS, type BitcoinLikeChain, type ChainParams } from './address.ts';
import { bip34Height, coinbaseTag } from './coinbase.ts';
import { toHex, toReversedHex } from './hashes.ts';
import { sha256dRanges } from './sha256.ts';
import { ByteReader, type ReadContext } from './reader.ts';
import { classifyScript } from './script.ts';

export const HEADER_BYTES = 80;
/** Smallest possible transaction: version, 1 input (41 bytes), 1 output (9 bytes), locktime. */
const MIN_TX_BYTES = 60;
const MIN_INPUT_BYTES = 41;
const MIN_OUTPUT_BYTES = 9;

export interface ParseBlockOptions {
  /** Which chain the block is from (address versions, MAX_MONEY); default 'bitcoin'. */
  chain?: BitcoinLikeChain;
  /** The block's height, when the caller knows it; otherwise read from the coinbase (BIP-34). */
  height?: number;
  /**
   * Recompute the merkle root from the txids and reject the block when it differs (default true).
   * As Core's CheckBlock(fCheckMerkleRoot): turn it off only for data known to be altered (tests).
   */
  checkMerkleRoot?: boolean;
}

export interface ParsedBlock {
  block: ChainBlock;
  transactions: UtxoTransaction[];
}

/** Block fields every transaction repeats. */
interface BlockInfo {
  chain: BitcoinLikeChain;
  params: ChainParams;
  hash: string;
  height: number;
  time: number;
}

/**
 * Parses a raw block. Errors: CHAIN_TRUNCATED when the bytes end early (with the offset),
 * CHAIN_PARSE for values no valid block holds, a merkle root that does not match, or bytes left
 * over after the last transaction.
 *
 * @example
 * const { block, transactions } = parseBlock(bytes, { chain: 'bitcoin' });
 * block.hash;                 // '0000000000000000025aff8b…'
 * transactions[0].coinbaseTag // the pool's text
 */
export function parseBlock(bytes: Uint8Array, options: ParseBlockOptions = {}): ParsedBlock {
  return parseBlockIn(bytes, options, { base: 0 });
}

/** parseBlock with a reading context (block index and offset in a blk file). */
export function parseBlockIn(bytes: Uint8Array, options: ParseBlockOptions, ctx: ReadContext): ParsedBlock {
  if (!(bytes instanceof Uint8Array)) throw CoreErrors.CHAIN_FORMAT('a raw block must be given as bytes');
  const chain = options.chain ?? 'bitcoin';
  const params = CHAIN_PARAMS[chain];
  if (params === undefined) throw CoreErrors.CHAIN_FORMAT(`chain '${String(chain)}' does not use Bitcoin's block format; use one of ${Object.keys(CHAIN_PARAMS).join(', ')}`);
  const r = new ByteReader(bytes, ctx);
  r.need(HEADER_BYTES, 'block header');
  const version = r.u32('block version');
  const prevStart = r.skip(32, 'previous block hash');
  const merkleStart = r.skip(32, 'merkle root');
  const time = r.u32('block time');
  r.skip(8, 'bits and nonce');
  const hash = toReversedHex(sha256dRanges(bytes, 0, HEADER_BYTES));
  const txCount = r.count('transaction count', MIN_TX_BYTES, params.maxBlockBytes);
  if (txCount === 0) throw r.invalid('a block has at least its coinbase transaction');

  const info: BlockInfo = { chain, params, hash, height: options.height ?? -1, time };
  const transactions: UtxoTransaction[] = new Array(txCount);
  const txids: Uint8Array[] = new Array(txCount);
  for (let i = 0; i < txCount; i++) {
    ctx.tx = i;
    const { tx, txid } = readTransaction(r, i, info, version);
    transactions[i] = tx;
    txids[i] = txid;
  }
  ctx.tx = undefined;
  if (r.remaining() !== 0) throw r.invalid(`${r.remaining()} bytes follow the last of the ${txCount} transactions`);

  if (options.checkMerkleRoot !== false) {
    const root = merkleRoot(txids);
    const stated = bytes.subarray(merkleStart, merkleStart + 32);
    for (let i = 0; i < 32; i++) {
      if (root[i] !== stated[i]) {
        throw r.invalid(`merkle root ${toReversedHex(stated)} of block ${hash} does not match its transactions (${toReversedHex(root)}); the block was altered or mis-assembled`, merkleStart);
      }
    }
  }
  const block: ChainBlock = {
    chain,
    height: info.height,
    hash,
    parentHash: toReversedHex(bytes.subarray(prevStart, prevStart + 32)),
    time,
    txCount,
  };
  return { block, transactions };
}

function isNullPrevout(b: Uint8Array, p: number): boolean {
  for (let i = 0; i < 32; i++) if (b[p + i] !== 0) return false;
  return b[p + 32] === 0xff && b[p + 33] === 0xff && b[p + 34] === 0xff && b[p + 35] === 0xff;
}

/** One transaction (Core's UnserializeTransaction, with BIP-144's extended format). */
function readTransaction(r: ByteReader, index: number, info: BlockInfo, blockVersion: number): { tx: UtxoTransaction; txid: Uint8Array } {
  const b = r.bytes;
  const start = r.pos;
  r.u32('transaction version');
  let segwit = false;
  let bodyStart = r.pos;
  if (r.remaining() >= 1 && b[r.pos] === 0) {
    // An empty input list can only be the BIP-144 marker: a transaction without inputs is invalid.
    const markerPos = r.pos;
    r.pos++;
    const flag = r.u8('segwit flag');
    if (flag !== 1) throw r.invalid(`transaction has no inputs, or unknown optional data (flag ${flag}; BIP-144 defines 1)`, markerPos);
    segwit = true;
    bodyStart = r.pos;
  }

  const nIn = r.count('input count', MIN_INPUT_BYTES, info.params.maxBlockBytes);
  if (nIn === 0) throw r.invalid('segwit transaction without inputs');
  const inputs: UtxoInput[] = new Array(nIn);
  let coinbaseData: [number, number] | undefined;
  for (let i = 0; i < nIn; i++) {
    const p = r.skip(36, 'input outpoint');
    const sigStart = r.varBytes('input script');
    const sigEnd = r.pos;
    const sequence = r.u32('input sequence');
    if (isNullPrevout(b, p)) {
      if (index !== 0 || nIn !== 1) throw r.invalid(`input ${i} spends the null outpoint, which only a block's first transaction (its single-input coinbase) may`, p);
      coinbaseData = [sigStart, sigEnd];
      inputs[i] = { scriptSig: toHex(b, sigStart, sigEnd), sequence };
    } else {
      const prevVout = (b[p + 32]! | (b[p + 33]! << 8) | (b[p + 34]! << 16) | (b[p + 35]! << 24)) >>> 0;
      inputs[i] = { prevTxid: toReversedHex(b.subarray(p, p + 32)), prevVout, scriptSig: toHex(b, sigStart, sigEnd), sequence };
    }
  }
  if (index === 0 && coinbaseData === undefined) throw r.invalid('the first transaction of a block must be its coinbase', start);

  const nOut = r.count('output count', MIN_OUTPUT_BYTES, info.params.maxBlockBytes);
  const outputs: UtxoOutput[] = new Array(nOut);
  for (let i = 0; i < nOut; i++) {
    const valuePos = r.pos;
    const value = r.u64('output value');
    if (value > info.params.maxMoney) throw r.invalid(`output ${i} value ${value} exceeds the chain's money supply`, valuePos);
    const sStart = r.varBytes('output script');
    const sEnd = r.pos;
    const { type, address } = classifyScript(b, sStart, sEnd, info.params);
    const out: UtxoOutput = { vout: i, value, script: toHex(b, sStart, sEnd), type };
    if (address !== undefined) out.address = address;
    outputs[i] = out;
  }
  const bodyEnd = r.pos;

  if (segwit) {
    let anyWitness = false;
    for (let i = 0; i < nIn; i++) {
      const items = r.count('witness item count', 1, info.params.maxBlockBytes);
      if (items > 0) anyWitness = true;
      for (let k = 0; k < items; k++) r.varBytes('witness item');
    }
    if (!anyWitness) throw r.invalid('segwit marker set but every witness is empty (Core: superfluous witness record)', bodyStart - 2);
  }
  const lockPos = r.skip(4, 'transaction locktime');

  const txid = segwit
    ? sha256dRanges(b, start, start + 4, bodyStart, bodyEnd, lockPos, lockPos + 4)
    : sha256dRanges(b, start, r.pos);

  const tx: UtxoTransaction = {
    chain: info.chain,
    txid: toReversedHex(txid),
    blockHeight: info.height,
    blockHash: info.hash,
    index,
    time: info.time,
    coinbase: coinbaseData !== undefined,
    inputs,
    outputs,
  };
  if (coinbaseData !== undefined) {
    const [cs, ce] = coinbaseData;
    // BIP-34: from version 2 the coinbase data starts with the height.
    const pushed = blockVersion >= 2 ? bip34Height(b, cs, ce) : undefined;
    if (pushed !== undefined && info.height < 0) {
      info.height = pushed.height;
      tx.blockHeight = pushed.height;
    }
    tx.coinbaseTag = coinbaseTag(b, pushed ? cs + pushed.length : cs, ce);
  }
  return { tx, txid };
}

/** The merkle root of txids in internal byte order (Core's ComputeMerkleRoot: odd levels repeat their last node). */
export function merkleRoot(txids: readonly Uint8Array[]): Uint8Array {
  let level = txids.slice();
  const pair = new Uint8Array(64);
  while (level.length > 1) {
    const next: Uint8Array[] = new Array((level.length + 1) >> 1);
    for (let i = 0; i < level.length; i += 2) {
      pair.set(level[i]!, 0);
      pair.set(level[i + 1] ?? level[i]!, 32);
      next[i >> 1] = sha256dRanges(pair, 0, 64);
    }
    level = next;
  }
  return level[0]!;
}
