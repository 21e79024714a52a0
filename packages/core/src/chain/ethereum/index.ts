/** @module chain/ethereum — EVM chain data (ethereum-etl exports, JSON-RPC answers) read into the chain model. */
export {
  parseEtlBlocks,
  parseEtlTransactions,
  parseEtlTokenTransfers,
  readEtlBlocks,
  readEtlTransactions,
  readEtlTokenTransfers,
  type EtlInput,
  type EtlOptions,
  type EtlStreamOptions,
  type TransferBatch,
} from './etl.ts';
export {
  ERC20_TRANSFER_TOPIC,
  transfersFromRpcBlock,
  transfersFromLogs,
  type RpcBlock,
  type RpcTransaction,
  type RpcReceipt,
  type RpcLog,
  type RpcOptions,
  type RpcBlockOptions,
  type RpcLogOptions,
  type RpcBlockTransfers,
  type RpcLogTransfers,
} from './rpc.ts';
export { EVM_CHAINS } from './fields.ts';
export { parseJsonLossless, endsInsideValue } from './lossless-json.ts';
export { WarningTally } from './warnings.ts';
