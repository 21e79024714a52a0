/**
 * @module model/identifiers
 * Classifies a source's identifier label into an IdentifierType. The label is always kept as
 * published; the type is what screening compares on (a shared passport or INN makes a match
 * near-certain). Russian numbers get their own types because OFAC and the EU publish them
 * under generic labels: a Russian "Tax ID No." is an INN (10 or 12 digits) and a Russian
 * "Registration Number" of 13 or 15 digits is an OGRN/OGRNIP (Federal Law 129-FZ, art. 5).
 */
import type { Identifier, IdentifierType } from './entity.ts';
import { clean } from './text.ts';

const RULES: [RegExp, IdentifierType][] = [
  // The Chinese Commercial Code is a telegraph code for the characters of a name, not a company number.
  [/chinese commercial code/i, 'other'],
  [/\bIMO\b|International Maritime Organization/i, 'imo'],
  [/\bMMSI\b/i, 'mmsi'],
  [/passport|旅券/i, 'passport'],
  [/\bINN\b|ИНН/i, 'inn'],
  [/\bOGRN(IP)?\b|ОГРН/i, 'ogrn'],
  [/\bKPP\b|КПП/i, 'kpp'],
  [/\bOKPO\b|ОКПО/i, 'okpo'],
  [/SWIFT|\bBIC\b/i, 'swiftBic'],
  [/\bLEI\b|Legal Entity Number/i, 'lei'],
  [/tax|TIN\b|VAT|RFC\b|NIT\b|CUIT/i, 'taxNumber'],
  [/national id|national identi|identity card|cedula|cédula|\bDNI\b|personal id|citizen'?s card|NIE\b|C\.U\.R\.P|CURP|identification number|id card|id no/i, 'nationalId'],
  [/social security|SSN\b/i, 'socialSecurity'],
  [/driv/i, 'drivingLicense'],
  [/aircraft.*serial|manufacturer'?s serial/i, 'aircraftSerial'],
  [/aircraft.*tail|tail number/i, 'aircraftTail'],
  [/vessel registration|call sign/i, 'vesselRegistration'],
  [/registration|registry|register|company number|business number|commercial|certificate of incorporation|UK Company/i, 'registrationNumber'],
  [/e-?mail/i, 'email'],
  [/phone|fax/i, 'phone'],
  [/website|\burl\b/i, 'website'],
];

/** The identifier type for a label, refined by country and value shape for Russian numbers. */
export function identifierType(label: string, value = '', country?: string): IdentifierType {
  let type: IdentifierType = 'other';
  for (const [test, t] of RULES) {
    if (test.test(label)) {
      type = t;
      break;
    }
  }
  const digits = value.replace(/\D/g, '');
  const russian = country === 'RU';
  if (russian && type === 'taxNumber' && (digits.length === 10 || digits.length === 12)) return 'inn';
  if (russian && type === 'registrationNumber' && (digits.length === 13 || digits.length === 15)) return 'ogrn';
  if (type === 'imo' || /^IMO\s*\d{7}$/i.test(value)) return 'imo';
  return type;
}

/** Builds an identifier, or undefined when the value is empty. */
export function makeIdentifier(label: string, value: string | null | undefined, extra: Partial<Identifier> = {}): Identifier | undefined {
  const v = clean(value);
  if (!v) return undefined;
  const l = clean(label) || 'Identifier';
  const id: Identifier = { type: extra.type ?? identifierType(l, v, extra.country), value: v, label: l };
  if (extra.country) id.country = extra.country;
  if (extra.issued) id.issued = extra.issued;
  if (extra.expires) id.expires = extra.expires;
  if (extra.note) id.note = clean(extra.note);
  return id;
}

/**
 * Adds an identifier. The same type, value and country already there is the same document:
 * what the second record adds (dates, a note) is folded into it rather than dropped.
 */
export function addIdentifier(list: Identifier[], id: Identifier | undefined): void {
  if (!id) return;
  const same = list.find((x) => x.type === id.type && x.value === id.value && x.country === id.country);
  if (!same) {
    list.push(id);
    return;
  }
  same.issued ??= id.issued;
  same.expires ??= id.expires;
  if (id.note && id.note !== same.note) same.note = same.note ? `${same.note}; ${id.note}` : id.note;
  if (id.label !== same.label && !same.label.split(' / ').includes(id.label)) same.label = `${same.label} / ${id.label}`;
}
