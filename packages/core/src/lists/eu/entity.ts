/**
 * @module lists/eu/entity
 * Maps one `<sanctionEntity>` of the EU Financial Sanctions Files (FSF) XML to a Sekisho entity.
 * FSF keeps every value in attributes of small child elements (nameAlias, citizenship,
 * birthdate, identification, address, regulation), each with its own logicalId; element and
 * attribute names as in the published file (namespace http://eu.europa.ec/fpi/fsd/export,
 * "xmlFullSanctionsList_1_1") and the columns of its CSV twin (Entity_*, NameAlias_*,
 * BirthDate_*, Identification_*, Address_*, Citizenship_*). See docs/sources/eu.md.
 */
import { CoreErrors } from '../../errors.ts';
import { addProperty, newEntity, type Entity, type IdentifierType, type NameKind, type NameParts, type PartialDate, type Schema, type Wallet } from '../../model/entity.ts';
import { countryCode } from '../../model/countries.ts';
import { addDate, isoDate, parseDateText } from '../../model/dates.ts';
import { addIdentifier, identifierType, makeIdentifier } from '../../model/identifiers.ts';
import { addName, joinParts } from '../../model/names.ts';
import { clean } from '../../model/text.ts';
import { children, type XmlNode } from '../shared/xml.ts';
import { walletsInText } from '../shared/wallets-in-text.ts';
import type { ParseContext } from '../types.ts';

/** What the mapper needs to know about where it is, for warnings and errors. */
export interface EntityContext {
  ctx: ParseContext;
  file: string;
}

/**
 * subjectType: the file writes both a word (`code`) and a letter (`classificationCode`):
 * person/P and enterprise/E are the two the list uses (OpenSanctions eu_fsf.yml lookup
 * `subject_type`: person → Person, enterprise → Organization).
 */
const SUBJECT_SCHEMAS: Record<string, Schema> = { person: 'Person', p: 'Person', enterprise: 'Organization', e: 'Organization' };

/**
 * identificationTypeCode values seen in the published list (OpenSanctions eu_fsf.yml lookup
 * `identification_type`) and the label we classify them by. The type is then refined by
 * country and value shape (a Russian fiscal code of 10/12 digits is an INN, a Russian
 * registration number of 13/15 digits an OGRN: model/identifiers).
 */
const ID_CODES: Record<string, string> = {
  passport: 'Passport',
  id: 'National identity card',
  fiscalcode: 'Tax number',
  regnumber: 'Registration number',
  swiftbic: 'SWIFT/BIC',
  imo: 'IMO number',
  ssn: 'Social security number',
  drivinglicence: 'Driving licence',
  nrn: 'National identification number',
  other: '',
  tradelic: 'Trade licence',
  birthcert: 'Birth certificate',
  nationcert: 'Nationality certificate',
  travelcardid: 'Travel card',
  electionid: 'Electoral card',
  residentperm: 'Residence permit',
};

/** Labels that mark an identification or remark as a digital-currency address. */
const WALLET_HINT = /wallet|digital[\s-]+currency|crypto|virtual[\s-]+(?:asset|currency)|bitcoin|ethereum|tether|\b(?:XBT|BTC|ETH|USDT|USDC|TRX|LTC|XMR)\b/i;
const TICKER_WORD = /\b(XBT|BTC|ETH|USDT|USDC|TRX|LTC|XMR|ZEC|DASH|BCH|BSV|ETC|XRP|SOL|BSC|ARB|XVG|BTG)\b/i;

/** Language-variant names come first in some entries (a Swedish spelling before the English one). */
const NEUTRAL_LANGS = new Set(['', 'en']);

const attr = (node: XmlNode, name: string): string => clean(node.attrs[name]);
const isTrue = (value: string | undefined): boolean => clean(value).toLowerCase() === 'true';

