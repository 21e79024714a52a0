/**
 * @module chain/tron/trongrid
 * TRC-20 transfers from TronGrid's account history (developers.tron.network, TronGrid v1 API,
 * "Get TRC20 transaction info by account address": GET /v1/accounts/{address}/transactions/trc20),
 * read into AccountTransfer. The answer is `{ data: [{ transaction_id, token_info: { address,
 * symbol, decimals, name }, block_timestamp, from, to, type, value }], success, meta }`; TRC-20
 * is TRON's port of EIP-20, so each `Transfer` entry is one token movement in base units.
 *
 * What the answer lacks, and how it is filled:
 * - block height: not in the answer; `blockHeight` is -1 (look it up with
 *   /wallet/gettransactioninfobyid when the height matters);
 * - log index: not in the answer either; `logIndex` is the entry's position among the entries
 *   of the same transaction in this answer (0 for the usual single transfer), NOT the chain's
 *   event index, and -1 is never used (it means a native transfer in the model);
 * - success: the history lists emitted events, and a failed transaction emits none, so `ok` is true.
 * Addresses are validated as TRON addresses (base58check, version 0x41) and kept in base58 form.
 */
import { validate } from '../../addresses/index.ts';
import { CoreErrors } from '../../errors.ts';
import { endsInsideValue, parseJsonLossless, WarningTally } from '../ethereum/index.ts';
import type { AccountTransfer } from '../model.ts';

/** One entry of TronGrid's TRC-20 history, as documented. */
export interface TrongridTrc20Entry {
  transaction_id: string;
  token_info: { address: string; symbol?: string; decimals?: number; name?: string };
  /** Milliseconds since the epoch. */
  block_timestamp: number;
  from: string;
  to: string;
  /** 'Transfer' or 'Approval'. */
  type: string;
  /** Base units, as a decimal string. */
  value: string;
}

export interface TrongridTrc20Answer {
  data: TrongridTrc20Entry[];
  success?: boolean;
  meta?: { at?: number; fingerprint?: string; links?: { next?: string }; page_size?: number };
}

export interface TrongridTransfers {
  transfers: AccountTransfer[];
  warnings: string[];
  /** The URL of the next page (meta.links.next), when TronGrid has more. */
  next?: string;
}

const TXID = /^[0-9a-fA-F]{64}$/;
const DIGITS = /^[0-9]+$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The TRC-20 transfers of one TronGrid answer page (text or parsed JSON). Entries of other
 * types (Approval) are skipped and counted in the warnings; anything malformed is CHAIN_PARSE
 * naming the entry, an answer of another shape CHAIN_FORMAT.
 * @example
 * const page = transfersFromTrongridTrc20(await (await fetch(url)).text());
 * if (page.next) … // fetch the next page
 */
export function transfersFromTrongridTrc20(answer: unknown): TrongridTransfers {
  let raw = answer;
  if (typeof raw === 'string') {
    const text = raw;
    try {
      raw = parseJsonLossless(text);
    } catch (cause) {
      const make = endsInsideValue(text) ? CoreErrors.CHAIN_TRUNCATED : CoreErrors.CHAIN_PARSE;
      throw make(`the TronGrid answer is not JSON: ${(cause as Error).message}`, {}, { cause });
    }
  }
  if (isObject(raw) && raw.success === false) {
    throw CoreErrors.CHAIN_PARSE(`TronGrid answered with an error: ${String(raw.error ?? raw.message ?? 'no reason given')}`);
  }
  if (!isObject(raw) || !Array.isArray(raw.data)) {
    throw CoreErrors.CHAIN_FORMAT('not a TronGrid TRC-20 history answer ({ data: [...], meta })');
  }
  const checked = new Map<string, string>();
  const address = (value: unknown, field: string, at: string): string => {
    if (typeof value === 'string') {
      const known = checked.get(value);
      if (known) return known;
      const verdict = validate(value, 'tron');
      if (verdict.valid) {
        checked.set(value, verdict.matches[0]!.canonical);
        return verdict.matches[0]!.canonical;
      }
      throw CoreErrors.CHAIN_PARSE(`${field} "${value.slice(0, 60)}" is not a TRON address: ${verdict.rejections[0]?.reason ?? ''}`, { position: at });
    }
    throw CoreErrors.CHAIN_PARSE(`${field} is missing`, { position: at });
  };

  const tally = new WarningTally();
  const perTx = new Map<string, number>();
  const transfers: AccountTransfer[] = [];
  raw.data.forEach((entry: unknown, i: number) => {
    const at = `entry ${i}`;
    if (!isObject(entry) || !isObject(entry.token_info)) {
      throw (i === 0 ? CoreErrors.CHAIN_FORMAT : CoreErrors.CHAIN_PARSE)('not a TRC-20 history entry (transaction_id, token_info, from, to, value)', { position: at });
    }
    const txHash = entry.transaction_id;
    if (typeof txHash !== 'string' || !TXID.test(txHash)) throw CoreErrors.CHAIN_PARSE('transaction_id is not 64 hex digits', { position: at });
    if (entry.type !== 'Transfer') return tally.add(`entries of type ${JSON.stringify(entry.type)} (not a transfer)`, txHash);
    const ms = entry.block_timestamp;
    if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) throw CoreErrors.CHAIN_PARSE('block_timestamp is not milliseconds', { position: at });
    const v = entry.value;
    let value: bigint;
    if (typeof v === 'string' && DIGITS.test(v)) value = BigInt(v);
    else if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) value = BigInt(v);
    else throw CoreErrors.CHAIN_PARSE(`value ${JSON.stringify(v)} is not a non-negative integer`, { position: at });
    const id = txHash.toLowerCase();
    const logIndex = perTx.get(id) ?? 0;
    perTx.set(id, logIndex + 1);
    transfers.push({
      chain: 'tron',
      txHash: id,
      blockHeight: -1,
      time: Math.floor(ms / 1000),
      logIndex,
      from: address(entry.from, 'from', at),
      to: address(entry.to, 'to', at),
      value,
      asset: address(entry.token_info.address, 'token_info.address', at),
      ok: true,
    });
  });
  const meta = isObject(raw.meta) ? raw.meta : undefined;
  const next = meta && isObject(meta.links) && typeof meta.links.next === 'string' ? meta.links.next : undefined;
  return next ? { transfers, warnings: tally.list(), next } : { transfers, warnings: tally.list() };
}
