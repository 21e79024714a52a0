/**
 * @module chain/ethereum/rpc
 * Ethereum JSON-RPC answers (ethereum.github.io/execution-apis, "Ethereum JSON-RPC
 * Specification") read into the chain model: `eth_getBlockByNumber(n, true)` into the block and
 * one native transfer per transaction, `eth_getLogs` into the ERC-20 `Transfer` events (EIP-20:
 * `Transfer(address indexed from, address indexed to, uint256 value)`, so topics[1] and
 * topics[2] hold the 32-byte padded addresses and data the value). Quantities are hex strings
 * ("0x1a"), read straight into bigint. Each function takes the `result` member, the whole
 * JSON-RPC response object, or its text; skips and assumptions come back as warnings.
 */
import type { Chain } from '../../addresses/index.ts';
import { CoreErrors } from '../../errors.ts';
import type { AccountTransfer, ChainBlock } from '../model.ts';
import { evmAddress, evmChain, hash32, hexBigint, hexNumber, isEmpty } from './fields.ts';
import { endsInsideValue } from './lossless-json.ts';
import { WarningTally } from './warnings.ts';

/** keccak-256("Transfer(address,address,uint256)"): topic 0 of every ERC-20 and ERC-721 Transfer. */
export const ERC20_TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

/** The part of a transaction object (eth_getBlockByNumber with `true`) this module reads. */
export interface RpcTransaction {
  hash: string;
  from: string;
  /** null for a contract creation. */
  to: string | null;
  value: string;
  blockNumber?: string | null;
  transactionIndex?: string | null;
}

/** The part of a block object this module reads. */
export interface RpcBlock {
  number: string;
  hash: string;
  parentHash: string;
  timestamp: string;
  transactions: RpcTransaction[];
}

/** The part of a receipt (eth_getTransactionReceipt, eth_getBlockReceipts) this module reads. */
export interface RpcReceipt {
  transactionHash: string;
  /** "0x1" success, "0x0" failure (EIP-658); absent before Byzantium, which has `root` instead. */
  status?: string | null;
  /** The created contract, for a contract creation. */
  contractAddress?: string | null;
}

/** A log object of eth_getLogs. */
export interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  transactionHash: string;
  logIndex: string;
  blockHash?: string;
  transactionIndex?: string;
  /** true when the log was dropped by a chain reorganisation. */
  removed?: boolean;
  /** Newer nodes add the block's time to each log. */
  blockTimestamp?: string;
}

export interface RpcOptions {
  /** The EVM chain the node serves (default 'ethereum'). */
  chain?: Chain;
}

export interface RpcBlockOptions extends RpcOptions {
  /**
   * The block's receipts (eth_getBlockReceipts, or eth_getTransactionReceipt answers), for the
   * success flag of each transaction and the address a contract creation made. Without them
   * every transaction is taken as succeeded, and a warning says so.
   */
  receipts?: unknown;
}

export interface RpcLogOptions extends RpcOptions {
  /** Block times (Unix seconds) by height, for logs without `blockTimestamp`; else time is -1. */
  blockTimes?: ReadonlyMap<number, number>;
}

export interface RpcBlockTransfers {
  block: ChainBlock;
  transfers: AccountTransfer[];
  warnings: string[];
}

export interface RpcLogTransfers {
  transfers: AccountTransfer[];
  warnings: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `result` of a JSON-RPC answer given as text, response object, or result itself. */
function unwrap(answer: unknown, method: string): unknown {
  let value = answer;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (cause) {
      const make = endsInsideValue(value as string) ? CoreErrors.CHAIN_TRUNCATED : CoreErrors.CHAIN_PARSE;
      throw make(`the ${method} answer is not JSON: ${(cause as Error).message}`, {}, { cause });
    }
  }
  if (isObject(value) && 'jsonrpc' in value) {
    if (isObject(value.error)) {
      throw CoreErrors.CHAIN_PARSE(`the node answered ${method} with error ${String(value.error.code)}: ${String(value.error.message)}`);
    }
    if (!('result' in value)) throw CoreErrors.CHAIN_FORMAT(`a JSON-RPC answer to ${method} without a result`);
    return value.result;
  }
  return value;
}

