/**
 * A stand-in for Bitcoin Core's JSON-RPC server on loopback, for the `btc-rpc-json <url>` ingest
 * tests: it answers getblockchaininfo, getblockcount, getblockhash and getblock (verbosity 2)
 * from the answers it is given, with Core's conventions (JSON-RPC 1.0 envelopes
 * {result, error, id}; HTTP 500 with an error object for a failed call, code -8 "Block height out
 * of range" and -5 "Block not found" as src/rpc/blockchain.cpp answers; HTTP 401 without the
 * right Basic credentials). `getblockJson` writes a parsed block in getblock verbosity-2 shape
 * (src/core_write.cpp TxToUniv: txid, vin with coinbase or txid/vout/scriptSig.hex, vout with
 * value in coins as a JSON number with 8 decimals, n, scriptPubKey.hex/type/address).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ParsedBlock, ScriptType } from '@sekisho/core';

/** Sekisho's script types → Core's TxoutType names (GetTxnOutputType). */
const CORE_TYPES: Partial<Record<ScriptType, string>> = {
  p2pkh: 'pubkeyhash',
  p2sh: 'scripthash',
  p2wpkh: 'witness_v0_keyhash',
  p2wsh: 'witness_v0_scripthash',
  p2tr: 'witness_v1_taproot',
  p2pk: 'pubkey',
  multisig: 'multisig',
  op_return: 'nulldata',
  nonstandard: 'nonstandard',
};

const coins = (sats: bigint) => `${sats / 100_000_000n}.${(sats % 100_000_000n).toString().padStart(8, '0')}`;

/** The getblock <hash> 2 result for a parsed block, as JSON text (amounts keep their 8 decimals). */
export function getblockJson({ block, transactions }: ParsedBlock, version = 4): string {
  const result = {
    hash: block.hash,
    height: block.height,
    version,
    time: block.time,
    previousblockhash: block.parentHash,
    nTx: transactions.length,
    tx: transactions.map((tx) => ({
      txid: tx.txid,
      vin: tx.inputs.map((i) =>
        i.prevTxid === undefined ? { coinbase: i.scriptSig, sequence: i.sequence } : { txid: i.prevTxid, vout: i.prevVout, scriptSig: { asm: '', hex: i.scriptSig }, sequence: i.sequence },
      ),
      vout: tx.outputs.map((o) => ({
        value: `@@${coins(o.value)}@@`,
        n: o.vout,
        scriptPubKey: { hex: o.script, type: CORE_TYPES[o.type] ?? o.type, ...(o.address !== undefined && o.type !== 'p2pk' ? { address: o.address } : {}) },
      })),
    })),
  };
  return JSON.stringify(result).replace(/"@@([0-9.]+)@@"/g, '$1');
}

export interface FakeNode {
  url: string;
  /** Calls received, in order ("getblock <hash>", …). */
  calls: string[];
  close(): Promise<void>;
}

export interface FakeNodeOptions {
  /** getblock results (JSON text of the result object) by height. */
  blocks: Map<number, { hash: string; json: string }>;
  /** getblockchaininfo's chain (default "main"). */
  network?: string;
  user?: string;
  password?: string;
  /** Heights whose getblock answers with an RPC error instead (a pruned block). */
  failAt?: Set<number>;
}

/**
 * Starts the stand-in on 127.0.0.1 (a free port).
 * @example const node = await startFakeBitcoinNode({ blocks }); … node.url … await node.close();
 */
export async function startFakeBitcoinNode(options: FakeNodeOptions): Promise<FakeNode> {
  const calls: string[] = [];
  const heights = [...options.blocks.keys()];
  const tip = Math.max(...heights);
  const byHash = new Map([...options.blocks].map(([h, b]) => [b.hash, { height: h, json: b.json }]));
  const expected = options.user ? `Basic ${Buffer.from(`${options.user}:${options.password ?? ''}`).toString('base64')}` : undefined;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (expected && req.headers.authorization !== expected) {
        res.writeHead(401).end();
        return;
      }
      const { id, method, params } = JSON.parse(body) as { id: unknown; method: string; params: unknown[] };
      calls.push(`${method} ${params.map(String).join(' ')}`.trim());
      const ok = (result: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"result":${result},"error":null,"id":${JSON.stringify(id)}}`);
      const fail = (code: number, message: string) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ result: null, error: { code, message }, id }));
      if (method === 'getblockchaininfo') return ok(JSON.stringify({ chain: options.network ?? 'main', blocks: tip }));
      if (method === 'getblockcount') return ok(String(tip));
      if (method === 'getblockhash') {
        const b = options.blocks.get(Number(params[0]));
        return b ? ok(JSON.stringify(b.hash)) : fail(-8, 'Block height out of range');
      }
      if (method === 'getblock') {
        const b = byHash.get(String(params[0]));
        if (!b) return fail(-5, 'Block not found');
        if (options.failAt?.has(b.height)) return fail(-1, 'Block not available (pruned data)');
        return ok(b.json);
      }
      return res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ result: null, error: { code: -32601, message: 'Method not found' }, id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const auth = options.user ? `${options.user}:${options.password ?? ''}@` : '';
  return {
    url: `http://${auth}127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
