/**
 * @module lists/opensanctions
 * OpenSanctions exports in FollowTheMoney JSON lines (`entities.ftm.json`, one entity per
 * line: {id, schema, properties, caption, datasets, referents, first_seen, last_seen, target};
 * https://www.opensanctions.org/docs/bulk/json/ and https://followthemoney.tech/explorer/).
 *
 * FtM spreads one party over several entities: Sanction, Address, Identification/Passport
 * and CryptoWallet entities point at the party, and relationship "interval" entities
 * (Ownership, Directorship, Family ...) point at both ends. Any of them may come before or
 * after the party. So the file is read twice: the first pass checks every line and keeps only
 * these links, in compact form, keyed by the party they belong to (memory grows with the
 * number of link entities, not with the file's bytes); the second pass streams the parties
 * and attaches their links. ListFile.open() is therefore called twice.
 */
import { CoreErrors } from '../../errors.ts';
import { countryCode } from '../../model/countries.ts';
import { addDate, parseDateText } from '../../model/dates.ts';
import { addProperty, newEntity, type Entity, type Identifier, type IdentifierType, type NameKind, type NameParts, type PropertyName, type Relation, type RelationType, type Schema, type Wallet } from '../../model/entity.ts';
import { addIdentifier, identifierType, makeIdentifier } from '../../model/identifiers.ts';
import { addName } from '../../model/names.ts';
import { clean } from '../../model/text.ts';
import { walletsInText } from '../shared/wallets-in-text.ts';
import type { ListFile, ListParser, ParseContext } from '../types.ts';
import { streamLines } from '../shared/json-lines.ts';



const FORMAT = 'FollowTheMoney JSON lines (entities.ftm.json)';
const PREFIX = 'os:';

/** FtM schemata that become Sekisho entities. FtM calls aircraft "Airplane"; PublicBody is an Organization. */
const PARTY_SCHEMAS: Record<string, Schema> = {
  Person: 'Person',
  Organization: 'Organization',
  Company: 'Company',
  LegalEntity: 'LegalEntity',
  PublicBody: 'Organization',
  Vessel: 'Vessel',
  Airplane: 'Aircraft',
  Aircraft: 'Aircraft',
};

/** Name properties by kind. An abbreviation ("AIAI") is short and matches loosely: kept as weak. */
const NAME_KINDS: [string, NameKind][] = [
  ['name', 'primary'],
  ['alias', 'aka'],
  ['previousName', 'fka'],
  ['weakAlias', 'weak'],
  ['abbreviation', 'weak'],
];

const PART_PROPERTIES: (keyof NameParts)[] = ['firstName', 'middleName', 'lastName', 'fatherName', 'secondName'];

/** Plain FtM properties kept under the same (or the named) Sekisho property. */
const PLAIN: [string, PropertyName][] = [
  ['gender', 'gender'], ['address', 'address'], ['birthPlace', 'birthPlace'], ['position', 'position'],
  ['title', 'title'], ['notes', 'notes'], ['summary', 'notes'], ['description', 'notes'], ['sourceUrl', 'sourceUrl'],
  ['topics', 'topics'], ['programId', 'program'], ['modifiedAt', 'modifiedAt'], ['deathDate', 'deathDate'],
  ['incorporationDate', 'incorporationDate'], ['legalForm', 'legalForm'], ['sector', 'sector'], ['email', 'email'],
  ['phone', 'phone'], ['website', 'website'], ['buildDate', 'buildDate'], ['model', 'model'], ['type', 'type'],
  ['tonnage', 'tonnage'], ['grossRegisteredTonnage', 'tonnage'],
];

/** Country-typed FtM properties (lower-case ISO codes in FtM) → ISO 3166-1 alpha-2. */
const COUNTRIES: [string, PropertyName][] = [
  ['nationality', 'nationality'], ['citizenship', 'citizenship'], ['country', 'country'], ['jurisdiction', 'jurisdiction'], ['flag', 'flag'],
];

