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

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** A character that ends a run of text: controls, C1 controls, and the replacement for invalid bytes. */
const BREAK = /[\u0000-\u001f\u007f-\u009f\ufffd]+/u;

/**
 * The text runs of the coinbase data, trimmed and joined with one space: "/ViaBTC/ Mined by xyz/".
 * The bytes are read as UTF-8 (invalid bytes break a run), so tags outside ASCII survive: F2Pool
 * writes "七彩神仙鱼" and "🐟", which the mining-pool lists match on. A run is kept when it has 3
 * characters or more, or any character beyond ASCII (a lone emoji is a tag; two stray ASCII
 * bytes are noise). The caller starts after the BIP-34 height push, so a height whose bytes
 * happen to be printable is not taken for text.
 */
export function coinbaseTag(s: Uint8Array, start: number, end: number): string {
  const runs: string[] = [];
  for (const piece of utf8.decode(s.subarray(start, end)).split(BREAK)) {
    const text = piece.trim().replace(/ {2,}/g, ' ');
    if ([...text].length >= 3 || /[^\u0000-\u007f]/u.test(text)) runs.push(text);
  }
  return runs.filter(Boolean).join(' ');
}
