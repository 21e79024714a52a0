/**
 * @module chain/ingest-evm
 * Sources of EVM chain data for `chain ingest` (issue 6):
 * - `eth-etl`: ethereum-etl exports (github.com/blockchain-etl/ethereum-etl, docs/schema.md), JSON
 *   lines or CSV, any number of files or directories. Each file's kind (blocks, transactions,
 *   token_transfers) is told by its first record's columns, not its name; files are read in that
 *   order, so token transfers of exports without `block_timestamp` take their time from the blocks
 *   read before. Records stream: memory holds one batch.
 * - `eth-rpc`: a node URL. Per batch of blocks: `eth_getBlockByNumber(n, true)` for each block's
 *   transactions (one native transfer each, value 0 kept: it still links two accounts), their
 *   receipts for success and created contracts (`eth_getBlockReceipts`, or per transaction
 *   `eth_getTransactionReceipt` on nodes without it), and `eth_getLogs` with the ERC-20 Transfer
 *   topic over the batch's range (halved and retried when the node refuses a range as too
 *   large). Range: --from..--to, default the latest block only (--from alone runs to the latest).
 *   eth_chainId must be the chain's own id, so a test network is never stored as mainnet.
 */
import { createReadStream } from 'node:fs';
import {
  ERC20_TRANSFER_TOPIC,
  readEtlBlocks,
  readEtlTokenTransfers,
  readEtlTransactions,
  transfersFromLogs,
  transfersFromRpcBlock,
  type AccountTransfer,
  type ChainBlock,
} from '@sekisho/core';
import { CoreErrors, isSekishoError } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';
import { expandFiles, firstLine, isUrl, shortName } from './ingest-files.ts';
import type { IngestUnit, SourceContext } from './ingest-types.ts';
import { createRpcClient, type RpcCall, type RpcClient } from './rpc-client.ts';

type EtlKind = 'blocks' | 'transactions' | 'token_transfers';
const ETL_ORDER: EtlKind[] = ['blocks', 'transactions', 'token_transfers'];
const ETL_NAME = /\.(json|jsonl|ndjson|csv)$/i;
/** The `type` ethereum-etl's `stream` command writes on each record. */
const STREAM_TYPE: Record<string, EtlKind> = { block: 'blocks', transaction: 'transactions', token_transfer: 'token_transfers' };

/** Chain ids (EIP-155; chainlist.org) of the EVM chains Sekisho knows. */
const CHAIN_IDS: Readonly<Record<string, bigint>> = {
  ethereum: 1n,
  'ethereum-classic': 61n,
  bsc: 56n,
  polygon: 137n,
  arbitrum: 42161n,
};

/** The kind of an ethereum-etl export, from its first record's column names. */
async function etlKind(file: string): Promise<EtlKind> {
  const line = await firstLine(file);
  const name = shortName(file);
  if (line === undefined) throw CoreErrors.CHAIN_FORMAT('the file is empty', { file: name });
  let columns: string[];
  let type: unknown;
  if (line.trimStart().startsWith('{')) {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      // ethereum-etl writes one object per line; a document spread over lines is something else.
      throw CoreErrors.CHAIN_FORMAT(`the first line is not a JSON object (${(error as Error).message}): not ethereum-etl JSON lines`, { file: name, position: 'line 1' }, { cause: error });
    }
    columns = Object.keys(record);
    type = record.type;
  } else {
    columns = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  }
  const streamed = typeof type === 'string' ? STREAM_TYPE[type] : undefined;
  if (streamed) return streamed;
  const has = (c: string) => columns.includes(c);
  if (has('token_address')) return 'token_transfers';
  if (has('parent_hash') && has('transaction_count')) return 'blocks';
  if (has('from_address') && has('value') && has('hash')) return 'transactions';
  throw CoreErrors.CHAIN_FORMAT(`not an ethereum-etl blocks, transactions or token_transfers export (columns: ${columns.slice(0, 8).join(', ')}${columns.length > 8 ? ', …' : ''})`, { file: name });
}

/**
 * Blocks and transfers of `eth-etl` files.
 * @example for await (const unit of ethEtlSource(ctx)) …
 */
