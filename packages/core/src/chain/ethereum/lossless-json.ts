/**
 * @module chain/ethereum/lossless-json
 * JSON parsing that keeps every integer exact. ethereum-etl writes amounts as bare JSON numbers
 * of any size (a token value of 150188698577042438264952193024 is an ordinary line), and
 * `JSON.parse` would round anything above 2^53 to a float. Node 20 has no reviver access to the
 * source text, so integer literals of 16 digits or more (the only ones that can exceed 2^53)
 * are turned into strings before `JSON.parse` runs; the field readers accept digits as strings.
 * The scan skips string literals, so digits inside strings (hex, hashes) are never touched.
 */

/**
 * `JSON.parse`, with integers of 16+ digits kept as their decimal text (strings). Throws
 * SyntaxError as `JSON.parse` does. The scan jumps over string literals with `indexOf` (the
 * long hex fields cost nothing) and looks at characters only between them.
 */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

/** The text with every integer literal of 16+ digits outside strings put in quotes. */
export function quoteLongIntegers(text: string): string {
  const n = text.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = text.indexOf('"', i + 1);
      while (j !== -1 && escaped(text, j)) j = text.indexOf('"', j + 1);
      if (j === -1) return text; // an open string: JSON.parse reports it
      i = j + 1;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const digits = c === 0x2d ? i + 1 : i;
      let j = digits;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      const after = text.charCodeAt(j);
      const fraction = after === 0x2e || after === 0x65 || after === 0x45;
      if (j - digits >= 16 && !fraction) {
        out += text.slice(copied, i) + '"' + text.slice(i, j) + '"';
        copied = j;
      }
      // Skip the rest of the number (fraction, exponent): its digits are not an integer of their own.
      while (j < n && isNumberChar(text.charCodeAt(j))) j++;
      i = j;
    } else i++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isNumberChar(c: number): boolean {
  return isDigit(c) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

/** Whether the quote at `at` is escaped: preceded by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && text.charCodeAt(k) === 0x5c) k--;
  return (at - 1 - k) % 2 === 1;
}

/**
 * Whether JSON text stops before its value does: an open string, object or array at the end.
 * Used on a line that failed to parse to tell a cut-off file (CHAIN_TRUNCATED) from a malformed
 * line (CHAIN_PARSE).
 */
export function endsInsideValue(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  if (inString || depth > 0) return true;
  // A value cut right after a colon or a comma ("value": ) is open too.
  const tail = text.trimEnd();
  const last = tail.charCodeAt(tail.length - 1);
  return last === 0x3a || last === 0x2c;
}
