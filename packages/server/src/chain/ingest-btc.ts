/**
 * @module chain/ingest-btc
 * Sources of Bitcoin-like blocks for `chain ingest` (issue 6):
 * - `btc-block`: raw serialized blocks. A file that starts with the chain's network magic is a
 *   blk*.dat stream (Bitcoin Core's block files: magic, length, block), parsed on a worker thread
 *   (ingest-btc-worker.ts) one record at a time while this thread writes the previous batch; any
 *   other file is one raw block (at most the chain's block size), parsed here, its merkle root
 *   checked unless --no-verify-merkle. A directory stands for its blk*.dat files (rev*.dat undo
 *   files are not blocks). Core 28+ may obfuscate block files with the 8-byte key in
 *   blocks/xor.dat (bitcoin/bitcoin#28052: byte i of a file is XORed with key[i mod 8]); when
 *   that file sits beside a blk file and is not all zeros, it is undone.
 * - `btc-rpc-json`: Bitcoin Core's `getblock <hash> 2` answers, from files or from a node.
 *   A file holds one answer (the result object or the whole JSON-RPC envelope, pretty-printed
 *   or not), or JSON lines (one answer per line: the form for many blocks, read as a stream),
 *   or a JSON array of answers (read whole). From a node URL: getblockcount, then getblockhash
 *   and getblock (verbosity 2) per height of --from..--to (default: the tip block only; --from
 *   alone runs to the tip), after getblockchaininfo confirms the node serves mainnet.
 * Heights filter every source: a block outside --from..--to is read, counted, and not stored.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { CHAIN_PARAMS, NETWORK_MAGIC, parseBlock, parseRpcBlock, type BitcoinLikeChain, type ParsedBlock } from '@sekisho/core';
import { CoreErrors, isSekishoError } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';
import { expandFiles, fileSize, firstBytes, firstLine, inFile, isUrl, shortName } from './ingest-files.ts';
import type { BlkWorkerData, BlkWorkerMessage } from './ingest-btc-worker.ts';
import type { IngestUnit, SourceContext } from './ingest-types.ts';
import { createRpcClient, rpcError, rpcFailure, type RpcClient } from './rpc-client.ts';

const BLK_NAME = /^blk\d+\.dat$/;
const JSON_NAME = /\.(json|jsonl|ndjson)$/i;
/** Read size for blk files: large reads, few chunks per block. */
const CHUNK = 1 << 20;

