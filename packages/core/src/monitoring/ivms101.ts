/**
 * @module monitoring/ivms101
 * Reads a travel-rule payload in IVMS101's JSON form (interVASP Messaging Standard, "IVMS101
 * interVASP data model standard", Issue 1 FINAL, 2020, and its update IVMS 101.2023) into
 * Sekisho's own Party shape, so that the people and companies it names can be screened like any
 * other party, and says which of the data the travel rule asks for are missing.
 *
 * A payload from another VASP is untrusted input: `readIvms101` never throws. Every deviation
 * from the standard (a person without a name, an unknown name type, a country that is no
 * ISO 3166-1 code, a person that is neither natural nor legal …) becomes a `problem` naming its
 * JSON path, and what can still be read is read.
 *
 * Field names (IVMS101 2020 §5–§6; 2023 §5–§6):
 * - top level `originator`, `beneficiary`, `originatingVASP`, `beneficiaryVASP`, `transferPath`,
 *   `payloadMetadata`. The CODE protocol writes the four entities in PascalCase (`Originator` …,
 *   codevasp-lab/IVMS101 README); both are read.
 * - `originator.originatorPersons[]` (2020) / `originatorPerson[]` (2023), likewise
 *   `beneficiaryPersons` / `beneficiaryPerson`; `accountNumber[]` on the originator and the
 *   beneficiary (2020 §6.2–6.3) or on the Person (2023 §5.2.1).
 * - Person: `naturalPerson` xor `legalPerson`.
 * - NaturalPerson: `name.nameIdentifier[]{primaryIdentifier, secondaryIdentifier,
 *   nameIdentifierType}` (2023: `naturalPersonNameIdentifierType`), `localNameIdentifier[]`,
 *   `phoneticNameIdentifier[]`, `geographicAddress[]`, `nationalIdentification`,
 *   `customerIdentification`, `dateAndPlaceOfBirth{dateOfBirth, placeOfBirth}`,
 *   `countryOfResidence`.
 * - LegalPerson: `name.nameIdentifier[]{legalPersonName, legalPersonNameIdentifierType}`,
 *   `geographicAddress[]`, `customerNumber` (2020) / `customerIdentification` (2023),
 *   `nationalIdentification`, `countryOfRegistration`.
 * - Address: `addressType`, `department`, `subDepartment`, `streetName`, `buildingNumber`,
 *   `buildingName`, `floor`, `postBox`, `room`, `postcode` (TRISA and CODE write `postCode`),
 *   `townName`, `townLocationName`, `districtName`, `countrySubDivision`, `addressLine[]`,
 *   `country`.
 * - `originatingVASP.originatingVASP` is the Person (the entity wraps its one element; TRISA's
 *   identity_payload.json and CODE's examples nest it so); the npm `ivms101` types put the
 *   Person directly under `originatingVASP`. Both are read.
 *
 * Mapping to Party (customers/schema.ts):
 * - names: the first LEGL name is the primary name, written "primary secondary" (family name
 *   first, as ICAO 9303 and our KYC records write it); a local-script LEGL name becomes the
 *   primary `name` with the Latin form as its `latin`; a katakana/hiragana phonetic name its
 *   `kana`; ALIA and MISC become aliases, BIRT and MAID former names; a legal person's SHRT is an
 *   alias and TRAD a trade name.
 * - dateOfBirth → birthDate; countryOfResidence → residence; countryOfRegistration →
 *   jurisdiction; nationalIdentification → a document (CCPT passport, IDCD national-id, DRLC
 *   driving-licence, ARNU residence-card, the rest other) for a natural person, the
 *   registrationNumber of a legal person; countryOfIssue → the document's country.
 * - Address: addressLine[] (or department, building, street, floor, room, post box, district)
 *   → lines; townName → city; countrySubDivision → region; postcode → postcode.
 * - placeOfBirth and customerIdentification have no place in Party; they are kept beside it
 *   (`Ivms101Person`) because the travel rule counts them.
 */
import { PartialDateSchema, PartySchema, isCountryCode, type Party } from '../customers/index.ts';

