/**
 * @module chain/cluster/plan
 * Multi-input (common-spend) clustering over a batch of transactions, merged into the clusters
 * the store already holds (issue 6). The heuristic: the inputs of one transaction are signed by
 * one wallet, so their addresses belong to one entity (Meiklejohn et al. 2013; GraphSense and
 * BlockSci's default). Pure: the store passes in what it holds about the batch's addresses and
 * writes back the plan this returns, in one database transaction.
 *
 * Safeguards against false merges, in the order they apply to each transaction:
 * (d) a coinbase, and a transaction with fewer than two inputs, link nothing;
 * (a) a CoinJoin-shaped transaction (coinjoin.ts) links nothing: its inputs are many people's;
 *     and only inputs whose spent output is known take part (an unknown input links nothing);
 * (b) a merge that would join sides carrying different attributed actors (both sides have
 *     actors, and no actor in common) is refused, and recorded as a conflict with the txid and
 *     one address of each side, for the analyst: a wallet that co-spends Garantex's and an
 *     exchange's coins is evidence to look at, not a reason to make them one entity;
 * (c) a merge that leaves a cluster above `sizeAlarm` addresses (default 100,000) is recorded
 *     as an alarm when it crossed the threshold or joined clusters that already existed
 *     (BlockSci #167's superclusters grew through such merges); it is not refused.
 *
 * Transactions apply one after another in the order given (the store gives chain order), so a
 * conflict is judged on the clusters as the earlier transactions left them, and splitting a run
 * into batches gives the same clusters. Union by size: when clusters join, the largest keeps its
 * id (ties: the smaller id) and the others' members move to it, so the store rewrites the fewest
 * rows. Every applied transaction records links from its first input address to each other
 * one: "which transaction linked these two addresses" always has an answer.
 */
import type { ClusterAlarm, ClusterConflict, ClusterLink, ClusterPlan, ClusterTx, ClusterTxResult, ExistingCluster } from './types.ts';
import { detectCoinJoin } from './coinjoin.ts';

export const DEFAULT_SIZE_ALARM = 100_000;

export interface PlanOptions {
  /** The cluster an address is in before the batch (the store's lookup for the batch's addresses). */
  existing?: (address: string) => ExistingCluster | undefined;
  /** Actor ids attributed to an address (tags, list wallets); default none. */
  actorsOf?: (address: string) => readonly string[];
  /** First id for clusters the batch creates. */
  nextId: number;
  /** Cluster size above which a merge is recorded as an alarm (default 100,000). */
  sizeAlarm?: number;
}

interface Node {
  id: number;
  size: number;
  actors: Set<string>;
  /** Whether the cluster existed before the batch. */
  stored: boolean;
  /** Whether the batch changed it (new, grew, absorbed, gained actors). */
  changed: boolean;
  parent: number;
}

/** A side of a merge: a cluster (root id) or an address in no cluster yet. */
type Side = { kind: 'cluster'; id: number; address: string } | { kind: 'address'; address: string };

const sorted = (s: Iterable<string>) => [...s].sort();

/**
 * Plans the merges of a batch of transactions.
 *
 * @example
 * const plan = planClusters(txs, { nextId: 1 });
 * plan.assign.get('1A...'); // the cluster id the address is in now
 */
