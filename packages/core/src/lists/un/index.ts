/**
 * @module lists/un
 * The UN Security Council Consolidated List in its XML form (consolidated.xml, schema
 * https://www.un.org/sc/resources/sc-sanctions.xsd, published at
 * https://scsanctions.un.org/resources/xml/en/consolidated.xml). The root CONSOLIDATED_LIST
 * holds INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY records; each record is self-contained (no
 * cross-record references), so records are streamed one at a time and memory stays bounded
 * by the largest record.
 *
 * Ids are the UN's permanent reference numbers (`un:QDi.123`): DATAID is a database key that
 * the UN documents as internal, REFERENCE_NUMBER is what resolutions and press releases cite.
 * Field meanings follow the Committee's "Explanation of the Consolidated List" notes on the
 * UN SC download page (https://main.un.org/securitycouncil/content/un-sc-consolidated-list).
 */
import { CoreErrors } from '../../errors.ts';
import { countryCode } from '../../model/countries.ts';
import { addDate, isoDate, parseDateText, parsePartialDate } from '../../model/dates.ts';
import { addProperty, newEntity, type Entity, type IdentifierType, type NameKind, type NameParts, type PartialDate } from '../../model/entity.ts';
import { addIdentifier, identifierType, makeIdentifier } from '../../model/identifiers.ts';
import { addName, joinParts } from '../../model/names.ts';
import { clean } from '../../model/text.ts';
import { children, childText, streamXml, type XmlNode } from '../shared/xml.ts';
import type { ListFile, ListParser, ParseContext } from '../types.ts';

const FORMAT = 'UN Security Council consolidated list XML';

/**
 * Alias QUALITY values as the file uses them. The UN explanation calls "Low" aliases "low
 * quality a.k.a." (too broad to identify someone alone); "Good" and "a.k.a." are ordinary
 * aliases; "f.k.a." (formerly known as) is a previous name. An empty quality goes with an
 * empty ALIAS_NAME placeholder.
 */
const ALIAS_KIND: Record<string, NameKind> = {
  good: 'aka',
  'a.k.a.': 'aka',
  'a.k.a': 'aka',
  low: 'weak',
  'a.k.a. low': 'weak',
  'low quality a.k.a.': 'weak',
  'f.k.a.': 'fka',
  'f.k.a': 'fka',
};

/**
 * An xs:date as the file writes it. The schema types these fields as xs:date, which allows a
 * time-zone suffix, and a few records carry one ("2015-07-01-04:00"); the zone says nothing
 * about the calendar day the UN meant, so it is dropped.
 */
function xsDate(text: string): string | undefined {
  return parseDateText(clean(text).replace(/(?:Z|[+-]\d{2}:\d{2})$/, ''));
}

/** Warning context for one record. */
interface Where {
  file: string;
  line: number;
  entityId: string;
}

/** The UN Security Council consolidated list (consolidated.xml). */
export const unParser: ListParser = {
  source: 'un',
  description: 'UN Security Council Consolidated List, XML (consolidated.xml)',
  async *parse(files: ListFile[], ctx: ParseContext) {
    if (files.length !== 1) throw CoreErrors.LIST_FILES(`the UN source takes exactly one file (consolidated.xml), got ${files.length}`);
    const file = files[0]!;
    let count = 0;
    // The root carries dateGenerated ("2026-02-27T00:00:09.554Z"); its date is the issue date.
    const onRoot = (_name: string, attrs: Record<string, string>) => {
      const issued = attrs.dateGenerated ? parseDateText(attrs.dateGenerated) : undefined;
      if (issued) ctx.setIssueDate(issued);
    };
    for await (const node of streamXml(file, { roots: ['CONSOLIDATED_LIST'], select: isRecord, formatName: FORMAT, onRoot })) {
      const entity = node.name === 'INDIVIDUAL' ? individual(node, file.name, ctx) : legalEntity(node, file.name, ctx);
      count++;
      yield entity;
    }
    if (count === 0) throw CoreErrors.LIST_EMPTY('the consolidated list holds no INDIVIDUAL or ENTITY record', { file: file.name });
  },
};

function isRecord(path: readonly string[]): boolean {
  return path.length === 3 && ((path[1] === 'INDIVIDUALS' && path[2] === 'INDIVIDUAL') || (path[1] === 'ENTITIES' && path[2] === 'ENTITY'));
}

/** The record's id: `un:<REFERENCE_NUMBER>`, or `un:<DATAID>` (with a warning) when the reference is missing. */
function recordId(node: XmlNode, file: string, ctx: ParseContext): string {
  const ref = childText(node, 'REFERENCE_NUMBER');
  if (ref) return `un:${ref}`;
  const dataId = childText(node, 'DATAID');
  if (!dataId) throw CoreErrors.LIST_PARSE(`${node.name} record has neither REFERENCE_NUMBER nor DATAID`, { file, position: `line ${node.line}` });
  const id = `un:${dataId}`;
  ctx.warn({ code: 'missing-reference', message: `${node.name} DATAID ${dataId} has no REFERENCE_NUMBER; using its DATAID as id`, file, position: `line ${node.line}`, entityId: id });
  return id;
}

