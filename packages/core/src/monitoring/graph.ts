/**
 * @module monitoring/graph
 * A bounded in-memory memory of transfers between customers (rules 25, 26 and 28 of the catalogue,
 * research/monitoring.md §3.2) and the questions the flow rules ask of it about one transfer:
 * did the same sender pay the same receiver several times within a day (a burst), does the same
 * amount travel round a cycle of three or more accounts back to where it started, did an account
 * pass the exact amount it received on to someone else, is the receiver a hub that several
 * senders each pay in bursts, and is the sender a hub that pays several receivers each in bursts.
 *
 * Why these questions: the labelled AMLSim graphs (../shared/monitoring-data/amlsim; rules/flows.test.ts
 * replays them and prints what the rules find) show laundering as same-day repeats of one sender→receiver
 * pair (ordinary pairs there never repeat within a day), cycles of up to six hops that carry one
 * amount with ≤ 1% change per hop, with hop times in no particular order and spanning up to 116
 * days, exact amounts passed through, and fan-in hubs fed by bursting senders. Counting distinct
 * senders alone (degree) separates nothing on that data, so the graph answers about amounts and
 * repeats, not degrees.
 *
 * Pure and synchronous: the server feeds edges (one per transfer, deduplicated by the key it
 * defines) and puts `findings(edge)` into the monitoring context; the rules in rules/flows.ts read
 * it. Memory is bounded by a horizon (edges older than the newest edge minus the horizon are
 * dropped) and by a maximum edge count (the oldest go first).
 */

/** A transfer between two accounts (customer ids), as the graph keeps it. */
export interface TransferEdge {
  from: string;
  to: string;
  /** Value moved (the server uses yen); must be > 0 for the amount-matching questions. */
  amount: number;
  /** When, in ms since the epoch. */
  at: number;
  /** Identifies the transfer: adding the same key twice adds it once (both legs of one transfer share it). */
  key: string;
  /**
   * A matched trade between two customers rather than a transfer: partial fills against one
   * market maker come many to a day, so the fan answers (bursting counterparties) leave trades out.
   */
  trade?: boolean;
}

export interface TransferGraphOptions {
  /** Edges older than the newest edge minus this are dropped. AMLSim cycles span up to 116 days; 180 leaves margin. */
  horizonDays?: number;
  /** The most edges kept; beyond it the oldest are dropped. Measured about 330 bytes of heap per edge (27-character keys, 300k accounts): 2 million edges ≈ 0.65 GB. */
  maxEdges?: number;
  /** The window of a pair burst (same sender → same receiver). */
  burstWindowMs?: number;
  /** Relative amount tolerance of a cycle hop against the transfer's amount. AMLSim cycles carry one amount with ≤ 1% change. */
  cycleTolerance?: number;
  /** Longest cycle searched, in accounts (= hops). AMLSim cycles have 3–6 accounts. */
  maxHops?: number;
  /** Bound on the cycle search per query (edges looked at); beyond it the answer says `truncated`. */
  maxExpansions?: number;
  /** Cycles reported per query at most. */
  maxCycles?: number;
  /** Relative amount tolerance of a pass-through match (the rules may ask for less, e.g. exact). */
  passTolerance?: number;
  /**
   * How far apart (either order) the matching in and out may be. 90 days: an exact non-round
   * amount rarely recurs by chance even over months, and AMLSim's relays pass amounts on weeks
   * apart (30 days found half the relays 90 days find, at the same precision).
   */
  passWindowMs?: number;
  /**
   * The window over which the receiver's senders (fan-in) and the sender's receivers (fan-out)
   * are counted. 90 days: AMLSim's fan-in hubs receive their bursts over a median 74 days; a
   * 30-day window found none of them.
   */
  fanInWindowMs?: number;
  /** Edges scanned at most for the fan-in and fan-out answers (the receiver's incoming, the sender's outgoing) and the pair burst, newest first; beyond it a fan answer says `truncated`. */
  maxFanInScan?: number;
}

const DAY = 86_400_000;