export interface Ivms101NationalId {
  identifier: string;
  type?: string;
  countryOfIssue?: string;
  registrationAuthority?: string;
}

/** One person of the payload: the Party it reads as, and what the travel rule counts beside it. */
export interface Ivms101Person {
  /** JSON path in the payload, e.g. `originator.originatorPersons[0]`. */
  path: string;
  kind?: 'natural' | 'legal';
  /** Undefined when the person could not be read as a Party (no name …); see the problems. */
  party?: Party;
  customerIdentification?: string;
  placeOfBirth?: string;
  nationalIdentification?: Ivms101NationalId;
  /** Account numbers given on the Person itself (IVMS 101.2023 §5.2.1). */
  accountNumbers: string[];
}

/** A VASP named in the payload. */
export interface Ivms101Vasp {
  path: string;
  name?: string;
  /** countryOfRegistration, else the country of its first address. */
  country?: string;
  countryVia?: 'registration' | 'address';
  /** The LEI when its nationalIdentification is of type LEIX. */
  lei?: string;
  /** Whether the LEI's ISO 17442 check digits hold (a made-up LEI usually fails them). */
  leiCheckDigits?: boolean;
  party?: Party;
}

export interface Ivms101Reading {
  /** payloadMetadata.payloadVersion when given ("101" or "101.2023"). */
  version?: string;
  originators: Party[];
  beneficiaries: Party[];
  originatorPersons: Ivms101Person[];
  beneficiaryPersons: Ivms101Person[];
  /** The account numbers (wallet addresses, account ids) of each side, from the side and its persons. */
  originatorAccounts: string[];
  beneficiaryAccounts: string[];
  originatingVasp?: Ivms101Vasp;
  beneficiaryVasp?: Ivms101Vasp;
  /** transferPath.transferPath[].intermediaryVASP, in sequence order. */
  intermediaryVasps: Ivms101Vasp[];
  /** Deviations from IVMS101, each starting with its JSON path. Empty for a correct payload. */
  problems: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value under the first of `keys` present in `o` (field-name variants of the versions). */
function pick(o: Json, ...keys: string[]): [unknown, string] | undefined {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return [o[k], k];
  return undefined;
}

const NATURAL_NAME_TYPES: Record<string, 'primary' | 'alias' | 'former'> = { LEGL: 'primary', ALIA: 'alias', MISC: 'alias', BIRT: 'former', MAID: 'former' };
const LEGAL_NAME_TYPES: Record<string, 'primary' | 'alias' | 'trade'> = { LEGL: 'primary', SHRT: 'alias', TRAD: 'trade' };
const ADDRESS_TYPES = new Set(['HOME', 'BIZZ', 'GEOG']);
const NATIONAL_ID_TYPES = new Set(['ARNU', 'CCPT', 'RAID', 'DRLC', 'FIIN', 'TXID', 'SOCS', 'IDCD', 'LEIX', 'MISC']);
/** C7: the identifier types a legal person may carry. */
const LEGAL_ID_TYPES = new Set(['RAID', 'MISC', 'LEIX', 'TXID']);
const DOCUMENT_TYPES: Record<string, 'passport' | 'national-id' | 'residence-card' | 'driving-licence' | 'other'> = {
  CCPT: 'passport',
  IDCD: 'national-id',
  ARNU: 'residence-card',
  DRLC: 'driving-licence',
};
const LEI_TEXT = /^[0-9A-Z]{18}[0-9]{2}$/;
const KANA = /^[\p{Script=Katakana}\p{Script=Hiragana}ー・･゠\s\u3000]+$/u;

/** ISO 17442 LEI: 18 alphanumerics and two check digits (ISO 7064 MOD 97-10 over the whole code). */
export function isLei(value: string): boolean {
  if (!LEI_TEXT.test(value)) return false;
  let rest = 0;
  for (const ch of value) {
    const digits = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/**
 * isCountryCode asks Intl.DisplayNames (about 5 µs a call); the answers for the 676 possible
 * two-letter codes are remembered.
 */
const countryMemo = new Map<string, boolean>();
export function isCountry(code: string): boolean {
  let known = countryMemo.get(code);
  if (known === undefined) {
    known = /^[A-Z]{2}$/.test(code) && isCountryCode(code);
    if (countryMemo.size < 1000) countryMemo.set(code, known);
  }
  return known;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().replace(/\s+/g, ' ') : undefined);

class Reader {
  readonly problems: string[] = [];

  problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  /** A CountryCode (C3): ISO 3166-1 alpha-2, any case (values are case-insensitive, §1.5). XX is the standard's "unknown". */
  country(v: unknown, path: string): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.problem(path, 'a country is a two-letter ISO 3166-1 code (C3)');
      return undefined;
    }
    const code = v.trim().toUpperCase();
    if (code === 'XX') {
      this.problem(path, 'country XX (unknown state): the field cannot be screened');
      return undefined;
    }
    if (!isCountry(code)) {
      this.problem(path, `"${v}" is not an ISO 3166-1 alpha-2 country code (C3)`);
      return undefined;
    }
    return code;
  }

  /** A string field; a value of another type is a problem, too long a value is cut and noted. */
  str(v: unknown, path: string, max: number): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.problem(path, `expected text, found ${Array.isArray(v) ? 'an array' : typeof v}`);
      return undefined;
    }
    const t = text(v);
    if (t && t.length > max) {
      this.problem(path, `longer than ${max} characters; cut`);
      return t.slice(0, max);
    }
    return t;
  }

  /** An array field; a single object where an array belongs is read as one element, and noted. */
  list(v: unknown, path: string): unknown[] {
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    this.problem(path, 'expected an array');
    return [v];
  }

  names(name: unknown, path: string, natural: boolean): Party['names'] {
    // IVMS101 nests the identifiers in `name` ({nameIdentifier: […]}); the npm ivms101 2023
    // types make `name` the array itself: both read.
    const container: Json = Array.isArray(name) ? { nameIdentifier: name } : isObject(name) ? name : {};
    if (!isObject(name) && !Array.isArray(name)) {
      this.problem(path, 'missing name');
      return [];
    }
    const read = (key: string, local: boolean) =>
      this.list(container[key], `${path}.${key}`).flatMap((item, i) => {
        const p = `${path}.${key}[${i}]`;
        if (!isObject(item)) {
          this.problem(p, 'a name identifier is an object');
          return [];
        }
        let full: string | undefined;
        let type: string | undefined;
        if (natural) {
          const primary = this.str(item.primaryIdentifier, `${p}.primaryIdentifier`, 100);
          const secondary = this.str(item.secondaryIdentifier, `${p}.secondaryIdentifier`, 100);
          if (!primary) this.problem(p, 'missing primaryIdentifier');
          full = [primary, secondary].filter(Boolean).join(' ') || undefined;
          const t = pick(item, 'nameIdentifierType', 'naturalPersonNameIdentifierType');
          type = typeof t?.[0] === 'string' ? t[0].toUpperCase() : undefined;
          if (!type) this.problem(p, 'missing nameIdentifierType');
          else if (!Object.hasOwn(NATURAL_NAME_TYPES, type)) this.problem(`${p}.${t![1]}`, `unknown name type "${t![0]}" (ALIA, BIRT, MAID, LEGL or MISC)`);
        } else {
          full = this.str(item.legalPersonName, `${p}.legalPersonName`, 100);
          if (!full) this.problem(p, 'missing legalPersonName');
          const t = item.legalPersonNameIdentifierType;
          type = typeof t === 'string' ? t.toUpperCase() : undefined;
          if (!type) this.problem(p, 'missing legalPersonNameIdentifierType');
          else if (!Object.hasOwn(LEGAL_NAME_TYPES, type)) this.problem(`${p}.legalPersonNameIdentifierType`, `unknown name type "${t}" (LEGL, SHRT or TRAD)`);
        }
        return full ? [{ full, type, local }] : [];
      });
    const latin = read('nameIdentifier', false);
    const local = read('localNameIdentifier', true);
    const phonetic = read('phoneticNameIdentifier', true);
    if (!latin.length && !local.length) {
      this.problem(path, 'missing name (no nameIdentifier with a name)');
      return [];
    }
    if (!latin.some((n) => n.type === 'LEGL')) this.problem(`${path}.nameIdentifier`, `no legal name (type LEGL), constraint ${natural ? 'C6' : 'C5'}`);
    const kinds = natural ? NATURAL_NAME_TYPES : LEGAL_NAME_TYPES;
    const kindOf = (t: string | undefined) => (t && Object.hasOwn(kinds, t) ? kinds[t]! : 'alias');
    const out: Party['names'] = [];
    const legalLatin = latin.find((n) => n.type === 'LEGL') ?? latin[0];
    const legalLocal = local.find((n) => n.type === 'LEGL');
    const kana = natural ? phonetic.find((n) => n.type === 'LEGL' && KANA.test(n.full)) : undefined;
    const primary: Party['names'][number] = legalLocal
      ? { name: legalLocal.full.slice(0, 300), ...(legalLatin ? { latin: legalLatin.full.slice(0, 300) } : {}), kind: 'primary' }
      : { name: (legalLatin ?? local[0]!).full.slice(0, 300), kind: 'primary' };
    if (kana) primary.kana = kana.full.slice(0, 300);
    out.push(primary);
    const used = new Set([legalLatin, legalLocal, kana]);
    for (const n of [...latin, ...local, ...phonetic]) {
      if (used.has(n) || out.length >= 50) continue;
      const kind = kindOf(n.type);
      out.push({ name: n.full.slice(0, 300), kind: kind === 'primary' ? 'alias' : kind });
    }
    return out;
  }

  address(a: unknown, path: string): NonNullable<Party['addresses']>[number] | undefined {
    if (!isObject(a)) {
      this.problem(path, 'an address is an object');
      return undefined;
    }
    const type = typeof a.addressType === 'string' ? a.addressType.toUpperCase() : undefined;
    if (!type) this.problem(path, 'missing addressType');
    else if (!ADDRESS_TYPES.has(type)) this.problem(`${path}.addressType`, `unknown address type "${a.addressType}" (HOME, BIZZ or GEOG)`);
    const s = (k: string) => this.str(a[k], `${path}.${k}`, 200);
    const addressLine = this.list(a.addressLine, `${path}.addressLine`)
      .map((l, i) => this.str(l, `${path}.addressLine[${i}]`, 300))
      .filter((l): l is string => !!l);
    if (addressLine.length > 7) this.problem(`${path}.addressLine`, `${addressLine.length} lines; at most 7`);
    const street = s('streetName');
    const buildingNumber = s('buildingNumber');
    const buildingName = s('buildingName');
    // C8 ValidAddress: an addressLine, or a street name with a building name and/or number.
    if (!addressLine.length && !(street && (buildingName || buildingNumber))) this.problem(path, 'neither addressLine nor streetName with buildingName or buildingNumber (C8)');
    const floor = s('floor');
    const room = s('room');
    const postBox = s('postBox');
    const district = s('districtName');
    const lines = addressLine.length
      ? [...addressLine, ...(district ? [district] : [])]
      : [s('department'), s('subDepartment'), buildingName, [buildingNumber, street].filter(Boolean).join(' ') || undefined, floor && `floor ${floor}`, room && `room ${room}`, postBox && `PO Box ${postBox}`, s('townLocationName'), district].filter(
          (l): l is string => !!l,
        );
    // Party keeps six lines: the rest goes into the last one rather than being dropped.
    const kept = (lines.length > 6 ? [...lines.slice(0, 5), lines.slice(5).join(', ')] : lines).map((l) => l.slice(0, 300));
    const city = s('townName');
    if (!city && !addressLine.length) this.problem(path, 'missing townName');
    const postcode = pick(a, 'postcode', 'postCode');
    const pc = postcode ? this.str(postcode[0], `${path}.${postcode[1]}`, 20) : undefined;
    const region = s('countrySubDivision');
    if (a.country === undefined) {
      this.problem(path, 'missing country');
      return undefined;
    }
    const country = this.country(a.country, `${path}.country`);
    if (!country) return undefined;
    return { ...(kept.length ? { lines: kept } : {}), ...(city ? { city } : {}), ...(region ? { region } : {}), ...(pc ? { postcode: pc } : {}), country };
  }

  nationalId(v: unknown, path: string, natural: boolean): Ivms101NationalId | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) {
      this.problem(path, 'nationalIdentification is an object');
      return undefined;
    }
    const identifier = this.str(v.nationalIdentifier, `${path}.nationalIdentifier`, 64);
    if (!identifier) {
      this.problem(path, 'missing nationalIdentifier');
      return undefined;
    }
    const type = typeof v.nationalIdentifierType === 'string' ? v.nationalIdentifierType.toUpperCase() : undefined;
    if (!type) this.problem(path, 'missing nationalIdentifierType');
    else if (!NATIONAL_ID_TYPES.has(type)) this.problem(`${path}.nationalIdentifierType`, `unknown identifier type "${v.nationalIdentifierType}"`);
    const countryOfIssue = this.country(v.countryOfIssue, `${path}.countryOfIssue`);
    const ra = this.str(v.registrationAuthority, `${path}.registrationAuthority`, 20);
    if (ra && !/^RA\d{6}$/.test(ra)) this.problem(`${path}.registrationAuthority`, `"${ra}" is not a GLEIF registration authority code RA000000 (C10)`);
    if (!natural) {
      if (type && !LEGAL_ID_TYPES.has(type)) this.problem(`${path}.nationalIdentifierType`, `a legal person's identifier is RAID, MISC, LEIX or TXID, not ${type} (C7)`);
      if (v.countryOfIssue !== undefined) this.problem(`${path}.countryOfIssue`, 'a legal person has no countryOfIssue (C9)');
      if (type && type !== 'LEIX' && !ra) this.problem(path, 'a legal person identifier other than an LEI names its registrationAuthority (C9)');
      if (type === 'LEIX' && ra) this.problem(`${path}.registrationAuthority`, 'an LEI has no registrationAuthority (C9)');
    }
    // C11 asks for the LEIText form only; the ISO 17442 check digits are reported on the VASP
    // (leiCheckDigits), not as a deviation: the standard's own Example 1 uses an LEI that fails them.
    if (type === 'LEIX' && !LEI_TEXT.test(identifier.toUpperCase())) this.problem(`${path}.nationalIdentifier`, `"${identifier}" is not an LEI: 18 letters or digits and 2 check digits (C11)`);
    return { identifier, ...(type ? { type } : {}), ...(countryOfIssue ? { countryOfIssue } : {}), ...(ra ? { registrationAuthority: ra } : {}) };
  }

  person(v: unknown, path: string): Ivms101Person {
    const out: Ivms101Person = { path, accountNumbers: [] };
    if (!isObject(v)) {
      this.problem(path, 'a person is an object with naturalPerson or legalPerson');
      return out;
    }
    out.accountNumbers = this.accounts(v.accountNumber, `${path}.accountNumber`);
    const natural = v.naturalPerson;
    const legal = v.legalPerson;
    if (natural === undefined && legal === undefined) {
      this.problem(path, 'neither naturalPerson nor legalPerson');
      return out;
    }
    if (natural !== undefined && legal !== undefined) this.problem(path, 'both naturalPerson and legalPerson (a person is one or the other); read as the natural person');
    const isNatural = natural !== undefined;
    const p = `${path}.${isNatural ? 'naturalPerson' : 'legalPerson'}`;
    const body = isNatural ? natural : legal;
    out.kind = isNatural ? 'natural' : 'legal';
    if (!isObject(body)) {
      this.problem(p, 'expected an object');
      return out;
    }
    const names = this.names(body.name, `${p}.name`, isNatural);
    const addresses = this.list(body.geographicAddress, `${p}.geographicAddress`)
      .map((a, i) => this.address(a, `${p}.geographicAddress[${i}]`))
      .filter((a): a is NonNullable<typeof a> => !!a)
      .slice(0, 20);
    const nid = this.nationalId(body.nationalIdentification, `${p}.nationalIdentification`, isNatural);
    if (nid) out.nationalIdentification = nid;
    const cid = pick(body, 'customerIdentification', 'customerNumber');
    const customerIdentification = cid ? this.str(cid[0], `${p}.${cid[1]}`, 50) : undefined;
    if (customerIdentification) out.customerIdentification = customerIdentification;
    let party: Record<string, unknown>;
    if (isNatural) {
      party = { type: 'person', names };
      const dpob = body.dateAndPlaceOfBirth;
      if (dpob !== undefined) {
        const dp = `${p}.dateAndPlaceOfBirth`;
        if (!isObject(dpob)) this.problem(dp, 'expected an object');
        else {
          const dob = dpob.dateOfBirth;
          if (dob === undefined) this.problem(dp, 'missing dateOfBirth');
          else if (typeof dob !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dob) || !PartialDateSchema.safeParse(dob).success) this.problem(`${dp}.dateOfBirth`, `"${String(dob)}" is not a date YYYY-MM-DD`);
          else party.birthDate = dob;
          const place = this.str(dpob.placeOfBirth, `${dp}.placeOfBirth`, 70);
          if (!place) this.problem(dp, 'missing placeOfBirth');
          else out.placeOfBirth = place;
        }
      }
      const residence = this.country(body.countryOfResidence, `${p}.countryOfResidence`);
      if (residence) party.residence = residence;
      if (nid) party.documents = [{ type: nid.type && Object.hasOwn(DOCUMENT_TYPES, nid.type) ? DOCUMENT_TYPES[nid.type]! : 'other', number: nid.identifier, ...(nid.countryOfIssue ? { country: nid.countryOfIssue } : {}) }];
    } else {
      party = { type: 'legal', names };
      const jurisdiction = this.country(body.countryOfRegistration, `${p}.countryOfRegistration`);
      if (jurisdiction) party.jurisdiction = jurisdiction;
      if (nid) party.registrationNumber = nid.identifier;
    }
    if (addresses.length) party.addresses = addresses;
    if (!names.length) return out; // already a problem: no name, nothing to screen
    const parsed = PartySchema.safeParse(party);
    if (parsed.success) out.party = parsed.data as Party;
    else for (const issue of parsed.error.issues) this.problem(`${p}${issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('')}`, `cannot be read as a party: ${issue.message}`);
    return out;
  }

  accounts(v: unknown, path: string): string[] {
    if (v === undefined || v === null) return [];
    const items = typeof v === 'string' ? [v] : this.list(v, path);
    return items.map((a, i) => this.str(a, `${path}[${i}]`, 512)).filter((a): a is string => !!a);
  }

  vasp(v: unknown, path: string, inner: string): Ivms101Vasp | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) {
      this.problem(path, 'expected an object');
      return undefined;
    }
    const nested = v[inner] !== undefined;
    const p = nested ? `${path}.${inner}` : path;
    const person = this.person(nested ? v[inner] : v, p);
    return vaspOf(person);
  }
}