/** FtM identifier properties. Vessel and Airplane registration numbers get their own types below. */
const IDENTIFIERS: [string, IdentifierType][] = [
  ['passportNumber', 'passport'], ['idNumber', 'nationalId'], ['taxNumber', 'taxNumber'], ['vatCode', 'taxNumber'],
  ['innCode', 'inn'], ['ogrnCode', 'ogrn'], ['kppCode', 'kpp'], ['okpoCode', 'okpo'], ['registrationNumber', 'registrationNumber'],
  ['imoNumber', 'imo'], ['mmsi', 'mmsi'], ['callSign', 'vesselRegistration'], ['serialNumber', 'aircraftSerial'],
  ['swiftBic', 'swiftBic'], ['leiCode', 'lei'], ['socialSecurityNumber', 'socialSecurity'], ['uniqueEntityId', 'other'],
  ['permId', 'other'], ['dunsCode', 'other'], ['bikCode', 'other'], ['icijId', 'other'], ['opencorporatesUrl', 'other'],
];

/**
 * Relationship schemata: which end carries the relation (subject), which end it points to
 * (object), and the Sekisho relation type. Relations read "subject —type→ object": an
 * Ownership's asset is ownedOrControlledBy its owner; a director is director of the
 * organization (leader when the role says "leader or official", OFAC's wording).
 */
interface LinkSpec {
  subject: string;
  object: string;
  type: RelationType;
  role: string;
}
const LINKS: Record<string, LinkSpec> = {
  Ownership: { subject: 'asset', object: 'owner', type: 'ownedOrControlledBy', role: 'role' },
  Directorship: { subject: 'director', object: 'organization', type: 'director', role: 'role' },
  Family: { subject: 'person', object: 'relative', type: 'family', role: 'relationship' },
  Associate: { subject: 'person', object: 'associate', type: 'associate', role: 'relationship' },
  UnknownLink: { subject: 'subject', object: 'object', type: 'other', role: 'role' },
  Employment: { subject: 'employee', object: 'employer', type: 'other', role: 'role' },
  Membership: { subject: 'member', object: 'organization', type: 'member', role: 'role' },
  Representation: { subject: 'agent', object: 'client', type: 'actingFor', role: 'role' },
  Succession: { subject: 'successor', object: 'predecessor', type: 'successor', role: 'role' },
};

interface FtmLine {
  id: string;
  schema: string;
  caption?: string;
  properties: Record<string, string[]>;
  line: number;
}

/** What pass one keeps for one party: everything other entities say about it. */
interface Pending {
  relations: Relation[];
  programs: string[];
  listingDates: string[];
  identifiers: Identifier[];
  wallets: Wallet[];
}

interface Links {
  parties: Set<string>;
  addresses: Map<string, string[]>;
  pending: Map<string, Pending>;
  /** CryptoWallet id → its holders. */
  walletHolders: Map<string, string[]>;
}

/** OpenSanctions / FollowTheMoney entities (entities.ftm.json). */
export const openSanctionsParser: ListParser = {
  source: 'opensanctions',
  description: 'OpenSanctions FollowTheMoney entities, JSON lines (entities.ftm.json)',
  async *parse(files: ListFile[], ctx: ParseContext) {
    if (files.length !== 1) throw CoreErrors.LIST_FILES(`the OpenSanctions source takes exactly one file (entities.ftm.json), got ${files.length}`);
    const file = files[0]!;
    const links = await firstPass(file, ctx);
    const standalone = new Set([...links.walletHolders].filter(([, holders]) => !holders.some((h) => links.parties.has(h))).map(([id]) => id));
    const claimed = new Set<string>();
    let count = 0;
    for await (const item of readFtm(file)) {
      const schema = PARTY_SCHEMAS[item.schema];
      let entity: Entity | undefined;
      if (schema) entity = party(item, schema, links, file.name, ctx);
      else if (item.schema === 'CryptoWallet' && standalone.has(item.id)) entity = walletEntity(item, file.name, ctx);
      if (!entity) continue;
      attach(entity, item, links, standalone, file.name, ctx);
      claimed.add(item.id);
      count++;
      yield entity;
    }
    if (count === 0) throw CoreErrors.LIST_EMPTY('the file holds no Person, Organization, Company, LegalEntity, Vessel, Airplane or CryptoWallet entity', { file: file.name });
    // Links whose party is not kept from this file are lost: say so. Wallets are not lost
    // (a wallet without a kept holder became an entity of its own), nor are links about an
    // attached wallet (its holder carries the sanction).
    for (const [id, p] of links.pending) {
      if (claimed.has(id) || links.walletHolders.has(id)) continue;
      const lost = p.relations.length + p.programs.length + p.listingDates.length + p.identifiers.length;
      if (lost > 0) ctx.warn({ code: 'unknown-reference', message: `${lost} sanction, relation or identifier link(s) point at ${id}, which is not an entity Sekisho keeps from this file; left out`, file: file.name });
    }
  },
};

