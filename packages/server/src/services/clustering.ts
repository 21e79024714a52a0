/**
 * @module services/clustering
 * Keeps the address clusters of a UTXO chain up to date with the stored transactions (issue 6):
 * reads the transactions clustering has not read yet in chain order (block height, position),
 * resolves each input's spent output from the store, plans the merges with core's multi-input
 * heuristic and its safeguards (chain/cluster/plan.ts), and writes each batch in one database
 * transaction. New transactions join existing clusters; when clusters join, the smaller's
 * members move to the larger's id. Idempotent: a transaction read once is marked, and reading it
 * again (by txid) finds its addresses already together and changes nothing.
 *
 * Also the reads built on the store: an address's cluster, members, the links that explain a
 * merge (and the chain of transactions between two addresses), and the attributions a cluster
 * carries for the tracer.
 *
 * Cost: one batch reads its transactions, inputs (joined to the spent outputs) and outputs in
 * chunks of 500, looks up the clusters of its input addresses, and writes with multi-row
 * statements; the plan itself is near-linear (union-find). Inputs whose spent transaction is
 * ingested later stay unlinked until `retryPartial` reads those transactions again.
 */
import {
  clusterAttributions,
  CoreErrors,
  DEFAULT_SIZE_ALARM,
  planClusters,
  type Attribution,
  type Chain,
  type ClusterLink,
  type CoinJoinKind,
  type DirectAttributor,
} from '@sekisho/core';
import type { Store } from '../storage/db.ts';
import { createClusterStore, type ChainPosition, type ClusterInfo } from '../storage/cluster-store.ts';

/** Chains whose transactions spend outputs, where the multi-input heuristic applies. */
export const UTXO_CHAINS: readonly Chain[] = ['bitcoin', 'litecoin', 'bitcoin-cash', 'bitcoin-sv', 'bitcoin-gold', 'dogecoin', 'dash', 'zcash'];

export interface ClusteringOptions {
  /** Transactions per database transaction (default 2,000). */
  batchSize?: number;
  /** Cluster size above which a merge is recorded as an alarm (default 100,000 addresses). */
  sizeAlarm?: number;
  /** Actor ids attributed to an address (list wallets, tags): merges across actors are refused. */
  actorsOf?: (address: string) => readonly string[];
  /** Also read again the transactions whose inputs were not all resolved before. */
  retryPartial?: boolean;
  /** Where alarms and conflicts are reported as they are found (pino's warn fits). */
  warn?: (data: Record<string, unknown>, message: string) => void;
}

export interface ClusteringResult {
  /** Transactions read. */
  txs: number;
  merged: number;
  coinjoins: Partial<Record<CoinJoinKind, number>>;
  conflicts: number;
  alarms: number;
  links: number;
  /** Addresses that joined a cluster for the first time. */
  addresses: number;
  /** Clusters that were absorbed into larger ones. */
  absorbed: number;
  batches: number;
  /** Requested txids that are not stored. */
  missing: string[];
  ms: number;
}

/** Bad input: not a UTXO chain. */
function checkChain(chain: string): asserts chain is Chain {
  if (!(UTXO_CHAINS as readonly string[]).includes(chain)) {
    throw CoreErrors.TRACE_QUERY(`clustering reads UTXO chains (${UTXO_CHAINS.join(', ')}); "${chain}" is not one: account chains have no co-spent inputs`);
  }
}

/**
 * Clusters the stored transactions of `chain` that clustering has not read yet (or exactly
 * `txids`, read again if they were), batch by batch.
 *
 * @example
 * await chainStore.ingestUtxo(batch);
 * const r = await updateClusters(store, 'bitcoin'); // { txs: 1557, merged: 360, coinjoins: { joinmarket: 2 }, ... }
 */
