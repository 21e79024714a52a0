/**
 * @module lists/ofac-csv/parser
 * OFAC's legacy delimited files (dat_spec.txt, "FORMAT SDN CSV"; the consolidated non-SDN list
 * uses the same layout under cons_* names): a main file (sdn.csv / cons_prim.csv), addresses
 * (add.csv), strong aliases (alt.csv) and the spillover of remarks longer than 1,000
 * characters (sdn_comments.csv). Everything else OFAC knows about an entry is in the Remarks
 * column (see ./remarks.ts).
 *
 * Reading order, chosen so memory stays bounded by the small files rather than the list:
 *  1. the spillover, alias and address files into maps keyed by ent_num (they may be passed in
 *     any order, and they are a fraction of the main file);
 *  2. the main file once for its primary names (to resolve "Linked To: NAME" to an id);
 *  3. the main file again, yielding one entity per record.
 * The main file is therefore opened twice; ListFile.open() returns a fresh stream each time.
 */
import { CoreErrors } from '../../errors.ts';
import { addProperty, newEntity, type Entity, type Schema } from '../../model/entity.ts';
import { addName } from '../../model/names.ts';
import { addIdentifier, makeIdentifier } from '../../model/identifiers.ts';
import { clean } from '../../model/text.ts';
import type { ListFile, ParseContext } from '../types.ts';
import { addCountry, type DetailSink } from './details.ts';
import { PrimaryNameIndex, resolveLinks } from './links.ts';
import { personParts } from './names.ts';
import { readOfacCsv, type OfacRecord } from './records.ts';
import { applyRemarks, REMARKS_LIMIT } from './remarks.ts';

/** The files of one list: the SDN set or the consolidated (non-SDN) set. */
export interface OfacCsvSet {
  list: 'sdn' | 'cons';
  primary?: ListFile;
  add?: ListFile;
  alt?: ListFile;
  comments?: ListFile;
}

const SETS = { sdn: { primary: 'sdn.csv', add: 'add.csv', alt: 'alt.csv', comments: 'sdn_comments.csv' }, cons: { primary: 'cons_prim.csv', add: 'cons_add.csv', alt: 'cons_alt.csv', comments: 'cons_comments.csv' } } as const;

/**
 * Sorts files into sets by base name. OFAC's names: sdn.csv, add.csv, alt.csv, sdn_comments.csv
 * and cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv; a dated copy such as
 * "sdn_2024-05-03.csv" counts as sdn.csv.
 */
export function classifyFiles(files: ListFile[]): OfacCsvSet[] {
  const sets: Record<'sdn' | 'cons', OfacCsvSet> = { sdn: { list: 'sdn' }, cons: { list: 'cons' } };
  for (const file of files) {
    const n = file.name.toLowerCase().replace(/^.*[\\/]/, '');
    let list: 'sdn' | 'cons';
    let role: 'primary' | 'add' | 'alt' | 'comments';
    if (n.startsWith('cons_') || n.startsWith('cons-')) {
      list = 'cons';
      const rest = n.slice(5);
      if (rest.startsWith('prim')) role = 'primary';
      else if (rest.startsWith('add')) role = 'add';
      else if (rest.startsWith('alt')) role = 'alt';
      else if (rest.startsWith('comments')) role = 'comments';
      else throw unknownFile(file);
    } else if (n.startsWith('sdn')) {
      list = 'sdn';
      role = n.includes('comments') ? 'comments' : 'primary';
    } else if (n.startsWith('add')) {
      [list, role] = ['sdn', 'add'];
    } else if (n.startsWith('alt')) {
      [list, role] = ['sdn', 'alt'];
    } else {
      throw unknownFile(file);
    }
    if (sets[list][role]) throw CoreErrors.LIST_FILES(`two files were given as ${SETS[list][role]} ("${sets[list][role]!.name}" and "${file.name}")`, { file: file.name });
    sets[list][role] = file;
  }
  const out: OfacCsvSet[] = [];
  for (const set of [sets.sdn, sets.cons]) {
    const given = set.primary || set.add || set.alt || set.comments;
    if (!given) continue;
    if (!set.primary) throw CoreErrors.LIST_FILES(`${SETS[set.list].primary} is missing; ${[set.add, set.alt, set.comments].filter(Boolean).map((f) => f!.name).join(', ')} cannot be read without it`, {});
    out.push(set);
  }
  if (out.length === 0) throw CoreErrors.LIST_FILES(`no files were given; ofac-csv needs sdn.csv (with add.csv, alt.csv, sdn_comments.csv) or cons_prim.csv (with cons_add.csv, cons_alt.csv, cons_comments.csv)`, {});
  return out;
}

