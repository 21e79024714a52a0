/**
 * The store's trace sources answer exactly as core's in-memory sources do (the reference for the
 * window rule and the aggregation), on SQLite (test/trace-source.test.ts) and PostgreSQL
 * (integration). A seeded random graph of UTXO transactions and account transfers — with
 * same-block transfers of unknown order, failed transfers, two assets and mixed-case EVM input —
 * is stored, and every trace of many subjects, both directions and both methods, must be equal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { memoryAccountSource, memoryUtxoSource, traceExposure, type AccountTransfer, type Attributor, type ExposureSubject, type UtxoTransaction } from '@sekisho/core';
import { createTraceSources } from '../src/chain/trace-source.ts';
import { createChainStore } from '../src/storage/chain-store.ts';
import { openStore, type Store } from '../src/storage/db.ts';
import type { TestDatabase } from './helpers.ts';

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width = 64) => n.toString(16).padStart(width, '0');

export function buildGraph(seed = 7): { utxo: UtxoTransaction[]; transfers: AccountTransfer[]; evm: string[]; btc: string[] } {
  const rnd = random(seed);
  const btc = Array.from({ length: 30 }, (_, i) => `1addr${i}`);
  const utxo: UtxoTransaction[] = [];
  const unspent: { txid: string; vout: number }[] = [];
  for (let i = 0; i < 120; i++) {
    const txid = hex(i + 1);
    const coinbase = i % 15 === 0;
    const inputs = coinbase ? [{ scriptSig: '03', sequence: 0 }] : [];
    if (!coinbase) {
      const n = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < n && unspent.length; k++) {
        const pick = unspent.splice(Math.floor(rnd() * unspent.length), 1)[0]!;
        inputs.push({ prevTxid: pick.txid, prevVout: pick.vout, scriptSig: '', sequence: 0 } as never);
      }
      // Sometimes an input whose transaction is not stored.
      if (rnd() < 0.2) inputs.push({ prevTxid: hex(9000 + i), prevVout: 0, scriptSig: '', sequence: 0 } as never);
    }
    const outputs = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, vout) => ({ vout, value: BigInt(1000 + Math.floor(rnd() * 100_000)), script: '', type: 'p2pkh' as const, address: btc[Math.floor(rnd() * btc.length)]! }));
    utxo.push({ chain: 'bitcoin', txid, blockHeight: 100 + Math.floor(i / 4), blockHash: hex(100 + Math.floor(i / 4)), index: i % 4, time: 1_700_000_000 + Math.floor(i / 4) * 600, coinbase, ...(coinbase ? { coinbaseTag: '/pool/' } : {}), inputs, outputs });
    outputs.forEach((o) => unspent.push({ txid, vout: o.vout }));
  }
  const evm = Array.from({ length: 25 }, (_, i) => `0x${hex(i + 1, 40)}`);
  const transfers: AccountTransfer[] = [];
  for (let i = 0; i < 400; i++) {
    const block = Math.floor(i / 5);
    const from = evm[Math.floor(rnd() * evm.length)]!;
    let to = evm[Math.floor(rnd() * evm.length)]!;
    if (to === from) to = evm[(evm.indexOf(from) + 1) % evm.length]!;
    const native = rnd() < 0.5;
    transfers.push({
      chain: 'ethereum',
      txHash: `0x${hex(i + 1)}`,
      blockHeight: 17_000_000 + block,
      time: 1_683_000_000 + block * 12,
      logIndex: native ? -1 : i % 5,
      from,
      to,
      value: BigInt(1 + Math.floor(rnd() * 1e9)) * 1_000_000_000n,
      asset: native ? 'native' : '0xdac17f958d2ee523a2206206994597c13d831ec7',
      ok: rnd() > 0.05,
    });
  }
  return { utxo, transfers, evm, btc };
}

export function traceSourceSuite(label: string, makeDb: () => Promise<TestDatabase>): void {
  describe(`trace sources (${label})`, () => {
    let db: TestDatabase;
    let store: Store;
    const graph = buildGraph();
    const tagged = new Set([graph.btc[3]!, graph.btc[11]!, graph.evm[4]!, graph.evm[9]!]);
    const attribute: Attributor = (_chain, address) => (tagged.has(address) ? [{ actor: `actor-${address}`, label: address, categories: ['exchange'], jurisdictions: [], sanctioned: false, source: 'test', via: 'address' }] : []);

    before(async () => {
      db = await makeDb();
      store = await openStore(db.url);
      const chain = createChainStore(store);
      const heights = [...new Set(graph.utxo.map((t) => t.blockHeight))];
      for (const h of heights) {
        const txs = graph.utxo.filter((t) => t.blockHeight === h);
        await chain.ingestUtxo([{ block: { chain: 'bitcoin', height: h, hash: hex(h), parentHash: hex(h - 1), time: txs[0]!.time, txCount: txs.length }, transactions: txs }]);
      }
      await chain.ingestTransfers(graph.transfers);
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });

    test('every trace over the store equals the trace over memory', async () => {
      const fromStore = createTraceSources(store);
      const memory = { utxo: memoryUtxoSource(graph.utxo), account: memoryAccountSource(graph.transfers) };
      const subjects: ExposureSubject[] = [
        ...graph.utxo.filter((_, i) => i % 7 === 3).map((t) => ({ kind: 'tx', chain: 'bitcoin', txid: t.txid }) as ExposureSubject),
        ...graph.btc.slice(0, 8).map((a) => ({ kind: 'address', chain: 'bitcoin', address: a }) as ExposureSubject),
        ...graph.transfers.filter((_, i) => i % 23 === 5).map((t) => ({ kind: 'tx', chain: 'ethereum', txid: t.txHash, address: t.to }) as ExposureSubject),
        ...graph.evm.slice(0, 8).flatMap((a) => [
          { kind: 'address', chain: 'ethereum', address: a, asset: 'native' } as ExposureSubject,
          { kind: 'address', chain: 'ethereum', address: a, asset: '0xdac17f958d2ee523a2206206994597c13d831ec7' } as ExposureSubject,
        ]),
      ];
      let compared = 0;
      let withFindings = 0;
      for (const subject of subjects) {
        for (const direction of ['in', 'out'] as const) {
          for (const method of ['haircut', 'poison'] as const) {
            const options = { direction, method, hops: 4, fanLimit: 5 };
            const a = await traceExposure(subject, options, { ...memory, attribute });
            const b = await traceExposure(subject, options, { ...fromStore, attribute });
            assert.deepEqual(b, a, `${JSON.stringify(subject)} ${direction} ${method}`);
            compared++;
            if (a.findings.length) withFindings++;
          }
        }
      }
      // The graph must make the comparison mean something.
      assert.ok(compared > 100 && withFindings > 20, `${compared} traces, ${withFindings} with findings`);
    });

    test('an EVM address or hash in another case finds the same transfers', async () => {
      const { account } = createTraceSources(store);
      const t = graph.transfers.find((x) => x.ok)!;
      const lower = await account.transfersOf('ethereum', t.txHash);
      const upper = await account.transfersOf('ethereum', t.txHash.toUpperCase().replace('0X', '0x'));
      assert.deepEqual(upper, lower);
      const a = await account.counterparties('ethereum', t.to, t.asset, 'in', undefined, 10);
      const b = await account.counterparties('ethereum', t.to.toUpperCase().replace('0X', '0x'), t.asset, 'in', undefined, 10);
      assert.deepEqual(b, a);
      assert.ok(a.total > 0n);
    });
  });
}