export async function updateClusters(store: Store, chain: Chain, txids?: readonly string[], options: ClusteringOptions = {}): Promise<ClusteringResult> {
  checkChain(chain);
  const started = performance.now();
  const clusters = createClusterStore(store);
  const batchSize = options.batchSize ?? 2_000;
  const result: ClusteringResult = { txs: 0, merged: 0, coinjoins: {}, conflicts: 0, alarms: 0, links: 0, addresses: 0, absorbed: 0, batches: 0, missing: [], ms: 0 };

  const runBatch = (positions: ChainPosition[]) =>
    clusters.batch(chain, async (b) => {
      const txs = await b.read(chain, positions);
      const addresses = txs.flatMap((t) => t.inputs.map((i) => i.address).filter((a): a is string => a !== undefined));
      const existing = await b.lookup(chain, addresses);
      const plan = planClusters(txs, { existing: (a) => existing.get(a), actorsOf: options.actorsOf, nextId: await b.nextId(chain), sizeAlarm: options.sizeAlarm ?? DEFAULT_SIZE_ALARM });
      await b.apply(chain, plan);
      return plan;
    });

  const account = (plan: Awaited<ReturnType<typeof runBatch>>) => {
    result.batches++;
    result.txs += plan.txs.length;
    for (const t of plan.txs) {
      if (t.outcome === 'merged') result.merged++;
      if (t.coinjoin) result.coinjoins[t.coinjoin.kind] = (result.coinjoins[t.coinjoin.kind] ?? 0) + 1;
    }
    result.conflicts += plan.conflicts.length;
    result.alarms += plan.alarms.length;
    result.links += plan.links.length;
    result.addresses += plan.assign.size;
    result.absorbed += plan.rewrite.length;
    for (const c of plan.conflicts) options.warn?.({ chain, txid: c.txid, clusterA: c.clusterA, clusterB: c.clusterB, actorsA: c.actorsA, actorsB: c.actorsB }, 'clustering refused a merge across different actors');
    for (const a of plan.alarms) options.warn?.({ chain, txid: a.txid, clusterId: a.clusterId, size: a.size, threshold: a.threshold }, 'a merge made a cluster larger than the alarm size');
  };

  const runGiven = async (given: readonly string[]) => {
    const positions = await clusters.batch(chain, (b) => b.positions(chain, given));
    const found = new Set(positions.map((p) => p.txid));
    result.missing.push(...[...new Set(given)].filter((t) => !found.has(t)));
    for (let i = 0; i < positions.length; i += batchSize) account(await runBatch(positions.slice(i, i + batchSize)));
  };

  if (txids) {
    await runGiven(txids);
  } else {
    let after: ChainPosition | undefined;
    for (;;) {
      const positions = await clusters.batch(chain, (b) => b.pending(chain, after, batchSize));
      if (positions.length === 0) break;
      account(await runBatch(positions));
      after = positions[positions.length - 1];
      if (positions.length < batchSize) break;
    }
  }
  if (options.retryPartial) await runGiven(await clusters.batch(chain, (b) => b.partial(chain)));
  result.ms = performance.now() - started;
  return result;
}

/** The cluster an address is in (id, size, actors), or undefined. */
export async function clusterOf(store: Store, chain: Chain, address: string): Promise<ClusterInfo | undefined> {
  return createClusterStore(store).clusterOf(chain, address);
}

/** Members of a cluster, in address order (page with `after`). */
export async function members(store: Store, chain: Chain, clusterId: number, limit = 1000, after?: string): Promise<string[]> {
  return createClusterStore(store).members(chain, clusterId, limit, after);
}

/** The transactions that linked an address to others. */
export async function linksOf(store: Store, chain: Chain, address: string, limit = 1000): Promise<ClusterLink[]> {
  return createClusterStore(store).linksOf(chain, address, limit);
}

/**
 * Why two addresses are in one cluster: the shortest chain of links (each a transaction that
 * co-spent two addresses) from `from` to `to`, or undefined when none is found within
 * `maxAddresses` visited addresses. Breadth-first over the stored links.
 */
export async function linkPath(store: Store, chain: Chain, from: string, to: string, maxAddresses = 10_000): Promise<ClusterLink[] | undefined> {
  if (from === to) return [];
  const cs = createClusterStore(store);
  const via = new Map<string, { prev: string; link: ClusterLink }>();
  const seen = new Set([from]);
  for (let frontier = [from]; frontier.length > 0 && seen.size < maxAddresses; ) {
    const next: string[] = [];
    for (const address of frontier) {
      for (const link of await cs.linksOf(chain, address, maxAddresses)) {
        const other = link.a === address ? link.b : link.a;
        if (seen.has(other)) continue;
        seen.add(other);
        via.set(other, { prev: address, link });
        if (other === to) {
          const path: ClusterLink[] = [];
          for (let at = to; at !== from; at = via.get(at)!.prev) path.unshift(via.get(at)!.link);
          return path;
        }
        next.push(other);
      }
    }
    frontier = next;
  }
  return undefined;
}

/**
 * The attributions an address inherits from its cluster, for the exposure tracer (the shape of
 * services/exposure.ts's ClusterAttribution): the tagged members' own attributions, marked
 * `via: 'cluster'` with the member that carries each. The tagged members of a cluster are found
 * by reading its members once per `direct` attributor (the tracer makes one per trace), so a
 * trace that meets many addresses of one cluster reads it once, and a tag load is seen by the
 * next trace.
 */
export function createClusterAttribution(store: Store, options: { pageSize?: number } = {}) {
  const cs = createClusterStore(store);
  const pageSize = options.pageSize ?? 10_000;
  const perTrace = new WeakMap<DirectAttributor, Map<string, Promise<string[]>>>();

  async function taggedMembers(chain: Chain, clusterId: number, direct: DirectAttributor): Promise<string[]> {
    const tagged: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await cs.members(chain, clusterId, pageSize, after);
      for (const m of page) if (direct(chain, m).length > 0) tagged.push(m);
      if (page.length < pageSize) return tagged;
      after = page[page.length - 1];
    }
  }

  return async (chain: Chain, address: string, direct: DirectAttributor): Promise<Attribution[]> => {
    if (!(UTXO_CHAINS as readonly string[]).includes(chain)) return [];
    const cluster = await cs.clusterOf(chain, address);
    if (!cluster) return [];
    let cache = perTrace.get(direct);
    if (!cache) perTrace.set(direct, (cache = new Map()));
    const key = `${chain}\u0000${cluster.id}\u0000${cluster.size}`;
    let tagged = cache.get(key);
    if (!tagged) cache.set(key, (tagged = taggedMembers(chain, cluster.id, direct)));
    return clusterAttributions(chain, (await tagged).filter((m) => m !== address), direct);
  };
}