export async function* ethEtlSource(ctx: SourceContext): AsyncGenerator<IngestUnit> {
  if (ctx.sources.some(isUrl)) throw CoreErrors.CHAIN_FORMAT('eth-etl reads exported files; for a node use --format eth-rpc <url>');
  const files = await expandFiles(ctx.sources, (n) => ETL_NAME.test(n), 'ethereum-etl exports (.json, .csv)');
  const kinds = new Map<string, EtlKind>();
  for (const file of files) kinds.set(file, await etlKind(file));
  const ordered = ETL_ORDER.flatMap((kind) => files.filter((f) => kinds.get(f) === kind));
  const blockTimes = new Map<number, number>();
  const chain = ctx.chain;
  for (const file of ordered) {
    const kind = kinds.get(file)!;
    const source = shortName(file);
    const input = createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;
    const onWarnings = (warnings: string[]) => warnings.forEach((w) => ctx.warn(`${source}: ${w}`));
    try {
      if (kind === 'blocks') {
        for await (const block of readEtlBlocks(input, { chain, source })) {
          if (!ctx.inRange(block.height)) {
            ctx.skip();
            continue;
          }
          blockTimes.set(block.height, block.time);
          yield { kind: 'account', blocks: [block], transfers: [] };
        }
      } else {
        const read = kind === 'transactions' ? readEtlTransactions : readEtlTokenTransfers;
        for await (const transfer of read(input, { chain, source, blockTimes, onWarnings })) {
          if (!ctx.inRange(transfer.blockHeight)) {
            ctx.skip();
            continue;
          }
          yield { kind: 'account', blocks: [], transfers: [transfer] };
        }
      }
    } catch (error) {
      if (isSekishoError(error)) throw error;
      throw ServerErrors.FILE_READ(`${source}: ${(error as Error).message}`, { file: source }, { cause: error });
    }
  }
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** Splits `items` into runs of at most `size`. */
function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Calls a batch in requests of at most `size` calls. */
async function batched<T>(node: RpcClient, calls: RpcCall[], size = 50): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunks(calls, size)) out.push(...(await node.batch<T>(part)));
  return out;
}

/** JSON-RPC "method not found" (-32601), or a message saying the method is not there. */
function isUnsupported(error: unknown): boolean {
  if (!isSekishoError(error, ServerErrors.CHAIN_RPC.code)) return false;
  return error.details.rpcCode === -32601 || /not (exist|available|supported|found)|unsupported|method.*not/i.test(error.message);
}

interface EvmRpcState {
  node: RpcClient;
  /** Whether the node serves eth_getBlockReceipts (found out on first use). */
  blockReceipts?: boolean;
}

/** The receipts of the transactions of `blocks` (raw block objects), by block. */
async function receiptsOf(state: EvmRpcState, blocks: Record<string, unknown>[]): Promise<unknown[][]> {
  if (state.blockReceipts !== false) {
    try {
      const answers = await batched<unknown[]>(state.node, blocks.map((b) => ({ method: 'eth_getBlockReceipts', params: [b.number] })));
      state.blockReceipts = true;
      return answers.map((a) => (Array.isArray(a) ? a : []));
    } catch (error) {
      if (state.blockReceipts === true || !isUnsupported(error)) throw error;
      state.blockReceipts = false;
    }
  }
  const out: unknown[][] = [];
  for (const block of blocks) {
    const hashes = (block.transactions as { hash?: unknown }[]).map((t) => t.hash);
    out.push(await batched<unknown>(state.node, hashes.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })), 100));
  }
  return out;
}

/** ERC-20 Transfer logs of a height range; a range the node refuses is halved until one block. */
async function transferLogs(node: RpcClient, from: number, to: number): Promise<unknown[]> {
  try {
    return await node.call<unknown[]>('eth_getLogs', [{ fromBlock: hex(from), toBlock: hex(to), topics: [ERC20_TRANSFER_TOPIC] }]);
  } catch (error) {
    // Providers cap a getLogs answer (results or range); smaller ranges get through.
    if (from === to || !isSekishoError(error, ServerErrors.CHAIN_RPC.code)) throw error;
    const mid = Math.floor((from + to) / 2);
    return [...(await transferLogs(node, from, mid)), ...(await transferLogs(node, mid + 1, to))];
  }
}

