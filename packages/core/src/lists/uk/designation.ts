/**
 * @module lists/uk/designation
 * Maps one <Designation> of the UK Sanctions List XML to an Entity. The element layout is the
 * FCDO's (https://www.gov.uk/government/publications/the-uk-sanctions-list, format notes in
 * https://www.gov.uk/government/publications/uk-sanctions-list-change-in-format): scalars
 * (UniqueID, OFSIGroupID, UNReferenceNumber, RegimeName, IndividualEntityShip, DesignationSource,
 * SanctionsImposed, OtherInformation, UKStatementofReasons, LastUpdated, DateDesignated),
 * Names/Name (Name1..Name6, NameType, AliasStrength), NonLatinNames/NonLatinName, Titles,
 * Addresses, PhoneNumbers, EmailAddresses, Websites, and one of IndividualDetails, EntityDetails
 * or ShipDetails. References to other designations by name (parent company, subsidiaries,
 * ship owners) are returned for the parser to resolve across the whole file.
 */
import { addDate } from '../../model/dates.ts';
import { addProperty, newEntity, type Entity, type NameKind, type NameParts, type Schema } from '../../model/entity.ts';
import { addIdentifier, identifierType, makeIdentifier } from '../../model/identifiers.ts';
import { addName } from '../../model/names.ts';
import { clean } from '../../model/text.ts';
import { walletsInText } from '../shared/wallets-in-text.ts';
import { child, childText, children, type XmlNode } from '../shared/xml.ts';
import type { ParseContext } from '../types.ts';
import { countryInNote, languageCode, parseUkDate, parseUkDay, splitRegistrationNumbers, ukCountryCode } from './values.ts';

/** What a designation says about other designations, by name (the list has no id links). */
export interface NameReferences {
  /** EntityDetails/Entity/ParentCompanies/ParentCompany: this entity is owned by them. */
  parents: string[];
  /** EntityDetails/Entity/Subsidiaries/Subsidiary: they are owned by this entity. */
  subsidiaries: string[];
  /** ShipDetails/Ship/CurrentOwnerOperators/CurrentOwnerOperator. */
  owners: string[];
  /** ShipDetails/Ship/PreviousOwnerOperators/PreviousOwnerOperator. */
  previousOwners: string[];
}

export interface MappedDesignation {
  uniqueId: string;
  entity: Entity;
  refs: NameReferences;
}

/** IndividualEntityShip → FtM schema. */
const SCHEMA: Record<string, Schema> = { individual: 'Person', entity: 'Organization', ship: 'Vessel' };

/** Where a warning points. */
export interface Where {
  file: string;
}

/** The texts of all grandchildren `<leaf>` under `<list>` elements anywhere below `node` (e.g. DOBs/DOB). */
function listTexts(node: XmlNode | undefined, list: string, leaf: string): string[] {
  const out: string[] = [];
  for (const l of children(node, list)) for (const c of children(l, leaf)) if (clean(c.text)) out.push(clean(c.text));
  return out;
}

/** The designation's UniqueID, or '' (pass 1 and pass 2 share this). */
export function uniqueIdOf(node: XmlNode): string {
  return childText(node, 'UniqueID');
}

/** The name text of a <Name>: Name1..Name6 in given-family order. */
function nameFields(name: XmlNode): string[] {
  return [1, 2, 3, 4, 5, 6].map((i) => clean(childText(name, `Name${i}`)));
}

/** Every name text of a designation (Latin and non-Latin), for the cross-reference index. */
export function namesOf(node: XmlNode): string[] {
  const out: string[] = [];
  for (const name of children(child(node, 'Names'), 'Name')) {
    const full = nameFields(name).filter(Boolean).join(' ');
    if (full) out.push(full);
  }
  for (const nl of children(child(node, 'NonLatinNames'), 'NonLatinName')) {
    const full = clean(childText(nl, 'NameNonLatinScript'));
    if (full) out.push(full);
  }
  return out;
}

/** The schema a designation maps to ('' type is unknown). */
export function schemaOf(node: XmlNode): Schema | undefined {
  return SCHEMA[childText(node, 'IndividualEntityShip').toLowerCase()];
}