/** VALUE children of a wrapper element (NATIONALITY, TITLE, DESIGNATION, LAST_DAY_UPDATED). */
function values(node: XmlNode, name: string): string[] {
  return children(node, name).flatMap((w) => children(w, 'VALUE').map((v) => clean(v.text)).filter((v) => v !== ''));
}

/** Fields both record kinds share: names in original script, program, listing and update dates, notes. */
function common(entity: Entity, node: XmlNode, where: Where, ctx: ParseContext): void {
  // NAME_ORIGINAL_SCRIPT is the same person's or body's name as written in its own script
  // (Arabic, Cyrillic, Han ...): a primary name, not an alias. addName detects the script.
  addName(entity, { full: childText(node, 'NAME_ORIGINAL_SCRIPT'), kind: 'primary' });
  addProperty(entity, 'program', childText(node, 'UN_LIST_TYPE'));
  // The reference number is also FtM's unscId, the key the EU and UK lists use to point to the UN entry.
  addProperty(entity, 'unscId', childText(node, 'REFERENCE_NUMBER'));
  const listed = childText(node, 'LISTED_ON');
  if (listed) {
    const date = xsDate(listed);
    if (date) addProperty(entity, 'listingDate', date);
    else badDate(ctx, where, 'LISTED_ON', listed);
  }
  for (const v of values(node, 'LAST_DAY_UPDATED')) {
    const date = xsDate(v);
    if (date) addProperty(entity, 'modifiedAt', date);
    else badDate(ctx, where, 'LAST_DAY_UPDATED', v);
  }
  addProperty(entity, 'notes', childText(node, 'COMMENTS1'));
}

