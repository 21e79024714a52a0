/**
 * @module customers/schema
 * The customer record as the exchange's KYC holds it (an API contract: `PUT /v1/customers/{id}`,
 * `customer.onboarded` events, and the OpenAPI document generated from these schemas). A
 * customer is a natural person or a legal person; a legal person names its beneficial owners
 * (with their shares, as the Act on Prevention of Transfer of Criminal Proceeds Art. 4 and its
 * Ordinance Art. 11 ask: 25 % and over) and its directors, and an owner may itself be a legal
 * person with owners of its own. Objects are strict: a field the API does not know is refused,
 * so a misspelt `birthdate` cannot silently drop a birth date from screening.
 */
import { z } from 'zod';
import { CHAINS } from '../addresses/types.ts';
import { countryCode, isoDate } from '../model/index.ts';

/**
 * Whether ICU (the data core's country table is built from) names the code as a country or
 * territory. core's countryCode() alone is not enough: it reads any two letters as a code.
 * Groupings (EU, UN, EZ, QO) and the unknown region ZZ are not countries.
 */
const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ']);
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code) || countryCode(code) !== code) return false;
  const name = regionNames.of(code);
  return name !== undefined && name !== code;
}

/** ISO 3166-1 alpha-2, upper case, a country core knows ("jp" is read as "JP"; "UK" is refused: it is GB). */
export const CountrySchema = z
  // A preprocess (not a transform) so that the JSON Schema shows the validated string.
  .preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z
      .string()
      .regex(/^[A-Z]{2}$/, 'a country is an ISO 3166-1 alpha-2 code')
      .refine(isCountryCode, 'not an ISO 3166-1 alpha-2 country code'),
  )
  .describe('ISO 3166-1 alpha-2 country code, e.g. JP (lower case is accepted)');

/** YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date (2023-02-29 is refused). */
export const PartialDateSchema = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date is YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((v) => {
    const [y, m, d] = v.split('-').map(Number);
    return isoDate(y!, m, d) === v;
  }, 'not a calendar date')
  .describe('ISO 8601 date, possibly partial: YYYY, YYYY-MM or YYYY-MM-DD');

/** A full calendar date (document expiry). */
const DateSchema = PartialDateSchema.refine((v) => v.length === 10, 'a full date YYYY-MM-DD').describe('ISO 8601 date YYYY-MM-DD');

/** Katakana, hiragana, the prolonged sound mark, the middle dot and spaces (half-width katakana too). */
const KANA = /^[\p{Script=Katakana}\p{Script=Hiragana}ー・･゠\s\u3000]+$/u;

export const NameSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(300).describe('The name as written in the KYC record, in any script (e.g. 山田 太郎, Ivan Petrov)'),
    kana: z.string().trim().min(1).max(300).regex(KANA, 'kana is written in katakana or hiragana').optional().describe('Furigana reading of the name, in katakana or hiragana (e.g. ヤマダ タロウ): how a kanji name is read'),
    latin: z.string().trim().min(1).max(300).optional().describe('The romanised form as in the passport (e.g. YAMADA TARO)'),
    kind: z.enum(['primary', 'alias', 'former', 'trade']).optional().describe('primary (the legal name), alias, former (e.g. a maiden name) or trade (a trading name); default: the first name is primary'),
  })
  .describe('A name of the party');

export const AddressSchema = z
  .strictObject({
    lines: z.array(z.string().trim().min(1).max(300)).max(6).optional().describe('Street address lines'),
    city: z.string().trim().min(1).max(200).optional().describe('City, ward or municipality'),
    region: z.string().trim().min(1).max(200).optional().describe('Prefecture, state or region'),
    postcode: z.string().trim().min(1).max(20).optional().describe('Postal code'),
    country: CountrySchema,
  })
  .describe('A postal address');

export const WalletSchema = z
  .strictObject({
    address: z.string().trim().min(1).max(256).describe('The wallet address as the customer registered it'),
    chain: z.enum(CHAINS).optional().describe('The chain the address is on; without it, every chain the address is valid on'),
  })
  .describe('A wallet the customer registered (withdrawal whitelist, self-hosted wallet declaration)');

const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'an id is 1-128 characters of A-Z a-z 0-9 . _ : -');

const names = z.array(NameSchema).min(1).max(50).describe('The party’s names; the primary one first (or marked kind: primary)');

const personFields = {
  type: z.literal('person').describe('A natural person'),
  names,
  birthDate: PartialDateSchema.optional().describe('Date of birth: YYYY, YYYY-MM or YYYY-MM-DD'),
  gender: z.enum(['male', 'female', 'other']).optional().describe('Gender as recorded'),
  nationalities: z.array(CountrySchema).max(10).optional().describe('Nationalities, ISO 3166-1 alpha-2'),
  residence: CountrySchema.optional().describe('Country of residence, ISO 3166-1 alpha-2'),
  documents: z
    .array(
      z
        .strictObject({
          type: z.enum(['passport', 'national-id', 'residence-card', 'driving-licence', 'my-number', 'other']).describe('Kind of identity document'),
          number: z.string().trim().min(1).max(64).describe('Document number'),
          country: CountrySchema.optional().describe('Issuing country'),
          expires: DateSchema.optional().describe('Expiry date YYYY-MM-DD'),
        })
        .describe('An identity document checked at onboarding'),
    )
    .max(20)
    .optional()
    .describe('Identity documents'),
  occupation: z.string().trim().min(1).max(200).optional().describe('Occupation'),
};

