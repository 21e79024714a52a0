/**
 * @module chain/trace-source
 * The exposure tracer's sources over the store (migration 0004): UTXO transactions with each
 * input's spent output joined in, the spender of an output, outputs paid to an address, and an
 * address's counterparties in a window of account transfers. SQLite runs prepared statements on
 * the raw handle (a trace asks hundreds of small questions); PostgreSQL runs the same SQL through
 * Kysely. The window rule is core's `inWindow`, written here as SQL and then re-checked in code.
 */
import { sql } from 'kysely';
import { accountKey, comparePositions, inWindow, type AccountSource, type Chain, type Counterparty, type TraceDirection, type TracedUtxoTx, type TransferPosition, type UtxoSource } from '@sekisho/core';
import type { Store } from '../storage/db.ts';

/** Rows of one address read per question at most; beyond it the total comes from a summed query. */
export const MAX_WINDOW_ROWS = 20_000;

interface TransferRow {
  party: string;
  value: string;
  time: number;
  block_height: number;
  tx_hash: string;
  log_index: number;
}

export function createTraceSources(store: Store): { utxo: UtxoSource; account: AccountSource } {
  const lite = store.sqlite;
  const q = lite && {
    tx: lite.prepare('select txid, block_height, time, coinbase, coinbase_tag from utxo_tx where chain = ? and txid = ?'),
    outputs: lite.prepare('select vout, value, address from utxo_output where chain = ? and txid = ? order by vout'),
    inputs: lite.prepare(
      'select i.prev_txid, i.prev_vout, o.value, o.address from utxo_input i left join utxo_output o on o.chain = i.chain and o.txid = i.prev_txid and o.vout = i.prev_vout where i.chain = ? and i.txid = ? order by i.vin',
    ),
    spender: lite.prepare('select txid from utxo_input where chain = ? and prev_txid = ? and prev_vout = ? limit 1'),
    paid: lite.prepare('select txid, vout, value from utxo_output where chain = ? and address = ? order by txid, vout limit ?'),
    in: lite.prepare(
      `select from_address as party, value, time, block_height, tx_hash, log_index from account_transfer
       where chain = ? and to_address = ? and asset = ? and ok = 1 and time <= ? order by time desc, block_height desc, log_index desc limit ?`,
    ),
    out: lite.prepare(
      `select to_address as party, value, time, block_height, tx_hash, log_index from account_transfer
       where chain = ? and from_address = ? and asset = ? and ok = 1 and time >= ? order by time, block_height, log_index limit ?`,
    ),
    sumIn: lite.prepare('select sum(cast(value as real)) as total from account_transfer where chain = ? and to_address = ? and asset = ? and ok = 1 and time <= ?'),
    sumOut: lite.prepare('select sum(cast(value as real)) as total from account_transfer where chain = ? and from_address = ? and asset = ? and ok = 1 and time >= ?'),
    transfers: lite.prepare('select from_address, to_address, value, asset, ok, time, block_height, tx_hash, log_index from account_transfer where chain = ? and tx_hash = ? order by log_index'),
  };

  const utxo: UtxoSource = {
    async transaction(chain: Chain, txid: string): Promise<TracedUtxoTx | undefined> {
      let head: { txid: string; block_height: number; time: number; coinbase: number; coinbase_tag: string | null } | undefined;
      let outputs: { vout: number; value: number | string; address: string | null }[];
      let inputs: { prev_txid: string | null; prev_vout: number | null; value: number | string | null; address: string | null }[];
      if (q) {
        head = q.tx.get(chain, txid) as typeof head;
        if (!head) return undefined;
        outputs = q.outputs.all(chain, txid) as typeof outputs;
        inputs = q.inputs.all(chain, txid) as typeof inputs;
      } else {
        head = await store.db.selectFrom('utxo_tx').select(['txid', 'block_height', 'time', 'coinbase', 'coinbase_tag']).where('chain', '=', chain).where('txid', '=', txid).executeTakeFirst();
        if (!head) return undefined;
        outputs = await store.db.selectFrom('utxo_output').select(['vout', 'value', 'address']).where('chain', '=', chain).where('txid', '=', txid).orderBy('vout').execute();
        inputs = (
          await sql<{ prev_txid: string | null; prev_vout: number | null; value: string | null; address: string | null }>`
            select i.prev_txid, i.prev_vout, o.value, o.address from utxo_input i
            left join utxo_output o on o.chain = i.chain and o.txid = i.prev_txid and o.vout = i.prev_vout
            where i.chain = ${chain} and i.txid = ${txid} order by i.vin`.execute(store.db)
        ).rows;
      }
      return {
        txid: head.txid,
        blockHeight: Number(head.block_height),
        time: Number(head.time),
        coinbase: Number(head.coinbase) === 1,
        ...(head.coinbase_tag !== null ? { coinbaseTag: head.coinbase_tag } : {}),
        inputs: inputs.map((i) =>
          i.prev_txid === null
            ? {}
            : { prevTxid: i.prev_txid, prevVout: Number(i.prev_vout), ...(i.value !== null ? { value: BigInt(i.value) } : {}), ...(i.address !== null ? { address: i.address } : {}) },
        ),
        outputs: outputs.map((o) => ({ vout: Number(o.vout), value: BigInt(o.value), ...(o.address !== null ? { address: o.address } : {}) })),
      };
    },

    async spender(chain: Chain, txid: string, vout: number): Promise<string | undefined> {
      if (q) return (q.spender.get(chain, txid, vout) as { txid: string } | undefined)?.txid;
      const row = await store.db.selectFrom('utxo_input').select('txid').where('chain', '=', chain).where('prev_txid', '=', txid).where('prev_vout', '=', vout).executeTakeFirst();
      return row?.txid;
    },

    async outputsTo(chain: Chain, address: string, limit: number) {
      const rows = q
        ? (q.paid.all(chain, address, limit) as { txid: string; vout: number; value: number | string }[])
        : await store.db.selectFrom('utxo_output').select(['txid', 'vout', 'value']).where('chain', '=', chain).where('address', '=', address).orderBy('txid').orderBy('vout').limit(limit).execute();
      return rows.map((r) => ({ txid: r.txid, vout: Number(r.vout), value: BigInt(r.value) }));
    },
  };

  /** The rows of one side of an address in the window (SQL narrows by time; code applies the exact rule). */
  async function windowRows(chain: Chain, address: string, asset: string, direction: TraceDirection, bound: TransferPosition | undefined): Promise<{ rows: TransferRow[]; capped: boolean; cappedTotal?: bigint }> {
    const edge = bound?.time ?? (direction === 'in' ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER);
    const key = accountKey(address);
    let rows: TransferRow[];
    if (q) rows = (direction === 'in' ? q.in : q.out).all(chain, key, asset, edge, MAX_WINDOW_ROWS + 1) as TransferRow[];
    else {
      const side = direction === 'in' ? 'to_address' : 'from_address';
      const party = direction === 'in' ? 'from_address' : 'to_address';
      let query = store.db
        .selectFrom('account_transfer')
        .select([sql<string>`${sql.ref(party)}`.as('party'), 'value', 'time', 'block_height', 'tx_hash', 'log_index'])
        .where('chain', '=', chain)
        .where(side, '=', key)
        .where('asset', '=', asset)
        .where('ok', '=', 1);
      // PostgreSQL's integer time cannot take the open edge: no bound, no time condition.
      if (bound) query = query.where('time', direction === 'in' ? '<=' : '>=', bound.time);
      query = direction === 'in' ? query.orderBy('time', 'desc').orderBy('block_height', 'desc').orderBy('log_index', 'desc') : query.orderBy('time').orderBy('block_height').orderBy('log_index');
      rows = (await query.limit(MAX_WINDOW_ROWS + 1).execute()) as TransferRow[];
    }
    if (rows.length <= MAX_WINDOW_ROWS) return { rows, capped: false };
    rows = rows.slice(0, MAX_WINDOW_ROWS);
    // A hub: the total of its whole window, summed in floating point (the shares need no more).
    let total: number | null;
    if (q) total = ((direction === 'in' ? q.sumIn : q.sumOut).get(chain, key, asset, edge) as { total: number | null }).total;
    else {
      const side = direction === 'in' ? 'to_address' : 'from_address';
      let sum = store.db
        .selectFrom('account_transfer')
        .select(sql<string | null>`sum(cast(value as double precision))`.as('total'))
        .where('chain', '=', chain)
        .where(side, '=', key)
        .where('asset', '=', asset)
        .where('ok', '=', 1);
      if (bound) sum = sum.where('time', direction === 'in' ? '<=' : '>=', bound.time);
      const row = await sum.executeTakeFirst();
      total = row?.total === null || row?.total === undefined ? null : Number(row.total);
    }
    return { rows, capped: true, cappedTotal: total === null ? undefined : BigInt(Math.round(total).toLocaleString('fullwide', { useGrouping: false })) };
  }

  const account: AccountSource = {
    async counterparties(chain, address, asset, direction, bound, limit) {
      const { rows, capped, cappedTotal } = await windowRows(chain, address, asset, direction, bound);
      let total = 0n;
      const byParty = new Map<string, Counterparty>();
      for (const r of rows) {
        const p: TransferPosition = { time: Number(r.time), blockHeight: Number(r.block_height), txHash: r.tx_hash, logIndex: Number(r.log_index) };
        if (!inWindow(p, bound, direction)) continue;
        const value = BigInt(r.value);
        total += value;
        const party = accountKey(r.party);
        const seen = byParty.get(party);
        if (!seen) byParty.set(party, { address: party, value, transfers: 1, example: p });
        else {
          seen.value += value;
          seen.transfers++;
          const later = comparePositions(p, seen.example) > 0;
          if (direction === 'in' ? later : !later) seen.example = p;
        }
      }
      if (capped && cappedTotal !== undefined && cappedTotal > total) total = cappedTotal;
      const counterparties = [...byParty.values()].sort((a, b) => (a.value !== b.value ? (b.value > a.value ? 1 : -1) : a.address < b.address ? -1 : 1)).slice(0, limit);
      return { total, counterparties };
    },

    async transfersOf(chain, txHash) {
      type Row = { from_address: string; to_address: string; value: string; asset: string; ok: number; time: number; block_height: number; tx_hash: string; log_index: number };
      const hash = /^(0x)?[0-9a-fA-F]+$/.test(txHash) ? txHash.toLowerCase() : txHash;
      const rows = q
        ? (q.transfers.all(chain, hash) as Row[])
        : ((await store.db.selectFrom('account_transfer').select(['from_address', 'to_address', 'value', 'asset', 'ok', 'time', 'block_height', 'tx_hash', 'log_index']).where('chain', '=', chain).where('tx_hash', '=', hash).orderBy('log_index').execute()) as Row[]);
      return rows.map((r) => ({
        time: Number(r.time),
        blockHeight: Number(r.block_height),
        txHash: r.tx_hash,
        logIndex: Number(r.log_index),
        from: r.from_address,
        to: r.to_address,
        value: BigInt(r.value),
        asset: r.asset,
        ok: Number(r.ok) === 1,
      }));
    },
  };

  return { utxo, account };
}