/** One batch of heights: blocks, native transfers, token transfers; checked against each other. */
async function rpcBatch(ctx: SourceContext, state: EvmRpcState, from: number, to: number): Promise<IngestUnit> {
  const { node } = state;
  const heights = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const raw = await batched<unknown>(node, heights.map((h) => ({ method: 'eth_getBlockByNumber', params: [hex(h), true] })), 20);
  raw.forEach((b, i) => {
    if (b === null || typeof b !== 'object') throw ServerErrors.CHAIN_RPC(`the node at ${node.url} has no block ${heights[i]} (answer ${JSON.stringify(b)})`, { url: node.url });
  });
  const objects = raw as Record<string, unknown>[];
  const receipts = await receiptsOf(state, objects);
  const blocks: ChainBlock[] = [];
  const transfers: AccountTransfer[] = [];
  const hashes = new Map<number, string>();
  const times = new Map<number, number>();
  objects.forEach((object, i) => {
    const { block, transfers: native, warnings } = transfersFromRpcBlock(object, { chain: ctx.chain, receipts: receipts[i] });
    if (block.height !== heights[i]) throw CoreErrors.CHAIN_PARSE(`asked for block ${heights[i]}, the node answered block ${block.height}`, { file: node.url });
    warnings.forEach((w) => ctx.warn(w));
    blocks.push(block);
    transfers.push(...native);
    hashes.set(block.height, block.hash);
    times.set(block.height, block.time);
  });
  const logs = await transferLogs(node, from, to);
  for (const log of logs) {
    const l = log as { blockNumber?: unknown; blockHash?: unknown };
    if (typeof l.blockNumber !== 'string' || typeof l.blockHash !== 'string') continue; // the parser reports malformed logs
    const known = hashes.get(Number(BigInt(l.blockNumber)));
    if (known !== undefined && known !== l.blockHash.toLowerCase()) {
      throw CoreErrors.CHAIN_PARSE(`a log of block ${Number(BigInt(l.blockNumber))} names block hash ${l.blockHash}, the block read was ${known}; the chain reorganised during the batch: run again`, { file: node.url });
    }
  }
  const tokens = transfersFromLogs(logs, { chain: ctx.chain, blockTimes: times });
  tokens.warnings.forEach((w) => ctx.warn(w));
  transfers.push(...tokens.transfers);
  return { kind: 'account', blocks, transfers };
}

/**
 * Blocks and transfers from an Ethereum JSON-RPC node (`eth-rpc`).
 * @example for await (const unit of ethRpcSource(ctx)) …
 */
export async function* ethRpcSource(ctx: SourceContext): AsyncGenerator<IngestUnit> {
  if (ctx.sources.length !== 1 || !isUrl(ctx.sources[0]!)) throw CoreErrors.CHAIN_FORMAT('eth-rpc reads from one node URL (http://host:8545); for exported files use --format eth-etl');
  const node = createRpcClient(ctx.sources[0]!, { timeoutMs: ctx.timeoutMs });
  const expected = CHAIN_IDS[ctx.chain];
  const id = BigInt(await node.call<string>('eth_chainId'));
  if (expected !== undefined && id !== expected) {
    throw CoreErrors.CHAIN_FORMAT(`the node at ${node.url} serves chain id ${id}, not ${ctx.chain} (chain id ${expected}); name the chain it serves with --chain, test networks are not ingested`);
  }
  const latest = Number(BigInt(await node.call<string>('eth_blockNumber')));
  const to = ctx.to ?? latest;
  const from = ctx.from ?? to;
  if (to > latest) throw ServerErrors.CHAIN_RPC(`the node's latest block is ${latest}; --to ${to} is beyond it`, { url: node.url });
  const state: EvmRpcState = { node };
  for (let start = from; start <= to; start += ctx.batchBlocks) {
    yield await rpcBatch(ctx, state, start, Math.min(to, start + ctx.batchBlocks - 1));
  }
}
