/**
 * @module chain/ethereum/etl
 * ethereum-etl exports (github.com/blockchain-etl/ethereum-etl, docs/schema.md: blocks.csv,
 * transactions.csv, token_transfers.csv, or the same records as JSON lines) read into the chain
 * model: blocks into ChainBlock, each transaction's own value into a native AccountTransfer
 * (logIndex -1), each ERC-20 `Transfer` event (EIP-20) into a token AccountTransfer whose asset
 * is the token contract. Works for any EVM chain ethereum-etl exports (the chain is a parameter).
 *
 * Readers come in two forms: `readEtl*` async generators for streaming ingestion (memory stays
 * bounded), and `parseEtl*` that collect a whole file. An error is thrown at the first bad record
 * with its line; nothing is skipped silently (skips and assumptions are listed as warnings).
 */
import type { Chain } from '../../addresses/index.ts';
import { CoreErrors } from '../../errors.ts';
import type { AccountTransfer, ChainBlock } from '../model.ts';
import { readEtlRecords, type EtlInput, type EtlRecord } from './etl-records.ts';
import { decimalBigint, decimalNumber, evmAddress, evmChain, hash32, isEmpty } from './fields.ts';
import { WarningTally } from './warnings.ts';

export type { EtlInput } from './etl-records.ts';

export interface EtlOptions {
  /** The EVM chain the export is of (default 'ethereum'). */
  chain?: Chain;
  /** File name for error messages. */
  source?: string;
  /**
   * Block times (Unix seconds) by height, for exports without `block_timestamp` (older
   * token_transfers.csv). Without either, `time` is -1 and a warning says so.
   */
  blockTimes?: ReadonlyMap<number, number>;
}

export interface EtlStreamOptions extends EtlOptions {
  /** Receives the warnings (skips, assumptions) when the stream ends. */
  onWarnings?: (warnings: string[]) => void;
}

/** Transfers read from a batch, and what was skipped or assumed while reading them. */
export interface TransferBatch {
  transfers: AccountTransfer[];
  warnings: string[];
}

/** The columns each kind of export must have (ethereum-etl docs/schema.md). */
const REQUIRED = {
  blocks: ['number', 'hash', 'parent_hash', 'timestamp', 'transaction_count'],
  transactions: ['hash', 'block_number', 'from_address', 'to_address', 'value'],
  token_transfers: ['token_address', 'from_address', 'to_address', 'value', 'transaction_hash', 'log_index', 'block_number'],
} as const;

/** The `type` the `stream` command writes on each record. */
const TYPE = { blocks: 'block', transactions: 'transaction', token_transfers: 'token_transfer' } as const;

function position(record: EtlRecord, source?: string): string {
  return source ? `${source} line ${record.line}` : `line ${record.line}`;
}

/** A record of another kind in the stream (`stream` writes the kind as `type`) is CHAIN_FORMAT. */
function checkType(record: EtlRecord, kind: keyof typeof TYPE, source?: string): void {
  const type = record.fields.type;
  if (!isEmpty(type) && type !== TYPE[kind]) {
    throw CoreErrors.CHAIN_FORMAT(`a "${String(type)}" record where ${kind.replace('_', ' ')} were expected`, {
      position: position(record, source),
    });
  }
}

function blockTime(fields: Record<string, unknown>, height: number, at: string, options: EtlOptions, tally: WarningTally, example: string): number {
  if (!isEmpty(fields.block_timestamp)) return decimalNumber(fields.block_timestamp, 'block_timestamp', at);
  const known = options.blockTimes?.get(height);
  if (known !== undefined) return known;
  tally.add('records without block_timestamp and no block time given: time -1', example);
  return -1;
}

function toBlock(record: EtlRecord, chain: Chain, options: EtlOptions): ChainBlock {
  checkType(record, 'blocks', options.source);
  const f = record.fields;
  const at = position(record, options.source);
  return {
    chain,
    height: decimalNumber(f.number, 'number', at),
    hash: hash32(f.hash, 'hash', at),
    parentHash: hash32(f.parent_hash, 'parent_hash', at),
    time: decimalNumber(f.timestamp, 'timestamp', at),
    txCount: decimalNumber(f.transaction_count, 'transaction_count', at),
  };
}

function toNativeTransfer(record: EtlRecord, chain: Chain, options: EtlOptions, tally: WarningTally): AccountTransfer | undefined {
  checkType(record, 'transactions', options.source);
  const f = record.fields;
  const at = position(record, options.source);
  const txHash = hash32(f.hash, 'hash', at);
  const blockHeight = decimalNumber(f.block_number, 'block_number', at);
  const time = blockTime(f, blockHeight, at, options, tally, txHash);
  const from = evmAddress(f.from_address, 'from_address', at);
  const value = decimalBigint(f.value, 'value', at);
  let to: string;
  if (!isEmpty(f.to_address)) to = evmAddress(f.to_address, 'to_address', at);
  else if (!isEmpty(f.receipt_contract_address)) to = evmAddress(f.receipt_contract_address, 'receipt_contract_address', at);
  else {
    tally.add('contract creations without receipt_contract_address: native value not recorded', txHash);
    return undefined;
  }
  let ok = true;
  const status = f.receipt_status;
  if (isEmpty(status)) tally.add('transactions without receipt_status: taken as succeeded', txHash);
  else if (status === 0 || status === '0') ok = false;
  else if (status !== 1 && status !== '1') {
    throw CoreErrors.CHAIN_PARSE(`receipt_status ${JSON.stringify(status)} is neither 0 nor 1`, { position: at });
  }
  return { chain, txHash, blockHeight, time, logIndex: -1, from, to, value, asset: 'native', ok };
}