function vaspOf(person: Ivms101Person): Ivms101Vasp {
  const party = person.party;
  const out: Ivms101Vasp = { path: person.path };
  if (!party) return out;
  out.party = party;
  out.name = (party.names.find((n) => n.kind === 'primary') ?? party.names[0])?.latin ?? party.names[0]?.name;
  const registration = party.type === 'legal' ? party.jurisdiction : undefined;
  if (registration) {
    out.country = registration;
    out.countryVia = 'registration';
  } else if (party.addresses?.[0]) {
    out.country = party.addresses[0].country;
    out.countryVia = 'address';
  }
  const nid = person.nationalIdentification;
  const lei = nid?.identifier.toUpperCase();
  if (nid?.type === 'LEIX' && lei && LEI_TEXT.test(lei)) {
    out.lei = lei;
    out.leiCheckDigits = isLei(lei);
  }
  return out;
}

function side(r: Reader, payload: Json, role: 'originator' | 'beneficiary'): { persons: Ivms101Person[]; accounts: string[] } {
  const Role = role === 'originator' ? 'Originator' : 'Beneficiary';
  const found = pick(payload, role, Role);
  if (!found) {
    r.problem(role, `missing ${role}`);
    return { persons: [], accounts: [] };
  }
  const [value, key] = found;
  if (!isObject(value)) {
    r.problem(key, 'expected an object');
    return { persons: [], accounts: [] };
  }
  const personsKey = pick(value, `${role}Persons`, `${role}Person`);
  if (!personsKey) {
    r.problem(key, `missing ${role}Persons`);
  }
  const list = personsKey ? r.list(personsKey[0], `${key}.${personsKey[1]}`) : [];
  if (personsKey && !list.length) r.problem(`${key}.${personsKey[1]}`, `no ${role} person (at least one is required)`);
  const persons = list.map((p, i) => r.person(p, `${key}.${personsKey![1]}[${i}]`));
  const accounts = [...r.accounts(value.accountNumber, `${key}.accountNumber`), ...persons.flatMap((p) => p.accountNumbers)];
  return { persons, accounts: [...new Set(accounts)] };
}

