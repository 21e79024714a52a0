/**
 * @module lists/shared/wallets-in-text
 * Digital currency addresses written into free text. OFAC's legacy files put them in remarks
 * as "Digital Currency Address - <TICKER> <address>" (OFAC FAQ 563: the field "will always
 * begin with 'Digital Currency Address', followed by a dash and the digital currency's
 * symbol"); Japan's MOF list writes them into its その他の情報 notes with looser wording.
 * Addresses are kept exactly as written: validation and case rules are the codecs' job.
 */
import type { Wallet } from '../../model/entity.ts';

const OFAC_PATTERN = /Digital\s+Currency\s+Address\s*-\s*([A-Z0-9]{2,6})\s+([A-Za-z0-9:]+)/g;

/** Wallets in OFAC remark text ("Digital Currency Address - XBT 12QtD5…"). */
export function ofacWalletsInText(text: string): Wallet[] {
  const out: Wallet[] = [];
  for (const m of text.matchAll(OFAC_PATTERN)) {
    const address = m[2]!.replace(/[.;,]+$/, '');
    if (!out.some((w) => w.currency === m[1] && w.address === address)) out.push({ currency: m[1]!, address });
  }
  return out;
}

/**
 * Address shapes recognised in free text without a label, each with the ticker OFAC uses.
 * Ordered so that the more specific shape wins (bech32 before base58).
 */
const SHAPES: [RegExp, string][] = [
  [/\b(bc1[02-9ac-hj-np-z]{11,87})\b/gi, 'XBT'],
  [/\b(ltc1[02-9ac-hj-np-z]{11,87})\b/gi, 'LTC'],
  [/\b((?:bitcoincash:)?[qp][02-9ac-hj-np-z]{41})\b/g, 'BCH'],
  [/\b(0x[0-9a-fA-F]{40})\b/g, 'ETH'],
  [/\b(T[1-9A-HJ-NP-Za-km-z]{33})\b/g, 'TRX'],
  [/\b([48][1-9A-HJ-NP-Za-km-z]{94}(?:[1-9A-HJ-NP-Za-km-z]{11})?)\b/g, 'XMR'],
  [/\b(t1[1-9A-HJ-NP-Za-km-z]{33})\b/g, 'ZEC'],
  [/\b(r[1-9A-HJ-NP-Za-km-z]{24,34})\b/g, 'XRP'],
  [/\b([13][1-9A-HJ-NP-Za-km-z]{25,34})\b/g, 'XBT'],
  [/\b([LM][1-9A-HJ-NP-Za-km-z]{26,33})\b/g, 'LTC'],
  [/\b(X[1-9A-HJ-NP-Za-km-z]{33})\b/g, 'DASH'],
];

/**
 * Wallets in free text, labelled or not. A labelled OFAC form wins; otherwise the ticker is
 * guessed from the shape and a ticker word shortly before the address (BTC/XBT, ETH, USDT,
 * TRX …, the Japanese names ビットコイン, イーサリアム, テザー …, and network tags such as
 * "USDT (TRC20)"). The text is NFKC-normalised first, so addresses written in full-width
 * letters, as Japanese documents sometimes do, are found (and returned in ASCII, the only
 * form a chain accepts).
 */
export function walletsInText(text: string): Wallet[] {
  const normal = text.normalize('NFKC');
  const out = ofacWalletsInText(normal);
  const seen = new Set(out.map((w) => w.address));
  for (const [pattern, defaultTicker] of SHAPES) {
    for (const m of normal.matchAll(pattern)) {
      const address = m[1]!;
      if (seen.has(address)) continue;
      // Base58 addresses carry letters; an all-digit run (a phone or registry number that
      // happens to start with 1 or 3) is not an address.
      if (!/[A-Za-z]/.test(address.slice(1))) continue;
      seen.add(address);
      const before = normal.slice(Math.max(0, m.index! - 30), m.index!);
      out.push({ currency: tickerNear(before) ?? defaultTicker, address });
    }
  }
  return out;
}

const TICKER_WORDS: [RegExp, string][] = [
  [/\b(?:USDT|テザー)\s*[(（]?\s*(?:TRC|ERC|BEP|SPL)-?20[)）]?/gi, 'USDT'],
  [/\b(?:USDC)\s*[(（]?\s*(?:TRC|ERC|BEP|SPL)-?20[)）]?/gi, 'USDC'],
  [/\b(XBT|BTC|ETH|USDT|USDC|TRX|LTC|XMR|ZEC|DASH|BCH|BSV|ETC|XRP|SOL|BSC|ARB|XVG|BTG|BNB)\b/gi, ''],
  [/ビットコイン(?:キャッシュ)?|イーサリアム(?:クラシック)?|テザー|トロン|ライトコイン|モネロ|リップル|ソラナ/g, ''],
];

const JAPANESE_TICKERS: Record<string, string> = {
  ビットコイン: 'XBT', ビットコインキャッシュ: 'BCH', イーサリアム: 'ETH', イーサリアムクラシック: 'ETC', テザー: 'USDT',
  トロン: 'TRX', ライトコイン: 'LTC', モネロ: 'XMR', リップル: 'XRP', ソラナ: 'SOL',
};

/** The last ticker word in the text before an address, as an OFAC ticker. */
function tickerNear(before: string): string | undefined {
  let best: { at: number; ticker: string } | undefined;
  for (const [pattern, fixed] of TICKER_WORDS) {
    for (const m of before.matchAll(pattern)) {
      const word = m[1] ?? m[0];
      const ticker = fixed || JAPANESE_TICKERS[word] || word.toUpperCase();
      // A network tag ("USDT (TRC20)") ends later than the bare ticker inside it and wins.
      const end = m.index! + m[0].length;
      if (!best || end > best.at || (end === best.at && fixed)) best = { at: end, ticker: ticker === 'BTC' ? 'XBT' : ticker };
    }
  }
  return best?.ticker;
}