/**
 * The block and the native transfer of each of its transactions, from an
 * `eth_getBlockByNumber(n, true)` answer. A contract creation (`to` null) pays the contract its
 * receipt names; without that receipt its transfer is skipped and a warning names it.
 * @example
 * const { block, transfers, warnings } = transfersFromRpcBlock(await rpc('eth_getBlockByNumber', [n, true]),
 *   { receipts: await rpc('eth_getBlockReceipts', [n]) });
 */
export function transfersFromRpcBlock(answer: unknown, options: RpcBlockOptions = {}): RpcBlockTransfers {
  const chain = evmChain(options.chain);
  const raw = unwrap(answer, 'eth_getBlockByNumber');
  if (raw === null) throw CoreErrors.CHAIN_PARSE('the node has no such block (the answer is null)');
  if (!isObject(raw) || !('number' in raw) || !('parentHash' in raw) || !Array.isArray(raw.transactions)) {
    throw CoreErrors.CHAIN_FORMAT('not an eth_getBlockByNumber block object (number, parentHash, transactions)');
  }
  const height = hexNumber(raw.number, 'number', 'block');
  const here = `block ${height}`;
  const block: ChainBlock = {
    chain,
    height,
    hash: hash32(raw.hash, 'hash', here),
    parentHash: hash32(raw.parentHash, 'parentHash', here),
    time: hexNumber(raw.timestamp, 'timestamp', here),
    txCount: raw.transactions.length,
  };
  const receipts = receiptsByHash(options.receipts);
  const tally = new WarningTally();
  if (!receipts && raw.transactions.length > 0) tally.add('transactions without a receipt given: taken as succeeded', `block ${height}`);
  const transfers: AccountTransfer[] = [];
  raw.transactions.forEach((tx: unknown, i: number) => {
    const at = `${here}, transaction ${i}`;
    if (typeof tx === 'string') {
      throw CoreErrors.CHAIN_FORMAT('the block lists transaction hashes only; call eth_getBlockByNumber with full transactions (true)', { position: at });
    }
    if (!isObject(tx)) throw CoreErrors.CHAIN_PARSE('a transaction is not an object', { position: at });
    const txHash = hash32(tx.hash, 'hash', at);
    if (!isEmpty(tx.blockNumber) && hexNumber(tx.blockNumber, 'blockNumber', at) !== height) {
      throw CoreErrors.CHAIN_PARSE(`the transaction names block ${String(tx.blockNumber)}`, { position: at });
    }
    const from = evmAddress(tx.from, 'from', at);
    const value = hexBigint(tx.value, 'value', at);
    const receipt = receipts?.get(txHash);
    if (receipts && !receipt) tally.add('transactions without a receipt given: taken as succeeded', txHash);
    let to: string;
    if (!isEmpty(tx.to)) to = evmAddress(tx.to, 'to', at);
    else if (receipt && !isEmpty(receipt.contractAddress)) to = evmAddress(receipt.contractAddress, 'receipt contractAddress', at);
    else {
      tally.add('contract creations without a receipt contractAddress: native value not recorded', txHash);
      return;
    }
    let ok = true;
    if (receipt) {
      if (isEmpty(receipt.status)) tally.add('receipts without status (pre-Byzantium): taken as succeeded', txHash);
      else ok = hexBigint(receipt.status, 'receipt status', at) === 1n;
    }
    transfers.push({ chain, txHash, blockHeight: height, time: block.time, logIndex: -1, from, to, value, asset: 'native', ok });
  });
  return { block, transfers, warnings: tally.list() };
}

