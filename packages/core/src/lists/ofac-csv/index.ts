/**
 * @module lists/ofac-csv
 * OFAC's legacy delimited files (SDN: sdn.csv, add.csv, alt.csv, sdn_comments.csv; consolidated
 * non-SDN: cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv) as entities with ids
 * `ofac:<ent_num>`, the same ids the advanced XML uses (FixedRef) and the legacy XML (uid).
 * The remark and label readers are exported for the legacy XML parser, which carries the
 * same OFAC labels in its idList and remarks.
 */
import type { Entity } from '../../model/entity.ts';
import type { ListFile, ListParser, ParseContext } from '../types.ts';
import { classifyFiles, parseOfacCsvSet } from './parser.ts';

export { applyOfacDetail, addCountry, ofacCountry, readOfacDate, type DetailSink, type DetailExtra } from './details.ts';
export { applyRemarks, splitRemarks, REMARKS_LIMIT } from './remarks.ts';
export { PrimaryNameIndex, resolveLinks } from './links.ts';
export { personParts, ofacFullName } from './names.ts';
export { classifyFiles, splitPrograms } from './parser.ts';

async function* parse(files: ListFile[], ctx: ParseContext): AsyncGenerator<Entity> {
  const sets = classifyFiles(files);
  for (const set of sets) yield* parseOfacCsvSet(set, ctx);
}

/**
 * The `ofac-csv` source.
 * @example
 * for await (const entity of ofacCsvParser.parse([sdnCsv, addCsv, altCsv, commentsCsv], ctx)) store(entity);
 */
export const ofacCsvParser: ListParser = {
  source: 'ofac-csv',
  description: 'OFAC legacy delimited files: sdn.csv, add.csv, alt.csv, sdn_comments.csv (or cons_prim/cons_add/cons_alt/cons_comments.csv)',
  parse,
};