const legalFields = {
  type: z.literal('legal').describe('A legal person (company, foundation, association …)'),
  names,
  registrationNumber: z.string().trim().min(1).max(64).optional().describe('Corporate number (法人番号, 13 digits) or the foreign register number'),
  jurisdiction: CountrySchema.optional().describe('Country of incorporation, ISO 3166-1 alpha-2'),
  incorporationDate: PartialDateSchema.optional().describe('Date of incorporation: YYYY, YYYY-MM or YYYY-MM-DD'),
  legalForm: z.string().trim().min(1).max(100).optional().describe('Legal form, e.g. 株式会社, GmbH, LLC'),
};

const contactFields = {
  addresses: z.array(AddressSchema).max(20).optional().describe('Postal addresses'),
  phone: z.string().trim().min(1).max(40).optional().describe('Telephone number'),
  email: z.string().trim().min(3).max(254).optional().describe('E-mail address'),
};

/** An owner or director: a person or legal party without wallets, optionally with its own id at the exchange. */
const partyId = id.optional().describe('The party’s own customer id at the exchange, if it is a customer too');

export const PersonPartySchema = z
  .strictObject({ id: partyId, ...personFields, ...contactFields })
  .describe('A natural person named as an owner or director');

/**
 * A legal party with its own owners: the recursion is written with a getter (zod 4), so that
 * z.toJSONSchema emits a $ref cycle instead of recursing for ever.
 */
export const LegalPartySchema = z
  .strictObject({
    id: partyId,
    ...legalFields,
    ...contactFields,
    get owners() {
      return z.array(OwnerSchema).max(100).optional().describe('Its owners, with their shares (ownership chains)');
    },
  })
  .describe('A legal person named as an owner or director');

export const PartySchema = z.discriminatedUnion('type', [PersonPartySchema, LegalPartySchema]).meta({ id: 'Party', description: 'A natural or legal person related to a customer' });

export const OwnerSchema: z.ZodType<Owner> = z
  .strictObject({
    share: z.number().gt(0).lte(100).describe('Share of ownership or voting rights in percent (0 < share ≤ 100)'),
    get party() {
      return PartySchema;
    },
  })
  .meta({ id: 'Owner', description: 'A beneficial owner and its share' });

export const DirectorSchema = z
  .strictObject({
    role: z.string().trim().min(1).max(100).optional().describe('Role, e.g. 代表取締役 (representative director), director, auditor'),
    party: PartySchema,
  })
  .describe('A director or officer');

const customerCommon = {
  id: id.describe('The exchange’s own customer id (1-128 characters of A-Z a-z 0-9 . _ : -)'),
  ...contactFields,
  wallets: z.array(WalletSchema).max(200).optional().describe('Wallets the customer registered'),
  riskRating: z.enum(['low', 'medium', 'high']).optional().describe('The exchange’s own risk rating of the customer'),
  accountOpened: DateSchema.optional().describe(
    'The day the exchange opened the account, YYYY-MM-DD. Send it for customers older than Sekisho’s record of them (an initial import): monitoring counts an account’s age from the earlier of this day and the first customer.onboarded it received, so that long-standing customers do not look new',
  ),
  offboarded: z
    .strictObject({
      date: DateSchema.describe('The day the exchange ended the relationship, YYYY-MM-DD'),
      reason: z.string().trim().min(1).max(300).optional().describe('Why, as the exchange records it (e.g. sanctions, Russia policy, suspicious activity, customer request)'),
    })
    .optional()
    .describe('The exchange has ended the relationship (exit). Sekisho keeps the record and its screening; monitoring flags other customers that share identifiers with it (rule 29: re-onboarding through another person or company)'),
};

export const PersonCustomerSchema = z.strictObject({ ...customerCommon, ...personFields }).meta({ id: 'PersonCustomer', description: 'A customer who is a natural person' });

export const LegalCustomerSchema = z
  .strictObject({
    ...customerCommon,
    ...legalFields,
    owners: z.array(OwnerSchema).max(100).optional().describe('Beneficial owners, with their shares'),
    directors: z.array(DirectorSchema).max(100).optional().describe('Directors and officers'),
  })
  .superRefine((customer, ctx) => {
    // Every owner must be screened: a chain deeper than parties.ts walks is refused, not cut.
    const depth = Math.max(ownershipDepth(customer.owners), ...(customer.directors ?? []).map((d) => (d.party.type === 'legal' ? ownershipDepth((d.party as LegalParty).owners) : 0)));
    if (depth > MAX_OWNERSHIP_DEPTH) ctx.addIssue({ code: 'custom', path: ['owners'], message: `the ownership chain is ${depth} levels deep; at most ${MAX_OWNERSHIP_DEPTH} are accepted` });
  })
  .meta({ id: 'LegalCustomer', description: 'A customer that is a legal person (ownership chains up to 10 levels)' });

/** How many levels of owners (owners of owners …) a customer record may name; each is screened. */
export const MAX_OWNERSHIP_DEPTH = 10;

/** The number of owner levels below a record (0 without owners). */
export function ownershipDepth(owners: Owner[] | undefined): number {
  let deepest = 0;
  for (const o of owners ?? []) deepest = Math.max(deepest, 1 + (o.party.type === 'legal' ? ownershipDepth((o.party as LegalParty).owners) : 0));
  return deepest;
}

export const CustomerSchema = z.discriminatedUnion('type', [PersonCustomerSchema, LegalCustomerSchema]).meta({ id: 'Customer', description: 'A customer record with its KYC data' });

export type PersonParty = z.infer<typeof PersonPartySchema>;
export interface LegalParty extends Omit<z.infer<typeof LegalPartySchema>, 'owners'> {
  owners?: Owner[];
}
export type Party = PersonParty | LegalParty;
export interface Owner {
  share: number;
  party: Party;
}
export type Customer = z.infer<typeof CustomerSchema>;
export type PersonCustomer = z.infer<typeof PersonCustomerSchema>;
export type LegalCustomer = z.infer<typeof LegalCustomerSchema>;