function toTokenTransfer(record: EtlRecord, chain: Chain, options: EtlOptions, tally: WarningTally): AccountTransfer {
  checkType(record, 'token_transfers', options.source);
  const f = record.fields;
  const at = position(record, options.source);
  const txHash = hash32(f.transaction_hash, 'transaction_hash', at);
  const blockHeight = decimalNumber(f.block_number, 'block_number', at);
  return {
    chain,
    txHash,
    blockHeight,
    time: blockTime(f, blockHeight, at, options, tally, txHash),
    logIndex: decimalNumber(f.log_index, 'log_index', at),
    from: evmAddress(f.from_address, 'from_address', at),
    to: evmAddress(f.to_address, 'to_address', at),
    value: decimalBigint(f.value, 'value', at),
    asset: evmAddress(f.token_address, 'token_address', at),
    ok: true,
  };
}

type Mapper<T> = (record: EtlRecord, chain: Chain, options: EtlOptions, tally: WarningTally) => T | undefined;

/** Records of one kind mapped in batches; the warnings go to `onWarnings` when the input ends. */
async function* mapped<T>(input: EtlInput, kind: keyof typeof REQUIRED, options: EtlStreamOptions, map: Mapper<T>): AsyncGenerator<T[]> {
  const chain = evmChain(options.chain);
  const tally = new WarningTally();
  for await (const records of readEtlRecords(input, kind.replace('_', ' '), REQUIRED[kind], options.source)) {
    const out: T[] = [];
    for (const record of records) {
      const item = map(record, chain, options, tally);
      if (item !== undefined) out.push(item);
    }
    if (out.length > 0) yield out;
  }
  options.onWarnings?.(tally.list());
}

async function* flat<T>(batches: AsyncGenerator<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

async function all<T>(batches: AsyncGenerator<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of batches) for (const item of batch) out.push(item);
  return out;
}

/**
 * Blocks of an ethereum-etl blocks export, as they are read.
 * @example for await (const block of readEtlBlocks(createReadStream('blocks.json'))) store(block);
 */
export function readEtlBlocks(input: EtlInput, options: EtlOptions = {}): AsyncGenerator<ChainBlock> {
  return flat(mapped(input, 'blocks', options, toBlock));
}

/**
 * The native value of each transaction of an ethereum-etl transactions export, one transfer
 * per transaction (a zero-value call is kept, value 0n: it still links the two accounts).
 * `ok` comes from `receipt_status` (1 success, 0 failure, EIP-658); where the export has none
 * (pre-Byzantium blocks, or transactions.csv exported without receipts) the transaction is
 * taken as succeeded and a warning says how many. A contract creation (`to_address` empty)
 * pays the created contract (`receipt_contract_address`); without it the transfer is skipped
 * and a warning names the transaction.
 */
export function readEtlTransactions(input: EtlInput, options: EtlStreamOptions = {}): AsyncGenerator<AccountTransfer> {
  return flat(mapped(input, 'transactions', options, toNativeTransfer));
}

/**
 * ERC-20 `Transfer` events of an ethereum-etl token_transfers export (EIP-20), asset = the token
 * contract, lower-case. Events exist only for successful transactions, so `ok` is true.
 */
export function readEtlTokenTransfers(input: EtlInput, options: EtlStreamOptions = {}): AsyncGenerator<AccountTransfer> {
  return flat(mapped(input, 'token_transfers', options, toTokenTransfer));
}

/**
 * All blocks of an ethereum-etl blocks export (JSON lines or CSV).
 * @example const blocks = await parseEtlBlocks(readFileSync('blocks.json', 'utf8'));
 */
export async function parseEtlBlocks(input: EtlInput, options: EtlOptions = {}): Promise<ChainBlock[]> {
  return all(mapped(input, 'blocks', options, toBlock));
}

/**
 * The native transfers of an ethereum-etl transactions export (see readEtlTransactions).
 * @example const { transfers, warnings } = await parseEtlTransactions(lines, { chain: 'polygon' });
 */
export async function parseEtlTransactions(input: EtlInput, options: EtlOptions = {}): Promise<TransferBatch> {
  const warnings: string[] = [];
  const transfers = await all(mapped(input, 'transactions', { ...options, onWarnings: (w) => warnings.push(...w) }, toNativeTransfer));
  return { transfers, warnings };
}

/**
 * The token transfers of an ethereum-etl token_transfers export (see readEtlTokenTransfers).
 * @example const usdt = (await parseEtlTokenTransfers(text)).transfers.filter((t) => t.asset === USDT);
 */
export async function parseEtlTokenTransfers(input: EtlInput, options: EtlOptions = {}): Promise<TransferBatch> {
  const warnings: string[] = [];
  const transfers = await all(mapped(input, 'token_transfers', { ...options, onWarnings: (w) => warnings.push(...w) }, toTokenTransfer));
  return { transfers, warnings };
}
