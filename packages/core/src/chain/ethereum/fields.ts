/**
 * @module chain/ethereum/fields
 * Readers for the field forms EVM chain data comes in, each throwing CHAIN_PARSE with the place
 * it was read from: decimal integers as ethereum-etl writes them (JSON numbers of any size, or
 * CSV text), JSON-RPC QUANTITY and DATA hex strings (Ethereum JSON-RPC specification,
 * ethereum/execution-apis: QUANTITY is "0x" + hex digits, DATA is "0x" + an even number of
 * hex digits), and 20-byte account addresses (Yellow Paper §4.1), returned lower-case.
 * Amounts become bigint straight from their digits: no value ever passes through a float.
 */
import { CHAINS, validate, type Chain } from '../../addresses/index.ts';
import { CoreErrors } from '../../errors.ts';

/** The EVM chains of core's CHAINS: those whose codec reads a 0x address (kept in step with the codec). */
export const EVM_CHAINS: readonly Chain[] = CHAINS.filter((c) => validate('0x' + '0'.repeat(40), c).valid);

/** The chain named, checked to be an EVM chain (CHAIN_FORMAT otherwise: these parsers read EVM data only). */
export function evmChain(chain: string | undefined): Chain {
  const c = (chain ?? 'ethereum') as Chain;
  if (!EVM_CHAINS.includes(c)) {
    throw CoreErrors.CHAIN_FORMAT(`"${String(chain)}" is not an EVM chain; EVM data is read for ${EVM_CHAINS.join(', ')}`);
  }
  return c;
}

const DIGITS = /^[0-9]+$/;
const HEX_QUANTITY = /^0x[0-9a-fA-F]+$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function parseError(where: string, message: string): Error {
  return CoreErrors.CHAIN_PARSE(message, { position: where });
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? text.slice(0, 77) + '…' : text;
}

/**
 * A non-negative decimal integer of any size: a JSON number already known to be exact (a safe
 * integer; larger ones arrive as their digits, see lossless-json.ts) or a string of digits.
 * `BigInt('')` is 0n and `BigInt(' 1')` is 1n, so the digits are checked first.
 */
export function decimalBigint(value: unknown, field: string, where: string): bigint {
  if (typeof value === 'string' && DIGITS.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw parseError(where, `${field} ${show(value)} is not a non-negative integer`);
}

/** A non-negative integer that fits a JS number exactly (block height, time, index, count). */
export function decimalNumber(value: unknown, field: string, where: string): number {
  let n = Number.NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && DIGITS.test(value)) n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw parseError(where, `${field} ${show(value)} is not a non-negative integer`);
  return n;
}

/** A JSON-RPC QUANTITY ("0x1a") as bigint. */
export function hexBigint(value: unknown, field: string, where: string): bigint {
  if (typeof value === 'string' && HEX_QUANTITY.test(value)) return BigInt(value);
  throw parseError(where, `${field} ${show(value)} is not a hex quantity ("0x…")`);
}

/** A JSON-RPC QUANTITY that fits a JS number exactly. */
export function hexNumber(value: unknown, field: string, where: string): number {
  const n = hexBigint(value, field, where);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw parseError(where, `${field} ${show(value)} is too large`);
  return Number(n);
}

/** A 20-byte account address, lower-case (EVM addresses compare case-insensitively; EIP-55 case is display only). */
export function evmAddress(value: unknown, field: string, where: string): string {
  if (typeof value === 'string' && ADDRESS.test(value)) return value.toLowerCase();
  throw parseError(where, `${field} ${show(value)} is not an address (0x + 40 hex digits)`);
}

/** A 32-byte hash (transaction or block hash), lower-case. */
export function hash32(value: unknown, field: string, where: string): string {
  if (typeof value === 'string' && value.length === 66 && HEX_QUANTITY.test(value)) return value.toLowerCase();
  throw parseError(where, `${field} ${show(value)} is not a 32-byte hash (0x + 64 hex digits)`);
}

/** True when a field holds no value: absent, JSON null, or an empty CSV cell. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
