/**
 * @module chain/bitcoin/rpc
 * Reads Bitcoin Core's `getblock <hash> 2` answer (RPC docs: getblock, verbosity 2 — the block
 * with each transaction decoded; verbosity 3 adds prevouts, which are ignored) into the same model
 * as raw blocks: the result object, the full JSON-RPC envelope {result, error, id}, or the JSON
 * text of either. Amounts are decimal coins and become satoshis as bigint without float rounding
 * (amount.ts). Output types and addresses are derived from scriptPubKey.hex exactly as for raw
 * blocks, and what the node reported (type, address) must agree, so both paths give the same
 * transactions.
 */
import { CoreErrors } from '../../errors.ts';
import type { ChainBlock, ScriptType, UtxoInput, UtxoOutput, UtxoTransaction } from '../model.ts';
import { CHAIN_PARAMS, type BitcoinLikeChain } from './address.ts';
import { coinsToUnits, quoteValueNumbers } from './amount.ts';
import { bip34Height, coinbaseTag } from './coinbase.ts';
import type { ParsedBlock } from './block.ts';
import { classifyScript } from './script.ts';

/** Core's TxoutType names (GetTxnOutputType, src/script/solver.cpp) → Sekisho's. */
const RPC_TYPES: Readonly<Record<string, ScriptType>> = {
  pubkeyhash: 'p2pkh',
  scripthash: 'p2sh',
  witness_v0_keyhash: 'p2wpkh',
  witness_v0_scripthash: 'p2wsh',
  witness_v1_taproot: 'p2tr',
  pubkey: 'p2pk',
  multisig: 'multisig',
  nulldata: 'op_return',
  witness_unknown: 'witness_unknown',
  anchor: 'witness_unknown', // P2A (Core 28): a witness v1 program Sekisho files as witness_unknown
  nonstandard: 'nonstandard',
};

const HASH = /^[0-9a-f]{64}$/;
const HEX = /^(?:[0-9a-f]{2})*$/;
const ZERO_HASH = '0'.repeat(64);

