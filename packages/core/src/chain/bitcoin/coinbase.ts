/**
 * @module chain/bitcoin/coinbase
 * What a coinbase's data (its input's scriptSig) says: the block height pushed first since
 * BIP-34 (block version ≥ 2), and the pool's tag — the printable text pools write there
 * ("/ViaBTC/", "Mined by AntPool"), used to attribute the block to its pool.
 */

/**
 * The BIP-34 height: the first push of the coinbase scriptSig, a little-endian number (CScriptNum),
 * or OP_1..OP_16 for heights 1..16 (Core's BuildCommitment writes `CScript() << nHeight`). Returns
 * the height and the length of its push, or undefined when the data does not start that way.
 */
export function bip34Height(s: Uint8Array, start: number, end: number): { height: number; length: number } | undefined {
  if (start >= end) return undefined;
  const op = s[start]!;
  if (op >= 0x51 && op <= 0x60) return { height: op - 0x50, length: 1 };
  if (op < 1 || op > 4 || start + 1 + op > end) return undefined; // heights fit in 4 bytes for ~1,000 years
  let height = 0;
  for (let i = op - 1; i >= 0; i--) height = height * 256 + s[start + 1 + i]!;
  if (s[start + op]! & 0x80) return undefined; // negative CScriptNum: not a height
  return { height, length: 1 + op };
}

/**
 * The printable ASCII runs (0x20..0x7e) of at least 3 characters in the coinbase data, trimmed
 * and joined with one space: "/ViaBTC/ Mined by xyz/". The caller starts after the BIP-34
 * height push, so a height whose bytes happen to be printable is not taken for text.
 */
export function coinbaseTag(s: Uint8Array, start: number, end: number): string {
  const runs: string[] = [];
  let runStart = -1;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s[i]! : 0;
    if (c >= 0x20 && c <= 0x7e) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart >= 3) {
        const text = String.fromCharCode(...s.subarray(runStart, i)).trim();
        if (text.length >= 3) runs.push(text.replace(/ {2,}/g, ' '));
      }
      runStart = -1;
    }
  }
  return runs.join(' ');
}
