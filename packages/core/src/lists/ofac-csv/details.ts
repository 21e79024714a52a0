/**
 * @module lists/ofac-csv/details
 * OFAC's labelled details applied to an entity. OFAC keeps one set of labels (its "features"
 * and "ID document types"); the legacy delimited files write each detail into the Remarks
 * column as `<label> <value> (<country>) issued <date> expires <date>` (OFAC dat_spec.txt,
 * "Spillover files": "identifiers, features and linked to identifications ... are stored in the
 * remarks field"), and the legacy XML writes the same labels as `<idType>` in `<idList>`.
 * One table serves both formats, so an entity reads the same whichever file it came from.
 */
import type { Entity, IdentifierType, PropertyName } from '../../model/entity.ts';
import { addProperty } from '../../model/entity.ts';
import { addDate, parseDateText, parsePartialDate } from '../../model/dates.ts';
import { addIdentifier, makeIdentifier } from '../../model/identifiers.ts';
import { countryCode } from '../../model/countries.ts';
import { clean } from '../../model/text.ts';
import type { PartialDate } from '../../model/entity.ts';

/** Where details go: the entity, the "Linked To" names the parser resolves later, and warnings. */
export interface DetailSink {
  entity: Entity;
  /** Target names of "Linked To:" details; the parser resolves them against the file's primary names. */
  links: string[];
  warn(code: string, message: string): void;
}

/** The parts of an identifier the formats give beside label and value. `country` is the published text. */
export interface DetailExtra {
  country?: string;
  issued?: string;
  expires?: string;
}

type Handler = (sink: DetailSink, value: string, label: string) => void;

/**
 * ISO 3166-1 alpha-2 for a country as OFAC writes it, or undefined. OFAC's own spellings
 * ("Man, Isle of", "Region: Gaza", "Palestinian") are in the shared table (model/countries.ts).
 */
export function ofacCountry(text: string | undefined): string | undefined {
  const t = clean(text).replace(/\.$/, '');
  if (!t) return undefined;
  return countryCode(t) ?? countryCode(t.replace(/^region:\s*/i, ''));
}

/** Country values that say there is none. */
const NO_COUNTRY = /^(none identified|unknown|stateless)$/i;

/** A country property as ISO2; unresolvable text is kept as published and reported. */
export function addCountry(sink: DetailSink, property: PropertyName, text: string): void {
  const value = clean(text).replace(/\.$/, '');
  if (!value || NO_COUNTRY.test(value)) return;
  const code = ofacCountry(value);
  if (code) {
    addProperty(sink.entity, property, code);
    return;
  }
  sink.warn('unknown-country', `country "${value}" (${property}) is not a known country name; kept as text`);
  addProperty(sink.entity, property, value);
}

/** Reads an OFAC date expression ("circa 1961", "1960 to 1962", "circa 1972-1974"); warns when unreadable. */
export function readOfacDate(sink: DetailSink, text: string, what: string): PartialDate | undefined {
  const t = clean(text).replace(/\.$/, '').replace(/^(circa\s+)?(\d{4})-(\d{4})$/i, '$1$2 to $3');
  if (!t) return undefined;
  const date = parsePartialDate(t);
  if (!date) sink.warn('bad-date', `unreadable ${what} "${t}"`);
  return date;
}

function dateProperty(property: PropertyName, what: string): Handler {
  return (sink, value) => {
    const d = readOfacDate(sink, value, what);
    if (d) addProperty(sink.entity, property, d.date ?? d.from);
    else addProperty(sink.entity, 'notes', `${what} ${value}`);
  };
}

const prop = (property: PropertyName): Handler => (sink, value) => addProperty(sink.entity, property, value.replace(/\.$/, ''));

/**
 * Details that are not identifiers. Keys are lower case; the remarks matcher tries the longest
 * label first, so "Nationality of Registration" wins over "nationality".
 */
