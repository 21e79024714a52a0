/**
 * @module lists/uk
 * Parser for the UK Sanctions List published by the FCDO, the sole UK list since the OFSI
 * Consolidated List was retired on 28 January 2026
 * (https://www.gov.uk/government/publications/the-uk-sanctions-list; file UK-Sanctions-List.xml).
 * Reads the XML form: <Designations> holding an optional <DateGenerated> and one <Designation>
 * per individual, entity or ship. Ids are `uk:<UniqueID>` ("uk:RUS0001").
 *
 * The file is read twice, streaming both times: pass 1 indexes the names of designated entities
 * and the subsidiaries each lists, pass 2 maps and yields. Two passes because the list links
 * designations only by name (ParentCompany, Subsidiary, ship owners) and a parent may come after
 * its subsidiary; holding entities back instead would grow with the list. A file that is cut off
 * or malformed fails in pass 1, before a single entity is yielded.
 */
import { addProperty, type Entity, type Relation } from '../../model/entity.ts';
import { CoreErrors } from '../../errors.ts';
import { streamXml, type XmlNode } from '../shared/xml.ts';
import type { ListFile, ListParser, ParseContext } from '../types.ts';
import { mapDesignation, namesOf, referencesOf, schemaOf, uniqueIdOf, type NameReferences } from './designation.ts';
import { ReferenceIndex } from './references.ts';
import { parseUkDay } from './values.ts';

const FORMAT_NAME = 'UK Sanctions List XML';

/** The file name a user places in an offline mirror (the FCDO's own name for it). */
export const UK_FILE_NAME = 'UK-Sanctions-List.xml';

function designations(file: ListFile): AsyncGenerator<XmlNode> {
  return streamXml(file, {
    roots: ['Designations'],
    select: (path) => path.length === 2 && (path[1] === 'Designation' || path[1] === 'DateGenerated'),
    formatName: FORMAT_NAME,
  });
}

async function* parse(files: ListFile[], ctx: ParseContext): AsyncGenerator<Entity> {
  if (files.length !== 1) {
    throw CoreErrors.LIST_FILES(`the UK Sanctions List is one file (${UK_FILE_NAME}); got ${files.length}`, { file: files.map((f) => f.name).join(', ') });
  }
  const file = files[0]!;
  // The FCDO also publishes CSV and ODS forms; they spread one designation over several rows
  // (one per name) and are not read here. Say so, rather than a puzzling XML error.
  const other = file.name.match(/\.(csv|ods|xlsx?|html?|pdf)$/i);
  if (other) {
    throw CoreErrors.LIST_FORMAT(`the ${other[1]!.toUpperCase()} form of the UK Sanctions List is not read; use the XML form (${UK_FILE_NAME})`, { file: file.name });
  }

  // Pass 1: names and references of every designation.
  const index = new ReferenceIndex();
  let count = 0;
  for await (const node of designations(file)) {
    if (node.name !== 'Designation') continue;
    const uniqueId = uniqueIdOf(node);
    if (!uniqueId) throw CoreErrors.LIST_PARSE('a <Designation> has no <UniqueID>', { file: file.name, position: `line ${node.line}` });
    index.add(uniqueId, schemaOf(node), namesOf(node), referencesOf(node));
    count++;
  }
  if (count === 0) throw CoreErrors.LIST_EMPTY('the list holds no <Designation>', { file: file.name });
  index.finish();

  // Pass 2: map, link, yield.
  let yielded = 0;
  for await (const node of designations(file)) {
    if (node.name === 'DateGenerated') {
      const day = parseUkDay(node.text);
      if (day) ctx.setIssueDate(day);
      else ctx.warn({ code: 'bad-date', message: `DateGenerated "${node.text.trim()}" is not a DD/MM/YYYY date`, file: file.name, position: `line ${node.line}` });
      continue;
    }
    const { uniqueId, entity, refs } = mapDesignation(node, ctx, { file: file.name });
    link(entity, uniqueId, refs, index, (code, message) => ctx.warn({ code, message, file: file.name, position: `line ${node.line}`, entityId: entity.id }));
    yielded++;
    yield entity;
  }
  if (yielded !== count) {
    throw CoreErrors.LIST_PARSE(`the file changed while it was read (${count} designations, then ${yielded})`, { file: file.name });
  }
}

function addRelation(entity: Entity, relation: Relation): void {
  if (!entity.relations.some((r) => r.type === relation.type && r.target === relation.target)) entity.relations.push(relation);
}

/**
 * Turns name references into relations (FtM Ownership reads "asset ownedOrControlledBy owner"):
 * a parent company and a current ship owner/operator own this designation; a designation listed
 * as a subsidiary of another is owned by it. Unresolved names stay as notes; for parents and
 * subsidiaries a warning says so (ship owners are mostly undesignated companies: a note only).
 */
function link(entity: Entity, uniqueId: string, refs: NameReferences, index: ReferenceIndex, warn: (code: string, message: string) => void): void {
  const apply = (texts: string[], label: string, type: Relation['type'] | undefined, warnUnresolved: boolean) => {
    for (const text of texts) {
      for (const piece of index.resolve(text)) {
        const ids = piece.ids.filter((id) => id !== uniqueId);
        if (ids.length === 1 && type) {
          addRelation(entity, { type, target: `uk:${ids[0]}`, label });
          continue;
        }
        if (ids.length === 1) continue; // resolved, and the relation is recorded on the other side
        addProperty(entity, 'notes', `${label}: ${piece.text}`);
        if (!warnUnresolved) continue;
        if (ids.length > 1) warn('ambiguous-reference', `${label} "${piece.text}" names several designations (${ids.join(', ')}); kept as a note`);
        else if (piece.ids.length === 0) warn('unresolved-reference', `${label} "${piece.text}" is not a designation in this file; kept as a note`);
      }
    }
  };
  apply(refs.parents, 'Parent company', 'ownedOrControlledBy', true);
  // A resolved subsidiary gets the relation on its own entity (below, via parentsClaiming).
  apply(refs.subsidiaries, 'Subsidiary', undefined, true);
  apply(refs.owners, 'Current owner/operator', 'ownedOrControlledBy', false);
  apply(refs.previousOwners, 'Previous owner/operator', 'other', false);
  for (const parent of index.parentsClaiming(uniqueId)) {
    addRelation(entity, { type: 'ownedOrControlledBy', target: `uk:${parent}`, label: 'Listed as subsidiary' });
  }
}

/**
 * The UK Sanctions List parser (source `uk`).
 * @example
 * for await (const entity of ukParser.parse([file], collectingContext())) console.log(entity.id); // "uk:RUS0001"
 */
export const ukParser: ListParser = {
  source: 'uk',
  description: `UK Sanctions List (FCDO), XML form (${UK_FILE_NAME})`,
  parse,
};