function individual(node: XmlNode, file: string, ctx: ParseContext): Entity {
  const entity = newEntity(recordId(node, file, ctx), 'Person');
  const where: Where = { file, line: node.line, entityId: entity.id };
  const first = childText(node, 'FIRST_NAME');
  const second = childText(node, 'SECOND_NAME');
  const third = childText(node, 'THIRD_NAME');
  const fourth = childText(node, 'FOURTH_NAME');
  addName(entity, { full: joinParts(first, second, third, fourth), kind: 'primary', parts: nameParts(first, second, third, fourth) });
  common(entity, node, where, ctx);

  addProperty(entity, 'gender', childText(node, 'GENDER').toLowerCase());
  addProperty(entity, 'title', ...values(node, 'TITLE'));
  addProperty(entity, 'position', ...values(node, 'DESIGNATION'));
  for (const v of values(node, 'NATIONALITY')) addCountry(entity, 'nationality', v, where, ctx);

  for (const alias of children(node, 'INDIVIDUAL_ALIAS')) {
    addAliases(entity, alias, where, ctx);
    // Some aliases carry their own date and place of birth (an identity used with a false
    // passport); they are the same person's, so they join the person's birth data.
    const dob = childText(alias, 'DATE_OF_BIRTH');
    if (dob) {
      const exact = xsDate(dob);
      const date = exact ? { date: exact } : parsePartialDate(dob);
      if (date) addDate(entity.birthDates, date);
      else badDate(ctx, where, 'INDIVIDUAL_ALIAS/DATE_OF_BIRTH', dob);
    }
    addProperty(entity, 'birthPlace', joinPlace(childText(alias, 'CITY_OF_BIRTH'), childText(alias, 'COUNTRY_OF_BIRTH')));
  }
  for (const dob of children(node, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const date = birthDate(dob, where, ctx);
    if (date) addDate(entity.birthDates, date);
  }
  for (const pob of children(node, 'INDIVIDUAL_PLACE_OF_BIRTH')) {
    addProperty(entity, 'birthPlace', joinPlace(childText(pob, 'STREET'), childText(pob, 'CITY'), childText(pob, 'STATE_PROVINCE'), childText(pob, 'COUNTRY')));
  }
  for (const address of children(node, 'INDIVIDUAL_ADDRESS')) addAddress(entity, address, where, ctx);
  for (const doc of children(node, 'INDIVIDUAL_DOCUMENT')) addDocument(entity, doc, where, ctx);
  noName(entity, where, ctx);
  return entity;
}

function legalEntity(node: XmlNode, file: string, ctx: ParseContext): Entity {
  // The UN does not say whether a listed entity is a company or an organisation (it lists
  // both terrorist groups and front companies as ENTITY): FtM's LegalEntity says exactly that.
  const entity = newEntity(recordId(node, file, ctx), 'LegalEntity');
  const where: Where = { file, line: node.line, entityId: entity.id };
  addName(entity, { full: childText(node, 'FIRST_NAME'), kind: 'primary' });
  common(entity, node, where, ctx);
  for (const alias of children(node, 'ENTITY_ALIAS')) addAliases(entity, alias, where, ctx);
  for (const address of children(node, 'ENTITY_ADDRESS')) addAddress(entity, address, where, ctx);
  noName(entity, where, ctx);
  return entity;
}

/**
 * Name parts in the order the UN publishes them. The UN's FIRST_NAME … FOURTH_NAME are
 * positions, not roles: usually the given name comes first and the family name last, but
 * for Korean, Chinese and some other names the UN writes the family name first
 * (KPi.056 FIRST_NAME "JANG", SECOND_NAME "SONG CHOL"). We keep the positions: firstName is
 * the first part, lastName the last, middleName whatever lies between. Screening must not
 * read firstName as "given name" for this source.
 */
function nameParts(...parts: string[]): NameParts | undefined {
  const present = parts.map(clean).filter((p) => p !== '');
  if (present.length < 2) return present.length === 1 ? { firstName: present[0]! } : undefined;
  const out: NameParts = { firstName: present[0]!, lastName: present[present.length - 1]! };
  if (present.length > 2) out.middleName = present.slice(1, -1).join(' ');
  return out;
}

function addAliases(entity: Entity, alias: XmlNode, where: Where, ctx: ParseContext): void {
  const text = childText(alias, 'ALIAS_NAME');
  if (!text) return;
  const quality = clean(childText(alias, 'QUALITY')).toLowerCase();
  let kind = ALIAS_KIND[quality];
  if (!kind) {
    ctx.warn({ code: 'unknown-reference', message: `alias quality "${quality}" is not one the UN documents; "${text}" kept as an alias`, file: where.file, position: `line ${alias.line}`, entityId: where.entityId });
    kind = 'aka';
  }
  // One ALIAS_NAME sometimes lists spellings separated by "; " ("Azim Adhajani; Azim Agha-Jani").
  for (const name of text.split(/;\s*/)) addName(entity, { full: name, kind });
}

/**
 * INDIVIDUAL_DATE_OF_BIRTH: TYPE_OF_DATE EXACT with DATE (YYYY-MM-DD) or YEAR, APPROXIMATELY
 * with either, or BETWEEN with FROM_YEAR and TO_YEAR. A NOTE sometimes carries the date
 * instead ("Nov. 1973"), a month for a YEAR ("Sep."), or "Approximately" for a range.
 */
function birthDate(dob: XmlNode, where: Where, ctx: ParseContext): PartialDate | undefined {
  const type = childText(dob, 'TYPE_OF_DATE').toUpperCase();
  const note = clean(childText(dob, 'NOTE'));
  const circa = type === 'APPROXIMATELY' || /^approx/i.test(note);
  const mark = (d: PartialDate): PartialDate => (circa ? { ...d, circa: true } : d);
  const from = childText(dob, 'FROM_YEAR');
  const to = childText(dob, 'TO_YEAR');
  if (from || to) {
    const f = from ? isoDate(+from) : undefined;
    const t = to ? isoDate(+to) : undefined;
    if ((from && !f) || (to && !t) || (!f && !t)) return badDate(ctx, where, 'INDIVIDUAL_DATE_OF_BIRTH', `${from} to ${to}`);
    if (f && t) return mark({ from: f, to: t });
    return mark({ date: (f ?? t)! });
  }
  const exact = childText(dob, 'DATE');
  if (exact) {
    const date = xsDate(exact);
    return date ? mark({ date }) : badDate(ctx, where, 'INDIVIDUAL_DATE_OF_BIRTH/DATE', exact);
  }
  const year = childText(dob, 'YEAR');
  if (year) {
    const y = isoDate(+year);
    if (!y) return badDate(ctx, where, 'INDIVIDUAL_DATE_OF_BIRTH/YEAR', year);
    // "Sep." beside YEAR 1958 means September 1958.
    const withMonth = note && !circa ? parseDateText(`${note} ${year}`) : undefined;
    return mark({ date: withMonth ?? y });
  }
  if (note) {
    const parsed = parsePartialDate(note);
    return parsed ? mark(parsed) : badDate(ctx, where, 'INDIVIDUAL_DATE_OF_BIRTH/NOTE', note);
  }
  // An empty INDIVIDUAL_DATE_OF_BIRTH (no type, no value) is the UN's placeholder: nothing to keep.
  return undefined;
}

function addAddress(entity: Entity, address: XmlNode, where: Where, ctx: ParseContext): void {
  const country = childText(address, 'COUNTRY');
  addProperty(entity, 'address', joinPlace(childText(address, 'STREET'), childText(address, 'CITY'), childText(address, 'STATE_PROVINCE'), childText(address, 'ZIP_CODE'), country));
  if (country) addCountry(entity, 'country', country, where, ctx);
}

/**
 * INDIVIDUAL_DOCUMENT: TYPE_OF_DOCUMENT is the UN's coarse class ("Passport", "National
 * Identification Number", and French/Spanish spellings of passport); TYPE_OF_DOCUMENT2, when
 * given, is the document's own name ("Service passport", "Ration card number:") and becomes
 * the label. A document without NUMBER has its details only in NOTE ("Tunisian passport
 * number L 191609 issued on 28 Feb. 1996"): that text is kept in the notes, not guessed at.
 */
function addDocument(entity: Entity, doc: XmlNode, where: Where, ctx: ParseContext): void {
  const kind = clean(childText(doc, 'TYPE_OF_DOCUMENT'));
  const kind2 = clean(childText(doc, 'TYPE_OF_DOCUMENT2')).replace(/:$/, '');
  const number = clean(childText(doc, 'NUMBER'));
  const note = clean(childText(doc, 'NOTE'));
  if (!number) {
    if (note) addProperty(entity, 'notes', `${kind2 || kind || 'Document'}: ${note}`);
    return;
  }
  // COUNTRY_OF_ISSUE is an older spelling of ISSUING_COUNTRY; CITY_OF_ISSUE sometimes holds a
  // country too ("Iran (Islamic Republic of)"), used only when no country is given.
  const city = clean(childText(doc, 'CITY_OF_ISSUE'));
  const countryText = childText(doc, 'ISSUING_COUNTRY') || childText(doc, 'COUNTRY_OF_ISSUE');
  let country = countryText ? countryCode(countryText) : undefined;
  if (countryText && !country) unknownCountry(ctx, where, countryText);
  const cityCountry = !countryText && city ? countryCode(city) : undefined;
  if (cityCountry) country = cityCountry;
  const issuedText = childText(doc, 'DATE_OF_ISSUE');
  const issued = issuedText ? xsDate(issuedText) : undefined;
  if (issuedText && !issued) badDate(ctx, where, 'INDIVIDUAL_DOCUMENT/DATE_OF_ISSUE', issuedText);
  const label = kind2 || kind || 'Document';
  const id = makeIdentifier(label, number, { type: documentType(kind, kind2, number, country), country, issued, expires: expiry(note), note: joinPlace(note, city && !cityCountry ? `issued in ${city}` : '') || undefined });
  addIdentifier(entity.identifiers, id);
}

function documentType(kind: string, kind2: string, number: string, country: string | undefined): IdentifierType {
  if (/pass|pasa/i.test(kind)) return 'passport';
  const specific = kind2 ? identifierType(kind2, number, country) : 'other';
  if (specific !== 'other') return specific;
  if (/national identification/i.test(kind)) return 'nationalId';
  return identifierType(kind, number, country);
}

/** An expiry date written into a document NOTE: "Expiration date: 2026-12-11", "expires on 21 April 2019". */
function expiry(note: string): string | undefined {
  const m = note.match(/expir\w*(?:\s+date)?(?:\s+on)?\s*:?\s*([^,;]+?)\.?\s*$/i) ?? note.match(/expir\w*(?:\s+date)?(?:\s+on)?\s*:?\s*([^,;]+?)[,;]/i);
  return m ? parseDateText(m[1]!.trim()) : undefined;
}

function addCountry(entity: Entity, property: 'nationality' | 'country', text: string, where: Where, ctx: ParseContext): void {
  const code = countryCode(text);
  if (code) addProperty(entity, property, code);
  else {
    addProperty(entity, property, text);
    unknownCountry(ctx, where, text);
  }
}

function joinPlace(...parts: string[]): string {
  return parts.map(clean).filter((p) => p !== '').join(', ');
}

function badDate(ctx: ParseContext, where: Where, field: string, text: string): undefined {
  ctx.warn({ code: 'bad-date', message: `${field} "${clean(text)}" is not a date Sekisho can read; left out`, file: where.file, position: `line ${where.line}`, entityId: where.entityId });
  return undefined;
}

function unknownCountry(ctx: ParseContext, where: Where, text: string): void {
  ctx.warn({ code: 'unknown-country', message: `country "${clean(text)}" has no ISO code in Sekisho's table; kept as text`, file: where.file, position: `line ${where.line}`, entityId: where.entityId });
}

function noName(entity: Entity, where: Where, ctx: ParseContext): void {
  if (entity.names.length === 0) ctx.warn({ code: 'missing-name', message: `${entity.id} has no name`, file: where.file, position: `line ${where.line}`, entityId: entity.id });
}

