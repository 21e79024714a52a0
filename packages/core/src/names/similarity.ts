/**
 * @module names/similarity
 * Jaro-Winkler similarity (Winkler 1990): prefix scale p = 0.1, common prefix capped at 4,
 * optional boost threshold (Winkler's 0.7; 0 = always apply the prefix bonus). Our own
 * implementation (research/ecosystem.md §3.2: popular packages are non-standard or wrong);
 * it works on UTF-16 code units, so callers fold and transliterate first.
 */
let flagsA = new Int32Array(128);
let flagsB = new Int32Array(128);
let stamp = 0; // generation counter: avoids clearing the flag arrays on every call

/**
 * @example jaroWinkler('MARTHA', 'MARHTA') // 0.9611…
 */
export function jaroWinkler(s1: string, s2: string, boostThreshold = 0): number {
  if (s1 === s2) return s1.length === 0 ? 0 : 1;
  const [a, b] = s1.length <= s2.length ? [s1, s2] : [s2, s1];
  const la = a.length;
  const lb = b.length;
  if (la === 0) return 0;
  if (flagsB.length < lb) {
    flagsA = new Int32Array(lb * 2);
    flagsB = new Int32Array(lb * 2);
    stamp = 0;
  }
  if (stamp === 0x7fffffff) {
    flagsA.fill(0);
    flagsB.fill(0);
    stamp = 0;
  }
  const g = ++stamp;
  const window = Math.max(0, (lb >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = i > window ? i - window : 0;
    const hi = Math.min(i + window + 1, lb);
    const c = a.charCodeAt(i);
    for (let j = lo; j < hi; j++) {
      if (flagsB[j] !== g && b.charCodeAt(j) === c) {
        flagsA[i] = g;
        flagsB[j] = g;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  for (let i = 0, k = 0; i < la; i++) {
    if (flagsA[i] !== g) continue;
    while (flagsB[k] !== g) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - halfTranspositions / 2) / m) / 3;
  if (jaro <= boostThreshold) return jaro;
  let prefix = 0;
  const limit = Math.min(4, la);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