/** Reads and checks every line, keeping the links. Throws on the first bad line, before anything is yielded. */
async function firstPass(file: ListFile, ctx: ParseContext): Promise<Links> {
  const links: Links = { parties: new Set(), addresses: new Map(), pending: new Map(), walletHolders: new Map() };
  const skipped = new Map<string, number>();
  const pendingFor = (id: string): Pending => {
    let p = links.pending.get(id);
    if (!p) links.pending.set(id, (p = { relations: [], programs: [], listingDates: [], identifiers: [], wallets: [] }));
    return p;
  };
  for await (const item of readFtm(file)) {
    const p = item.properties;
    if (PARTY_SCHEMAS[item.schema]) {
      links.parties.add(item.id);
      continue;
    }
    const spec = LINKS[item.schema];
    if (spec) {
      const label = clean(p[spec.role]?.[0]) || item.schema;
      const type = item.schema === 'Directorship' && /leader|official/i.test(label) ? 'leader' : spec.type;
      const share = item.schema === 'Ownership' ? percentage(p.percentage?.[0]) : undefined;
      for (const subject of p[spec.subject] ?? []) {
        for (const object of p[spec.object] ?? []) {
          const relation: Relation = { type, target: object, label };
          if (share !== undefined) relation.share = share;
          pendingFor(subject).relations.push(relation);
        }
      }
      continue;
    }
    switch (item.schema) {
      case 'Sanction': {
        // The program is best named by its id (EU-UKR, AU-RUSSIA), else by its title, else by
        // the authority that imposed it; the listing date, else the date the sanction started.
        const programs = pick(p.programId, p.program, p.authority);
        const dates = pick(p.listingDate, p.startDate);
        for (const subject of p.entity ?? []) {
          const pending = pendingFor(subject);
          pending.programs.push(...programs);
          pending.listingDates.push(...dates);
        }
        break;
      }
      case 'Address': {
        const full = p.full?.length ? p.full : [[p.street, p.city, p.postalCode, p.region, p.country].map((list) => clean(list?.[0])).filter((v) => v !== '').join(', ')];
        links.addresses.set(item.id, full.map(clean).filter((a) => a !== ''));
        break;
      }
      case 'Identification':
      case 'Passport': {
        const countryText = p.country?.[0];
        const country = countryText ? countryCode(countryText) : undefined;
        const label = clean(p.type?.[0]) || item.schema;
        const numbers = pick(p.number, p.passportNumber);
        const type: IdentifierType = item.schema === 'Passport' ? 'passport' : identifierType(label, numbers[0] ?? '', country);
        for (const number of numbers) {
          const id = makeIdentifier(label, number, { type, country, issued: date(p.startDate?.[0]), expires: date(p.endDate?.[0]), note: p.summary?.[0] });
          for (const holder of p.holder ?? []) addIdentifier(pendingFor(holder).identifiers, id);
        }
        break;
      }
      case 'CryptoWallet': {
        const holders = p.holder ?? [];
        links.walletHolders.set(item.id, holders);
        for (const wallet of walletsOf(item)) for (const holder of holders) pendingFor(holder).wallets.push(wallet);
        break;
      }
      default:
        skipped.set(item.schema, (skipped.get(item.schema) ?? 0) + 1);
    }
  }
  for (const [schema, n] of skipped) {
    ctx.warn({ code: 'unknown-schema', message: `${n} ${schema} entit${n === 1 ? 'y is' : 'ies are'} not a kind Sekisho screens; left out`, file: file.name });
  }
  return links;
}

