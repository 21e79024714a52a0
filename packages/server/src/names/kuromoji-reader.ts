/**
 * @module names/kuromoji-reader
 * Japanese readings of kanji names from kuromoji's IPADIC dictionary, for names that come
 * without a kana reading (furigana). Implements core's `JapaneseReader` contract
 * (packages/core/src/names/transliterate/han.ts): katakana readings, one word per dictionary
 * token (山田太郎 → 'ヤマダ タロウ'), kanji the dictionary cannot read kept as written, text
 * without kanji answered with [] without touching the dictionary.
 *
 * The dictionary costs about half a second and 330 MB of RSS to load (research/ecosystem.md
 * §3.4; measured again for this module), and most screening queries hold no kanji, so it is
 * built on the first call that needs it and then shared by every later call of the same
 * reader. The caller owns the reader (one per process or worker): no module-level singleton.
 *
 * IPADIC reads common Japanese surnames and given names well; it misreads names it only knows
 * as ordinary words (安倍晋三 → アベ ススム サン, 菅義偉 → カン ヨシ エラ) and reads Chinese and
 * Korean names in kanji as Japanese (金正恩 → キム タダシ オン), so the matcher keeps the pinyin
 * key beside this one and a given reading always wins.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import { hasHan, type JapaneseReader } from '@sekisho/core';
import { ServerErrors } from '../errors.ts';

/**
 * Reads kanji names; the same contract as `JapaneseReader` in @sekisho/core, plus whether the
 * dictionary has been loaded (for health checks and tests).
 */
export interface KuromojiReader extends JapaneseReader {
  readings(text: string): Promise<string[]>;
  /** True once the dictionary has been loaded successfully. */
  readonly loaded: boolean;
}

export interface KuromojiReaderOptions {
  /** Folder of kuromoji's dictionary files (base.dat.gz …). Default: the installed package's dict/. */
  dicPath?: string;
  /** Builds the tokenizer from `dicPath`; default kuromoji's builder. Tests inject their own. */
  loadTokenizer?: (dicPath: string) => Promise<Pick<Tokenizer, 'tokenize'>>;
}

const JA_DICTIONARY = ServerErrors.JA_DICTIONARY;

const require = createRequire(import.meta.url);
/** Where a name's words are already separated: spaces (also ideographic), middle dots, commas, brackets. */
const SEPARATORS = /[\s・･·,，、()（）「」]+/u;
const HIRAGANA_TO_KATAKANA = 0x60; // U+3041..U+3096 → U+30A1..U+30F6

function defaultDicPath(): string {
  return path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
}

function loadKuromoji(dicPath: string): Promise<Tokenizer> {
  const kuromoji = require('kuromoji') as typeof import('kuromoji');
  return new Promise((resolve, reject) => {
    // kuromoji passes a (useless) tokenizer together with the error, so the error decides.
    kuromoji.builder({ dicPath }).build((err, tokenizer) => (err ? reject(err) : resolve(tokenizer)));
  });
}

function toKatakana(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp >= 0x3041 && cp <= 0x3096 ? String.fromCodePoint(cp + HIRAGANA_TO_KATAKANA) : ch;
  }
  return out;
}

/** A token's word: its dictionary reading, else the surface (hiragana as katakana, kanji and Latin as written). */
function tokenWord(token: IpadicFeatures): string {
  if (token.reading && token.reading !== '*') return token.reading;
  return toKatakana(token.surface_form);
}

/**
 * A reader that loads kuromoji's dictionary on the first call whose text holds kanji, and
 * shares it afterwards; concurrent first calls wait for the same load. A failed load rejects
 * every waiting call with SEK_JA_DICTIONARY and is tried again on the next call.
 * @example
 * const reader = createKuromojiReader();
 * await reader.readings('山田太郎'); // ['ヤマダ タロウ']
 * await reader.readings('ヤマダ タロウ'); // [] — kana needs no dictionary
 */
export function createKuromojiReader(options: KuromojiReaderOptions = {}): KuromojiReader {
  const load = options.loadTokenizer ?? loadKuromoji;
  let tokenizer: Pick<Tokenizer, 'tokenize'> | undefined;
  let pending: Promise<Pick<Tokenizer, 'tokenize'>> | undefined;

  function getTokenizer(): Promise<Pick<Tokenizer, 'tokenize'>> {
    if (tokenizer) return Promise.resolve(tokenizer);
    pending ??= (async () => {
      let dicPath = options.dicPath ?? '(kuromoji/dict)';
      try {
        dicPath = options.dicPath ?? defaultDicPath(); // throws when kuromoji is not installed
        tokenizer = await load(dicPath);
        return tokenizer;
      } catch (err) {
        pending = undefined; // let a later call try again (the files may be restored)
        throw JA_DICTIONARY('the Japanese reading dictionary could not be loaded', { dicPath }, { cause: err });
      }
    })();
    return pending;
  }

  return {
    get loaded() {
      return tokenizer !== undefined;
    },
    async readings(text: string): Promise<string[]> {
      if (!hasHan(text)) return [];
      const t = tokenizer ?? (await getTokenizer());
      const words: string[] = [];
      // Tokenise each written word on its own: the dictionary must not join across a space.
      for (const part of text.split(SEPARATORS)) {
        if (!part) continue;
        // A word without kanji is already its reading; the tokenizer would only cut it up
        // (はなこ → は + なこ, a particle and a remainder).
        if (!hasHan(part)) {
          words.push(toKatakana(part));
          continue;
        }
        for (const token of t.tokenize(part)) {
          if (token.pos === '記号') continue; // symbols: a word boundary, no reading
          words.push(tokenWord(token));
        }
      }
      return words.length ? [words.join(' ')] : [];
    },
  };
}
