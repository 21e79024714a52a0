/**
 * @module lists/ofac-advanced
 * OFAC's advanced XML (sdn_advanced.xml, cons_advanced.xml): the UN-sponsored Sanctions Data
 * Model that OFAC publishes beside its legacy files (OFAC, "Advanced Sanctions Data Standard"
 * explanatory notes, 2015). Every type in the file — feature types, name-part types, scripts,
 * relation types, document types, countries — is an integer resolved through the file's own
 * ReferenceValueSets. We resolve by label, never by hard-coded id: OFAC has renumbered
 * nothing so far, but the ids are not promised, and new digital-currency tickers arrive as new
 * feature types ("Digital Currency Address - SOL" in 2024).
 *
 * The file is ordered ReferenceValueSets, Locations, IDRegDocuments, DistinctParties,
 * ProfileRelationships, SanctionsEntries. Programs and listing dates (SanctionsEntries) and
 * relations come after the parties, so parties are held in memory as entities until the end
 * of the file; memory grows with the number of parties (≈18k), not with the file (121 MB).
 */
import { CoreErrors } from '../../errors.ts';
import { addProperty, newEntity, type Entity, type NameKind, type NameParts, type PartialDate, type RelationType, type Schema } from '../../model/entity.ts';
import { countryCode } from '../../model/countries.ts';
import { addDate, isoDate } from '../../model/dates.ts';
import { addIdentifier, makeIdentifier } from '../../model/identifiers.ts';
import { addName } from '../../model/names.ts';
import { clean } from '../../model/text.ts';
import { child, children, childText, streamXml, type XmlNode } from '../shared/xml.ts';
import type { ListFile, ListParser, ParseContext } from '../types.ts';

/** A reference value: its label and the attributes some tables carry (ISO2, ScriptCode, PartyTypeID). */
interface RefValue {
  label: string;
  attrs: Record<string, string>;
}
type RefTable = Map<string, RefValue>;

interface LocationValue {
  country?: string;
  text: string;
}

const NAME_PART_FIELDS: Record<string, keyof NameParts> = {
  'last name': 'lastName',
  'first name': 'firstName',
  'middle name': 'middleName',
  'maiden name': 'secondName',
  patronymic: 'fatherName',
  matronymic: 'secondName',
};

/**
 * OFAC's own rendering of a person's name, the one its legacy files carry: "SURNAME, Given".
 * The surname slot is the Last Name; a name without one (Spanish names) has its two family
 * names typed Patronymic and Matronymic, and they form the surname. Given names follow in
 * type order (First, Middle, then a Russian patronymic, then a maiden name). The order of
 * DocumentedNamePart elements is not a name order ("Jesus GUZMAN SALAZAR Alfredo" for
 * GUZMAN SALAZAR, Jesus Alfredo): joining them as they come mangles the name.
 * Checked against the SDN CSV of 2024-05-03: 14,208 of 14,260 shared parties give the CSV's
 * primary name (case aside); the rest changed between the two publications.
 */
const GIVEN_ORDER = ['first name', 'middle name', 'patronymic', 'matronymic', 'maiden name'];

function ofacName(parts: { type: string; text: string }[]): string {
  const documentOrder = parts.map((p) => p.text).join(' ');
  const hasLast = parts.some((p) => p.type === 'last name');
  const surnameTypes = hasLast ? ['last name'] : ['patronymic', 'matronymic'];
  const inOrder = (types: string[]) => types.flatMap((t) => parts.filter((p) => p.type === t).map((p) => p.text));
  const surname = inOrder(surnameTypes);
  const given = inOrder(GIVEN_ORDER.filter((t) => !surnameTypes.includes(t)));
  // Anything else (nickname, entity or vessel name, an untyped part) keeps the document order.
  if (surname.length === 0 || given.length === 0 || surname.length + given.length !== parts.length) return documentOrder;
  return `${surname.join(' ')}, ${given.join(' ')}`;
}

/** Flag and country values that say there is none. */
const NO_COUNTRY = /^(none identified|unknown)$/i;