export interface ParseRpcOptions {
  chain?: BitcoinLikeChain;
  /** Name used in error messages. */
  file?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

/**
 * Parses a getblock verbosity-2 answer. Errors: CHAIN_FORMAT when it is not one (verbosity 0/1,
 * another chain's RPC, not JSON), CHAIN_PARSE for an RPC error answer or a field that is missing,
 * malformed, or disagrees with the script it describes.
 *
 * @example
 * const { block, transactions } = parseRpcBlock(await (await fetch(node, …)).text());
 */
export function parseRpcBlock(json: unknown, options: ParseRpcOptions = {}): ParsedBlock {
  const chain = options.chain ?? 'bitcoin';
  const params = CHAIN_PARAMS[chain];
  const file = options.file;
  if (params === undefined) throw CoreErrors.CHAIN_FORMAT(`chain '${String(chain)}' does not use Bitcoin's RPC format here`);
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(quoteValueNumbers(value));
    } catch (error) {
      throw CoreErrors.CHAIN_FORMAT(`not JSON (${(error as Error).message})`, { file }, { cause: error });
    }
  }
  if (!isObj(value)) throw CoreErrors.CHAIN_FORMAT('a getblock answer is a JSON object', { file });
  if ('result' in value && ('error' in value || 'id' in value)) {
    if (value.error !== null && value.error !== undefined) {
      const e = value.error as Obj;
      throw CoreErrors.CHAIN_PARSE(`the node answered with an error: ${String(e.message ?? JSON.stringify(e))} (code ${String(e.code)})`, { file });
    }
    value = value.result;
    if (!isObj(value)) throw CoreErrors.CHAIN_FORMAT('the RPC result is not a block object (verbosity 0 gives hex; use getblock <hash> 2)', { file });
  }
  const b = value;
  const where = (path: string) => ({ file, position: path });
  const bad = (path: string, what: string) => CoreErrors.CHAIN_PARSE(what, where(path));

  const str = (o: Obj, key: string, path: string, re?: RegExp): string => {
    const v = o[key];
    if (typeof v !== 'string' || (re && !re.test(v))) throw bad(`${path}.${key}`, `expected ${re === HASH ? 'a 64-digit lower-case hex hash' : re === HEX ? 'hex' : 'a string'}, found ${JSON.stringify(v)?.slice(0, 80)}`);
    return v;
  };
  const uint = (o: Obj, key: string, path: string, max = 0xffffffff): number => {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) throw bad(`${path}.${key}`, `expected an integer 0..${max}, found ${JSON.stringify(v)}`);
    return v;
  };

  if (!Array.isArray(b.tx)) throw CoreErrors.CHAIN_FORMAT('no "tx" array: not a getblock answer', { file });
  if (b.tx.length > 0 && typeof b.tx[0] === 'string') {
    throw CoreErrors.CHAIN_FORMAT('transactions are ids only (getblock verbosity 1); use getblock <hash> 2', { file });
  }
  const hash = str(b, 'hash', 'block', HASH);
  const height = uint(b, 'height', 'block', 0x7fffffff);
  const time = uint(b, 'time', 'block');
  const parentHash = b.previousblockhash === undefined && height === 0 ? ZERO_HASH : str(b, 'previousblockhash', 'block', HASH);
  const txCount = b.nTx === undefined ? b.tx.length : uint(b, 'nTx', 'block');
  if (txCount !== b.tx.length) throw bad('block.nTx', `nTx says ${txCount} transactions but "tx" holds ${b.tx.length}: a partial block is never ingested`);
  if (txCount === 0) throw bad('block.tx', 'a block has at least its coinbase transaction');

  const seen = new Set<string>();
  const transactions: UtxoTransaction[] = b.tx.map((raw: unknown, index: number): UtxoTransaction => {
    const path = `tx[${index}]`;
    if (!isObj(raw)) throw bad(path, 'a transaction must be an object');
    const txid = str(raw, 'txid', path, HASH);
    if (seen.has(txid)) throw bad(`${path}.txid`, `transaction ${txid} appears twice`);
    seen.add(txid);
    if (!Array.isArray(raw.vin) || raw.vin.length === 0) throw bad(`${path}.vin`, 'expected a non-empty array of inputs');
    if (!Array.isArray(raw.vout)) throw bad(`${path}.vout`, 'expected an array of outputs');
    const vins: unknown[] = raw.vin;
    let coinbaseHex: string | undefined;
    const inputs: UtxoInput[] = vins.map((vin: unknown, i: number): UtxoInput => {
      const p = `${path}.vin[${i}]`;
      if (!isObj(vin)) throw bad(p, 'an input must be an object');
      const sequence = uint(vin, 'sequence', p);
      if (vin.coinbase !== undefined) {
        if (index !== 0 || vins.length !== 1) throw bad(p, 'only the first transaction of a block, with one input, is a coinbase');
        coinbaseHex = str(vin, 'coinbase', p, HEX);
        return { scriptSig: coinbaseHex, sequence };
      }
      const sig = vin.scriptSig;
      if (!isObj(sig)) throw bad(`${p}.scriptSig`, 'expected {asm, hex}');
      return { prevTxid: str(vin, 'txid', p, HASH), prevVout: uint(vin, 'vout', p), scriptSig: str(sig, 'hex', `${p}.scriptSig`, HEX), sequence };
    });
    if (index === 0 && coinbaseHex === undefined) throw bad(`${path}.vin[0]`, 'the first transaction of a block must be its coinbase');
    const outputs: UtxoOutput[] = raw.vout.map((vout: unknown, i: number): UtxoOutput => {
      const p = `${path}.vout[${i}]`;
      if (!isObj(vout)) throw bad(p, 'an output must be an object');
      const n = vout.n === undefined ? i : uint(vout, 'n', p);
      if (n !== i) throw bad(`${p}.n`, `output ${i} says n = ${n}`);
      const value = coinsToUnits(vout.value);
      if (value === undefined || value > params.maxMoney) throw bad(`${p}.value`, `not an amount of ${chain} (at most 8 decimals, 0..MAX_MONEY): ${JSON.stringify(vout.value)}`);
      const spk = vout.scriptPubKey;
      if (!isObj(spk)) throw bad(`${p}.scriptPubKey`, 'expected {asm, desc, hex, address, type}');
      const hex = str(spk, 'hex', `${p}.scriptPubKey`, HEX);
      const bytes = hexBytes(hex);
      const info = classifyScript(bytes, 0, bytes.length, params);
      if (typeof spk.type === 'string') {
        const stated = RPC_TYPES[spk.type];
        if (stated !== undefined && stated !== info.type) throw bad(`${p}.scriptPubKey.type`, `the node says ${spk.type} but the script is ${info.type}`);
      }
      // Core ≥ 22 writes "address"; older versions "addresses": [one] for single-key forms.
      const statedAddress = typeof spk.address === 'string' ? spk.address
        : Array.isArray(spk.addresses) && spk.addresses.length === 1 && info.type !== 'p2pk' && info.type !== 'multisig' ? spk.addresses[0] : undefined;
      if (statedAddress !== undefined && info.type !== 'p2pk' && statedAddress !== info.address) {
        throw bad(`${p}.scriptPubKey.address`, `the node says ${String(statedAddress)} but the script pays ${info.address ?? 'no address'}`);
      }
      const out: UtxoOutput = { vout: i, value, script: hex, type: info.type };
      if (info.address !== undefined) out.address = info.address;
      return out;
    });
    const tx: UtxoTransaction = { chain, txid, blockHeight: height, blockHash: hash, index, time, coinbase: coinbaseHex !== undefined, inputs, outputs };
    if (coinbaseHex !== undefined) {
      const data = hexBytes(coinbaseHex);
      const version = typeof b.version === 'number' ? b.version : 2;
      const pushed = version >= 2 ? bip34Height(data, 0, data.length) : undefined;
      tx.coinbaseTag = coinbaseTag(data, pushed ? pushed.length : 0, data.length);
    }
    return tx;
  });
  const block: ChainBlock = { chain, height, hash, parentHash, time, txCount };
  return { block, transactions };
}
