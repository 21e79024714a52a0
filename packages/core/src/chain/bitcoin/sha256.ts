/**
 * @module chain/bitcoin/sha256
 * Double SHA-256 (FIPS 180-4) over byte ranges of a block, without allocating per call: the
 * txid of every transaction and every merkle node is one, so over a block @noble/hashes' hasher
 * objects and DataViews (one of each per call) were most of the garbage and a third of the parse
 * time. Same values as @noble/hashes (sha256.test.ts compares them on every length 0..300 and on
 * split inputs). Messages are read straight from the caller's bytes, 64-byte blocks at a time.
 */

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

const H = new Int32Array(8);
const W = new Int32Array(64);
const tail = new Uint8Array(128);
const mid = new Uint8Array(32);

/** One compression of the 64 bytes at `b[p..p+64)` into H. */
function compress(b: Uint8Array, p: number): void {
  const w = W;
  for (let i = 0; i < 16; i++, p += 4) w[i] = (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = H[0]!, bb = H[1]!, c = H[2]!, d = H[3]!, e = H[4]!, f = H[5]!, g = H[6]!, h = H[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0; H[1] = (H[1]! + bb) | 0; H[2] = (H[2]! + c) | 0; H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0; H[5] = (H[5]! + f) | 0; H[6] = (H[6]! + g) | 0; H[7] = (H[7]! + h) | 0;
}

// Streaming state over the ranges of one message.
let pending = 0; // bytes in `tail` not yet compressed
let total = 0;

function begin(): void {
  H.set(IV);
  pending = 0;
  total = 0;
}

function feed(b: Uint8Array, start: number, end: number): void {
  total += end - start;
  let p = start;
  if (pending > 0) {
    const take = Math.min(64 - pending, end - p);
    tail.set(b.subarray(p, p + take), pending);
    pending += take;
    p += take;
    if (pending < 64) return;
    compress(tail, 0);
    pending = 0;
  }
  for (; p + 64 <= end; p += 64) compress(b, p);
  if (p < end) {
    tail.set(b.subarray(p, end), 0);
    pending = end - p;
  }
}

function finish(out: Uint8Array, at: number): void {
  tail[pending] = 0x80;
  const padded = pending < 56 ? 64 : 128;
  tail.fill(0, pending + 1, padded - 8);
  const bits = total * 8;
  const hi = Math.floor(bits / 4294967296);
  const lo = bits >>> 0;
  tail[padded - 8] = hi >>> 24; tail[padded - 7] = hi >>> 16; tail[padded - 6] = hi >>> 8; tail[padded - 5] = hi;
  tail[padded - 4] = lo >>> 24; tail[padded - 3] = lo >>> 16; tail[padded - 2] = lo >>> 8; tail[padded - 1] = lo;
  compress(tail, 0);
  if (padded === 128) compress(tail, 64);
  for (let i = 0; i < 8; i++) {
    const v = H[i]!;
    out[at + 4 * i] = v >>> 24; out[at + 4 * i + 1] = v >>> 16; out[at + 4 * i + 2] = v >>> 8; out[at + 4 * i + 3] = v;
  }
}

/**
 * SHA-256(SHA-256(m)) where m is the concatenation of the ranges [s0,e0), [s1,e1), … of `b`
 * (a segwit transaction's txid skips its marker, flag and witnesses this way). The caller keeps
 * the ranges inside `b`: nothing here checks them (the parser has, before hashing).
 */
export function sha256dRanges(b: Uint8Array, ...ranges: number[]): Uint8Array {
  begin();
  for (let i = 0; i < ranges.length; i += 2) feed(b, ranges[i]!, ranges[i + 1]!);
  finish(mid, 0);
  begin();
  feed(mid, 0, 32);
  const out = new Uint8Array(32);
  finish(out, 0);
  return out;
}

/** SHA-256(SHA-256(bytes)). */
export function sha256dFast(bytes: Uint8Array): Uint8Array {
  return sha256dRanges(bytes, 0, bytes.length);
}