const RELATION_TYPES: [RegExp, RelationType][] = [
  [/^owned or controlled by/i, 'ownedOrControlledBy'],
  [/^owns, controls, or operates/i, 'owns'],
  [/^acting for or on behalf of/i, 'actingFor'],
  [/^associate of/i, 'associate'],
  [/^family member of/i, 'family'],
  [/^leader or official of/i, 'leader'],
  [/^principal executive officer/i, 'director'],
  [/^providing support to/i, 'supports'],
  [/^playing a significant role in/i, 'member'],
];

/** Text features whose value goes to a plain property. Labels as in the 2025 reference table. */
const FEATURE_PROPERTIES: Record<string, Parameters<typeof addProperty>[1]> = {
  'place of birth': 'birthPlace',
  gender: 'gender',
  title: 'title',
  website: 'website',
  'email address': 'email',
  'phone number': 'phone',
  'vessel type': 'type',
  'other vessel type': 'type',
  'vessel flag': 'flag',
  'other vessel flag': 'flag',
  'vessel tonnage': 'tonnage',
  'vessel gross registered tonnage': 'tonnage',
  'vessel year of build': 'buildDate',
  'aircraft model': 'model',
  'aircraft manufacture date': 'buildDate',
  'organization established date': 'incorporationDate',
  'organization type:': 'legalForm',
  'target type': 'sector',
};

/** Features that are identifiers of the party: label → our label for makeIdentifier. */
const FEATURE_IDENTIFIERS = new Set([
  'swift/bic', 'vessel call sign', 'other vessel call sign', 'bik (ru)', 'd-u-n-s number', 'isin', 'un/locode',
  'micex code', 'equity ticker', 'aircraft tail number', 'previous aircraft tail number',
  "aircraft manufacturer's serial number (msn)", 'aircraft construction number (also called l/n or s/n or f/n)',
  'aircraft mode s transponder code',
]);

/** Features about the party's country. */
const FEATURE_COUNTRIES: Record<string, Parameters<typeof addProperty>[1]> = {
  'nationality country': 'nationality',
  'citizenship country': 'citizenship',
  'nationality of registration': 'jurisdiction',
  'registration country': 'jurisdiction',
  location: 'address',
};

const DIGITAL_CURRENCY = /^Digital Currency Address - (\S+)$/i;