/** The entities of a file, one per non-empty line, checked to be FtM entities. */
async function* readFtm(file: ListFile): AsyncGenerator<FtmLine> {
  let seen = 0;
  for await (const { text, line, terminated } of streamLines(file)) {
    if (text.trim() === '') continue;
    const firstLine = seen === 0;
    seen++;
    const where = { file: file.name, position: `line ${line}` };
    if (firstLine && !text.trimStart().startsWith('{')) throw CoreErrors.LIST_FORMAT(`not ${FORMAT}: the first line is not a JSON object`, where);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (!terminated) throw CoreErrors.LIST_TRUNCATED(`the last line is cut off: ${(error as Error).message}`, where, { cause: error });
      if (firstLine) throw CoreErrors.LIST_FORMAT(`not ${FORMAT}: the first line is not a whole JSON object (a pretty-printed file?)`, where, { cause: error });
      throw CoreErrors.LIST_PARSE(`broken JSON: ${(error as Error).message}`, where, { cause: error });
    }
    const entity = asFtm(value, line);
    if (!entity) {
      // The first line decides whether this is an FtM file at all; later, a line that is JSON
      // but no entity means the file is damaged, and a partial list is never loaded.
      if (firstLine) throw CoreErrors.LIST_FORMAT(`not ${FORMAT}: the first line has no id, schema and properties`, where);
      throw CoreErrors.LIST_PARSE('the line is JSON but not a FollowTheMoney entity (id, schema and properties of string lists)', where);
    }
    yield entity;
  }
  if (seen === 0) throw CoreErrors.LIST_EMPTY('the file is empty', { file: file.name });
}

function asFtm(value: unknown, line: number): FtmLine | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '' || typeof v.schema !== 'string' || v.schema === '') return undefined;
  const raw = v.properties ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const properties: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(raw)) {
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return undefined;
    properties[key] = list as string[];
  }
  const out: FtmLine = { id: v.id, schema: v.schema, properties, line };
  if (typeof v.caption === 'string') out.caption = v.caption;
  return out;
}

function party(item: FtmLine, schema: Schema, links: Links, file: string, ctx: ParseContext): Entity {
  const entity = newEntity(PREFIX + item.id, schema);
  const p = item.properties;
  addNames(entity, item);
  for (const [from, to] of PLAIN) addProperty(entity, to, ...(p[from] ?? []));
  for (const [from, to] of COUNTRIES) for (const c of p[from] ?? []) addCountry(entity, to, c, item, file, ctx);
  for (const text of p.birthDate ?? []) {
    const d = date(text);
    if (d) addDate(entity.birthDates, { date: d });
    else warn(ctx, 'bad-date', `birthDate "${text}" is not a date Sekisho can read; left out`, item, file);
  }
  for (const [from, type] of IDENTIFIERS) {
    const t: IdentifierType = from === 'registrationNumber' && schema === 'Vessel' ? 'vesselRegistration' : from === 'registrationNumber' && schema === 'Aircraft' ? 'aircraftTail' : type;
    for (const value of p[from] ?? []) addIdentifier(entity.identifiers, makeIdentifier(from, value, { type: t }));
  }
  for (const ref of p.addressEntity ?? []) {
    const full = links.addresses.get(ref);
    if (full) addProperty(entity, 'address', ...full);
    else warn(ctx, 'unknown-reference', `addressEntity ${ref} is not an Address in this file`, item, file);
  }
  return entity;
}

/**
 * Names: every `name` is primary, and so on by NAME_KINDS. Name parts attach only where they
 * are unambiguous: a part property with exactly one value is attached to each primary name
 * that contains it (OpenSanctions merges sources, so a Person may carry several first names
 * in several scripts; pairing those with names would be a guess).
 */
function addNames(entity: Entity, item: FtmLine): void {
  const p = item.properties;
  const single: NameParts = {};
  for (const part of PART_PROPERTIES) if (p[part]?.length === 1) single[part] = clean(p[part]![0]);
  const partValues = Object.entries(single).filter(([, v]) => v);
  for (const [property, kind] of NAME_KINDS) {
    for (const full of p[property] ?? []) {
      let parts: NameParts | undefined;
      if (kind === 'primary' && partValues.length > 0) {
        // Whole words only: "Ivan" is a part of "Ivan Petrov", not of "Ivanov Petr".
        const words = ` ${clean(full).toLowerCase().replace(/[\s,.-]+/g, ' ')} `;
        const fits = Object.fromEntries(partValues.filter(([, v]) => words.includes(` ${v!.toLowerCase().replace(/[\s,.-]+/g, ' ')} `)));
        if (Object.keys(fits).length > 0) parts = fits as NameParts;
      }
      addName(entity, { full, kind, parts });
    }
  }
  if (entity.names.length === 0 && item.caption && PARTY_SCHEMAS[item.schema]) addName(entity, { full: item.caption, kind: 'primary' });
}