function receiptsByHash(answer: unknown): Map<string, Record<string, unknown>> | undefined {
  if (answer === undefined) return undefined;
  const raw = unwrap(answer, 'eth_getBlockReceipts');
  const list = Array.isArray(raw) ? raw : [raw];
  const map = new Map<string, Record<string, unknown>>();
  list.forEach((receipt: unknown, i) => {
    if (!isObject(receipt) || !('transactionHash' in receipt)) throw CoreErrors.CHAIN_FORMAT('not a transaction receipt', { position: `receipt ${i}` });
    map.set(hash32(receipt.transactionHash, 'transactionHash', `receipt ${i}`), receipt);
  });
  return map;
}

const WORD = /^0x[0-9a-fA-F]{64}$/;

/**
 * The ERC-20 transfers among `eth_getLogs` results. Only logs with the Transfer topic and
 * exactly three topics and one data word are ERC-20 transfers; ERC-721 Transfer logs (the token
 * id indexed as a 4th topic), other events, malformed Transfer logs and logs removed by a
 * reorganisation are skipped and counted in the warnings. Logs exist only for successful
 * transactions, so `ok` is true.
 * @example
 * const { transfers } = transfersFromLogs(await rpc('eth_getLogs', [{ fromBlock, toBlock, topics: [ERC20_TRANSFER_TOPIC] }]));
 */
export function transfersFromLogs(answer: unknown, options: RpcLogOptions = {}): RpcLogTransfers {
  const chain = evmChain(options.chain);
  const raw = unwrap(answer, 'eth_getLogs');
  if (!Array.isArray(raw)) throw CoreErrors.CHAIN_FORMAT('not an eth_getLogs answer (an array of logs)');
  const tally = new WarningTally();
  const transfers: AccountTransfer[] = [];
  raw.forEach((log: unknown, i: number) => {
    const at = `log ${i}`;
    if (!isObject(log) || !Array.isArray(log.topics) || !('address' in log)) {
      throw (i === 0 ? CoreErrors.CHAIN_FORMAT : CoreErrors.CHAIN_PARSE)('not a log object (address, topics, data)', { position: at });
    }
    const txHash = hash32(log.transactionHash, 'transactionHash', at);
    const topics = log.topics as unknown[];
    if (log.removed === true) return tally.add('logs removed by a chain reorganisation', txHash);
    if (typeof topics[0] !== 'string' || topics[0].toLowerCase() !== ERC20_TRANSFER_TOPIC) return tally.add('logs of other events', txHash);
    if (topics.length === 4) return tally.add('ERC-721 Transfer logs (4 topics)', txHash);
    const data = log.data;
    if (topics.length !== 3 || typeof data !== 'string' || !WORD.test(data)) {
      return tally.add('Transfer logs not of the ERC-20 form (3 topics, one data word)', txHash);
    }
    const blockHeight = hexNumber(log.blockNumber, 'blockNumber', at);
    let time = -1;
    if (!isEmpty(log.blockTimestamp)) time = hexNumber(log.blockTimestamp, 'blockTimestamp', at);
    else {
      const known = options.blockTimes?.get(blockHeight);
      if (known !== undefined) time = known;
      else tally.add('logs without blockTimestamp and no block time given: time -1', txHash);
    }
    transfers.push({
      chain,
      txHash,
      blockHeight,
      time,
      logIndex: hexNumber(log.logIndex, 'logIndex', at),
      from: topicAddress(topics[1], 'topics[1]', at),
      to: topicAddress(topics[2], 'topics[2]', at),
      value: BigInt(data),
      asset: evmAddress(log.address, 'address', at),
      ok: true,
    });
  });
  return { transfers, warnings: tally.list() };
}

/** An indexed address topic: 32 bytes, the address in the low 20 (ABI encoding, left-padded). */
function topicAddress(topic: unknown, field: string, at: string): string {
  if (typeof topic !== 'string' || !WORD.test(topic)) {
    throw CoreErrors.CHAIN_PARSE(`${field} is not a 32-byte topic`, { position: at });
  }
  return '0x' + topic.slice(26).toLowerCase();
}