function dateOf(node: XmlNode | undefined): { y?: number; m?: number; d?: number } | undefined {
  if (!node) return undefined;
  const y = Number(childText(node, 'Year'));
  if (!y) return undefined;
  const m = Number(childText(node, 'Month')) || undefined;
  const d = Number(childText(node, 'Day')) || undefined;
  return { y, m, d };
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * A DatePeriod (Start From/To, End From/To) as a partial date. OFAC writes "1951" as
 * 1951-01-01 … 1951-12-31 and "Mar 1977" as 1977-03-01 … 1977-03-31; we fold those back to
 * the precision OFAC meant, and keep real spans ("1960 to 1962") as ranges.
 */
export function periodToDate(period: XmlNode): PartialDate | undefined {
  const start = child(period, 'Start');
  const end = child(period, 'End');
  const from = dateOf(child(start, 'From')) ?? dateOf(child(end, 'From'));
  const to = dateOf(child(end, 'To')) ?? dateOf(child(start, 'To')) ?? from;
  if (!from || !to) return undefined;
  const circa = start?.attrs.Approximate === 'true' || end?.attrs.Approximate === 'true';
  const result = (p: PartialDate): PartialDate => (circa ? { ...p, circa: true } : p);
  const fy = from.y!, ty = to.y!;
  const fm = from.m ?? 1, fd = from.d ?? 1, tm = to.m ?? 12, td = to.d ?? lastDay(ty, tm);
  const wholeYears = fm === 1 && fd === 1 && tm === 12 && td === 31;
  if (fy === ty && fm === tm && fd === td) return wrap(isoDate(fy, fm, fd), result);
  if (wholeYears) return fy === ty ? wrap(isoDate(fy), result) : range(isoDate(fy), isoDate(ty), result);
  if (fy === ty && fm === tm && fd === 1 && td === lastDay(ty, tm)) return wrap(isoDate(fy, fm), result);
  return range(isoDate(fy, fm, fd), isoDate(ty, tm, td), result);
}

function wrap(date: string | undefined, result: (p: PartialDate) => PartialDate): PartialDate | undefined {
  return date ? result({ date }) : undefined;
}

function range(from: string | undefined, to: string | undefined, result: (p: PartialDate) => PartialDate): PartialDate | undefined {
  return from && to ? result({ from, to }) : undefined;
}

function dateString(node: XmlNode | undefined): string | undefined {
  const d = dateOf(node);
  return d ? isoDate(d.y!, d.m, d.d) : undefined;
}

/** Parser state for one file. */
class AdvancedReader {
  readonly refs = new Map<string, RefTable>();
  readonly locations = new Map<string, LocationValue>();
  /** Identifiers by the IdentityID they belong to (documents precede parties). */
  readonly documents = new Map<string, ReturnType<typeof makeIdentifier>[]>();
  readonly entities = new Map<string, Entity>();
  /** ProfileID → entity id, for relations and sanctions entries. */
  readonly profiles = new Map<string, string>();
  private readonly unknownLabels = new Set<string>();

  constructor(
    private readonly file: ListFile,
    private readonly ctx: ParseContext,
  ) {}

  private ref(table: string, id: string | undefined): RefValue | undefined {
    if (id === undefined) return undefined;
    const value = this.refs.get(table)?.get(id);
    if (!value) this.warnOnce('unknown-reference', `${table} id ${id} is not in the file's reference values`);
    return value;
  }

  private label(table: string, id: string | undefined): string | undefined {
    return this.ref(table, id)?.label;
  }

  private country(countryId: string | undefined): string | undefined {
    const value = this.ref('CountryValues', countryId);
    return value ? (value.attrs.ISO2 ?? value.label) : undefined;
  }

  /** ISO2 for a country name, by the file's own CountryValues labels first. */
  countryByName(name: string | undefined): string | undefined {
    const n = clean(name).toLowerCase();
    if (!n) return undefined;
    if (!this.countryLabels) {
      this.countryLabels = new Map();
      for (const value of this.refs.get('CountryValues')?.values() ?? []) if (value.attrs.ISO2) this.countryLabels.set(value.label.toLowerCase(), value.attrs.ISO2);
    }
    // OFAC's own spellings ("St. Vincent and the Grenadines") are in the shared table.
    return this.countryLabels.get(n) ?? countryCode(n) ?? countryCode(n.replace(/^region:\s*/, ''));
  }

  private countryLabels: Map<string, string> | undefined;

  private warnOnce(code: string, message: string, line?: number): void {
    const key = `${code}:${message}`;
    if (this.unknownLabels.has(key)) return;
    this.unknownLabels.add(key);
    this.ctx.warn({ code, message, file: this.file.name, position: line ? `line ${line}` : undefined });
  }

  referenceSet(node: XmlNode): void {
    const table: RefTable = new Map();
    for (const value of node.children) {
      const id = value.attrs.ID;
      if (id !== undefined) table.set(id, { label: clean(value.text), attrs: value.attrs });
    }
    this.refs.set(node.name, table);
  }

  location(node: XmlNode): void {
    const id = node.attrs.ID;
    if (!id) return;
    const countryId = child(node, 'LocationCountry')?.attrs.CountryID;
    const country = countryId ? this.country(countryId) : undefined;
    // A part may carry the same value in other scripts (武汉市 beside Wuhan): the primary
    // value leads and the others follow in parentheses, so nothing published is dropped.
    const parts: string[] = [];
    for (const part of children(node, 'LocationPart')) {
      const values = children(part, 'LocationPartValue');
      const primary = values.filter((v) => v.attrs.Primary === 'true').map((v) => clean(childText(v, 'Value'))).filter(Boolean);
      const others = values.filter((v) => v.attrs.Primary !== 'true').map((v) => clean(childText(v, 'Value'))).filter(Boolean);
      const lead = primary.length ? primary.join(' ') : others.shift();
      if (!lead) continue;
      parts.push(others.length ? `${lead} (${[...new Set(others)].join('; ')})` : lead);
    }
    const countryName = countryId ? this.label('CountryValues', countryId) : undefined;
    if (countryName) parts.push(countryName);
    const text = parts.join(', ');
    // Since 2024 the locations of nationality and citizenship features carry the country only
    // as a part's text ("Egypt"), without LocationCountry: resolve that text to its ISO code.
    this.locations.set(id, { country: country ?? (countryId ? undefined : this.countryByName(text)), text });
  }

  document(node: XmlNode): void {
    const identityId = node.attrs.IdentityID;
    const label = this.label('IDRegDocTypeValues', node.attrs.IDRegDocTypeID) ?? 'Identification';
    const country = node.attrs['IssuedBy-CountryID'] ? this.country(node.attrs['IssuedBy-CountryID']) : undefined;
    let issued: string | undefined;
    let expires: string | undefined;
    for (const dd of children(node, 'DocumentDate')) {
      const kind = this.label('IDRegDocDateTypeValues', dd.attrs.IDRegDocDateTypeID) ?? '';
      const period = child(dd, 'DatePeriod');
      const date = period ? periodToDate(period) : undefined;
      const value = date?.date ?? date?.from;
      if (/issue/i.test(kind)) issued = value;
      else if (/expir/i.test(kind)) expires = value;
    }
    const notes = [clean(childText(node, 'Comment')), clean(childText(node, 'IssuingAuthority'))].filter(Boolean);
    const validity = this.label('ValidityValues', node.attrs.ValidityID);
    if (validity && validity !== 'Valid') notes.push(validity);
    const id = makeIdentifier(label, childText(node, 'IDRegistrationNo'), { country, issued, expires, note: notes.join('; ') || undefined });
    if (!id || !identityId) return;
    const list = this.documents.get(identityId) ?? [];
    list.push(id);
    this.documents.set(identityId, list);
  }

  party(node: XmlNode): void {
    const fixedRef = node.attrs.FixedRef;
    const profile = child(node, 'Profile');
    if (!fixedRef || !profile) {
      this.ctx.warn({ code: 'malformed-party', message: 'DistinctParty without FixedRef or Profile skipped', file: this.file.name, position: `line ${node.line}` });
      return;
    }
    const entity = newEntity(`ofac:${fixedRef}`, this.schemaOf(profile.attrs.PartySubTypeID));
    for (const identity of children(profile, 'Identity')) this.identity(entity, identity);
    for (const feature of children(profile, 'Feature')) this.feature(entity, feature);
    this.entities.set(entity.id, entity);
    if (profile.attrs.ID) this.profiles.set(profile.attrs.ID, entity.id);
    addProperty(entity, 'notes', childText(node, 'Comment'));
  }

  private schemaOf(subTypeId: string | undefined): Schema {
    const sub = this.ref('PartySubTypeValues', subTypeId);
    const subLabel = sub?.label.toLowerCase();
    if (subLabel === 'vessel') return 'Vessel';
    if (subLabel === 'aircraft') return 'Aircraft';
    const partyType = this.label('PartyTypeValues', sub?.attrs.PartyTypeID)?.toLowerCase();
    if (partyType === 'individual') return 'Person';
    return 'Organization';
  }

  private identity(entity: Entity, identity: XmlNode): void {
    // NamePartGroupID → name part type label, from the identity's own NamePartGroups.
    const groups = new Map<string, string>();
    for (const master of children(child(identity, 'NamePartGroups'), 'MasterNamePartGroup')) {
      for (const group of children(master, 'NamePartGroup')) {
        const label = this.label('NamePartTypeValues', group.attrs.NamePartTypeID);
        if (group.attrs.ID && label) groups.set(group.attrs.ID, label.toLowerCase());
      }
    }
    const isFalse = identity.attrs.False === 'true';
    for (const alias of children(identity, 'Alias')) {
      const aliasType = (this.label('AliasTypeValues', alias.attrs.AliasTypeID) ?? '').toUpperCase();
      let kind: NameKind;
      if (alias.attrs.Primary === 'true' && !isFalse) kind = 'primary';
      else if (alias.attrs.LowQuality === 'true') kind = 'weak';
      else if (aliasType === 'F.K.A.') kind = 'fka';
      else kind = 'aka';
      for (const documented of children(alias, 'DocumentedName')) {
        const values: { type: string; text: string }[] = [];
        for (const part of children(documented, 'DocumentedNamePart')) {
          const value = child(part, 'NamePartValue');
          if (!value) continue;
          const text = clean(value.text);
          if (!text) continue;
          values.push({ type: groups.get(value.attrs.NamePartGroupID ?? '') ?? '', text });
        }
        // Spanish names have no Last Name: their Patronymic and Matronymic are the two family names.
        const hasLast = values.some((v) => v.type === 'last name');
        const parts: NameParts = {};
        for (const { type, text } of values) {
          const field = !hasLast && type === 'patronymic' ? 'lastName' : NAME_PART_FIELDS[type];
          if (field) parts[field] = parts[field] ? `${parts[field]} ${text}` : text;
        }
        // A primary name in another script (Chinese, Cyrillic) is the same name in another
        // spelling: keep it primary only for the "Primary Latin" documented name.
        const status = this.label('DocNameStatusValues', documented.attrs.DocNameStatusID);
        const docKind: NameKind = kind === 'primary' && status && !/primary/i.test(status) ? 'aka' : kind;
        addName(entity, { full: entity.schema === 'Person' ? ofacName(values) : values.map((v) => v.text).join(' '), kind: docKind, parts: Object.keys(parts).length ? parts : undefined });
      }
    }
    for (const id of this.documents.get(identity.attrs.ID ?? '') ?? []) addIdentifier(entity.identifiers, id);
  }

  private feature(entity: Entity, feature: XmlNode): void {
    const label = this.label('FeatureTypeValues', feature.attrs.FeatureTypeID);
    if (!label) return;
    const key = label.toLowerCase();
    for (const version of children(feature, 'FeatureVersion')) {
      const detail = child(version, 'VersionDetail');
      const detailType = this.label('DetailTypeValues', detail?.attrs.DetailTypeID);
      let text = '';
      if (detailType === 'LOOKUP') text = this.label('DetailReferenceValues', detail?.attrs.DetailReferenceID) ?? '';
      else if (detail) text = clean(detail.text);
      const locationId = child(version, 'VersionLocation')?.attrs.LocationID;
      const location = locationId ? this.locations.get(locationId) : undefined;

      const currency = label.match(DIGITAL_CURRENCY);
      if (currency) {
        if (text && !entity.wallets.some((w) => w.currency === currency[1] && w.address === text)) entity.wallets.push({ currency: currency[1]!, address: text });
        continue;
      }
      if (key === 'birthdate') {
        const period = child(version, 'DatePeriod');
        const date = period ? periodToDate(period) : undefined;
        if (date) addDate(entity.birthDates, date);
        else this.ctx.warn({ code: 'bad-date', message: 'unreadable birth date', file: this.file.name, position: `line ${version.line}`, entityId: entity.id });
        continue;
      }
      const countryProperty = FEATURE_COUNTRIES[key];
      if (countryProperty) {
        if (countryProperty === 'address') addProperty(entity, 'address', location?.text || text);
        else this.addCountry(entity, countryProperty, location?.country, location?.text || text);
        continue;
      }
      const property = FEATURE_PROPERTIES[key];
      if (property === 'flag') {
        this.addCountry(entity, 'flag', location?.country, text || location?.text);
        continue;
      }
      if (property === 'gender') {
        // Lower case, as every other source writes it ("male", "female").
        addProperty(entity, 'gender', text.toLowerCase());
        continue;
      }
      if (property) {
        const period = child(version, 'DatePeriod');
        const date = period ? periodToDate(period) : undefined;
        addProperty(entity, property, text || date?.date || date?.from || location?.text);
        continue;
      }
      if (FEATURE_IDENTIFIERS.has(key)) {
        addIdentifier(entity.identifiers, makeIdentifier(label, text, { country: location?.country }));
        continue;
      }
      // Everything else OFAC publishes as a feature (secondary sanctions risk, directive
      // determinations, CAATSA information, IFCA determinations) is advice to the analyst.
      const period = child(version, 'DatePeriod');
      const date = period ? periodToDate(period) : undefined;
      const value = text || date?.date || date?.from || location?.text || '';
      addProperty(entity, 'notes', value ? `${label.replace(/[:\s-]+$/, '')}: ${value}` : label);
    }
  }

  /** A country-valued property as ISO2; a name the file does not resolve is kept as written. */
  private addCountry(entity: Entity, property: Parameters<typeof addProperty>[1], iso2: string | undefined, text: string | undefined): void {
    if (iso2) return addProperty(entity, property, iso2);
    const t = clean(text);
    if (!t || NO_COUNTRY.test(t)) return;
    const code = this.countryByName(t);
    if (!code) this.warnOnce('unknown-country', `country "${t}" (${property}) has no ISO code; kept as text`);
    addProperty(entity, property, code ?? t);
  }

  relationship(node: XmlNode): void {
    const from = this.profiles.get(node.attrs['From-ProfileID'] ?? '');
    const to = node.attrs['To-ProfileID'];
    if (!from || !to) {
      this.warnOnce('unknown-reference', `ProfileRelationship ${node.attrs.ID} names a profile that is not in the file`, node.line);
      return;
    }
    const entity = this.entities.get(from)!;
    const label = this.label('RelationTypeValues', node.attrs.RelationTypeID) ?? 'Related to';
    const type = RELATION_TYPES.find(([test]) => test.test(label))?.[1] ?? 'other';
    const target = this.profiles.get(to) ?? `ofac:${to}`;
    if (!entity.relations.some((r) => r.type === type && r.target === target)) entity.relations.push({ type, target, label });
  }

  sanctionsEntry(node: XmlNode): void {
    const entityId = this.profiles.get(node.attrs.ProfileID ?? '');
    if (!entityId) {
      this.warnOnce('unknown-reference', `SanctionsEntry ${node.attrs.ID} names profile ${node.attrs.ProfileID}, which is not in the file`, node.line);
      return;
    }
    const entity = this.entities.get(entityId)!;
    addProperty(entity, 'sanctionsList', this.label('ListValues', node.attrs.ListID));
    for (const event of children(node, 'EntryEvent')) addProperty(entity, 'listingDate', dateString(child(event, 'Date')));
    for (const measure of children(node, 'SanctionsMeasure')) {
      const type = this.label('SanctionsTypeValues', measure.attrs.SanctionsTypeID);
      if (type === 'Program') addProperty(entity, 'program', childText(measure, 'Comment'));
      else addProperty(entity, 'provisions', type);
    }
  }
}

const CONTAINERS: Record<string, string> = {
  ReferenceValueSets: 'ref',
  Locations: 'Location',
  IDRegDocuments: 'IDRegDocument',
  DistinctParties: 'DistinctParty',
  ProfileRelationships: 'ProfileRelationship',
  SanctionsEntries: 'SanctionsEntry',
};

export const ofacAdvancedParser: ListParser = {
  source: 'ofac-advanced',
  description: 'OFAC advanced XML (sdn_advanced.xml, cons_advanced.xml), Sanctions Data Model',
  async *parse(files: ListFile[], ctx: ParseContext) {
    if (files.length === 0) throw CoreErrors.LIST_FILES('no file given for ofac-advanced');
    for (const file of files) {
      const reader = new AdvancedReader(file, ctx);
      let sawParties = false;
      const stream = streamXml(file, {
        roots: ['Sanctions'],
        formatName: 'OFAC advanced XML',
        select: (path) => (path.length === 2 && path[1] === 'DateOfIssue') || (path.length === 3 && path[1]! in CONTAINERS),
      });
      for await (const node of stream) {
        switch (node.name) {
          case 'DateOfIssue': {
            const date = dateString(node);
            if (date) ctx.setIssueDate(date);
            break;
          }
          case 'Location':
            reader.location(node);
            break;
          case 'IDRegDocument':
            reader.document(node);
            break;
          case 'DistinctParty':
            sawParties = true;
            reader.party(node);
            break;
          case 'ProfileRelationship':
            reader.relationship(node);
            break;
          case 'SanctionsEntry':
            reader.sanctionsEntry(node);
            break;
          default:
            if (node.name.endsWith('Values')) reader.referenceSet(node);
        }
      }
      if (!sawParties) throw CoreErrors.LIST_EMPTY('the file has no DistinctParty', { file: file.name });
      // A party in two files of one load (SDN and consolidated) is merged by the loader.
      yield* reader.entities.values();
    }
  },
};