/** Name references, read without mapping the rest (pass 1 needs only these). */
export function referencesOf(node: XmlNode): NameReferences {
  const entity = child(child(node, 'EntityDetails'), 'Entity');
  const ship = child(child(node, 'ShipDetails'), 'Ship');
  return {
    parents: listTexts(entity, 'ParentCompanies', 'ParentCompany'),
    subsidiaries: listTexts(entity, 'Subsidiaries', 'Subsidiary'),
    owners: listTexts(ship, 'CurrentOwnerOperators', 'CurrentOwnerOperator'),
    previousOwners: listTexts(ship, 'PreviousOwnerOperators', 'PreviousOwnerOperator'),
  };
}

/**
 * NameType → NameKind. The guidance distinguishes "Primary name", "Primary name variation"
 * (spelling variations of the primary name) and "Alias" (substantively different names);
 * AliasStrength "Low quality a.k.a" marks a weak alias (the UN's low-quality a.k.a., which the
 * UK list carries for UN designations). The file's casing varies ("Primary Name", "ALias").
 */
function nameKind(nameType: string, strength: string): NameKind | undefined {
  const t = nameType.toLowerCase().replace(/\s+/g, ' ');
  const weak = /low/i.test(strength);
  if (t === 'primary name') return 'primary';
  if (t === 'primary name variation') return weak ? 'weak' : 'aka';
  if (t === 'alias') return weak ? 'weak' : 'aka';
  return undefined;
}

