// kuromoji 0.1.2 ships no types. Only what kuromoji-reader.ts uses: the IPADIC token and the
// callback-style builder (lib/TokenizerBuilder.js, lib/util/IpadicFormatter.js).
declare module 'kuromoji' {
  /** One token of the IPADIC tokenizer; `reading` and `pronunciation` are absent for unknown words. */
  export interface IpadicFeatures {
    word_id: number;
    word_type: 'KNOWN' | 'UNKNOWN';
    word_position: number;
    surface_form: string;
    /** Part of speech, e.g. 名詞; details e.g. 固有名詞 / 人名 / 姓 ('*' when none). */
    pos: string;
    pos_detail_1: string;
    pos_detail_2: string;
    pos_detail_3: string;
    conjugated_type: string;
    conjugated_form: string;
    basic_form: string;
    /** Katakana reading (ヤマダ); '*' or absent when the dictionary has none. */
    reading?: string;
    /** Katakana pronunciation with long vowels as ー (サトー). */
    pronunciation?: string;
  }
  export interface Tokenizer {
    tokenize(text: string): IpadicFeatures[];
  }
  export interface TokenizerBuilder {
    /** Loads the dictionary files; the callback gets the error, if any, first. */
    build(callback: (err: Error | null, tokenizer: Tokenizer) => void): void;
  }
  export function builder(option: { dicPath: string }): TokenizerBuilder;
}