export function planClusters(txs: Iterable<ClusterTx>, options: PlanOptions): ClusterPlan {
  const sizeAlarm = options.sizeAlarm ?? DEFAULT_SIZE_ALARM;
  const actorsOf = options.actorsOf ?? (() => []);
  let nextId = options.nextId;
  const nodes = new Map<number, Node>();
  /** Address → cluster id, for addresses seen in this batch (stored or new). */
  const clusterOfAddress = new Map<string, number | null>();
  const fresh = new Set<string>();
  const results: ClusterTxResult[] = [];
  const links: ClusterLink[] = [];
  const conflicts: ClusterConflict[] = [];
  const alarms: ClusterAlarm[] = [];
  const storedIdOf = new Map<string, number>();

  const find = (id: number): number => {
    let root = id;
    while (nodes.get(root)!.parent !== root) root = nodes.get(root)!.parent;
    for (let n = id; n !== root; ) {
      const node = nodes.get(n)!;
      n = node.parent;
      node.parent = root;
    }
    return root;
  };
  const clusterIdOf = (address: string): number | undefined => {
    let id = clusterOfAddress.get(address);
    if (id === undefined) {
      const existing = options.existing?.(address);
      id = existing ? existing.id : null;
      if (existing) {
        storedIdOf.set(address, existing.id);
        if (!nodes.has(existing.id)) nodes.set(existing.id, { id: existing.id, size: existing.size, actors: new Set(existing.actors), stored: true, changed: false, parent: existing.id });
      }
      clusterOfAddress.set(address, id);
    }
    return id === null ? undefined : find(id);
  };

  for (const tx of txs) {
    const result: ClusterTxResult = { txid: tx.txid, outcome: 'merged', inputs: tx.inputs.length, resolved: tx.inputs.filter((i) => i.address !== undefined).length };
    results.push(result);
    if (tx.coinbase) {
      result.outcome = 'coinbase';
      continue;
    }
    if (tx.inputs.length < 2) {
      result.outcome = 'single-input';
      continue;
    }
    const coinjoin = detectCoinJoin(tx);
    if (coinjoin) {
      result.outcome = 'coinjoin';
      result.coinjoin = coinjoin;
      continue;
    }
    const addresses = [...new Set(tx.inputs.map((i) => i.address).filter((a): a is string => a !== undefined))];
    if (addresses.length < 2) {
      result.outcome = 'unresolved';
      continue;
    }

    // The sides this transaction would join: distinct clusters, and addresses in none.
    const sides: Side[] = [];
    const seenRoots = new Set<number>();
    for (const address of addresses) {
      const root = clusterIdOf(address);
      if (root === undefined) sides.push({ kind: 'address', address });
      else if (!seenRoots.has(root)) (seenRoots.add(root), sides.push({ kind: 'cluster', id: root, address }));
    }
    const actorsOfSide = (s: Side): Set<string> => (s.kind === 'cluster' ? nodes.get(s.id)!.actors : new Set(actorsOf(s.address)));
    const sideActors = sides.map(actorsOfSide);
    const clash = findClash(sideActors);
    if (clash) {
      const [i, j] = clash;
      const a = sides[i]!;
      const b = sides[j]!;
      conflicts.push({
        txid: tx.txid,
        a: a.address,
        b: b.address,
        clusterA: storedIdOf.get(a.address),
        clusterB: storedIdOf.get(b.address),
        actorsA: sorted(sideActors[i]!),
        actorsB: sorted(sideActors[j]!),
      });
      result.outcome = 'conflict';
      continue;
    }

    // Survivor: the largest cluster (ties: smaller id); a new cluster when none is involved.
    const clusters = sides.filter((s): s is Extract<Side, { kind: 'cluster' }> => s.kind === 'cluster').map((s) => nodes.get(s.id)!);
    clusters.sort((x, y) => y.size - x.size || x.id - y.id);
    let survivor = clusters[0];
    if (!survivor) {
      survivor = { id: nextId++, size: 0, actors: new Set(), stored: false, changed: true, parent: -1 };
      survivor.parent = survivor.id;
      nodes.set(survivor.id, survivor);
    }
    const target: Node = survivor; // narrowed once, for the closure below
    const before = target.size;
    if (clusters.length > 1 || sides.length > clusters.length) target.changed = true;
    for (const other of clusters.slice(1)) {
      other.parent = target.id;
      target.size += other.size;
      for (const actor of other.actors) target.actors.add(actor);
    }
    sides.forEach((s, k) => {
      if (s.kind !== 'address') return;
      clusterOfAddress.set(s.address, target.id);
      fresh.add(s.address);
      target.size += 1;
      for (const actor of sideActors[k]!) target.actors.add(actor);
    });
    for (const b of addresses.slice(1)) links.push({ txid: tx.txid, a: addresses[0]!, b });
    if (target.size > sizeAlarm && (before <= sizeAlarm || clusters.length >= 2)) {
      alarms.push({ txid: tx.txid, clusterId: target.id, size: target.size, threshold: sizeAlarm });
    }
  }

  const assign = new Map<string, number>();
  for (const address of fresh) assign.set(address, find(clusterOfAddress.get(address)!));
  const rewrite: { from: number; into: number }[] = [];
  const clusters: ExistingCluster[] = [];
  for (const node of nodes.values()) {
    const root = find(node.id);
    if (root !== node.id) {
      if (node.stored) rewrite.push({ from: node.id, into: root });
    } else if (node.changed) {
      clusters.push({ id: node.id, size: node.size, actors: sorted(node.actors) });
    }
  }
  rewrite.sort((x, y) => x.from - y.from);
  clusters.sort((x, y) => x.id - y.id);
  return { txs: results, links, conflicts, alarms, assign, rewrite, clusters, nextId };
}

/** The first pair of sides that both carry actors and share none, or undefined. */
function findClash(actors: Set<string>[]): [number, number] | undefined {
  for (let i = 0; i < actors.length; i++) {
    if (actors[i]!.size === 0) continue;
    for (let j = i + 1; j < actors.length; j++) {
      if (actors[j]!.size === 0) continue;
      let shared = false;
      for (const a of actors[i]!) if (actors[j]!.has(a)) (shared = true);
      if (!shared) return [i, j];
    }
  }
  return undefined;
}
