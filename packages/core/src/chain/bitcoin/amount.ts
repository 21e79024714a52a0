/**
 * @module chain/bitcoin/amount
 * Coin amounts written as decimal coins (Bitcoin Core's RPC writes `"value": 12.50000000`,
 * ValueFromAmount in src/core_io.h) converted to integer base units (satoshi) without a float
 * ever rounding them: the decimal text is shifted by 8 places as a string. A JSON number that
 * JSON.parse already turned into a double is read back through its shortest round-trip text
 * (Number.prototype.toString), which gives the original digits for every amount with at most 8
 * decimals below 2^25 ≈ 33.5 million coins: a double's spacing there is under half a satoshi.
 * That covers Bitcoin's 21 million; for larger amounts pass the JSON text, whose digits are kept.
 */

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Base units of a decimal coin amount, or undefined when it is not one (negative, more than
 * `decimals` fractional digits, not a number).
 * @example coinsToUnits('12.5') // 1250000000n
 */
export function coinsToUnits(value: unknown, decimals = 8): bigint | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const m = DECIMAL.exec(text);
  if (m === null) return undefined;
  let intPart = m[1]!;
  let frac = m[2] ?? '';
  const exp = m[3] === undefined ? 0 : Number(m[3]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 64) return undefined;
  // Move the decimal point by the exponent, as text.
  if (exp > 0) {
    const moved = frac.slice(0, exp).padEnd(exp, '0');
    intPart += moved;
    frac = frac.slice(exp);
  } else if (exp < 0) {
    const k = -exp;
    const padded = intPart.padStart(k + 1, '0');
    frac = padded.slice(padded.length - k) + frac;
    intPart = padded.slice(0, padded.length - k);
  }
  frac = frac.replace(/0+$/, '');
  if (frac.length > decimals) return undefined;
  return BigInt(intPart + frac.padEnd(decimals, '0'));
}

/** Quotes the numbers of `"value":` members in JSON text, so JSON.parse keeps their exact digits. */
export function quoteValueNumbers(json: string): string {
  return json.replace(/("value"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g, '$1"$2"');
}
