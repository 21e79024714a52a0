/**
 * @module names/classes
 * Token classes for weighting: a legal form ("llc", "ooo") or a title ("mr", "sheikh") is
 * recognised and weighed low, never deleted and never counted as evidence; generic
 * organisation words ("trading", "group") weigh less than distinctive ones. The tables and
 * their sources are in names/normalize/.
 */
import { classifyTokens, type TokenClass } from './normalize/index.ts';

export type { TokenClass };
export type NameKindHint = 'person' | 'organization' | 'any';

export interface ClassifiedToken {
  cls: TokenClass;
  canonical?: string;
}

/** Classes of the words of one name (asciiFold'ed); `kind` says whether it names a person or an organisation, when known. */
export function classifyName(words: string[], kind: NameKindHint = 'any'): ClassifiedToken[] {
  const classes = classifyTokens(words, { kind });
  const out: ClassifiedToken[] = [];
  let canonical: string | undefined;
  let left = 0;
  for (const c of classes) {
    // The first token of a span carries the canonical code; the rest of the span shares it.
    if (c.span) {
      canonical = c.canonical;
      left = c.span;
    }
    const token: ClassifiedToken = { cls: c.class };
    if (left > 0 && canonical && c.class !== 'name') token.canonical = canonical;
    left--;
    out.push(token);
  }
  return out;
}
