/**
 * @module model/entity
 * The entity model every list parser produces and every later stage (screening, wallets,
 * monitoring, reports) consumes. Schema and property names follow FollowTheMoney
 * (https://followthemoney.tech/explorer/) so OpenSanctions data and yente users feel at home;
 * structure that FtM flattens into strings (name kind and script, name parts, partial dates
 * and ranges, identifier types, wallet tickers, relation shares) is kept as typed values,
 * because screening and audit need it. `toFtm()` flattens an entity back to FtM properties.
 */

/** FtM schemata Sekisho keeps. LegalEntity is FtM's parent of Organization and Company: used when a source does not say which. */
export const SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Aircraft', 'CryptoWallet'] as const;
export type Schema = (typeof SCHEMAS)[number];

/** Source names are part of the CLI interface (`sekisho lists load <source>`): keep them stable. */
export const SOURCE_NAMES = [
  'ofac-advanced',
  'ofac-csv',
  'ofac-xml',
  'un',
  'eu',
  'uk',
  'jp-mof',
  'opensanctions',
  'custom',
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/**
 * How a source presents a name. FtM maps these to properties: primary → name, aka → alias,
 * fka → previousName, weak → weakAlias ("low quality a.k.a." in OFAC, "weak alias" in UN/UK).
 */
export type NameKind = 'primary' | 'aka' | 'fka' | 'weak';

/** Name parts in FtM property names; `fatherName` is FtM's patronymic slot. */
export interface NameParts {
  firstName?: string;
  middleName?: string;
  lastName?: string;
  fatherName?: string;
  /** Second family name (Spanish, Portuguese), or a part a source labels otherwise (OFAC "Maiden Name"). */
  secondName?: string;
  title?: string;
}

export interface EntityName {
  /** The whole name exactly as the source wrote it (whitespace collapsed). */
  full: string;
  kind: NameKind;
  /** ISO 15924 script code derived from the characters ('Latn', 'Cyrl', 'Arab', 'Hani', 'Jpan', ...). */
  script: string;
  /** BCP-47 language code when the source states it (EU nameAlias@nameLanguage, MOF Japanese column → 'ja'). */
  lang?: string;
  parts?: NameParts;
  /** A reading given beside a name, e.g. katakana for a kanji name (furigana). */
  reading?: string;
}

/**
 * A partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A range uses `from`/`to` (each partial),
 * as OFAC publishes "1960 to 1962"; `circa` marks OFAC's "circa" and UN's "APPROXIMATELY".
 */
export interface PartialDate {
  date?: string;
  from?: string;
  to?: string;
  circa?: boolean;
}

/** Identifier kinds Sekisho tells apart; `label` keeps the source's own wording. */
export const IDENTIFIER_TYPES = [
  'passport',
  'nationalId',
  'taxNumber',
  'inn',
  'ogrn',
  'kpp',
  'okpo',
  'registrationNumber',
  'imo',
  'mmsi',
  'swiftBic',
  'lei',
  'vesselRegistration',
  'aircraftSerial',
  'aircraftTail',
  'drivingLicense',
  'socialSecurity',
  'email',
  'phone',
  'website',
  'other',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export interface Identifier {
  type: IdentifierType;
  value: string;
  /** ISO 3166-1 alpha-2 where the source names the issuing country. */
  country?: string;
  /** The source's own label ("Passport", "Tax ID No.", "Registration Number"). */
  label: string;
  issued?: string;
  expires?: string;
  note?: string;
}

export interface Wallet {
  /** The ticker exactly as published (OFAC writes Bitcoin as XBT). */
  currency: string;
  /** The address exactly as published: never case-folded here; canonical forms belong to the address codecs. */
  address: string;
}

export const RELATION_TYPES = [
  'ownedOrControlledBy',
  /** The reverse direction: this entity owns, controls or operates the target (OFAC "Owns, controls, or operates"). */
  'owns',
  'actingFor',
  'supports',
  'associate',
  'family',
  'director',
  'leader',
  'member',
  'successor',
  'predecessor',
  'other',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface Relation {
  type: RelationType;
  /** Source-qualified id of the other entity (`ofac:36216`). The relation reads: this entity —type→ target. */
  target: string;
  /** Ownership share in percent, where the source gives it. */
  share?: number;
  /** The source's own wording ("Owned or Controlled By", "Associate Of"). */
  label: string;
}

/** Plain FtM-named properties kept as string lists. */
export const PROPERTY_NAMES = [
  'gender',
  'nationality',
  'citizenship',
  'country',
  'jurisdiction',
  'address',
  'birthPlace',
  'position',
  'title',
  'program',
  /** Sanctions measures beyond the program (OFAC "Block", "Executive Order 14024 Directive 2"); FtM Sanction.provisions. */
  'provisions',
  /** The publisher's list the entry sits on ("SDN List", "Consolidated List"); a Sekisho extension. */
  'sanctionsList',
  'listingDate',
  /** The publisher's own reference for the entry (EU reference number, OFSI group id); FtM Sanction.authorityId. */
  'authorityId',
  /** The UN Security Council reference number an entry carries (QDi.123), linking it across lists; FtM Sanction.unscId. */
  'unscId',
  'modifiedAt',
  'notes',
  'sourceUrl',
  'topics',
  'flag',
  'buildDate',
  'model',
  'type',
  'tonnage',
  'deathDate',
  'incorporationDate',
  'legalForm',
  'sector',
  'email',
  'phone',
  'website',
] as const;
export type PropertyName = (typeof PROPERTY_NAMES)[number];
export type Properties = Partial<Record<PropertyName, string[]>>;

export interface Entity {
  /** Source-qualified, stable across versions of the same list: `ofac:36216`, `un:QDi.123`. */
  id: string;
  schema: Schema;
  names: EntityName[];
  birthDates: PartialDate[];
  properties: Properties;
  identifiers: Identifier[];
  wallets: Wallet[];
  relations: Relation[];
}

/** A fresh entity with empty collections, for parsers to fill. */
export function newEntity(id: string, schema: Schema): Entity {
  return { id, schema, names: [], birthDates: [], properties: {}, identifiers: [], wallets: [], relations: [] };
}

/** Appends values to a property, skipping empty strings and exact duplicates. */
export function addProperty(entity: Entity, name: PropertyName, ...values: (string | undefined | null)[]): void {
  for (const raw of values) {
    if (raw == null) continue;
    const value = raw.replace(/\s+/g, ' ').trim();
    if (value === '') continue;
    const list = (entity.properties[name] ??= []);
    if (!list.includes(value)) list.push(value);
  }
}

/** The entity's display caption: its first primary name, else its first name, else its id. */
export function caption(entity: Entity): string {
  return entity.names.find((n) => n.kind === 'primary')?.full ?? entity.names[0]?.full ?? entity.id;
}