const FEATURES: Record<string, Handler> = {
  dob: (sink, value) => {
    const d = readOfacDate(sink, value, 'date of birth');
    if (d) addDate(sink.entity.birthDates, d);
  },
  pob: prop('birthPlace'),
  nationality: (sink, value) => addCountry(sink, 'nationality', value),
  citizen: (sink, value) => addCountry(sink, 'citizenship', value),
  // As in the advanced XML: where a legal person or vessel is registered is its jurisdiction.
  'nationality of registration': (sink, value) => addCountry(sink, 'jurisdiction', value),
  'registration country': (sink, value) => addCountry(sink, 'jurisdiction', value),
  gender: (sink, value) => addProperty(sink.entity, 'gender', value.replace(/\.$/, '').toLowerCase()),
  website: prop('website'),
  'email address': prop('email'),
  email: prop('email'),
  'phone number': prop('phone'),
  phone: prop('phone'),
  telephone: prop('phone'),
  'telephone no.': prop('phone'),
  'telephone number': prop('phone'),
  fax: prop('phone'),
  'fax no.': prop('phone'),
  'linked to': (sink, value) => {
    const v = clean(value);
    if (v) sink.links.push(v);
  },
  'organization established date': dateProperty('incorporationDate', 'Organization Established Date'),
  'organization type': prop('sector'),
  'vessel year of build': dateProperty('buildDate', 'Vessel Year of Build'),
  'aircraft manufacture date': dateProperty('buildDate', 'Aircraft Manufacture Date'),
  'aircraft model': prop('model'),
  'other vessel type': prop('type'),
  'other vessel flag': (sink, value) => addCountry(sink, 'flag', value),
  position: prop('position'),
  occupation: prop('position'),
};

/**
 * OFAC ID document labels seen in the published files, with the type where the generic
 * classifier (model/identifiers) would misread a Latin-American or OFAC abbreviation.
 */
const ID_LABELS: [string, IdentifierType?][] = [
  ['Passport'], ['Passport No.'], ['Diplomatic Passport'], ['Passport Booklet'], ['Stateless Person Passport'],
  ['Travel Document Number'], ['National ID No.'], ['National Foreign ID Number', 'nationalId'], ['Identification Number'],
  ['Personal ID Card'], ['Stateless Person ID Card'], ['Refugee ID Card'], ['Tazkira National ID Card'], ['Kenyan ID No.'],
  ["Citizen's Card Number"], ['Turkish Identification Number'], ['Numero de Identidad', 'nationalId'], ['Cedula No.'],
  ['C.U.R.P.'], ['C.U.R.P. #'], ['C.U.I.', 'nationalId'], ['C.U.I.P.', 'nationalId'], ['D.N.I.', 'nationalId'],
  ['I.F.E.', 'nationalId'], ['Credencial electoral', 'nationalId'], ['Electoral Registry No.', 'nationalId'],
  ['LE Number', 'nationalId'], ['SSN'], ['Birth Certificate Number'], ['Residency Number'], ['Military Registration Number'],
  ['Cartilla de Servicio Militar Nacional'], ["Driver's License No."], ['Immigration No.'], ['VisaNumberID'], ['SRE Permit No.'],
  ['Tax ID No.'], ['R.F.C.', 'taxNumber'], ['R.F.C. #', 'taxNumber'], ['RFC', 'taxNumber'], ['NIT #'], ['RUC #', 'taxNumber'],
  ['RIF #', 'taxNumber'], ['RTN', 'taxNumber'], ['C.U.I.T.', 'taxNumber'], ['C.I.F.', 'taxNumber'], ['US FEIN', 'taxNumber'],
  ['V.A.T. Number', 'taxNumber'], ['Italian Fiscal Code', 'taxNumber'], ['Paraguayan tax identification number'],
  ['Numero Unico de Identificacao Tributaria (NUIT)', 'taxNumber'],
  ['Registration Number'], ['Registration ID'], ['Business Registration Number'], ['Business Registration Document #'],
  ['Business Number'], ['Company Number'], ['UK Company Number'], ['Company ID', 'registrationNumber'],
  ['Commercial Registry Number'], ['Central Registration System Number'], ['Public Registration Number'],
  ['Certificate of Incorporation Number'], ['Economic Register Number (CBLS)'], ['Enterprise Number', 'registrationNumber'],
  ['Branch Unit Number', 'registrationNumber'], ['Folio Mercantil No.', 'registrationNumber'],
  ['Matricula Mercantil No', 'registrationNumber'], ['C.R. No.', 'registrationNumber'], ['Romanian C.R.', 'registrationNumber'],
  ['Chamber of Commerce Number', 'registrationNumber'], ['Istanbul Chamber of Comm. No.', 'registrationNumber'],
  ['Dubai Chamber of Commerce Membership No.'], ['Trade License No.', 'registrationNumber'], ['License'], ['Permit Number'],
  ['Registered Charity No.', 'registrationNumber'], ['Organization Code', 'registrationNumber'],
  ['Unified Social Credit Code (USCC)', 'registrationNumber'], ['United Social Credit Code Certificate (USCCC)', 'registrationNumber'],
  ['Government Gazette Number', 'registrationNumber'], ['Legal Entity Number'], ['D-U-N-S Number'], ['SWIFT/BIC'], ['BIK (RU)'],
  ['ISIN'], ['File Number'], ['Afghan Money Service Provider License Number'], ['Chinese Commercial Code', 'other'],
  ['Vessel Registration Identification'], ['MMSI'], ['Other Vessel Call Sign'],
  ["Aircraft Manufacturer's Serial Number (MSN)"], ['Aircraft Tail Number'], ['Previous Aircraft Tail Number'],
  ['Aircraft Construction Number (also called L/N or S/N or F/N)'], ['Aircraft Mode S Transponder Code'],
];
const ID_TYPES = new Map(ID_LABELS.map(([label, type]) => [label.toLowerCase(), type]));