export const GRAPH_DEFAULTS: Required<TransferGraphOptions> = {
  horizonDays: 180,
  maxEdges: 2_000_000,
  burstWindowMs: DAY,
  cycleTolerance: 0.01,
  maxHops: 6,
  maxExpansions: 10_000,
  maxCycles: 5,
  passTolerance: 0.005,
  passWindowMs: 90 * DAY,
  fanInWindowMs: 90 * DAY,
  maxFanInScan: 5_000,
};

/** One hop of a cycle. */
export interface CycleHop {
  from: string;
  to: string;
  amount: number;
  at: number;
  key: string;
}

/** A simple cycle through the transfer: accounts in flow order starting at its sender (the cycle closes back to the first). */
export interface FlowCycle {
  accounts: string[];
  hops: CycleHop[];
  /** Largest relative difference between a hop's amount and the transfer's amount. */
  maxDeviation: number;
  /** Latest hop time minus earliest, in ms (hop times need not follow the flow). */
  spanMs: number;
}

/** An edge that matches the transfer's amount at one of its ends. */
export interface PassMatch {
  /** The account the amount passed through (the transfer's sender or receiver). */
  account: string;
  /** Where the amount came from (sender side) or went to (receiver side). */
  counterparty: string;
  amount: number;
  at: number;
  key: string;
  /** Relative amount difference from the transfer. */
  deviation: number;
}

/**
 * What the graph says about one transfer. The server puts it into the monitoring context as
 * `graph`; rules/flows.ts reads it. Counts include the transfer itself.
 */
export interface GraphFindings {
  edge: { from: string; to: string; amount: number; at: number; key: string };
  /** Transfers (or, for a trade, trades) from the same sender to the same receiver in the window ending at this one. */
  pairBurst: { count: number; windowMs: number; amounts: number[]; firstAt: number };
  /** Cycles of 3..maxHops distinct accounts containing this transfer, every hop within the tolerance of its amount. */
  cycles: FlowCycle[];
  /** `expansions`: edges the search looked at; `truncated`: it stopped at the bound, so cycles may be missing. */
  cycleSearch: { tolerance: number; maxHops: number; expansions: number; truncated: boolean };
  passThrough: {
    tolerance: number;
    windowMs: number;
    /** The sender received the same amount from another account (in → out through the sender). */
    sender: PassMatch[];
    /** The receiver sent the same amount on to another account (in → out through the receiver). */
    receiver: PassMatch[];
  };
  /**
   * The receiver's senders over the fan-in window. Present only when the same sender paid the same
   * receiver before within that window: only then can this sender be one of the bursting senders
   * the fan-in rule looks for, and the scan (linear in the receiver's incoming edges) is skipped
   * for the rest.
   */
  fanIn?: {
    receiver: string;
    windowMs: number;
    /** Distinct senders to the receiver in the window (this sender included). */
    senders: number;
    /** Senders that repeated within a burst window, with their largest count in one window; most first (at most 50). */
    bursts: { account: string; count: number }[];
    truncated: boolean;
  };
  /**
   * The mirror: the sender's receivers over the same window, and which of them it paid in bursts.
   * Present under the same condition (the pair repeats within the window).
   */
  fanOut?: {
    sender: string;
    windowMs: number;
    /** Distinct receivers the sender paid in the window (this receiver included). */
    receivers: number;
    /** Receivers paid repeatedly within a burst window, with the largest count in one window; most first (at most 50). */
    bursts: { account: string; count: number }[];
    truncated: boolean;
  };
}

interface Edge extends TransferEdge {
  dead: boolean;
}

/**
 * An account: its edges by time (oldest first; dropped edges are trimmed from the front and swept
 * now and then) and by amount (smallest first; dropped edges are removed at once). Per-account
 * sorted arrays cost four references per edge; an index of amount buckets per account took half
 * as much again (a small array and a map entry for almost every edge: 481 against 327 bytes per edge).
 */
interface Node {
  name: string;
  out: Edge[];
  in: Edge[];
  outByAmount: Edge[];
  inByAmount: Edge[];
  live: number;
}

const usableAmount = (x: number) => x > 0 && Number.isFinite(x);