const cache = new WeakMap<object, Ivms101Reading>();

/**
 * Reads an IVMS101 payload (2020 or 2023 field names) into Parties. Never throws; what does
 * not follow the standard is listed in `problems` with its JSON path. The result is cached per
 * payload object (several rules read the same event), so treat it as read-only.
 * @example
 * const r = readIvms101(event.data.ivms101);
 * r.beneficiaries[0]?.names[0]?.name; // 'Barnes Robert'
 * r.problems; // [] for a correct payload
 */
export function readIvms101(payload: unknown): Ivms101Reading {
  if (isObject(payload)) {
    const hit = cache.get(payload);
    if (hit) return hit;
  }
  const r = new Reader();
  const empty: Ivms101Reading = { originators: [], beneficiaries: [], originatorPersons: [], beneficiaryPersons: [], originatorAccounts: [], beneficiaryAccounts: [], intermediaryVasps: [], problems: r.problems };
  if (!isObject(payload)) {
    r.problem('(root)', 'the payload is not a JSON object');
    return empty;
  }
  const reading = empty;
  const meta = pick(payload, 'payloadMetadata', 'PayloadMetadata');
  if (meta && isObject(meta[0]) && meta[0].payloadVersion !== undefined) reading.version = String(meta[0].payloadVersion);
  const o = side(r, payload, 'originator');
  const b = side(r, payload, 'beneficiary');
  reading.originatorPersons = o.persons;
  reading.beneficiaryPersons = b.persons;
  reading.originators = o.persons.flatMap((p) => (p.party ? [p.party] : []));
  reading.beneficiaries = b.persons.flatMap((p) => (p.party ? [p.party] : []));
  reading.originatorAccounts = o.accounts;
  reading.beneficiaryAccounts = b.accounts;
  const ov = pick(payload, 'originatingVASP', 'OriginatingVASP');
  if (ov) reading.originatingVasp = r.vasp(ov[0], ov[1], 'originatingVASP');
  const bv = pick(payload, 'beneficiaryVASP', 'BeneficiaryVASP');
  if (bv) reading.beneficiaryVasp = r.vasp(bv[0], bv[1], 'beneficiaryVASP');
  const tp = pick(payload, 'transferPath', 'TransferPath');
  if (tp) {
    const [value, key] = tp;
    const steps = isObject(value) ? r.list(value.transferPath, `${key}.transferPath`) : r.list(value, key);
    const seen: { sequence: number; vasp: Ivms101Vasp }[] = [];
    steps.forEach((step, i) => {
      const p = `${key}.transferPath[${i}]`;
      if (!isObject(step)) return r.problem(p, 'expected an object');
      const vasp = r.vasp(step.intermediaryVASP, `${p}.intermediaryVASP`, 'intermediaryVASP') ?? { path: `${p}.intermediaryVASP` };
      if (step.intermediaryVASP === undefined) r.problem(p, 'missing intermediaryVASP');
      const sequence = typeof step.sequence === 'number' ? step.sequence : Number(step.sequence);
      if (!Number.isInteger(sequence)) r.problem(`${p}.sequence`, 'missing or not an integer');
      seen.push({ sequence: Number.isInteger(sequence) ? sequence : i, vasp });
    });
    seen.sort((x, y) => x.sequence - y.sequence);
    // C12 sequentialIntegrity: 0, 1, 2 … without gaps.
    if (seen.some((s, i) => s.sequence !== i)) r.problem(`${key}.transferPath`, `sequence numbers ${seen.map((s) => s.sequence).join(', ')} do not run 0, 1, 2 … (C12)`);
    reading.intermediaryVasps = seen.map((s) => s.vasp);
  }
  cache.set(payload, reading);
  return reading;
}