/** Maps one sanctionEntity. Throws SEK_LIST_PARSE when it has no logicalId (no stable id). */
export function mapSanctionEntity(node: XmlNode, ec: EntityContext): Entity {
  const logicalId = attr(node, 'logicalId');
  if (!logicalId) throw CoreErrors.LIST_PARSE('a sanctionEntity has no logicalId, so it cannot be given a stable id', { file: ec.file, position: `line ${node.line}` });
  const id = `eu:${logicalId}`;
  const warn = (code: string, message: string, at: XmlNode) => ec.ctx.warn({ code, message, file: ec.file, position: `line ${at.line}`, entityId: id });

  const entity = newEntity(id, subjectSchema(node, warn));
  const notes: string[] = [];

  // List references are not identity documents: properties, so screening never compares a
  // customer's document number with them; unscId links the entry to the UN list.
  addProperty(entity, 'authorityId', attr(node, 'euReferenceNumber'));
  addProperty(entity, 'unscId', attr(node, 'unitedNationId'));
  notes.push(attr(node, 'designationDetails'));
  for (const remark of children(node, 'remark')) notes.push(remark.text);

  mapRegulations(node, entity, warn);
  mapNames(node, entity);
  for (const c of children(node, 'citizenship')) {
    const country = resolveCountry(c, warn);
    if (country) addProperty(entity, 'nationality', country);
  }
  for (const b of children(node, 'birthdate')) mapBirthdate(b, entity, warn);
  for (const i of children(node, 'identification')) mapIdentification(i, entity, notes, warn);
  for (const a of children(node, 'address')) mapAddress(a, entity, notes, warn);

  addProperty(entity, 'notes', ...notes);
  // Wallets written into free text (OJ "Other information" lines end up in remarks).
  for (const note of notes) if (WALLET_HINT.test(note)) addWallets(entity.wallets, walletsInText(note));
  if (entity.names.length === 0) warn('no-name', 'the entry has no name', node);
  return entity;
}

type Warn = (code: string, message: string, at: XmlNode) => void;

function subjectSchema(node: XmlNode, warn: Warn): Schema {
  const subject = children(node, 'subjectType')[0];
  const key = subject ? (attr(subject, 'classificationCode') || attr(subject, 'code')).toLowerCase() : '';
  const schema = SUBJECT_SCHEMAS[key] ?? (subject ? SUBJECT_SCHEMAS[attr(subject, 'code').toLowerCase()] : undefined);
  if (schema) return schema;
  warn('unknown-reference', `subject type "${key}" is not person or enterprise; kept as LegalEntity`, subject ?? node);
  return 'LegalEntity';
}

/**
 * regulation: one per legal act that listed or amended the entry. The programme code is the
 * sanctions regime (UKR, RUS, IRQ, TAQA ...). The listing date is the entry's designationDate
 * where the file has one; otherwise the earliest publication date, since later acts are
 * amendments of the original listing (OpenSanctions zavod/shed/fsf.py takes the same view).
 */
function mapRegulations(node: XmlNode, entity: Entity, warn: Warn): void {
  const published: string[] = [];
  const amended: string[] = [];
  for (const reg of children(node, 'regulation')) {
    addProperty(entity, 'program', attr(reg, 'programme'));
    for (const url of children(reg, 'publicationUrl')) addProperty(entity, 'sourceUrl', url.text);
    addProperty(entity, 'sourceUrl', attr(reg, 'publicationUrl'));
    const raw = attr(reg, 'publicationDate') || attr(reg, 'entryIntoForceDate');
    if (!raw) continue;
    const date = parseDateText(raw);
    if (!date) {
      warn('bad-date', `regulation publication date "${raw}" is not a date`, reg);
      continue;
    }
    published.push(date);
    if (attr(reg, 'regulationType').toLowerCase() === 'amendment') amended.push(date);
  }
  const designated = attr(node, 'designationDate');
  const designation = designated ? parseDateText(designated) : undefined;
  if (designated && !designation) warn('bad-date', `designation date "${designated}" is not a date`, node);
  const listing = designation ?? published.sort()[0];
  addProperty(entity, 'listingDate', listing);
  const latest = amended.sort().at(-1);
  if (latest && latest !== listing) addProperty(entity, 'modifiedAt', latest);
}