function lowerBoundAt(list: Edge[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBoundAt(list: Edge[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.at <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts keeping time order; transfers mostly arrive in order, so this is usually a push. */
function insertByTime(list: Edge[], e: Edge): void {
  const last = list[list.length - 1];
  if (!last || last.at <= e.at) list.push(e);
  else list.splice(upperBoundAt(list, e.at), 0, e);
}

/** First index whose amount is >= x. */
function lowerBoundAmount(list: Edge[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.amount < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertByAmount(list: Edge[], e: Edge): void {
  const last = list[list.length - 1];
  if (!last || last.amount <= e.amount) list.push(e);
  else list.splice(lowerBoundAmount(list, e.amount), 0, e);
}

function removeByAmount(list: Edge[], e: Edge): void {
  for (let i = lowerBoundAmount(list, e.amount); i < list.length && list[i]!.amount === e.amount; i++) {
    if (list[i] === e) {
      list.splice(i, 1);
      return;
    }
  }
}

const olderThan = (a: Edge, b: Edge) => a.at < b.at;
const byNumber = (x: number, y: number) => x - y;

/** Closest amount first, then closest in time. */
const closer = (x: PassMatch, y: PassMatch, at: number) => x.deviation - y.deviation || Math.abs(x.at - at) - Math.abs(y.at - at);

/** The state of one cycle search. */
interface CycleSearch {
  edge: TransferEdge;
  lo: number;
  hi: number;
  tMin: number;
  tMax: number;
  maxPath: number;
  back1: Set<string>;
  back2: Set<string>;
  pathNodes: string[];
  pathEdges: Edge[];
  onPath: Set<string>;
  found: FlowCycle[];
  search: GraphFindings['cycleSearch'];
}

/** The cycle the search closed with `last` (the hop back into the transfer's sender). */
function cycleOf(st: CycleSearch, last: Edge): FlowCycle {
  const { edge } = st;
  const a = edge.amount;
  const hops: CycleHop[] = [{ from: edge.from, to: edge.to, amount: a, at: edge.at, key: edge.key }];
  for (const f of [...st.pathEdges, last]) hops.push({ from: f.from, to: f.to, amount: f.amount, at: f.at, key: f.key });
  let minAt = Infinity;
  let maxAt = -Infinity;
  let dev = 0;
  for (const h of hops) {
    minAt = Math.min(minAt, h.at);
    maxAt = Math.max(maxAt, h.at);
    dev = Math.max(dev, Math.abs(h.amount - a) / a);
  }
  return { accounts: [...st.pathNodes], hops, maxDeviation: dev, spanMs: maxAt - minAt };
}

/**
 * A bounded memory of transfers between accounts, indexed by account, time and amount.
 * @example
 * const graph = new TransferGraph();
 * const edge = { from: 'C-1', to: 'C-2', amount: 120_000, at: Date.parse('2026-11-02T09:00:00Z'), key: 'tx-77' };
 * graph.add(edge);
 * const findings = graph.findings(edge); // findings.cycles, findings.pairBurst.count …
 */
export class TransferGraph {
  readonly options: Readonly<Required<TransferGraphOptions>>;
  private readonly nodes = new Map<string, Node>();
  private readonly byKey = new Map<string, Edge>();
  /** Min-heap on time: the next edge to drop. */
  private readonly heap: Edge[] = [];
  private readonly horizonMs: number;
  private newest = -Infinity;
  /** References to dropped edges still in some time list; a sweep removes them when they outnumber the live edges' references. */
  private deadRefs = 0;

  constructor(options: TransferGraphOptions = {}) {
    this.options = { ...GRAPH_DEFAULTS, ...options };
    const o = this.options;
    for (const [name, value] of Object.entries(o)) {
      if (typeof value !== 'number' || !(value >= 0)) throw new RangeError(`TransferGraph option ${name} must be a number >= 0, got ${String(value)}`);
    }
    if (!Number.isInteger(o.maxHops) || o.maxHops < 3) throw new RangeError('TransferGraph option maxHops must be an integer of at least 3 (a cycle needs three accounts)');
    this.horizonMs = o.horizonDays * DAY;
  }

  /** Edges kept. */
  get size(): number {
    return this.byKey.size;
  }

  /** Accounts with at least one kept edge. */
  get accounts(): number {
    return this.nodes.size;
  }

  /** The key is known (the transfer was added and not yet dropped). */
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /**
   * Adds a transfer once: a second add with the same key changes nothing. A self-transfer, or one
   * older than the horizon behind the newest edge, is not kept. Returns whether the edge was added.
   */
  add(edge: TransferEdge): boolean {
    if (this.byKey.has(edge.key)) return false;
    if (edge.from === edge.to || !Number.isFinite(edge.at)) return false;
    if (edge.at < Math.max(this.newest, edge.at) - this.horizonMs) return false;
    const from = this.node(edge.from);
    const to = this.node(edge.to);
    // `trade` is always set, so that every edge has one shape.
    const e: Edge = { from: from.name, to: to.name, amount: edge.amount, at: edge.at, key: edge.key, trade: edge.trade === true, dead: false };
    this.byKey.set(e.key, e);
    insertByTime(from.out, e);
    insertByTime(to.in, e);
    from.live++;
    to.live++;
    if (usableAmount(e.amount)) {
      insertByAmount(from.outByAmount, e);
      insertByAmount(to.inByAmount, e);
    }
    this.heapPush(e);
    if (e.at > this.newest) this.newest = e.at;
    this.prune(this.newest);
    return true;
  }

  /** Drops edges older than `now` minus the horizon, and the oldest beyond maxEdges. */
  prune(now: number = this.newest): void {
    const cutoff = now - this.horizonMs;
    while (this.heap.length > 0 && (this.heap[0]!.at < cutoff || this.heap.length > this.options.maxEdges)) this.drop(this.heapPop()!);
    if (this.deadRefs > 4096 && this.deadRefs > 2 * this.byKey.size) this.sweep();
  }

  /**
   * What the graph says about a transfer (added or not: the answer is the same, the transfer is
   * counted once). Pure with respect to the graph: it reads, never changes it.
   */
  findings(edge: TransferEdge): GraphFindings {
    const o = this.options;
    const { repeats, ...pairBurst } = this.pairBurst(edge);
    return {
      edge: { from: edge.from, to: edge.to, amount: edge.amount, at: edge.at, key: edge.key },
      pairBurst,
      ...this.cycles(edge),
      passThrough: { tolerance: o.passTolerance, windowMs: o.passWindowMs, ...this.passThrough(edge) },
      ...(repeats && !edge.trade ? { fanIn: this.fanIn(edge), fanOut: this.fanOut(edge) } : {}),
    };
  }

  private pairBurst(edge: TransferEdge): GraphFindings['pairBurst'] & { repeats: boolean } {
    const w = this.options.burstWindowMs;
    const amounts = [edge.amount];
    let firstAt = edge.at;
    // Whether the pair repeats anywhere in the fan-in window, i.e. whether the fan-in question can matter.
    let repeats = false;
    const out = this.nodes.get(edge.from)?.out;
    // Transfers count with transfers, trades with trades: a customer's fills against a market maker say nothing of its payments to it.
    const trade = edge.trade === true;
    if (out && edge.from !== edge.to) {
      // Newest first, so that a sender with a huge history is cut off in the past, not in the burst window.
      const since = Math.min(edge.at - w, edge.at - this.options.fanInWindowMs);
      const end = upperBoundAt(out, edge.at);
      const start = Math.max(lowerBoundAt(out, since), end - this.options.maxFanInScan);
      for (let i = end - 1; i >= start; i--) {
        const f = out[i]!;
        if (f.dead || f.to !== edge.to || f.key === edge.key || f.trade !== trade || !(f.at > since)) continue;
        repeats = true;
        if (!(f.at > edge.at - w)) continue;
        amounts.push(f.amount);
        if (f.at < firstAt) firstAt = f.at;
      }
    }
    return { count: amounts.length, windowMs: w, amounts, firstAt, repeats };
  }

  /**
   * Simple cycles through the transfer s→t: paths t→…→s of 2..maxHops-1 hops through distinct
   * accounts, every hop within the tolerance of the transfer's amount and within the horizon of its
   * time, in any time order (AMLSim's hops are not time-ordered along the flow). Depth-first from t,
   * pruned by the accounts that reach s in one or two matching hops; parallel edges to the same
   * next account are tried once (the closest amount).
   */
  private cycles(edge: TransferEdge): Pick<GraphFindings, 'cycles' | 'cycleSearch'> {
    const o = this.options;
    const search = { tolerance: o.cycleTolerance, maxHops: o.maxHops, expansions: 0, truncated: false };
    const s = this.nodes.get(edge.from);
    const t = this.nodes.get(edge.to);
    if (!s || !t || edge.from === edge.to || !(edge.amount > 0)) return { cycles: [], cycleSearch: search };
    const a = edge.amount;
    const st: CycleSearch = {
      edge,
      lo: a * (1 - o.cycleTolerance),
      hi: a * (1 + o.cycleTolerance),
      tMin: edge.at - this.horizonMs,
      tMax: edge.at + this.horizonMs,
      maxPath: o.maxHops - 1, // hops of t→…→s
      back1: new Set(),
      back2: new Set(),
      pathNodes: [edge.from, edge.to],
      pathEdges: [],
      onPath: new Set([edge.from, edge.to]),
      found: [],
      search,
    };
    // Accounts with a matching hop into s (back1), and into one of those (back2): the last two hops.
    for (let i = lowerBoundAmount(s.inByAmount, st.lo); i < s.inByAmount.length && s.inByAmount[i]!.amount <= st.hi; i++) {
      const f = s.inByAmount[i]!;
      if (this.matches(st, f) && f.from !== edge.to) st.back1.add(f.from);
    }
    if (st.back1.size === 0) return { cycles: [], cycleSearch: search };
    if (o.maxHops >= 4) {
      for (const x of st.back1) {
        const nx = this.nodes.get(x);
        if (!nx) continue;
        for (let i = lowerBoundAmount(nx.inByAmount, st.lo); i < nx.inByAmount.length && nx.inByAmount[i]!.amount <= st.hi; i++) {
          const f = nx.inByAmount[i]!;
          if (this.matches(st, f) && f.from !== edge.from) st.back2.add(f.from);
        }
      }
    }
    this.walk(st, t, 0);
    return { cycles: st.found, cycleSearch: search };
  }

  /** A hop the cycle search may use; every edge looked at counts against the bound, so an account with thousands of same-amount edges cannot stall the search. */
  private matches(st: CycleSearch, f: Edge): boolean {
    if (++st.search.expansions > this.options.maxExpansions) st.search.truncated = true;
    return !f.dead && f.amount >= st.lo && f.amount <= st.hi && f.at >= st.tMin && f.at <= st.tMax;
  }

  private walk(st: CycleSearch, u: Node, depth: number): void {
    const o = this.options;
    if (st.found.length >= o.maxCycles || st.search.truncated) return;
    const a = st.edge.amount;
    // The closest matching edge to each next account.
    const next = new Map<string, Edge>();
    const list = u.outByAmount;
    for (let i = lowerBoundAmount(list, st.lo); i < list.length && list[i]!.amount <= st.hi; i++) {
      const f = list[i]!;
      if (!this.matches(st, f)) continue;
      const prev = next.get(f.to);
      if (!prev || Math.abs(f.amount - a) < Math.abs(prev.amount - a)) next.set(f.to, f);
    }
    for (const [v, f] of next) {
      if (st.found.length >= o.maxCycles || st.search.truncated) return;
      if (v === st.edge.from) {
        if (depth + 1 >= 2) st.found.push(cycleOf(st, f));
        continue;
      }
      if (st.onPath.has(v)) continue;
      const remaining = st.maxPath - (depth + 1);
      if (remaining < 1) continue;
      if (remaining === 1 && !st.back1.has(v)) continue;
      if (remaining === 2 && !st.back1.has(v) && !st.back2.has(v)) continue;
      const nv = this.nodes.get(v);
      if (!nv) continue;
      st.pathNodes.push(v);
      st.pathEdges.push(f);
      st.onPath.add(v);
      this.walk(st, nv, depth + 1);
      st.onPath.delete(v);
      st.pathEdges.pop();
      st.pathNodes.pop();
    }
  }

  private passThrough(edge: TransferEdge): { sender: PassMatch[]; receiver: PassMatch[] } {
    const sender: PassMatch[] = [];
    const receiver: PassMatch[] = [];
    const a = edge.amount;
    if (edge.from === edge.to || !(a > 0)) return { sender, receiver };
    const tol = this.options.passTolerance;
    const lo = a * (1 - tol);
    const hi = a * (1 + tol);
    const w = this.options.passWindowMs;
    const s = this.nodes.get(edge.from);
    if (s) {
      for (let i = lowerBoundAmount(s.inByAmount, lo); i < s.inByAmount.length && s.inByAmount[i]!.amount <= hi; i++) {
        const f = s.inByAmount[i]!;
        if (f.key === edge.key || f.from === edge.to || Math.abs(f.at - edge.at) > w) continue;
        sender.push({ account: edge.from, counterparty: f.from, amount: f.amount, at: f.at, key: f.key, deviation: Math.abs(f.amount - a) / a });
      }
    }
    const t = this.nodes.get(edge.to);
    if (t) {
      for (let i = lowerBoundAmount(t.outByAmount, lo); i < t.outByAmount.length && t.outByAmount[i]!.amount <= hi; i++) {
        const f = t.outByAmount[i]!;
        if (f.key === edge.key || f.to === edge.from || Math.abs(f.at - edge.at) > w) continue;
        receiver.push({ account: edge.to, counterparty: f.to, amount: f.amount, at: f.at, key: f.key, deviation: Math.abs(f.amount - a) / a });
      }
    }
    if (sender.length > 1) sender.sort((x, y) => closer(x, y, edge.at));
    if (receiver.length > 1) receiver.sort((x, y) => closer(x, y, edge.at));
    return { sender: sender.slice(0, 10), receiver: receiver.slice(0, 10) };
  }

  /** The receiver's senders over the fan window and which of them burst. */
  private fanIn(edge: TransferEdge): NonNullable<GraphFindings['fanIn']> {
    const { counterparties, bursts, truncated } = this.fan(this.nodes.get(edge.to)?.in, edge, (f) => f.from, edge.from);
    return { receiver: edge.to, windowMs: this.options.fanInWindowMs, senders: counterparties, bursts, truncated };
  }

  /** The sender's receivers over the fan window and which of them it paid in bursts. */
  private fanOut(edge: TransferEdge): NonNullable<GraphFindings['fanOut']> {
    const { counterparties, bursts, truncated } = this.fan(this.nodes.get(edge.from)?.out, edge, (f) => f.to, edge.to);
    return { sender: edge.from, windowMs: this.options.fanInWindowMs, receivers: counterparties, bursts, truncated };
  }

  /**
   * The counterparties of one end of the transfer over the fan window (`list`: the receiver's
   * incoming or the sender's outgoing edges; `other`: the far end of such an edge; `self`: the
   * transfer's own far end), and the ones that repeat within a burst window.
   */
  private fan(list: Edge[] | undefined, edge: TransferEdge, other: (f: Edge) => string, self: string): { counterparties: number; bursts: { account: string; count: number }[]; truncated: boolean } {
    const o = this.options;
    let truncated = false;
    const times = new Map<string, number[]>([[self, [edge.at]]]);
    if (list && edge.from !== edge.to) {
      const end = upperBoundAt(list, edge.at);
      let start = lowerBoundAt(list, edge.at - o.fanInWindowMs);
      if (end - start > o.maxFanInScan) {
        start = end - o.maxFanInScan;
        truncated = true;
      }
      for (let i = start; i < end; i++) {
        const f = list[i]!;
        if (f.dead || f.trade || f.key === edge.key || !(f.at > edge.at - o.fanInWindowMs)) continue;
        const account = other(f);
        const ts = times.get(account);
        if (ts) ts.push(f.at);
        else times.set(account, [f.at]);
      }
    }
    const bursts: { account: string; count: number }[] = [];
    const w = o.burstWindowMs;
    for (const [account, ts] of times) {
      if (ts.length < 2) continue;
      ts.sort(byNumber);
      let best = 1;
      for (let i = 0, j = 0; j < ts.length; j++) {
        while (ts[j]! - ts[i]! >= w) i++;
        best = Math.max(best, j - i + 1);
      }
      if (best >= 2) bursts.push({ account, count: best });
    }
    bursts.sort((x, y) => y.count - x.count || (x.account < y.account ? -1 : 1));
    if (bursts.length > 50) bursts.length = 50;
    return { counterparties: times.size, bursts, truncated };
  }

  private node(name: string): Node {
    let n = this.nodes.get(name);
    if (!n) {
      n = { name, out: [], in: [], outByAmount: [], inByAmount: [], live: 0 };
      this.nodes.set(name, n);
    }
    return n;
  }

  private drop(e: Edge): void {
    if (e.dead) return;
    e.dead = true;
    this.byKey.delete(e.key);
    this.deadRefs += 2;
    const from = this.nodes.get(e.from);
    const to = this.nodes.get(e.to);
    if (from) {
      from.live--;
      // The dropped edge is usually the oldest: trim it from the front of the time list at once.
      this.deadRefs -= trimFront(from.out);
      if (usableAmount(e.amount)) removeByAmount(from.outByAmount, e);
      if (from.live === 0) this.nodes.delete(from.name);
    }
    if (to) {
      to.live--;
      this.deadRefs -= trimFront(to.in);
      if (usableAmount(e.amount)) removeByAmount(to.inByAmount, e);
      if (to.live === 0) this.nodes.delete(to.name);
    }
  }

  /** Removes dropped edges from the time lists (amortised: runs when dead references outnumber live edges). */
  private sweep(): void {
    for (const n of this.nodes.values()) {
      if (n.out.length + n.in.length > 2 * n.live) {
        n.out = n.out.filter((e) => !e.dead);
        n.in = n.in.filter((e) => !e.dead);
      }
    }
    this.deadRefs = 0;
  }

  private heapPush(e: Edge): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!olderThan(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private heapPop(): Edge | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && olderThan(h[l]!, h[m]!)) m = l;
        if (r < h.length && olderThan(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Drops dead edges from the front of a time list; returns how many. */
function trimFront(list: Edge[]): number {
  let n = 0;
  while (n < list.length && list[n]!.dead) n++;
  if (n === 1) list.shift();
  else if (n > 1) list.splice(0, n);
  return n;
}

/**
 * Keys that let the two legs of one transfer find each other without a shared reference: the
 * sender's leg (out) and the receiver's leg (in) carry the same pair, amount and time, so the key
 * is that signature plus the occurrence — the n-th out leg with a signature pairs with the n-th in
 * leg with it. Without the occurrence, genuine repeats would collapse into one edge: AMLSim's
 * same-day bursts repeat the exact amount (1,420 of 117,805 transfers in the cycle sample share
 * pair, amount and day with an earlier one). Signatures older than the horizon behind the newest
 * are forgotten, so memory follows the graph's.
 * @example
 * const keys = new TransferKeys();
 * keys.key({ from: 'C-1', to: 'C-2', amount: 5000, at, side: 'out' }); // 'C-1>C-2|5000|<at>#1'
 * keys.key({ from: 'C-1', to: 'C-2', amount: 5000, at, side: 'in' });  // the same key
 */
export class TransferKeys {
  private readonly seen = new Map<string, { at: number; out: number; in: number }>();
  private readonly horizonMs: number;
  private newest = -Infinity;

  constructor(horizonDays: number = GRAPH_DEFAULTS.horizonDays) {
    this.horizonMs = horizonDays * DAY;
  }

  /** Signatures remembered. */
  get size(): number {
    return this.seen.size;
  }

  key(leg: { from: string; to: string; amount: number; at: number; side: 'out' | 'in' }): string {
    const signature = `${leg.from}>${leg.to}|${leg.amount}|${leg.at}`;
    let entry = this.seen.get(signature);
    if (!entry) {
      entry = { at: leg.at, out: 0, in: 0 };
      this.seen.set(signature, entry);
    }
    const n = ++entry[leg.side];
    if (leg.at > this.newest) {
      this.newest = leg.at;
      // Insertion order is nearly time order: forget from the front while it is old.
      const cutoff = this.newest - this.horizonMs;
      for (const [k, v] of this.seen) {
        if (v.at >= cutoff) break;
        this.seen.delete(k);
      }
    }
    return `${signature}#${n}`;
  }
}
