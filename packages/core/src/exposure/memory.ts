/**
 * @module exposure/memory
 * Trace sources over chain data held in memory: a set of UTXO transactions, a list of account
 * transfers. The store's sources answer the same questions with SQL; these serve tests, the
 * scenario builders and anyone tracing a file without a store. Both follow the window rule of
 * `inWindow`, which the store's SQL repeats.
 */
import type { Chain } from '../addresses/types.ts';
import type { AccountTransfer, UtxoTransaction } from '../chain/model.ts';
import type { AccountSource, Counterparty, TraceDirection, TracedUtxoTx, TransferPosition, UtxoSource } from './types.ts';

/**
 * Whether a transfer at `p` lies in the window of `bound`: strictly before it (direction `in`)
 * or strictly after it (`out`), ordered by time, then block height, then log index. Within one
 * block, a transfer whose order is unknown (a native transfer has log index -1) counts on both
 * sides: recall first, a same-block hop is not dropped. The bound transfer itself never counts.
 */
export function inWindow(p: TransferPosition, bound: TransferPosition | undefined, direction: TraceDirection): boolean {
  if (!bound) return true;
  const sign = direction === 'in' ? -1 : 1;
  if (p.time !== bound.time) return Math.sign(p.time - bound.time) === sign;
  if (p.blockHeight !== bound.blockHeight) return Math.sign(p.blockHeight - bound.blockHeight) === sign;
  if (p.txHash === bound.txHash && p.logIndex === bound.logIndex) return false;
  if (p.logIndex === -1 || bound.logIndex === -1) return true;
  return Math.sign(p.logIndex - bound.logIndex) === sign;
}

/** Orders positions (time, height, log index, tx hash): the order `example` is chosen by. */
export function comparePositions(a: TransferPosition, b: TransferPosition): number {
  return a.time - b.time || a.blockHeight - b.blockHeight || a.logIndex - b.logIndex || (a.txHash < b.txHash ? -1 : a.txHash > b.txHash ? 1 : 0);
}

/** EVM addresses compare lower-cased; others (base58, bech32 as stored) as they are. */
export function accountKey(address: string): string {
  return /^0x[0-9a-fA-F]{40}$/.test(address) ? address.toLowerCase() : address;
}

export function memoryUtxoSource(transactions: Iterable<UtxoTransaction>): UtxoSource {
  const byId = new Map<string, UtxoTransaction>();
  const spenders = new Map<string, string>();
  const paid = new Map<string, { txid: string; vout: number; value: bigint }[]>();
  for (const tx of transactions) {
    byId.set(`${tx.chain}|${tx.txid}`, tx);
    for (const i of tx.inputs) if (i.prevTxid !== undefined) spenders.set(`${tx.chain}|${i.prevTxid}:${i.prevVout}`, tx.txid);
    for (const o of tx.outputs) {
      if (!o.address) continue;
      const key = `${tx.chain}|${o.address}`;
      const list = paid.get(key) ?? [];
      list.push({ txid: tx.txid, vout: o.vout, value: o.value });
      paid.set(key, list);
    }
  }
  return {
    async transaction(chain: Chain, txid: string): Promise<TracedUtxoTx | undefined> {
      const tx = byId.get(`${chain}|${txid}`);
      if (!tx) return undefined;
      return {
        txid: tx.txid,
        blockHeight: tx.blockHeight,
        time: tx.time,
        coinbase: tx.coinbase,
        ...(tx.coinbaseTag !== undefined ? { coinbaseTag: tx.coinbaseTag } : {}),
        inputs: tx.inputs.map((i) => {
          if (i.prevTxid === undefined) return {};
          const prev = byId.get(`${chain}|${i.prevTxid}`)?.outputs.find((o) => o.vout === i.prevVout);
          return { prevTxid: i.prevTxid, prevVout: i.prevVout!, ...(prev ? { value: prev.value, ...(prev.address ? { address: prev.address } : {}) } : {}) };
        }),
        outputs: tx.outputs.map((o) => ({ vout: o.vout, value: o.value, ...(o.address ? { address: o.address } : {}) })),
      };
    },
    async spender(chain: Chain, txid: string, vout: number): Promise<string | undefined> {
      return spenders.get(`${chain}|${txid}:${vout}`);
    },
    async outputsTo(chain: Chain, address: string, limit: number) {
      return (paid.get(`${chain}|${address}`) ?? []).slice(0, limit);
    },
  };
}

export function memoryAccountSource(transfers: Iterable<AccountTransfer>): AccountSource {
  const all = [...transfers];
  const byTx = new Map<string, AccountTransfer[]>();
  const byAddress = new Map<string, AccountTransfer[]>();
  const index = (key: string, t: AccountTransfer) => {
    const list = byAddress.get(key) ?? [];
    list.push(t);
    byAddress.set(key, list);
  };
  for (const t of all) {
    const txKey = `${t.chain}|${t.txHash}`;
    byTx.set(txKey, [...(byTx.get(txKey) ?? []), t]);
    index(`${t.chain}|in|${accountKey(t.to)}`, t);
    index(`${t.chain}|out|${accountKey(t.from)}`, t);
  }
  return {
    async counterparties(chain, address, asset, direction, bound, limit) {
      const rows = (byAddress.get(`${chain}|${direction}|${accountKey(address)}`) ?? []).filter((t) => t.ok && t.asset === asset && inWindow(positionOf(t), bound, direction));
      let total = 0n;
      const byParty = new Map<string, Counterparty>();
      for (const t of rows) {
        total += t.value;
        const party = accountKey(direction === 'in' ? t.from : t.to);
        const p = positionOf(t);
        const seen = byParty.get(party);
        if (!seen) byParty.set(party, { address: party, value: t.value, transfers: 1, example: p });
        else {
          seen.value += t.value;
          seen.transfers++;
          const later = comparePositions(p, seen.example) > 0;
          if (direction === 'in' ? later : !later) seen.example = p;
        }
      }
      const counterparties = [...byParty.values()].sort((a, b) => (a.value !== b.value ? (b.value > a.value ? 1 : -1) : a.address < b.address ? -1 : 1)).slice(0, limit);
      return { total, counterparties };
    },
    async transfersOf(chain, txHash) {
      return (byTx.get(`${chain}|${txHash}`) ?? []).map((t) => ({ ...positionOf(t), from: t.from, to: t.to, value: t.value, asset: t.asset, ok: t.ok }));
    },
  };
}

function positionOf(t: AccountTransfer): TransferPosition {
  return { time: t.time, blockHeight: t.blockHeight, txHash: t.txHash, logIndex: t.logIndex };
}