export function mapDesignation(node: XmlNode, ctx: ParseContext, where: Where): MappedDesignation {
  const uniqueId = uniqueIdOf(node);
  const id = `uk:${uniqueId}`;
  const warn = (code: string, message: string) => ctx.warn({ code, message, file: where.file, position: `line ${node.line}`, entityId: id });

  const typeText = childText(node, 'IndividualEntityShip');
  let schema = schemaOf(node);
  if (!schema) {
    // A new designation type must not drop the designation from screening: keep it as a LegalEntity.
    warn('unknown-reference', `IndividualEntityShip "${typeText}" is not Individual, Entity or Ship; kept as LegalEntity`);
    schema = 'LegalEntity';
  }
  const entity = newEntity(id, schema);
  const isPerson = schema === 'Person';

  // Names. Name6 is the family name (or the whole name of an entity or ship), Name1 the given
  // name, Name2..Name5 further given names or patronymics; a name in Name6 alone is a whole name.
  for (const name of children(child(node, 'Names'), 'Name')) {
    const fields = nameFields(name);
    const full = fields.filter(Boolean).join(' ');
    if (!full) continue;
    const nameType = childText(name, 'NameType');
    const strength = childText(name, 'AliasStrength');
    let kind = nameKind(nameType, strength);
    if (!kind) {
      warn('unknown-reference', `NameType "${nameType}" is not Primary name, Primary name variation or Alias; kept as an alias`);
      kind = /low/i.test(strength) ? 'weak' : 'aka';
    }
    let parts: NameParts | undefined;
    if (isPerson && fields.slice(0, 5).some(Boolean)) {
      parts = { firstName: fields[0], middleName: fields.slice(1, 5).filter(Boolean).join(' ') || undefined, lastName: fields[5] || undefined };
    }
    addName(entity, { full, kind, parts });
  }
  for (const nl of children(child(node, 'NonLatinNames'), 'NonLatinName')) {
    const full = childText(nl, 'NameNonLatinScript');
    if (!full) continue;
    const language = childText(nl, 'NonLatinScriptLanguage');
    const lang = language ? languageCode(language) : undefined;
    if (language && !lang) warn('unknown-language', `NonLatinScriptLanguage "${language}" is not a known language name`);
    addName(entity, { full, kind: 'aka', lang });
  }
  if (entity.names.length === 0) warn('no-name', `designation ${uniqueId} has no name`);

  // Designation facts.
  addProperty(entity, 'topics', 'sanction');
  addProperty(entity, 'program', childText(node, 'RegimeName'));
  const designated = childText(node, 'DateDesignated');
  if (designated) {
    const day = parseUkDay(designated);
    if (day) addProperty(entity, 'listingDate', day);
    else warn('bad-date', `DateDesignated "${designated}" is not a DD/MM/YYYY date`);
  }
  const updated = childText(node, 'LastUpdated');
  if (updated) {
    const day = parseUkDay(updated);
    if (day) addProperty(entity, 'modifiedAt', day);
    else warn('bad-date', `LastUpdated "${updated}" is not a DD/MM/YYYY date`);
  }
  // List references are not identity documents: properties, not identifiers, so screening never
  // matches a customer's document number against them (they link the UK entry to OFSI's and the UN's).
  addProperty(entity, 'authorityId', childText(node, 'OFSIGroupID'));
  addProperty(entity, 'unscId', childText(node, 'UNReferenceNumber'));
  const source = childText(node, 'DesignationSource');
  if (source) addProperty(entity, 'notes', `Designation source: ${source}`);
  const imposed = childText(node, 'SanctionsImposed');
  if (imposed) addProperty(entity, 'notes', `Sanctions imposed: ${imposed.split('|').map(clean).filter(Boolean).join('; ')}`);
  const other = childText(node, 'OtherInformation');
  addProperty(entity, 'notes', other);
  // The FCDO writes crypto addresses, when it lists any, into this free text.
  for (const wallet of walletsInText(other)) if (!entity.wallets.some((w) => w.address === wallet.address)) entity.wallets.push(wallet);
  const reasons = childText(node, 'UKStatementofReasons');
  if (reasons) addProperty(entity, 'notes', `UK statement of reasons: ${reasons}`);

  // Titles sit at designation level in the published file; an Individual may carry them too.
  const individual = child(child(node, 'IndividualDetails'), 'Individual');
  addProperty(entity, 'title', ...listTexts(node, 'Titles', 'Title'), ...listTexts(individual, 'Titles', 'Title'), childText(individual, 'Title'));

  // Contact details.
  for (const address of children(child(node, 'Addresses'), 'Address')) {
    const lines = [1, 2, 3, 4, 5, 6].map((i) => childText(address, `AddressLine${i}`));
    const postal = childText(address, 'AddressPostalCode');
    const countryText = childText(address, 'AddressCountry');
    addProperty(entity, 'address', [...lines, postal, countryText].map(clean).filter(Boolean).join(', '));
    addCountry(entity, 'country', countryText, warn);
  }
  addProperty(entity, 'phone', ...listTexts(node, 'PhoneNumbers', 'PhoneNumber'));
  for (const emails of listTexts(node, 'EmailAddresses', 'EmailAddress')) {
    // Several addresses are sometimes written into one element, separated by ";" or spaces.
    addProperty(entity, 'email', ...emails.split(/[;,\s]+/).filter((e) => e.includes('@')));
  }
  addProperty(entity, 'website', ...listTexts(node, 'Websites', 'Website'));

  if (individual) mapIndividual(entity, individual, warn);
  const organisation = child(child(node, 'EntityDetails'), 'Entity');
  if (organisation) mapOrganisation(entity, organisation);
  const ship = child(child(node, 'ShipDetails'), 'Ship');
  if (ship) mapShip(entity, ship, warn);

  return { uniqueId, entity, refs: referencesOf(node) };
}

type Warn = (code: string, message: string) => void;

function addCountry(entity: Entity, property: 'country' | 'nationality' | 'flag', text: string, warn: Warn): void {
  const t = clean(text);
  if (!t) return;
  const code = ukCountryCode(t);
  if (code) addProperty(entity, property, code);
  else {
    addProperty(entity, property, t);
    warn('unknown-country', `${property} "${t}" is not a known country; kept as written`);
  }
}