/**
 * nameAlias: strong="false" marks a weak alias (the EU's low-quality a.k.a.); a remark saying
 * "low quality" does too (OpenSanctions fsf.py). The primary name is the first strong name
 * without a language or in English, else the first strong name; every other strong name is
 * an a.k.a. nameLanguage (ISO 639-1, upper case in the file) becomes the name's lang.
 */
function mapNames(node: XmlNode, entity: Entity): void {
  const aliases = children(node, 'nameAlias');
  const strong = (a: XmlNode) => a.attrs['strong'] === undefined || isTrue(a.attrs['strong']);
  const weakByRemark = (a: XmlNode) => children(a, 'remark').some((r) => /\blo?w quality\b/i.test(r.text));
  const isStrong = (a: XmlNode) => strong(a) && !weakByRemark(a);
  const primary = aliases.find((a) => isStrong(a) && NEUTRAL_LANGS.has(attr(a, 'nameLanguage').toLowerCase())) ?? aliases.find(isStrong);

  for (const a of aliases) {
    const parts: NameParts = { firstName: attr(a, 'firstName'), middleName: attr(a, 'middleName'), lastName: attr(a, 'lastName'), title: attr(a, 'title') };
    const full = attr(a, 'wholeName') || joinParts(parts.firstName, parts.middleName, parts.lastName);
    const kind: NameKind = a === primary ? 'primary' : isStrong(a) ? 'aka' : 'weak';
    const lang = attr(a, 'nameLanguage').toLowerCase();
    addName(entity, { full, kind, parts, ...(lang ? { lang } : {}) });

    addProperty(entity, 'title', parts.title);
    const fn = attr(a, 'function');
    addProperty(entity, entity.schema === 'Person' ? 'position' : 'notes', fn);
    const gender = attr(a, 'gender').toUpperCase();
    addProperty(entity, 'gender', gender === 'M' ? 'male' : gender === 'F' ? 'female' : undefined);
    for (const r of children(a, 'remark')) if (!/quality/i.test(r.text)) addProperty(entity, 'notes', r.text);
  }
}

/**
 * The ISO2 code of an element's countryIso2Code / countryDescription pair. "00"/"UNKNOWN" is
 * the file's placeholder for no country. A code that is not two letters falls back to the
 * description; a description we cannot resolve is kept as text with a warning.
 */
function resolveCountry(node: XmlNode, warn: Warn): string | undefined {
  const code = attr(node, 'countryIso2Code').toUpperCase();
  if (/^[A-Z]{2}$/.test(code)) return code;
  const description = attr(node, 'countryDescription');
  if (!description || description.toUpperCase() === 'UNKNOWN') return undefined;
  const resolved = countryCode(description);
  if (resolved) return resolved;
  warn('unknown-country', `country "${description}" has no ISO code`, node);
  return description;
}

/**
 * birthdate: a full date (`birthdate`), or parts (`year`, `monthOfYear`, `dayOfMonth`; the CSV
 * calls them BirthDate_Year/Month/Day), or a span (`yearRangeFrom`/`yearRangeTo`, either may be
 * absent), each with `circa`. A date in a non-Gregorian calendar (calendarType="ISLAMIC"
 * with year="1343") is not read as a Gregorian year. City, place, region and country make
 * the place of birth.
 */
