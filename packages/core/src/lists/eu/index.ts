/**
 * @module lists/eu
 * The EU Consolidated Financial Sanctions List as the Commission's Financial Sanctions Files
 * (FSF) platform publishes it: "xmlFullSanctionsList_1_1", root `<export generationDate=…>` in
 * namespace http://eu.europa.ec/fpi/fsd/export, one `<sanctionEntity>` per listed person or
 * enterprise. The file is streamed; each sanctionEntity is a small tree mapped on its own
 * (entity.ts), so memory is bounded by the largest entry. Mapping and limits: docs/sources/eu.md.
 */
import { CoreErrors } from '../../errors.ts';
import type { Entity } from '../../model/entity.ts';
import { streamXml } from '../shared/xml.ts';
import type { ListFile, ListParser, ParseContext } from '../types.ts';
import { mapSanctionEntity } from './entity.ts';
import { checkNamespace, type RootAttributes } from './header.ts';

const FORMAT_NAME = 'EU Financial Sanctions Files XML (xmlFullSanctionsList_1_1)';

async function* parse(files: ListFile[], ctx: ParseContext): AsyncGenerator<Entity> {
  if (files.length !== 1) {
    throw CoreErrors.LIST_FILES(`the eu source reads exactly one file (the FSF full XML, e.g. xmlFullSanctionsList_1_1.xml); got ${files.length}`, {});
  }
  const file = files[0]!;
  let root: { name: string; attrs: RootAttributes } | undefined;
  let issueDateSet = false;

  let count = 0;
  const elements = streamXml(file, {
    roots: ['export'],
    onRoot: (name, attrs) => {
      root = { name, attrs };
      checkNamespace(name, attrs, file.name);
    },
    select: (path) => path.length === 2 && path[1] === 'sanctionEntity',
    formatName: FORMAT_NAME,
  });
  for await (const node of elements) {
    if (!issueDateSet) {
      issueDateSet = true;
      setIssueDate(root?.attrs, ctx, file.name);
    }
    count++;
    yield mapSanctionEntity(node, { ctx, file: file.name });
  }
  if (count === 0) throw CoreErrors.LIST_EMPTY(`the ${FORMAT_NAME} has no sanctionEntity elements`, { file: file.name });
}

/** generationDate is an ISO timestamp with offset ("2024-12-11T21:24:35.826+01:00"); we keep its date. */
function setIssueDate(attrs: RootAttributes | undefined, ctx: ParseContext, file: string): void {
  const raw = attrs?.['generationDate']?.trim() ?? '';
  const m = raw.match(/^(\d{4}-\d{2}-\d{2})/);
  if (m) ctx.setIssueDate(m[1]!);
  else ctx.warn({ code: 'bad-date', message: raw ? `generationDate "${raw}" is not a date` : 'the file states no generationDate', file, position: 'line 1' });
}

/**
 * The EU FSF parser (`sekisho lists load eu <file>`).
 * @example
 * for await (const entity of euParser.parse([file], ctx)) store(entity);
 */
export const euParser: ListParser = {
  source: 'eu',
  description: 'EU Consolidated Financial Sanctions List, FSF full XML (xmlFullSanctionsList_1_1)',
  parse,
};