function mapIndividual(entity: Entity, individual: XmlNode, warn: Warn): void {
  for (const text of listTexts(individual, 'DOBs', 'DOB')) {
    const date = parseUkDate(text);
    if (date) addDate(entity.birthDates, date);
    else warn('bad-date', `DOB "${text}" is not a readable date`);
  }
  for (const nationality of listTexts(individual, 'Nationalities', 'Nationality')) addCountry(entity, 'nationality', nationality, warn);
  addProperty(entity, 'position', ...listTexts(individual, 'Positions', 'Position'));
  for (const gender of listTexts(individual, 'Genders', 'Gender')) addProperty(entity, 'gender', gender.toLowerCase());
  for (const location of children(child(individual, 'BirthDetails'), 'Location')) {
    addProperty(entity, 'birthPlace', [childText(location, 'TownOfBirth'), childText(location, 'CountryOfBirth')].filter(Boolean).join(', '));
  }
  for (const passport of children(child(individual, 'PassportDetails'), 'Passport')) {
    const note = childText(passport, 'PassportAdditionalInformation');
    const country = note ? countryInNote(note) : undefined;
    const number = childText(passport, 'PassportNumber');
    // A passport described without a number still says something: keep the description.
    if (!number && note) addProperty(entity, 'notes', `Passport: ${note}`);
    addIdentifier(entity.identifiers, makeIdentifier('Passport number', number, { type: 'passport', country, note: note || undefined }));
  }
  for (const nid of children(child(individual, 'NationalIdentifierDetails'), 'NationalIdentifier')) {
    const value = childText(nid, 'NationalIdentifierNumber');
    const note = childText(nid, 'NationalIdentifierAdditionalInformation');
    const country = note ? countryInNote(note) : undefined;
    // The note sometimes says what the number is ("INN", "Tax ID", "Social security number").
    const fromNote = note ? identifierType(note, value, country) : 'other';
    const type = ['inn', 'taxNumber', 'socialSecurity', 'drivingLicense'].includes(fromNote) ? fromNote : 'nationalId';
    if (!value && note) addProperty(entity, 'notes', `National identifier: ${note}`);
    addIdentifier(entity.identifiers, makeIdentifier('National identifier number', value, { type, country, note: note || undefined }));
  }
}

function mapOrganisation(entity: Entity, organisation: XmlNode): void {
  // TypeOfEntity mixes legal forms ("Limited Liability Company") and kinds ("Bank", "Terrorist organisation").
  addProperty(entity, 'legalForm', ...listTexts(organisation, 'TypeOfEntities', 'TypeOfEntity'));
  const country = entity.properties.country?.length === 1 ? entity.properties.country[0] : undefined;
  for (const text of listTexts(organisation, 'BusinessRegistrationNumbers', 'BusinessRegistrationNumber')) {
    for (const { label, value } of splitRegistrationNumbers(text)) {
      const l = label ?? 'Business registration number';
      // The address country refines the type only (a 13-digit Russian number is an OGRN);
      // it is not stated as the issuing country, so it is not recorded as one.
      const type = identifierType(l, value, country);
      addIdentifier(entity.identifiers, makeIdentifier(l, value, { type: type === 'other' ? 'registrationNumber' : type }));
    }
  }
}

function mapShip(entity: Entity, ship: XmlNode, warn: Warn): void {
  for (const imo of listTexts(ship, 'IMONumbers', 'IMONumber')) {
    addIdentifier(entity.identifiers, makeIdentifier('IMO number', imo, { type: 'imo' }));
  }
  for (const flag of listTexts(ship, 'CurrentBelievedFlagOfShips', 'CurrentBelievedFlagOfShip')) addCountry(entity, 'flag', flag, warn);
  for (const flag of listTexts(ship, 'PreviousFlags', 'PreviousFlag')) addProperty(entity, 'notes', `Previous flag: ${flag}`);
  addProperty(entity, 'type', ...listTexts(ship, 'TypeOfShipDetails', 'TypeOfShip'));
  addProperty(entity, 'tonnage', ...listTexts(ship, 'TonnageOfShipDetails', 'TonnageOfShip'));
  addProperty(entity, 'buildDate', ...listTexts(ship, 'YearsBuilt', 'YearBuilt'));
  for (const length of listTexts(ship, 'LengthOfShipDetails', 'LengthOfShip')) addProperty(entity, 'notes', `Length of ship: ${length}`);
}
