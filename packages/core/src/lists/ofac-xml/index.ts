/**
 * @module lists/ofac-xml
 * OFAC's legacy XML files, sdn.xml and consolidated.xml (schema sdn.xsd), as entities with ids
 * `ofac:<uid>`, the same ids as the delimited files (ent_num) and the advanced XML (FixedRef).
 */
import { CoreErrors } from '../../errors.ts';
import type { Entity } from '../../model/entity.ts';
import type { ListFile, ListParser, ParseContext } from '../types.ts';
import { parseOfacXmlFile } from './parser.ts';

async function* parse(files: ListFile[], ctx: ParseContext): AsyncGenerator<Entity> {
  if (files.length === 0) throw CoreErrors.LIST_FILES(`no files were given; ofac-xml needs sdn.xml and/or consolidated.xml`, {});
  // Each file is a list of its own; "Linked To" names resolve within the file, as OFAC writes them.
  for (const file of files) yield* parseOfacXmlFile(file, ctx);
}

/**
 * The `ofac-xml` source.
 * @example
 * for await (const entity of ofacXmlParser.parse([sdnXml], ctx)) store(entity);
 */
export const ofacXmlParser: ListParser = {
  source: 'ofac-xml',
  description: 'OFAC legacy XML: sdn.xml and/or consolidated.xml (namespace http://tempuri.org/sdnList.xsd)',
  parse,
};