/**
 * Labels that carry statements rather than identifiers (sanctions information, directives,
 * operators, former flags). In remarks anything unclassified becomes a note anyway; in the XML
 * idList these must not turn into identifiers.
 */
const NOTE_LABELS = /^(secondary sanctions risk|additional sanctions information|transactions prohibited|target type|former vessel flag|aircraft operator|caatsa|for more information|executive order|peesa|ifca|listing date|effective date|equity ticker|issuer name|tribe|subtribe|.*\binformation\b)/i;

const WALLET_LABEL = /^Digital\s+Currency\s+Address\s*-\s*([A-Za-z0-9]+)$/i;

/** Known labels, longest first, for finding where a remarks segment's label ends. */
const KNOWN_LABELS: string[] = [...Object.keys(FEATURES), ...ID_TYPES.keys()].sort((a, b) => b.length - a.length);

/**
 * Applies one labelled detail (an XML `<id>`, or a remarks segment already split into label and
 * value). Wallets keep ticker and address exactly as published (OFAC FAQ 563).
 */
export function applyOfacDetail(sink: DetailSink, label: string, value: string, extra: DetailExtra = {}): void {
  const l = clean(label).replace(/\s*:$/, '');
  const v = clean(value);
  if (!v) return;
  const wallet = l.match(WALLET_LABEL);
  if (wallet) {
    addWallet(sink, wallet[1]!, v);
    return;
  }
  const feature = FEATURES[l.toLowerCase()];
  if (feature) {
    feature(sink, v, l);
    return;
  }
  if (NOTE_LABELS.test(l)) {
    addProperty(sink.entity, 'notes', `${l} ${v}`);
    return;
  }
  addOfacIdentifier(sink, l, v, extra);
}

function addWallet(sink: DetailSink, currency: string, address: string): void {
  const a = address.replace(/[.;,]+$/, '');
  if (!/^[A-Za-z0-9:]+$/.test(a)) {
    sink.warn('bad-wallet', `digital currency address "${a}" (${currency}) is not a single token; kept as a note`);
    addProperty(sink.entity, 'notes', `Digital Currency Address - ${currency} ${a}`);
    return;
  }
  const wallets = sink.entity.wallets;
  if (!wallets.some((w) => w.currency === currency && w.address === a)) wallets.push({ currency, address: a });
}

