/**
 * @module chain/model
 * Chain data as Sekisho keeps it (issue 6): UTXO transactions with their inputs and outputs
 * (spending links by previous txid and output index), and account-model transfers (native coin
 * and token transfers) for EVM chains and TRON. Amounts are integers in the chain's smallest
 * unit (satoshi, wei, sun, token base units) as bigint: no float ever touches a value.
 */
import type { Chain } from '../addresses/types.ts';

export interface ChainBlock {
  chain: Chain;
  height: number;
  /** Block hash as explorers write it (big-endian hex for Bitcoin). */
  hash: string;
  parentHash: string;
  /** Unix time, seconds. */
  time: number;
  txCount: number;
}

/** The standard output script forms Sekisho derives an address from. */
export type ScriptType = 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'p2pk' | 'multisig' | 'op_return' | 'witness_unknown' | 'nonstandard';

export interface UtxoOutput {
  /** Position in the transaction's outputs. */
  vout: number;
  /** Satoshis. */
  value: bigint;
  /** The locking script, hex. */
  script: string;
  type: ScriptType;
  /** The address the script pays (p2pk: the P2PKH address of the key, as explorers show it). */
  address?: string;
}

export interface UtxoInput {
  /** The spent output: its transaction id and index; absent for a coinbase input. */
  prevTxid?: string;
  prevVout?: number;
  /** The unlocking script, hex (the coinbase data for a coinbase input). */
  scriptSig: string;
  sequence: number;
}

export interface UtxoTransaction {
  chain: Chain;
  /** Transaction id as explorers write it (big-endian hex of the double SHA-256, witness excluded). */
  txid: string;
  blockHeight: number;
  blockHash: string;
  /** Position in the block (0 = coinbase). */
  index: number;
  time: number;
  coinbase: boolean;
  /** Printable text of the coinbase data (pool tags such as "/ViaBTC/"), coinbase only. */
  coinbaseTag?: string;
  inputs: UtxoInput[];
  outputs: UtxoOutput[];
}

/** One movement of value on an account chain: a native transfer or a token transfer. */
export interface AccountTransfer {
  chain: Chain;
  txHash: string;
  blockHeight: number;
  time: number;
  /** Log index for a token transfer; -1 for the native value of the transaction itself. */
  logIndex: number;
  from: string;
  to: string;
  /** Smallest unit (wei, sun, token base units). */
  value: bigint;
  /** 'native', or the token contract address (lower-case hex for EVM, base58 for TRON). */
  asset: string;
  /** Whether the transaction succeeded (a failed transaction moves no value). */
  ok: boolean;
}