export type TravelRuleRole = 'originator' | 'beneficiary';
/** out: this exchange is the originating VASP (a withdrawal); in: the beneficiary VASP (a deposit). */
export type TravelRuleDirection = 'out' | 'in';

/** What the travel rule counts for one originator or beneficiary. A Customer record fits `party`. */
export interface TravelRuleSubject {
  party?: Party;
  accountNumbers?: readonly string[];
  customerIdentification?: string;
  placeOfBirth?: string;
}

export interface Completeness {
  complete: boolean;
  /** What is missing, in the words of the rule: "name", "account number", "address or customer identification number". */
  missing: string[];
}

/**
 * Which of the required travel-rule data a subject lacks.
 *
 * FATF Recommendation 16, Interpretive Note para. 6, applied to virtual-asset transfers by
 * INR.15 para. 7(b): the originator's name, the originator's account number (for virtual
 * assets: the wallet address or account used to process the transfer, else a unique
 * transaction reference), and the originator's address, or national identity number, or
 * customer identification number, or date and place of birth; the beneficiary's name and
 * account number. That is what a beneficiary VASP can expect from any jurisdiction
 * (`direction` "in").
 *
 * Japan (APTCP, 犯罪収益移転防止法, travel rule in force since 1 June 2023; JVCEA notice to
 * users): the originator's name and address or customer identification number, the beneficiary's
 * name, and the crypto-asset addresses (research/monitoring.md §2.4). For a legal person the
 * address is that of the head office. That is what this exchange must send (`direction` "out").
 * The Ordinance text itself was not available to check whether a national ID or date and place
 * of birth alone would also satisfy it; until checked, "out" asks for address or customer id.
 * @example
 * completeness({ party: { type: 'person', names: [{ name: 'Lee Wei' }] } }, 'beneficiary', 'out');
 * // { complete: false, missing: ['account number'] }
 */
export function completeness(subject: TravelRuleSubject, role: TravelRuleRole, direction: TravelRuleDirection): Completeness {
  const missing: string[] = [];
  const party = subject.party;
  if (!party?.names.some((n) => n.name.trim())) missing.push('name');
  if (!subject.accountNumbers?.some((a) => a.trim())) missing.push('account number');
  if (role === 'originator') {
    const address = !!party?.addresses?.length;
    const customerId = !!subject.customerIdentification?.trim();
    const nationalId = party ? (party.type === 'person' ? !!party.documents?.length : !!party.registrationNumber) : false;
    const birth = party?.type === 'person' && !!party.birthDate && !!subject.placeOfBirth?.trim();
    if (direction === 'out') {
      if (!address && !customerId) missing.push('address or customer identification number');
    } else if (!address && !customerId && !nationalId && !birth) {
      missing.push(party?.type === 'legal' ? 'address, registration number or customer identification number' : 'address, national identity number, customer identification number, or date and place of birth');
    }
  }
  return { complete: missing.length === 0, missing };
}