const magicOf = (b: Uint8Array): number => (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;

/** The obfuscation key beside a blk file (blocks/xor.dat), or undefined when there is none or it is all zeros. */
async function xorKey(file: string): Promise<Uint8Array | undefined> {
  let key: Uint8Array;
  try {
    key = new Uint8Array(await readFile(join(dirname(file), 'xor.dat')));
  } catch {
    return undefined;
  }
  if (key.length !== 8) throw CoreErrors.CHAIN_FORMAT(`xor.dat beside ${shortName(file)} holds ${key.length} bytes; Bitcoin Core writes an 8-byte key`, { file: 'xor.dat' });
  return key.some((b) => b !== 0) ? key : undefined;
}

function bitcoinLike(ctx: SourceContext): BitcoinLikeChain {
  return ctx.chain as BitcoinLikeChain;
}

/** The unit of a parsed block, or undefined (counted) when its height is outside the range. */
function unitOf(ctx: SourceContext, parsed: ParsedBlock, where: string): IngestUnit | undefined {
  const { block } = parsed;
  if (block.height < 0 && (ctx.from !== undefined || ctx.to !== undefined)) {
    throw CoreErrors.CHAIN_FORMAT(`block ${block.hash} states no height (version 1, before BIP-34), so --from/--to cannot select it; ingest it without a range`, { file: where });
  }
  if (!ctx.inRange(block.height)) {
    ctx.skip();
    return undefined;
  }
  return { kind: 'utxo', block, transactions: parsed.transactions };
}

/** One raw block file, its merkle root checked unless the caller turned that off. */
async function rawBlockFile(ctx: SourceContext, file: string): Promise<ParsedBlock> {
  const chain = bitcoinLike(ctx);
  const limit = CHAIN_PARAMS[chain].maxBlockBytes;
  const size = await fileSize(file);
  if (size > limit + 1024) {
    throw CoreErrors.CHAIN_FORMAT(`${size} bytes is more than one ${chain} block (${limit}) and the file does not start with the ${chain} network magic: neither a raw block nor a blk*.dat file`, { file: shortName(file) });
  }
  const bytes = new Uint8Array(await readFile(file));
  try {
    return parseBlock(bytes, { chain, checkMerkleRoot: ctx.verifyMerkle });
  } catch (error) {
    // A CHAIN_PARSE that goes away without the merkle check was the merkle root: say how to proceed.
    if (ctx.verifyMerkle && isSekishoError(error, CoreErrors.CHAIN_PARSE.code)) {
      let parsesUnchecked = false;
      try {
        parseBlock(bytes, { chain, checkMerkleRoot: false });
        parsesUnchecked = true;
      } catch {
        // Malformed regardless of the root: the original error stands.
      }
      if (parsesUnchecked) {
        throw CoreErrors.CHAIN_PARSE(
          `${error.message}. Only when this file is known to differ from the chain (test data) ingest it with --no-verify-merkle: its txids are then computed from its bytes, unproven`,
          { file: shortName(file), merkle: 'mismatch' },
          { cause: error },
        );
      }
    }
    throw inFile(error, shortName(file));
  }
}

/** Rebuilds an error the worker sent: a catalogue error keeps its code, message and details. */
function revive(e: { code?: string; message: string; details?: Record<string, unknown>; stack?: string }): Error {
  const spec = e.code === undefined ? undefined : [...Object.values(CoreErrors), ...Object.values(ServerErrors)].find((s) => s.code === e.code);
  if (spec) {
    const error = spec(e.message); // the message already names the file and position
    Object.assign(error.details, e.details);
    return error;
  }
  const error = new Error(e.message);
  if (e.stack) error.stack = e.stack;
  return error;
}

/**
 * The blocks of blk files, parsed on a worker thread (ingest-btc-worker.ts), as whole batches:
 * the worker parses the next batch while this thread's caller writes the last.
 */
async function* blkFilesInWorker(ctx: SourceContext, files: BlkWorkerData['files']): AsyncGenerator<IngestUnit> {
  const data: BlkWorkerData = { chain: bitcoinLike(ctx), files, from: ctx.from, to: ctx.to, batchBlocks: ctx.batchBlocks, batchItems: ctx.batchItems };
  const worker = new Worker(new URL('./ingest-btc-worker.mjs', import.meta.url), { workerData: data });
  const inbox: BlkWorkerMessage[] = [];
  let failure: Error | undefined;
  let notify: (() => void) | undefined;
  const wake = () => {
    notify?.();
    notify = undefined;
  };
  worker.on('message', (m: BlkWorkerMessage) => {
    inbox.push(m);
    wake();
  });
  worker.on('error', (error) => {
    failure = error;
    wake();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the blk parsing thread stopped (exit code ${code}) before it finished`);
    wake();
  });
  let skipped = 0;
  const skipTo = (total: number) => {
    ctx.skip(total - skipped);
    skipped = total;
  };
  try {
    for (;;) {
      const m = inbox.shift();
      if (m === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (notify = resolve));
        continue;
      }
      if (m.type === 'error') throw revive(m.error);
      skipTo(m.skipped);
      if (m.type === 'done') return;
      yield { kind: 'utxo-rows', rows: m.rows };
      worker.postMessage('ack');
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}

/** What a btc-block file is: one raw block, or a blk stream (maybe XOR-obfuscated). */
async function classify(ctx: SourceContext, file: string): Promise<{ kind: 'raw' } | { kind: 'blk'; xorKey: Uint8Array | null }> {
  const chain = bitcoinLike(ctx);
  const head = await firstBytes(file, 4);
  if (head.length === 0) throw CoreErrors.CHAIN_FORMAT('the file is empty', { file: shortName(file) });
  if (head.length < 4) return { kind: 'raw' };
  const key = await xorKey(file);
  const plain = key ? head.map((b, i) => b ^ key[i]!) : head;
  if (magicOf(plain) === NETWORK_MAGIC[chain]) return { kind: 'blk', xorKey: key ?? null };
  const other = (Object.entries(NETWORK_MAGIC) as [string, number][]).find(([, m]) => m === magicOf(plain) || m === magicOf(head));
  if (other) throw CoreErrors.CHAIN_FORMAT(`a ${other[0]} block file, but the chain is ${chain} (--chain ${other[0]}?)`, { file: shortName(file) });
  // A block starts with its version; four printable characters start text (JSON, CSV), never a block.
  if (head.every((b) => b >= 0x20 && b < 0x7f) || head[0] === 0xef) {
    throw CoreErrors.CHAIN_FORMAT('this is text (JSON or CSV?), not a raw block or blk*.dat file; getblock JSON is --format btc-rpc-json, ethereum-etl exports --format eth-etl', { file: shortName(file) });
  }
  return { kind: 'raw' };
}

/**
 * Blocks of `btc-block` files: raw block files parsed here, runs of blk*.dat files on a worker.
 * @example for await (const unit of btcBlockSource(ctx)) …
 */
export async function* btcBlockSource(ctx: SourceContext): AsyncGenerator<IngestUnit> {
  if (ctx.sources.some(isUrl)) throw CoreErrors.CHAIN_FORMAT('btc-block reads files (raw blocks or blk*.dat); for a node use --format btc-rpc-json <url>');
  const files = await expandFiles(ctx.sources, (n) => BLK_NAME.test(n), 'blk*.dat files');
  const kinds = [];
  for (const file of files) kinds.push({ file, ...(await classify(ctx, file)) });
  if (!ctx.verifyMerkle) {
    const blk = kinds.find((k) => k.kind === 'blk');
    if (blk) throw CoreErrors.CHAIN_FORMAT('--no-verify-merkle applies to single raw block files; the blocks of a blk*.dat file are always checked', { file: shortName(blk.file) });
  }
  for (let i = 0; i < kinds.length; ) {
    const k = kinds[i]!;
    if (k.kind === 'raw') {
      const unit = unitOf(ctx, await rawBlockFile(ctx, k.file), shortName(k.file));
      if (unit) yield unit;
      i++;
      continue;
    }
    const run: BlkWorkerData['files'] = [];
    for (; i < kinds.length && kinds[i]!.kind === 'blk'; i++) {
      const b = kinds[i] as { file: string; kind: 'blk'; xorKey: Uint8Array | null };
      run.push({ path: b.file, name: shortName(b.file), xorKey: b.xorKey });
    }
    yield* blkFilesInWorker(ctx, run);
  }
}

/** Quotes the numbers of `"value":` members so their digits survive JSON.parse (as core's chain/bitcoin/amount.ts does for its own input). */
const quoteValues = (json: string): string => json.replace(/("value"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g, '$1"$2"');

/** The getblock answers of one btc-rpc-json file, as JSON text or parsed values. */
async function* rpcJsonAnswers(file: string): AsyncGenerator<{ answer: unknown; where: string }> {
  const name = shortName(file);
  const first = await firstLine(file);
  if (first === undefined) throw CoreErrors.CHAIN_FORMAT('the file is empty', { file: name });
  let oneLine = false;
  if (first.trimStart().startsWith('{')) {
    try {
      JSON.parse(first);
      oneLine = true;
    } catch {
      // A pretty-printed object: read whole below.
    }
  }
  if (oneLine) {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK }), crlfDelay: Infinity });
    let no = 0;
    for await (const line of lines) {
      no++;
      if (line.trim() !== '') yield { answer: line, where: `${name} line ${no}` };
    }
    return;
  }
  const text = await readFile(file, 'utf8');
  if (text.trimStart().startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(quoteValues(text));
    } catch (error) {
      throw CoreErrors.CHAIN_FORMAT(`not JSON (${(error as Error).message})`, { file: name }, { cause: error });
    }
    const items = list as unknown[];
    for (let i = 0; i < items.length; i++) yield { answer: items[i], where: `${name} [${i}]` };
    return;
  }
  yield { answer: text, where: name };
}

/** Blocks from a Bitcoin Core node over JSON-RPC. */
async function* rpcNodeBlocks(ctx: SourceContext, node: RpcClient): AsyncGenerator<IngestUnit> {
  const chain = bitcoinLike(ctx);
  const info = await node.call<{ chain?: unknown }>('getblockchaininfo');
  if (info?.chain !== 'main') {
    throw CoreErrors.CHAIN_FORMAT(`the node at ${node.url} serves the "${String(info?.chain)}" network; Sekisho ingests mainnet blocks (their addresses are mainnet addresses)`);
  }
  const tip = await node.call<number>('getblockcount');
  const to = ctx.to ?? tip;
  const from = ctx.from ?? to;
  if (to > tip) throw ServerErrors.CHAIN_RPC(`the node's tip is block ${tip}; --to ${to} is beyond it`, { url: node.url });
  for (let height = from; height <= to; height++) {
    const hash = await node.call<string>('getblockhash', [height]);
    const text = await node.callText('getblock', [hash, 2]);
    let parsed: ParsedBlock;
    try {
      parsed = parseRpcBlock(text, { chain, file: `${node.url} block ${height}` });
    } catch (error) {
      // An error answer is the node's refusal, not a malformed block.
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        // Not JSON at all: the parser's CHAIN_FORMAT stands.
      }
      const refused = rpcError(answer);
      if (refused) throw rpcFailure(node.url, `getblock ${hash}`, refused);
      throw error;
    }
    if (parsed.block.height !== height || parsed.block.hash !== hash) {
      throw CoreErrors.CHAIN_PARSE(`asked for block ${height} (${hash}), the node answered block ${parsed.block.height} (${parsed.block.hash}); the chain may have reorganised: run again`, { file: node.url });
    }
    yield { kind: 'utxo', block: parsed.block, transactions: parsed.transactions };
  }
}

/**
 * Blocks of `btc-rpc-json` files, or from a node URL.
 * @example for await (const unit of btcRpcJsonSource(ctx)) …
 */
export async function* btcRpcJsonSource(ctx: SourceContext): AsyncGenerator<IngestUnit> {
  const chain = bitcoinLike(ctx);
  if (ctx.sources.length === 1 && isUrl(ctx.sources[0]!)) {
    yield* rpcNodeBlocks(ctx, createRpcClient(ctx.sources[0]!, { timeoutMs: ctx.timeoutMs }));
    return;
  }
  if (ctx.sources.some(isUrl)) throw CoreErrors.CHAIN_FORMAT('give one node URL, or files: not both');
  const files = await expandFiles(ctx.sources, (n) => JSON_NAME.test(n), 'getblock answers (.json, .jsonl)');
  for (const file of files) {
    for await (const { answer, where } of rpcJsonAnswers(file)) {
      const unit = unitOf(ctx, parseRpcBlock(answer, { chain, file: where }), where);
      if (unit) yield unit;
    }
  }
}
