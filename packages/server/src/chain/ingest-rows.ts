/**
 * @module chain/ingest-rows
 * Collects parsed UTXO blocks into a UtxoRows batch (storage/chain-store.ts): the columns the
 * tables keep (scripts are not kept by migration 0004, so they are dropped here, which is most
 * of a parsed block's memory), with the transactions put in txid order so the store dirties each
 * B-tree page once per batch (chain-store.ts explains why). The parsing worker builds these.
 */
import type { ChainBlock, UtxoTransaction } from '@sekisho/core';
import { scriptTypeCode, type UtxoRows } from '../storage/chain-store.ts';

/**
 * A batch being collected.
 * @example
 * const rows = new UtxoRowsBuilder('bitcoin');
 * rows.add(block, transactions); …; await chainStore.ingestUtxoRows(rows.build());
 */
export class UtxoRowsBuilder {
  readonly chain: string;
  private blocks: ChainBlock[] = [];
  private txid: string[] = [];
  private block: number[] = [];
  private position: number[] = [];
  private coinbase: number[] = [];
  private coinbaseTag: (string | null)[] = [];
  /** Per transaction: its first output and first input in the columns below. */
  private firstOutput: number[] = [];
  private firstInput: number[] = [];
  private value: bigint[] = [];
  private type: number[] = [];
  private address: (string | null)[] = [];
  private prevTxid: (string | null)[] = [];
  private prevVout: number[] = [];

  constructor(chain: string) {
    this.chain = chain;
  }

  get blockCount(): number {
    return this.blocks.length;
  }

  get transactionCount(): number {
    return this.txid.length;
  }

  /** Adds a block and its transactions. */
  add(block: ChainBlock, transactions: readonly UtxoTransaction[]): void {
    const b = this.blocks.length;
    this.blocks.push(block);
    for (const tx of transactions) {
      this.txid.push(tx.txid);
      this.block.push(b);
      this.position.push(tx.index);
      this.coinbase.push(tx.coinbase ? 1 : 0);
      this.coinbaseTag.push(tx.coinbaseTag ?? null);
      this.firstOutput.push(this.value.length);
      this.firstInput.push(this.prevTxid.length);
      for (const o of tx.outputs) {
        this.value.push(o.value);
        this.type.push(scriptTypeCode(o.type));
        this.address.push(o.address ?? null);
      }
      for (const i of tx.inputs) {
        this.prevTxid.push(i.prevTxid ?? null);
        this.prevVout.push(i.prevVout ?? 0);
      }
    }
  }

  /** The batch, transactions in txid order (each keeps its outputs and inputs in order). */
  build(): UtxoRows {
    const n = this.txid.length;
    const order = Array.from({ length: n }, (_, i) => i);
    const ids = this.txid;
    order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    const outputsOf = (i: number) => (i + 1 < n ? this.firstOutput[i + 1]! : this.value.length) - this.firstOutput[i]!;
    const inputsOf = (i: number) => (i + 1 < n ? this.firstInput[i + 1]! : this.prevTxid.length) - this.firstInput[i]!;
    const rows: UtxoRows = {
      chain: this.chain,
      blocks: this.blocks,
      txid: new Array(n),
      block: new Uint32Array(n),
      position: new Uint32Array(n),
      coinbase: new Uint8Array(n),
      coinbaseTag: new Array(n),
      outputStart: new Uint32Array(n + 1),
      value: new BigInt64Array(this.value.length),
      type: new Uint8Array(this.value.length),
      address: new Array(this.value.length),
      inputStart: new Uint32Array(n + 1),
      prevTxid: new Array(this.prevTxid.length),
      prevVout: new Uint32Array(this.prevTxid.length),
    };
    let o = 0;
    let k = 0;
    order.forEach((i, j) => {
      rows.txid[j] = ids[i]!;
      rows.block[j] = this.block[i]!;
      rows.position[j] = this.position[i]!;
      rows.coinbase[j] = this.coinbase[i]!;
      rows.coinbaseTag[j] = this.coinbaseTag[i]!;
      rows.outputStart[j] = o;
      for (let from = this.firstOutput[i]!, end = from + outputsOf(i); from < end; from++, o++) {
        rows.value[o] = this.value[from]!;
        rows.type[o] = this.type[from]!;
        rows.address[o] = this.address[from]!;
      }
      rows.inputStart[j] = k;
      for (let from = this.firstInput[i]!, end = from + inputsOf(i); from < end; from++, k++) {
        rows.prevTxid[k] = this.prevTxid[from]!;
        rows.prevVout[k] = this.prevVout[from]!;
      }
    });
    rows.outputStart[n] = o;
    rows.inputStart[n] = k;
    return rows;
  }
}

/** The typed arrays of a batch, to transfer (not copy) to another thread. */
export function transferables(rows: UtxoRows): ArrayBuffer[] {
  return [rows.block, rows.position, rows.coinbase, rows.outputStart, rows.value, rows.type, rows.inputStart, rows.prevVout].map((a) => a.buffer as ArrayBuffer);
}

/** Rows a batch would add to an empty store. */
export function rowCounts(rows: UtxoRows): { blocks: number; transactions: number; outputs: number; inputs: number } {
  return { blocks: rows.blocks.length, transactions: rows.txid.length, outputs: rows.value.length, inputs: rows.prevTxid.length };
}
