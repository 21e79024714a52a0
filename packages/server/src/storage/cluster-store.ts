/**
 * @module storage/cluster-store
 * Address clusters in the store (migration 0005): the reads a clustering batch needs (stored
 * transactions with their spent outputs resolved, the clusters of the batch's addresses), the
 * write of a batch's plan, and the reads an analyst or the tracer asks (an address's cluster,
 * its members, the transactions that linked an address). A batch runs inside `batch()`: one
 * database transaction, and on PostgreSQL a transaction-scoped advisory lock per chain, so two
 * workers never plan on the same clusters at once (SQLite serialises writers itself).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ClusterAlarm, ClusterConflict, ClusterLink, ClusterPlan, ClusterTx, ExistingCluster } from '@sekisho/core';
import type { Store } from './db.ts';
import type { Database } from './schema.ts';

const CHUNK = 500;

/** A stored transaction's place in its chain, the order clustering reads in. */
export interface ChainPosition {
  txid: string;
  height: number;
  idx: number;
}

export interface StoredClusterTx extends ClusterTx, ChainPosition {}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const big = (v: unknown): bigint => BigInt(String(v));

function batchReader(trx: Transaction<Database>) {
  return {
    /** Transactions clustering has not read yet, in chain order after `after`. */
    async pending(chain: string, after: ChainPosition | undefined, limit: number): Promise<ChainPosition[]> {
      let q = trx
        .selectFrom('utxo_tx as t')
        .leftJoin('cluster_tx as c', (j) => j.onRef('c.chain', '=', 't.chain').onRef('c.txid', '=', 't.txid'))
        .select(['t.txid', 't.block_height', 't.idx'])
        .where('t.chain', '=', chain)
        .where('c.txid', 'is', null);
      // A row-value comparison, so both SQLite and PostgreSQL start the index range at the cursor.
      if (after) q = q.where((eb) => eb(eb.refTuple('t.block_height', 't.idx', 't.txid'), '>', eb.tuple(after.height, after.idx, after.txid)));
      const rows = await q.orderBy('t.block_height').orderBy('t.idx').orderBy('t.txid').limit(limit).execute();
      return rows.map((r) => ({ txid: r.txid, height: Number(r.block_height), idx: Number(r.idx) }));
    },

    /** The chain positions of the given transactions that are stored (others are left out). */
    async positions(chain: string, txids: readonly string[]): Promise<ChainPosition[]> {
      const out: ChainPosition[] = [];
      for (const part of chunks([...new Set(txids)])) {
        const rows = await trx.selectFrom('utxo_tx').select(['txid', 'block_height', 'idx']).where('chain', '=', chain).where('txid', 'in', part).execute();
        for (const r of rows) out.push({ txid: r.txid, height: Number(r.block_height), idx: Number(r.idx) });
      }
      return out.sort((a, b) => a.height - b.height || a.idx - b.idx || (a.txid < b.txid ? -1 : a.txid > b.txid ? 1 : 0));
    },

    /** Transactions read before with inputs not resolved then (their spent outputs came later). */
    async partial(chain: string): Promise<string[]> {
      const rows = await trx
        .selectFrom('cluster_tx')
        .select('txid')
        .where('chain', '=', chain)
        .whereRef('resolved', '<', 'inputs')
        .where('outcome', 'in', ['merged', 'unresolved'])
        .execute();
      return rows.map((r) => r.txid);
    },

    /** The transactions with each input's spent output (address, value) when it is stored. */
    async read(chain: string, positions: readonly ChainPosition[]): Promise<StoredClusterTx[]> {
      const byId = new Map<string, StoredClusterTx & { inputs: { address?: string; value?: bigint }[]; outputs: { address?: string; value: bigint }[] }>();
      for (const p of positions) byId.set(p.txid, { ...p, coinbase: false, inputs: [], outputs: [] });
      for (const part of chunks(positions.map((p) => p.txid))) {
        const txRows = await trx.selectFrom('utxo_tx').select(['txid', 'coinbase']).where('chain', '=', chain).where('txid', 'in', part).execute();
        for (const r of txRows) byId.get(r.txid)!.coinbase = Number(r.coinbase) === 1;
        const inputs = await trx
          .selectFrom('utxo_input as i')
          .leftJoin('utxo_output as o', (j) => j.onRef('o.chain', '=', 'i.chain').onRef('o.txid', '=', 'i.prev_txid').onRef('o.vout', '=', 'i.prev_vout'))
          .select(['i.txid', 'i.vin', 'o.address', 'o.value'])
          .where('i.chain', '=', chain)
          .where('i.txid', 'in', part)
          .orderBy('i.txid')
          .orderBy('i.vin')
          .execute();
        for (const r of inputs) {
          const input: { address?: string; value?: bigint } = {};
          if (r.address !== null && r.address !== undefined) input.address = r.address;
          if (r.value !== null && r.value !== undefined) input.value = big(r.value);
          byId.get(r.txid)!.inputs.push(input);
        }
        const outputs = await trx.selectFrom('utxo_output').select(['txid', 'vout', 'value', 'address']).where('chain', '=', chain).where('txid', 'in', part).orderBy('txid').orderBy('vout').execute();
        for (const r of outputs) byId.get(r.txid)!.outputs.push(r.address === null ? { value: big(r.value) } : { address: r.address, value: big(r.value) });
      }
      return positions.map((p) => byId.get(p.txid)!);
    },

    /** The stored clusters of these addresses. */
    async lookup(chain: string, addresses: readonly string[]): Promise<Map<string, ExistingCluster>> {
      const out = new Map<string, ExistingCluster>();
      for (const part of chunks([...new Set(addresses)])) {
        const rows = await trx
          .selectFrom('cluster_address as a')
          .innerJoin('cluster as c', (j) => j.onRef('c.chain', '=', 'a.chain').onRef('c.id', '=', 'a.cluster_id'))
          .select(['a.address', 'c.id', 'c.size', 'c.actors'])
          .where('a.chain', '=', chain)
          .where('a.address', 'in', part)
          .execute();
        for (const r of rows) out.set(r.address, { id: Number(r.id), size: Number(r.size), actors: JSON.parse(r.actors) as string[] });
      }
      return out;
    },

    async nextId(chain: string): Promise<number> {
      const row = await trx.selectFrom('cluster_counter').select('next_id').where('chain', '=', chain).executeTakeFirst();
      return row ? Number(row.next_id) : 1;
    },

    /** Writes a batch's plan: clusters, moved members, new members, links, conflicts, alarms, the transactions read. */
    async apply(chain: string, plan: ClusterPlan): Promise<void> {
      for (const part of chunks(plan.clusters)) {
        await trx
          .insertInto('cluster')
          .values(part.map((c) => ({ chain, id: c.id, size: c.size, actors: JSON.stringify(c.actors) })))
          .onConflict((oc) => oc.columns(['chain', 'id']).doUpdateSet((eb) => ({ size: eb.ref('excluded.size'), actors: eb.ref('excluded.actors') })))
          .execute();
      }
      for (const { from, into } of plan.rewrite) {
        await trx.updateTable('cluster_address').set({ cluster_id: into }).where('chain', '=', chain).where('cluster_id', '=', from).execute();
        await trx.deleteFrom('cluster').where('chain', '=', chain).where('id', '=', from).execute();
      }
      // New members were in no cluster (the lookup said so inside this transaction): a clash is a bug, and fails the batch.
      for (const part of chunks([...plan.assign])) {
        await trx.insertInto('cluster_address').values(part.map(([address, id]) => ({ chain, address, cluster_id: id }))).execute();
      }
      for (const part of chunks(plan.links)) {
        await trx.insertInto('cluster_link').values(part.map((l) => ({ chain, address_a: l.a, address_b: l.b, txid: l.txid }))).onConflict((oc) => oc.doNothing()).execute();
      }
      for (const part of chunks(plan.conflicts)) {
        await trx
          .insertInto('cluster_conflict')
          .values(part.map((c) => ({ chain, txid: c.txid, address_a: c.a, address_b: c.b, cluster_a: c.clusterA ?? null, cluster_b: c.clusterB ?? null, actors_a: JSON.stringify(c.actorsA), actors_b: JSON.stringify(c.actorsB) })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const part of chunks(plan.alarms)) {
        await trx.insertInto('cluster_alarm').values(part.map((a) => ({ chain, txid: a.txid, cluster_id: a.clusterId, size: a.size, threshold: a.threshold }))).onConflict((oc) => oc.doNothing()).execute();
      }
      for (const part of chunks(plan.txs)) {
        await trx
          .insertInto('cluster_tx')
          .values(
            part.map((t) => ({
              chain,
              txid: t.txid,
              outcome: t.outcome,
              coinjoin: t.coinjoin ? JSON.stringify({ ...t.coinjoin, denomination: t.coinjoin.denomination.toString() }) : null,
              inputs: t.inputs,
              resolved: t.resolved,
            })),
          )
          .onConflict((oc) => oc.columns(['chain', 'txid']).doUpdateSet((eb) => ({ outcome: eb.ref('excluded.outcome'), coinjoin: eb.ref('excluded.coinjoin'), inputs: eb.ref('excluded.inputs'), resolved: eb.ref('excluded.resolved') })))
          .execute();
      }
      await trx
        .insertInto('cluster_counter')
        .values({ chain, next_id: plan.nextId })
        .onConflict((oc) => oc.column('chain').doUpdateSet({ next_id: plan.nextId }))
        .execute();
    },
  };
}

export type ClusterBatch = ReturnType<typeof batchReader>;

export interface ClusterInfo {
  id: number;
  size: number;
  actors: string[];
}

export function createClusterStore(store: Store) {
  const db: Kysely<Database> = store.db;
  return {
    /** Runs `fn` in one database transaction holding the chain's clustering lock. */
    async batch<T>(chain: string, fn: (batch: ClusterBatch) => Promise<T>): Promise<T> {
      return db.transaction().execute(async (trx) => {
        if (store.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`sekisho:cluster:${chain}`}))`.execute(trx);
        return fn(batchReader(trx));
      });
    },

    /** The cluster an address is in, or undefined when it was never co-spent. */
    async clusterOf(chain: string, address: string): Promise<ClusterInfo | undefined> {
      const row = await db
        .selectFrom('cluster_address as a')
        .innerJoin('cluster as c', (j) => j.onRef('c.chain', '=', 'a.chain').onRef('c.id', '=', 'a.cluster_id'))
        .select(['c.id', 'c.size', 'c.actors'])
        .where('a.chain', '=', chain)
        .where('a.address', '=', address)
        .executeTakeFirst();
      return row ? { id: Number(row.id), size: Number(row.size), actors: JSON.parse(row.actors) as string[] } : undefined;
    },

    /** Members of a cluster in address order, `limit` at most, after `after` (for paging). */
    async members(chain: string, clusterId: number, limit: number, after?: string): Promise<string[]> {
      let q = db.selectFrom('cluster_address').select('address').where('chain', '=', chain).where('cluster_id', '=', clusterId);
      if (after !== undefined) q = q.where('address', '>', after);
      return (await q.orderBy('address').limit(limit).execute()).map((r) => r.address);
    },

    /** The links that name an address (either side), by txid; `limit` at most. */
    async linksOf(chain: string, address: string, limit = 1000): Promise<ClusterLink[]> {
      const sides = await Promise.all(
        (['address_a', 'address_b'] as const).map((column) =>
          db.selectFrom('cluster_link').select(['txid', 'address_a', 'address_b']).where('chain', '=', chain).where(column, '=', address).orderBy('txid').limit(limit).execute(),
        ),
      );
      return sides
        .flat()
        .map((r) => ({ txid: r.txid, a: r.address_a, b: r.address_b }))
        .sort((x, y) => (x.txid < y.txid ? -1 : x.txid > y.txid ? 1 : x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0))
        .slice(0, limit);
    },

    async conflicts(chain: string, limit = 1000): Promise<ClusterConflict[]> {
      const rows = await db.selectFrom('cluster_conflict').selectAll().where('chain', '=', chain).orderBy('txid').limit(limit).execute();
      return rows.map((r) => ({
        txid: r.txid,
        a: r.address_a,
        b: r.address_b,
        ...(r.cluster_a === null ? {} : { clusterA: Number(r.cluster_a) }),
        ...(r.cluster_b === null ? {} : { clusterB: Number(r.cluster_b) }),
        actorsA: JSON.parse(r.actors_a) as string[],
        actorsB: JSON.parse(r.actors_b) as string[],
      }));
    },

    async alarms(chain: string, limit = 1000): Promise<ClusterAlarm[]> {
      const rows = await db.selectFrom('cluster_alarm').selectAll().where('chain', '=', chain).orderBy('txid').limit(limit).execute();
      return rows.map((r) => ({ txid: r.txid, clusterId: Number(r.cluster_id), size: Number(r.size), threshold: Number(r.threshold) }));
    },

    /** Rows held per chain, for status and tests. */
    async counts(chain: string): Promise<{ clusters: number; addresses: number; links: number; conflicts: number; alarms: number; txs: number }> {
      const n = async (table: 'cluster' | 'cluster_address' | 'cluster_link' | 'cluster_conflict' | 'cluster_alarm' | 'cluster_tx') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('chain', '=', chain).executeTakeFirstOrThrow()).n);
      return { clusters: await n('cluster'), addresses: await n('cluster_address'), links: await n('cluster_link'), conflicts: await n('cluster_conflict'), alarms: await n('cluster_alarm'), txs: await n('cluster_tx') };
    },
  };
}

export type ClusterStore = ReturnType<typeof createClusterStore>;
