/**
 * @module lists
 * The list parsers, one folder per source, and the registry the loader picks them from.
 */
import { CoreErrors } from '../errors.ts';
import { SOURCE_NAMES, type SourceName } from '../model/entity.ts';
import { customParser } from './custom/index.ts';
import { euParser } from './eu/index.ts';
import { jpMofParser } from './jp-mof/index.ts';
import { ofacAdvancedParser } from './ofac-advanced/index.ts';
import { ofacCsvParser } from './ofac-csv/index.ts';
import { ofacXmlParser } from './ofac-xml/index.ts';
import { openSanctionsParser } from './opensanctions/index.ts';
import type { ListParser } from './types.ts';
import { ukParser } from './uk/index.ts';
import { unParser } from './un/index.ts';

export * from './types.ts';
export * from './diff.ts';
export { customParser, euParser, jpMofParser, ofacAdvancedParser, ofacCsvParser, ofacXmlParser, openSanctionsParser, ukParser, unParser };

const PARSERS: Record<SourceName, ListParser> = {
  'ofac-advanced': ofacAdvancedParser,
  'ofac-csv': ofacCsvParser,
  'ofac-xml': ofacXmlParser,
  un: unParser,
  eu: euParser,
  uk: ukParser,
  'jp-mof': jpMofParser,
  opensanctions: openSanctionsParser,
  custom: customParser,
};

export function isSourceName(name: string): name is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(name);
}

/** The parser for a source name; SEK_UNKNOWN_SOURCE for a name Sekisho does not know. */
export function parserFor(source: string): ListParser {
  if (!isSourceName(source)) throw CoreErrors.UNKNOWN_SOURCE(`unknown list source "${source}"`);
  return PARSERS[source];
}