function unknownFile(file: ListFile) {
  return CoreErrors.LIST_FILES(`"${file.name}" is not one of OFAC's delimited files (sdn.csv, add.csv, alt.csv, sdn_comments.csv, cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv)`, { file: file.name });
}

interface AltRow {
  type: string;
  name: string;
  remarks: string;
}
interface AddRow {
  address: string;
  city: string;
  country: string;
  remarks: string;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** SDN_Type → schema. OFAC leaves the type null ("-0-") for entities (organisations). */
function schemaOf(type: string): Schema | undefined {
  switch (type.toLowerCase()) {
    case 'individual':
      return 'Person';
    case 'vessel':
      return 'Vessel';
    case 'aircraft':
      return 'Aircraft';
    case '':
    case 'entity':
      return 'Organization';
    default:
      return undefined;
  }
}

/** Program column: "SDGT] [IRGC" (OFAC drops the outer brackets of "[SDGT] [IRGC]"). */
export function splitPrograms(program: string): string[] {
  return program
    .split(/\]\s*\[/)
    .map((p) => p.replace(/[[\]]/g, '').trim())
    .filter((p) => p !== '' && p !== '-0-');
}

/** Parses one set of files into entities. */
export async function* parseOfacCsvSet(set: OfacCsvSet, ctx: ParseContext): AsyncGenerator<Entity> {
  const names = SETS[set.list];
  const primary = set.primary!;
  const seenWarnings = new Set<string>();
  const warnFor = (file: string, entityId: string | undefined) => (code: string, message: string) => {
    // An unknown country text is reported once per file, not once per entity that carries it.
    if (code === 'unknown-country') {
      const k = `${code}|${message}`;
      if (seenWarnings.has(k)) return;
      seenWarnings.add(k);
    }
    ctx.warn({ code, message, file, entityId });
  };

  // 1. The small files.
  const comments = new Map<string, string>();
  if (set.comments) {
    for await (const r of readOfacCsv(set.comments, { what: `OFAC ${names.comments}`, columns: 2 })) {
      comments.set(r.entNum, (comments.get(r.entNum) ?? '') + (r.raw[1] ?? ''));
    }
  }
  const alts = new Map<string, AltRow[]>();
  if (set.alt) {
    for await (const r of readOfacCsv(set.alt, { what: `OFAC ${names.alt}`, columns: 5 })) {
      push(alts, r.entNum, { type: r.fields[2]!, name: r.fields[3]!, remarks: r.fields[4]! });
    }
  } else {
    ctx.warn({ code: 'missing-file', message: `${names.alt} was not given: OFAC's strong aliases are only in that file, so screening sees primary names and weak aliases only`, file: names.alt });
  }
  const adds = new Map<string, AddRow[]>();
  if (set.add) {
    for await (const r of readOfacCsv(set.add, { what: `OFAC ${names.add}`, columns: 6 })) {
      push(adds, r.entNum, { address: r.fields[2]!, city: r.fields[3]!, country: r.fields[4]!, remarks: r.fields[5]! });
    }
  } else {
    ctx.warn({ code: 'missing-file', message: `${names.add} was not given: entities carry no addresses or address countries`, file: names.add });
  }

  // 2. Primary names, for "Linked To".
  const index = new PrimaryNameIndex();
  const layout = { what: `OFAC ${names.primary}`, columns: 12 };
  const entNums = new Set<string>();
  for await (const r of readOfacCsv(primary, layout)) {
    index.add(r.fields[1]!, `ofac:${r.entNum}`);
    entNums.add(r.entNum);
  }
  if (entNums.size === 0) throw CoreErrors.LIST_EMPTY(`the file has no records`, { file: primary.name });

  for (const [label, map] of [[names.comments, comments], [names.alt, alts], [names.add, adds]] as const) {
    const orphans = [...map.keys()].filter((k) => !entNums.has(k));
    if (orphans.length > 0) {
      ctx.warn({ code: 'unknown-reference', message: `${orphans.length} row(s) of ${label} refer to ent_num not in ${primary.name} (${orphans.slice(0, 5).join(', ')}${orphans.length > 5 ? ', ...' : ''}); are the files from the same publication?`, file: label });
    }
  }

  // 3. Entities.
  let yielded = 0;
  for await (const r of readOfacCsv(primary, layout)) {
    const entity = buildEntity(r, {
      comments: comments.get(r.entNum),
      alts: alts.get(r.entNum) ?? [],
      adds: adds.get(r.entNum) ?? [],
      hasComments: !!set.comments,
      index,
      warn: warnFor(primary.name, `ofac:${r.entNum}`),
      commentsName: set.comments?.name ?? names.comments,
    });
    yielded++;
    yield entity;
  }
  if (yielded !== entNums.size) throw CoreErrors.LIST_PARSE(`the file changed while it was read (${entNums.size} then ${yielded} records)`, { file: primary.name });
}

interface BuildInput {
  comments: string | undefined;
  alts: AltRow[];
  adds: AddRow[];
  hasComments: boolean;
  index: PrimaryNameIndex;
  warn: DetailSink['warn'];
  commentsName: string;
}

function buildEntity(r: OfacRecord, input: BuildInput): Entity {
  const [, name, type, program, title, callSign, vessType, tonnage, grt, vessFlag, vessOwner, remarks] = r.fields as [string, string, string, string, string, string, string, string, string, string, string, string];
  const id = `ofac:${r.entNum}`;
  let schema = schemaOf(type);
  if (!schema) {
    input.warn('unknown-type', `SDN_Type "${type}" is not one OFAC documents (individual, vessel, aircraft, or null for entities); read as an organization`);
    schema = 'Organization';
  }
  const entity = newEntity(id, schema);
  const sink: DetailSink = { entity, links: [], warn: input.warn };
  const isPerson = schema === 'Person';

  addName(entity, { full: name, kind: 'primary', parts: isPerson ? personParts(name) : undefined });
  addProperty(entity, 'program', ...splitPrograms(program));
  // OFAC's Title column holds positions ("Member of the State Duma ..."), FtM's `position`.
  addProperty(entity, 'position', title);
  if (callSign) addIdentifier(entity.identifiers, makeIdentifier('Call Sign', callSign, { type: 'vesselRegistration' }));
  addProperty(entity, 'type', vessType);
  addProperty(entity, 'tonnage', tonnage);
  if (grt) addProperty(entity, 'notes', `Gross Registered Tonnage ${grt}`);
  if (vessFlag) addCountry(sink, 'flag', vessFlag);
  if (vessOwner) addProperty(entity, 'notes', `Vessel Owner ${vessOwner}`);

  // Remarks longer than the column continue in the comments file, cut mid-token: join first,
  // then read. OFAC cuts only at the limit, so a continuation for shorter remarks means the
  // files come from different publications and gluing them would invent text.
  // The raw column, not the trimmed one: a cut can fall on the space after a separator.
  const rawRemarks = remarks === '' ? '' : r.raw[11]!;
  let text = rawRemarks;
  let truncated = false;
  if (input.comments !== undefined) {
    if (rawRemarks.length >= REMARKS_LIMIT) text = rawRemarks + input.comments;
    else input.warn('spillover-mismatch', `${input.commentsName} continues the remarks of ${id}, but its remarks (${remarks.length} characters) were not cut at ${REMARKS_LIMIT}; the continuation is ignored (files from different publications?)`);
  } else if (rawRemarks.length >= REMARKS_LIMIT && !rawRemarks.endsWith('.')) {
    // Complete remarks end with a period; a cut can still fall just after one ("U.S. "), so the
    // raw text decides.
    truncated = true;
  }
  const dropped = applyRemarks(sink, text, { truncated });
  if (truncated) {
    input.warn('truncated-remarks', `the remarks of ${id} stop at OFAC's ${REMARKS_LIMIT}-character limit and ${input.hasComments ? `${input.commentsName} has no continuation for them` : `${input.commentsName} was not given`}; the cut-off part "${clean(dropped ?? '').slice(0, 60)}" is not read`);
  }

  for (const alt of input.alts) {
    const kind = alt.type.toLowerCase().replace(/\./g, '') === 'fka' ? 'fka' : 'aka';
    addName(entity, { full: alt.name, kind, parts: isPerson ? personParts(alt.name) : undefined });
    if (alt.remarks) addProperty(entity, 'notes', `${alt.name}: ${alt.remarks}`);
  }
  for (const add of input.adds) {
    addProperty(entity, 'address', [add.address, add.city, add.country].filter((p) => p !== '').join(', '));
    if (add.country) addCountry(sink, 'country', add.country);
    if (add.remarks) addProperty(entity, 'notes', add.remarks);
  }
  resolveLinks(entity, sink.links, input.index, input.warn);
  return entity;
}
