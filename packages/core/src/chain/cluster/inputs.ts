/**
 * @module chain/cluster/inputs
 * The addresses a transaction's inputs spend from. The sure way is the spent output itself (the
 * store's utxo_input ⋈ utxo_output). When the spent output is not at hand (a node's blocks
 * ingested from some height on), the standard unlocking scripts still name it, because the
 * script must hash to what the output committed to (BIP-16 for P2SH):
 * - P2PKH: exactly two pushes, a DER signature with its sighash byte and a public key
 *   (33 bytes 02/03 or 65 bytes 04/06/07): the address is HASH160 of the key;
 * - P2SH multisig: OP_0, one or more DER signatures, then the redeem script, which must be
 *   `OP_m <keys> OP_n OP_CHECKMULTISIG`: the address is HASH160 of the redeem script;
 * - P2SH-wrapped segwit (BIP-141): one push of a v0 witness program (0014… or 0020…).
 * Anything else (P2PK, bare multisig, native segwit, whose scriptSig is empty) gives no address.
 * A valid mainnet block proves the hash matches; these shapes are strict so that no other
 * script is taken for one.
 */
import { CHAIN_PARAMS, base58Address, type ChainParams } from '../bitcoin/address.ts';
import { hash160 } from '../bitcoin/hashes.ts';
import { classifyScript } from '../bitcoin/script.ts';
import type { UtxoTransaction } from '../model.ts';
import type { ClusterTx } from './types.ts';

function hexBytes(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || /[^0-9a-f]/i.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The data pushes of a push-only script, or undefined when it has another opcode or is cut off. */
function pushes(s: Uint8Array): Uint8Array[] | undefined {
  const out: Uint8Array[] = [];
  let pos = 0;
  while (pos < s.length) {
    const op = s[pos++]!;
    let len: number;
    if (op <= 0x4b) len = op;
    else if (op === 0x4c && pos + 1 <= s.length) len = s[pos++]!;
    else if (op === 0x4d && pos + 2 <= s.length) (len = s[pos]! | (s[pos + 1]! << 8)), (pos += 2);
    else return undefined;
    if (pos + len > s.length) return undefined;
    out.push(s.subarray(pos, pos + len));
    pos += len;
  }
  return out;
}

/** A DER-encoded ECDSA signature followed by its sighash byte (BIP-66 sizes: 9 to 73 bytes). */
function isSignature(p: Uint8Array): boolean {
  return p.length >= 9 && p.length <= 73 && p[0] === 0x30 && p[1] === p.length - 3;
}

function isPubkey(p: Uint8Array): boolean {
  return (p.length === 33 && (p[0] === 2 || p[0] === 3)) || (p.length === 65 && (p[0] === 4 || p[0] === 6 || p[0] === 7));
}

/**
 * The address an input spends from, read from its unlocking script (see the module comment),
 * or undefined when the script is not one of the strict standard shapes.
 *
 * @example inputAddressFromScriptSig('4830450221…01' + '21' + '02…') // '1…' (P2PKH)
 */
export function inputAddressFromScriptSig(scriptSigHex: string, params: ChainParams = CHAIN_PARAMS.bitcoin): string | undefined {
  const bytes = hexBytes(scriptSigHex);
  const items = bytes && bytes.length > 0 ? pushes(bytes) : undefined;
  if (!items || items.length === 0) return undefined;
  const last = items[items.length - 1]!;
  if (items.length === 2 && isSignature(items[0]!) && isPubkey(last)) return base58Address(params.p2pkh, hash160(last));
  if (items.length >= 3 && items[0]!.length === 0 && items.slice(1, -1).every(isSignature) && classifyScript(last, 0, last.length, params).type === 'multisig') {
    return base58Address(params.p2sh, hash160(last));
  }
  if (items.length === 1 && ((last.length === 22 && last[0] === 0 && last[1] === 20) || (last.length === 34 && last[0] === 0 && last[1] === 32))) {
    return base58Address(params.p2sh, hash160(last));
  }
  return undefined;
}

/**
 * A parsed transaction as clustering reads it: each input's spent output from `spent` (the
 * store, or the outputs of the same batch), else, when `fromScriptSig` is on, the address its
 * unlocking script names (value unknown).
 */
export function clusterTxOf(
  tx: UtxoTransaction,
  spent: (txid: string, vout: number) => { address?: string; value?: bigint } | undefined,
  options: { fromScriptSig?: boolean; params?: ChainParams } = {},
): ClusterTx {
  return {
    txid: tx.txid,
    coinbase: tx.coinbase,
    inputs: tx.inputs.map((input) => {
      const out = input.prevTxid === undefined ? undefined : spent(input.prevTxid, input.prevVout ?? 0);
      if (out?.address !== undefined) return out;
      const derived = options.fromScriptSig ? inputAddressFromScriptSig(input.scriptSig, options.params) : undefined;
      return derived === undefined ? { ...(out?.value === undefined ? {} : { value: out.value }) } : { address: derived, ...(out?.value === undefined ? {} : { value: out.value }) };
    }),
    outputs: tx.outputs.map((o) => (o.address === undefined ? { value: o.value } : { address: o.address, value: o.value })),
  };
}