function mapBirthdate(node: XmlNode, entity: Entity, warn: Warn): void {
  const circa = isTrue(node.attrs['circa']);
  const calendar = attr(node, 'calendarType').toUpperCase();
  const full = attr(node, 'birthdate');
  const year = attr(node, 'year');
  const month = attr(node, 'monthOfYear') || attr(node, 'month');
  const day = attr(node, 'dayOfMonth') || attr(node, 'day');
  const from = attr(node, 'yearRangeFrom');
  const to = attr(node, 'yearRangeTo');

  let date: PartialDate | undefined;
  let bad = '';
  if (calendar && calendar !== 'GREGORIAN' && (full || year || from || to)) {
    bad = `a ${calendar.toLowerCase()}-calendar date (year ${year || full || `${from}-${to}`}) is not converted`;
  } else if (full) {
    const d = parseDateText(full);
    if (d) date = { date: d };
    else bad = `birth date "${full}" is not a date`;
  } else if (year) {
    const d = isoDate(Number(year), month ? Number(month) : undefined, day ? Number(day) : undefined);
    if (d) date = { date: d };
    else bad = `birth date year=${year} month=${month} day=${day} is not a date`;
  } else if (from || to) {
    const f = from ? isoDate(Number(from)) : undefined;
    const t = to ? isoDate(Number(to)) : undefined;
    if ((from && !f) || (to && !t)) bad = `birth year range ${from}-${to} is not a range of years`;
    else date = { ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
  } else if (month || day) {
    bad = `birth date without a year (month=${month} day=${day})`;
  }
  if (date) addDate(entity.birthDates, circa ? { ...date, circa } : date);
  if (bad) warn('bad-date', bad, node);

  const country = attr(node, 'countryDescription');
  const place = joinComma(attr(node, 'place'), attr(node, 'city'), attr(node, 'region'), country.toUpperCase() === 'UNKNOWN' ? '' : country);
  addProperty(entity, 'birthPlace', place);
}

/**
 * identification: `number` (and `latinNumber`, its Latin-script rendering), typed by
 * identificationTypeCode and labelled by identificationTypeDescription. The flags the EU
 * attaches (diplomatic, knownExpired, knownFalse, reportedLost, revokedByIssuer) and the
 * issuer go to the identifier's note: a known-false passport is still evidence of identity.
 * An identification that names a digital currency becomes a wallet.
 */
function mapIdentification(node: XmlNode, entity: Entity, notes: string[], warn: Warn): void {
  const code = attr(node, 'identificationTypeCode').toLowerCase();
  const description = attr(node, 'identificationTypeDescription');
  const remarks = children(node, 'remark').map((r) => clean(r.text)).filter(Boolean);
  const numbers = [attr(node, 'number'), attr(node, 'latinNumber')].filter((v, i, all) => v && all.indexOf(v) === i);
  if (numbers.length === 0) {
    notes.push(...remarks);
    return;
  }

  if (WALLET_HINT.test(`${code} ${description}`)) {
    for (const n of numbers) addWallets(entity.wallets, walletFromIdentification(n, `${description} ${remarks.join(' ')}`, warn, node));
    return;
  }

  if (code && !(code in ID_CODES)) warn('unknown-reference', `identification type "${code}" is not one the EU list is known to use; classified by its description`, node);
  const country = resolveCountry(node, warn);
  const label = description || ID_CODES[code] || code || 'Identification';
  const classifyBy = ID_CODES[code] || description || code;
  const issued = dateAttr(node, ['issuedDate', 'issueDate', 'validFrom'], warn);
  const expires = dateAttr(node, ['validTo'], warn);
  const flags = [
    isTrue(node.attrs['diplomatic']) ? 'diplomatic' : '',
    isTrue(node.attrs['knownExpired']) ? 'known expired' : '',
    isTrue(node.attrs['knownFalse']) ? 'known false' : '',
    isTrue(node.attrs['reportedLost']) ? 'reported lost' : '',
    isTrue(node.attrs['revokedByIssuer']) ? 'revoked by issuer' : '',
    attr(node, 'issuedBy') ? `issued by ${attr(node, 'issuedBy')}` : '',
    attr(node, 'nameOnDocument') ? `name on document: ${attr(node, 'nameOnDocument')}` : '',
    ...remarks,
  ].filter(Boolean);
  for (const value of numbers) {
    const type: IdentifierType = identifierType(classifyBy, value, typeof country === 'string' && country.length === 2 ? country : undefined);
    const extra = {
      type,
      ...(country && country.length === 2 ? { country } : {}),
      ...(issued ? { issued } : {}),
      ...(expires ? { expires } : {}),
      ...(flags.length ? { note: flags.join('; ') } : {}),
    };
    addIdentifier(entity.identifiers, makeIdentifier(label, value, extra));
  }
}

/**
 * The wallet an identification describes. A ticker named in the description wins (it is what
 * the EU published); otherwise the ticker is inferred from the address shape (shared
 * walletsInText); otherwise the currency is UNKNOWN and a warning says so. BTC is written XBT,
 * as OFAC and the shared text scanner write it, so one address is one wallet across lists.
 */
function walletFromIdentification(value: string, context: string, warn: Warn, node: XmlNode): Wallet[] {
  const named = context.match(TICKER_WORD)?.[1]?.toUpperCase();
  if (named) return [{ currency: named === 'BTC' ? 'XBT' : named, address: value }];
  const found = walletsInText(value).filter((w) => w.address === value);
  if (found.length > 0) return found;
  warn('unknown-currency', `digital-currency address ${value} names no currency the parser knows`, node);
  return [{ currency: 'UNKNOWN', address: value }];
}

function addWallets(list: Wallet[], wallets: Wallet[]): void {
  for (const w of wallets) if (!list.some((x) => x.currency === w.currency && x.address === w.address)) list.push(w);
}

function dateAttr(node: XmlNode, names: string[], warn: Warn): string | undefined {
  for (const name of names) {
    const raw = attr(node, name);
    if (!raw) continue;
    const d = parseDateText(raw);
    if (d) return d;
    warn('bad-date', `${name} "${raw}" is not a date`, node);
  }
  return undefined;
}

/**
 * address: street, PO box, zip code, city, place, region and country joined in that order,
 * one address string each (FtM `address`); the country code also goes to `country`.
 * contactInfo children carry phone/fax/email/web as key/value pairs (OpenSanctions eu_fsf.yml
 * lookup `contact_info`); a contactInfo attribute, where present, is kept in the notes.
 */
function mapAddress(node: XmlNode, entity: Entity, notes: string[], warn: Warn): void {
  const country = resolveCountry(node, warn);
  const description = attr(node, 'countryDescription');
  const poBox = attr(node, 'poBox');
  const text = joinComma(
    attr(node, 'street'),
    poBox ? `P.O. Box ${poBox.replace(/^p\.?\s*o\.?\s*box\s*/i, '')}` : '',
    attr(node, 'zipCode'),
    attr(node, 'city'),
    attr(node, 'place'),
    attr(node, 'region'),
    description.toUpperCase() === 'UNKNOWN' ? '' : description,
  );
  if (text && text !== '-') addProperty(entity, 'address', text);
  if (country) addProperty(entity, 'country', country);
  notes.push(attr(node, 'contactInfo'));
  for (const r of children(node, 'remark')) notes.push(r.text);
  for (const info of children(node, 'contactInfo')) {
    const key = attr(info, 'key').toUpperCase();
    const values = attr(info, 'value').split(/[,;]/).map((v) => v.trim()).filter(Boolean);
    if (key === 'PHONE' || key === 'FAX') addProperty(entity, 'phone', ...values);
    else if (key === 'EMAIL') addProperty(entity, 'email', ...values);
    else if (key === 'WEB') addProperty(entity, 'website', ...values);
    else if (values.length) warn('unknown-reference', `contact information of kind "${key}" is kept in the notes`, info);
    if (key !== 'PHONE' && key !== 'FAX' && key !== 'EMAIL' && key !== 'WEB') notes.push(...values);
  }
}

function joinComma(...parts: string[]): string {
  return parts.filter((p) => p !== '').join(', ');
}