/** A CryptoWallet whose holder is not in the file stays an entity of its own. */
function walletEntity(item: FtmLine, file: string, ctx: ParseContext): Entity | undefined {
  const entity = newEntity(PREFIX + item.id, 'CryptoWallet');
  addNames(entity, item);
  entity.wallets.push(...walletsOf(item));
  addProperty(entity, 'notes', ...(item.properties.notes ?? []), ...(item.properties.summary ?? []));
  addProperty(entity, 'topics', ...(item.properties.topics ?? []));
  addProperty(entity, 'sourceUrl', ...(item.properties.sourceUrl ?? []));
  if (entity.wallets.length === 0) {
    warn(ctx, 'missing-value', 'CryptoWallet has no publicKey; left out', item, file);
    return undefined;
  }
  return entity;
}

/**
 * A wallet's publicKey and currency exactly as published. When the currency is missing the
 * ticker is guessed from the address shape (walletsInText), and left empty when no shape fits.
 */
function walletsOf(item: FtmLine): Wallet[] {
  const currency = clean(item.properties.currency?.[0] ?? item.properties.currencySymbol?.[0]);
  return (item.properties.publicKey ?? [])
    .map((key) => key.trim())
    .filter((key) => key !== '')
    .map((address) => ({ currency: currency || (walletsInText(address)[0]?.currency ?? ''), address }));
}

/** Adds what link entities said about this entity. Relations to entities not kept from the file are dropped with a warning. */
function attach(entity: Entity, item: FtmLine, links: Links, standalone: Set<string>, file: string, ctx: ParseContext): void {
  const pending = links.pending.get(item.id);
  if (!pending) return;
  for (const relation of pending.relations) {
    if (!links.parties.has(relation.target) && !standalone.has(relation.target)) {
      warn(ctx, 'unknown-reference', `${relation.label} → ${relation.target}: the other end is not an entity Sekisho keeps from this file; relation left out`, item, file);
      continue;
    }
    const target = PREFIX + relation.target;
    if (!entity.relations.some((r) => r.type === relation.type && r.target === target && r.label === relation.label && r.share === relation.share)) entity.relations.push({ ...relation, target });
  }
  addProperty(entity, 'program', ...pending.programs);
  for (const d of pending.listingDates) {
    const iso = date(d);
    if (iso) addProperty(entity, 'listingDate', iso);
  }
  for (const id of pending.identifiers) addIdentifier(entity.identifiers, id);
  for (const w of pending.wallets) if (!entity.wallets.some((x) => x.currency === w.currency && x.address === w.address)) entity.wallets.push(w);
}

function addCountry(entity: Entity, property: PropertyName, text: string, item: FtmLine, file: string, ctx: ParseContext): void {
  const code = countryCode(text);
  if (code) addProperty(entity, property, code);
  else {
    addProperty(entity, property, text);
    warn(ctx, 'unknown-country', `${property} "${text}" has no ISO code in Sekisho's table; kept as text`, item, file);
  }
}

/** The first non-empty list among the candidates. */
function pick(...lists: (string[] | undefined)[]): string[] {
  for (const list of lists) {
    const values = (list ?? []).map(clean).filter((v) => v !== '');
    if (values.length > 0) return values;
  }
  return [];
}

function percentage(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const n = Number.parseFloat(text.replace(',', '.'));
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
}

/** FtM dates are ISO 8601 prefixes ("2023", "2023-02", "2023-02-24", "2023-02-24T10:00:00"). */
function date(text: string | undefined): string | undefined {
  return text ? parseDateText(text) : undefined;
}

function warn(ctx: ParseContext, code: string, message: string, item: FtmLine, file: string): void {
  ctx.warn({ code, message, file, position: `line ${item.line}`, entityId: PREFIX + item.id });
}