function addOfacIdentifier(sink: DetailSink, label: string, value: string, extra: DetailExtra): void {
  let country: string | undefined;
  let note: string | undefined;
  if (extra.country) {
    country = ofacCountry(extra.country);
    if (!country) {
      sink.warn('unknown-country', `country "${extra.country}" of ${label} is not a known country name; kept as a note`);
      note = `country: ${extra.country}`;
    }
  }
  const notes = note ? [note] : [];
  const issued = extra.issued ? readIdDate(sink, extra.issued, `${label} issue date`, 'issued', notes) : undefined;
  const expires = extra.expires ? readIdDate(sink, extra.expires, `${label} expiry date`, 'expires', notes) : undefined;
  note = notes.length > 0 ? notes.join('; ') : undefined;
  let type = ID_TYPES.get(label.toLowerCase());
  // OFAC's "Government Gazette Number" of a Russian legal entity is its OKPO code (8 or 10 digits).
  if (label === 'Government Gazette Number' && country === 'RU') type = 'okpo';
  const id = makeIdentifier(label, value, { type, country, issued, expires, note });
  addIdentifier(sink.entity.identifiers, id);
}

/**
 * An identifier's issue or expiry date. OFAC sometimes writes a place or a range after "issued"
 * ("issued in Ulm, Germany", "issued 01 Jan 2008 to 31 Dec 2010"): that text is kept in the
 * identifier's note; only something that starts like a date and cannot be read is reported.
 */
function readIdDate(sink: DetailSink, text: string, what: string, word: string, notes: string[]): string | undefined {
  const t = clean(text).replace(/\.$/, '');
  const iso = parseDateText(t);
  if (iso) return iso;
  notes.push(`${word} ${t}`);
  if (/^\d/.test(t) && !/\bto\b/i.test(t)) sink.warn('bad-date', `unreadable ${what} "${t}"`);
  return undefined;
}

/**
 * Splits a remarks segment into a known label and its value: "Passport A123 (Iran)" →
 * ["Passport", "A123 (Iran)"]. The label must end at a space or colon.
 */
export function matchLabel(segment: string): [string, string] | undefined {
  const lower = segment.toLowerCase();
  for (const label of KNOWN_LABELS) {
    if (!lower.startsWith(label)) continue;
    const next = segment.charAt(label.length);
    if (next !== ' ' && next !== ':') continue;
    return [segment.slice(0, label.length), segment.slice(label.length).replace(/^\s*:?\s*/, '')];
  }
  return undefined;
}

/** Splits "A123 (Iran) issued 01 Jan 2000 expires 01 Jan 2010" into value and extras. */
export function splitIdentifierText(text: string): { value: string } & DetailExtra {
  let rest = clean(text).replace(/\.$/, '');
  const extra: DetailExtra = {};
  let m = rest.match(/^(.*?)\s+expires\s+(.+)$/i);
  if (m) {
    rest = m[1]!;
    extra.expires = m[2]!;
  }
  m = rest.match(/^(.*?)\s+issued\s+(.+)$/i);
  if (m) {
    rest = m[1]!;
    extra.issued = m[2]!;
  }
  m = rest.match(/^(.*\S)\s*\(([^()]+)\)$/);
  if (m && ofacCountry(m[2]!)) {
    rest = m[1]!;
    extra.country = m[2]!;
  }
  return { value: rest, ...extra };
}

/** Adds an identifier from a remarks segment whose label matched `label`. */
export function applyIdentifierText(sink: DetailSink, label: string, text: string): void {
  const { value, ...extra } = splitIdentifierText(text);
  applyOfacDetail(sink, label, value, extra);
}

/** Whether a label belongs to the ID document table (as opposed to a feature). */
export function isIdLabel(label: string): boolean {
  return ID_TYPES.has(label.toLowerCase());
}
