/**
 * @module lists
 * The list parsers, one folder per source, and the registry the loader picks them from.
 */
import { CoreErrors } from '../errors.ts';
import { SOURCE_NAMES, type SourceName } from '../model/entity.ts';
import { euParser } from './eu/index.ts';
import { jpMofParser } from './jp-mof/index.ts';
import { ofacAdvancedParser } from './ofac-advanced/index.ts';
import type { ListParser } from './types.ts';
import { ukParser } from './uk/index.ts';

export * from './types.ts';
export * from './diff.ts';
export { euParser, jpMofParser, ofacAdvancedParser, ukParser };

const PARSERS: Partial<Record<SourceName, ListParser>> = {
  'ofac-advanced': ofacAdvancedParser,
  eu: euParser,
  uk: ukParser,
  'jp-mof': jpMofParser,
};

export function isSourceName(name: string): name is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(name);
}

/** The parser for a source name; SEK_UNKNOWN_SOURCE for a name Sekisho does not know. */
export function parserFor(source: string): ListParser {
  const parser = isSourceName(source) ? PARSERS[source] : undefined;
  if (!parser) throw CoreErrors.UNKNOWN_SOURCE(`unknown list source "${source}"`);
  return parser;
}
