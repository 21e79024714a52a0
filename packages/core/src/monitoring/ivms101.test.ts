import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PartySchema } from '../customers/index.ts';
import { completeness, isLei, readIvms101 } from './ivms101.ts';

/**
 * IVMS101 interVASP data model standard, Issue 1 FINAL (2020), §8.1 "Example 1": VASP A, for
 * Dr Alice Smith (geographic address in Walnut, California; customer identification 1002390;
 * account 10023909), sends 1 BTC to Bob Barnes at VASP B; VASP A carries its LEI. Built from the
 * element table of §8.1 in the JSON form of §5-§6 (nested entities as in TRISA's and CODE's
 * published payloads).
 */
const SPEC_EXAMPLE_1 = {
  originator: {
    originatorPersons: [
      {
        naturalPerson: {
          name: { nameIdentifier: [{ primaryIdentifier: 'Smith', secondaryIdentifier: 'Dr Alice', nameIdentifierType: 'LEGL' }] },
          geographicAddress: [{ addressType: 'GEOG', streetName: 'Potential Street', buildingNumber: '24', buildingName: 'Weathering Views', postcode: '91765', townName: 'Walnut', countrySubDivision: 'California', country: 'US' }],
          customerIdentification: '1002390',
        },
      },
    ],
    accountNumber: ['10023909'],
  },
  beneficiary: {
    beneficiaryPersons: [{ naturalPerson: { name: { nameIdentifier: [{ primaryIdentifier: 'Barnes', secondaryIdentifier: 'Robert', nameIdentifierType: 'LEGL' }] } } }],
    accountNumber: ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'],
  },
  originatingVASP: {
    originatingVASP: {
      legalPerson: {
        name: { nameIdentifier: [{ legalPersonName: 'VASP A', legalPersonNameIdentifierType: 'LEGL' }] },
        nationalIdentification: { nationalIdentifier: '3M5E1GQKGL17HI8CPN20', nationalIdentifierType: 'LEIX' },
      },
    },
  },
};

/**
 * IVMS101 (2020) §8.2 "Example 2": VASP C, for the sole trader 吴信利 (Xinli Wu, resident in
 * Tanzania, identified by his BRELA registration 446005, RA000553), sends 1 ETH to ABC Limited
 * (trading as CBA Trading) at VASP D, through the intermediary VASP E; names transliterated
 * from Han. The standard's example names no originator account number.
 */
const SPEC_EXAMPLE_2 = {
  originator: {
    originatorPersons: [
      {
        naturalPerson: {
          name: {
            nameIdentifier: [{ primaryIdentifier: 'Wu', secondaryIdentifier: 'Xinli', nameIdentifierType: 'LEGL' }],
            localNameIdentifier: [{ primaryIdentifier: '吴', secondaryIdentifier: '信利', nameIdentifierType: 'LEGL' }],
          },
          nationalIdentification: { nationalIdentifier: '446005', nationalIdentifierType: 'RAID', registrationAuthority: 'RA000553' },
          countryOfResidence: 'TZ',
        },
      },
    ],
  },
  beneficiary: {
    beneficiaryPersons: [
      {
        legalPerson: {
          name: {
            nameIdentifier: [
              { legalPersonName: 'ABC Limited', legalPersonNameIdentifierType: 'LEGL' },
              { legalPersonName: 'CBA Trading', legalPersonNameIdentifierType: 'TRAD' },
            ],
          },
        },
      },
    ],
    accountNumber: ['00010190CBATRAD'],
  },
  payloadMetadata: { transliterationMethod: ['hani'] },
  transferPath: { transferPath: [{ intermediaryVASP: { legalPerson: { name: { nameIdentifier: [{ legalPersonName: 'VASP E', legalPersonNameIdentifierType: 'LEGL' }] } } }, sequence: 0 }] },
};

/** A complete payload of a withdrawal from a Japanese exchange to a Singapore VASP (2020 names). */
const fullPayload = () => ({
  originator: {
    originatorPersons: [
      {
        naturalPerson: {
          name: {
            nameIdentifier: [{ primaryIdentifier: 'YAMADA', secondaryIdentifier: 'TARO', nameIdentifierType: 'LEGL' }],
            localNameIdentifier: [{ primaryIdentifier: '山田', secondaryIdentifier: '太郎', nameIdentifierType: 'LEGL' }],
            phoneticNameIdentifier: [{ primaryIdentifier: 'ヤマダ', secondaryIdentifier: 'タロウ', nameIdentifierType: 'LEGL' }],
          },
          geographicAddress: [{ addressType: 'HOME', streetName: 'Chiyoda', buildingNumber: '1-1', postcode: '100-0001', townName: 'Chiyoda-ku', countrySubDivision: 'Tokyo', country: 'JP' }],
          nationalIdentification: { nationalIdentifier: 'TR1234567', nationalIdentifierType: 'CCPT', countryOfIssue: 'JP' },
          customerIdentification: 'C-1',
          dateAndPlaceOfBirth: { dateOfBirth: '1980-04-01', placeOfBirth: 'Osaka' },
          countryOfResidence: 'JP',
        },
      },
    ],
    accountNumber: ['C-1'],
  },
  beneficiary: {
    beneficiaryPersons: [{ naturalPerson: { name: { nameIdentifier: [{ primaryIdentifier: 'Lee', secondaryIdentifier: 'Wei', nameIdentifierType: 'LEGL' }] }, countryOfResidence: 'SG' } }],
    accountNumber: ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
  },
  originatingVASP: {
    originatingVASP: {
      legalPerson: {
        name: { nameIdentifier: [{ legalPersonName: 'Sekisho Exchange KK', legalPersonNameIdentifierType: 'LEGL' }] },
        geographicAddress: [{ addressType: 'GEOG', addressLine: ['1-1 Marunouchi', 'Chiyoda-ku'], townName: 'Tokyo', country: 'JP' }],
        nationalIdentification: { nationalIdentifier: '5493001KJTIIGC8Y1R12', nationalIdentifierType: 'LEIX' },
        countryOfRegistration: 'JP',
      },
    },
  },
  beneficiaryVASP: {
    beneficiaryVASP: {
      legalPerson: {
        name: { nameIdentifier: [{ legalPersonName: 'Merlion Digital Pte Ltd', legalPersonNameIdentifierType: 'LEGL' }] },
        nationalIdentification: { nationalIdentifier: '201912345K', nationalIdentifierType: 'RAID', registrationAuthority: 'RA000523' },
        countryOfRegistration: 'SG',
      },
    },
  },
});

const everyPartyValid = (r: ReturnType<typeof readIvms101>) => {
  for (const p of [...r.originators, ...r.beneficiaries, ...[r.originatingVasp, r.beneficiaryVasp, ...r.intermediaryVasps].flatMap((v) => (v?.party ? [v.party] : []))]) assert.ok(PartySchema.safeParse(p).success, JSON.stringify(p));
};

test('IVMS101 §8.1 Example 1 parses without a problem and maps onto Party', () => {
  const r = readIvms101(SPEC_EXAMPLE_1);
  assert.deepEqual(r.problems, []);
  everyPartyValid(r);
  const alice = r.originators[0]!;
  assert.equal(alice.type, 'person');
  assert.deepEqual(alice.names, [{ name: 'Smith Dr Alice', kind: 'primary' }]);
  assert.deepEqual(alice.addresses, [{ lines: ['Weathering Views', '24 Potential Street'], city: 'Walnut', region: 'California', postcode: '91765', country: 'US' }]);
  assert.equal(r.originatorPersons[0]!.customerIdentification, '1002390');
  assert.deepEqual(r.originatorAccounts, ['10023909']);
  assert.equal(r.beneficiaries[0]!.names[0]!.name, 'Barnes Robert');
  assert.deepEqual(r.beneficiaryAccounts, ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2']);
  assert.equal(r.originatingVasp?.name, 'VASP A');
  assert.equal(r.originatingVasp?.lei, '3M5E1GQKGL17HI8CPN20');
  // The standard's illustrative LEI does not carry valid ISO 17442 check digits.
  assert.equal(r.originatingVasp?.leiCheckDigits, false);
  assert.equal(r.originatingVasp?.country, undefined);
  // Complete under FATF R.16 (address for the originator) and under the Japanese set.
  for (const direction of ['in', 'out'] as const) {
    assert.deepEqual(completeness({ ...r.originatorPersons[0]!, accountNumbers: r.originatorAccounts }, 'originator', direction), { complete: true, missing: [] });
    assert.deepEqual(completeness({ ...r.beneficiaryPersons[0]!, accountNumbers: r.beneficiaryAccounts }, 'beneficiary', direction), { complete: true, missing: [] });
  }
});

test('IVMS101 §8.2 Example 2: local-script names, a legal beneficiary with a trading name, an intermediary VASP', () => {
  const r = readIvms101(SPEC_EXAMPLE_2);
  assert.deepEqual(r.problems, []);
  everyPartyValid(r);
  const wu = r.originators[0]!;
  assert.deepEqual(wu.names[0], { name: '吴 信利', latin: 'Wu Xinli', kind: 'primary' });
  assert.equal(wu.type === 'person' && wu.residence, 'TZ');
  assert.deepEqual(wu.type === 'person' && wu.documents, [{ type: 'other', number: '446005' }]);
  const abc = r.beneficiaries[0]!;
  assert.equal(abc.type, 'legal');
  assert.deepEqual(abc.names, [
    { name: 'ABC Limited', kind: 'primary' },
    { name: 'CBA Trading', kind: 'trade' },
  ]);
  assert.deepEqual(
    r.intermediaryVasps.map((v) => v.name),
    ['VASP E'],
  );
  // The example names no originator account number: the travel rule finds it missing; the
  // national identifier satisfies the identification requirement for an incoming transfer.
  assert.deepEqual(completeness({ ...r.originatorPersons[0]!, accountNumbers: r.originatorAccounts }, 'originator', 'in'), { complete: false, missing: ['account number'] });
});

test('IVMS 101.2023 field names, CODE PascalCase entities, TRISA postCode and an unwrapped VASP are read alike', () => {
  const r = readIvms101({
    payloadMetadata: { payloadVersion: '101.2023' },
    Originator: {
      originatorPerson: [
        {
          naturalPerson: {
            name: { nameIdentifier: [{ primaryIdentifier: 'Howard', secondaryIdentifier: 'Jane', naturalPersonNameIdentifierType: 'LEGL' }] },
            geographicAddress: [{ addressType: 'HOME', streetName: 'Greystone Street', buildingNumber: '28', postCode: '38017', townName: 'Collierville', countrySubDivision: 'TN', country: 'us' }],
          },
          accountNumber: ['14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v'],
        },
      ],
    },
    Beneficiary: { beneficiaryPerson: [{ legalPerson: { name: { nameIdentifier: [{ legalPersonName: 'Bob VASP Customer Ltd', legalPersonNameIdentifierType: 'LEGL' }] }, customerIdentification: 'B-77', countryOfRegistration: 'GB' } }], accountNumber: ['14WU745djqecaJ1gmtWQGeMCFim1W5MNp3'] },
    beneficiaryVASP: { legalPerson: { name: { nameIdentifier: [{ legalPersonName: "Bob's Discount VASP, PLC", legalPersonNameIdentifierType: 'LEGL' }] }, countryOfRegistration: 'GB' } },
  });
  assert.deepEqual(r.problems, []);
  assert.equal(r.version, '101.2023');
  assert.equal(r.originators[0]!.addresses![0]!.postcode, '38017');
  assert.equal(r.originators[0]!.addresses![0]!.country, 'US');
  assert.deepEqual(r.originatorAccounts, ['14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v']);
  assert.equal(r.beneficiaryPersons[0]!.customerIdentification, 'B-77');
  assert.equal(r.beneficiaryVasp?.country, 'GB');
  assert.equal(r.beneficiaryVasp?.countryVia, 'registration');
});

test('a full, correct payload parses without problems and passes completeness on both sides', () => {
  const r = readIvms101(fullPayload());
  assert.deepEqual(r.problems, []);
  everyPartyValid(r);
  assert.deepEqual(r.originators[0]!.names[0], { name: '山田 太郎', latin: 'YAMADA TARO', kana: 'ヤマダ タロウ', kind: 'primary' });
  const taro = r.originators[0]!;
  assert.equal(taro.type === 'person' && taro.birthDate, '1980-04-01');
  assert.deepEqual(taro.type === 'person' && taro.documents, [{ type: 'passport', number: 'TR1234567', country: 'JP' }]);
  assert.equal(r.originatingVasp?.lei, '5493001KJTIIGC8Y1R12');
  assert.equal(r.originatingVasp?.leiCheckDigits, true);
  assert.equal(r.beneficiaryVasp?.country, 'SG');
  for (const direction of ['out', 'in'] as const) {
    assert.ok(completeness({ ...r.originatorPersons[0]!, accountNumbers: r.originatorAccounts }, 'originator', direction).complete);
    assert.ok(completeness({ ...r.beneficiaryPersons[0]!, accountNumbers: r.beneficiaryAccounts }, 'beneficiary', direction).complete);
  }
});

test('each deviation is a problem with its JSON path, and what can be read is still read', () => {
  const p = fullPayload();
  const b = p.beneficiary.beneficiaryPersons as unknown[];
  b.push({ naturalPerson: { name: { nameIdentifier: [{ secondaryIdentifier: 'Ivan', nameIdentifierType: 'LEGL' }] } } }); // [1] no primaryIdentifier
  b.push({ naturalPerson: { name: { nameIdentifier: [{ primaryIdentifier: 'Petrov', nameIdentifierType: 'NICK' }] }, countryOfResidence: 'RUS' } }); // [2]
  b.push({ accountNumber: ['x'] }); // [3] neither natural nor legal
  b.push({ naturalPerson: { geographicAddress: [] } }); // [4] no name
  const r = readIvms101(p);
  const has = (prefix: string, text: RegExp) => assert.ok(r.problems.some((x) => x.startsWith(prefix) && text.test(x)), `${prefix} ${text}: ${r.problems.join(' | ')}`);
  has('beneficiary.beneficiaryPersons[1].naturalPerson.name.nameIdentifier[0]', /missing primaryIdentifier/);
  has('beneficiary.beneficiaryPersons[2].naturalPerson.name.nameIdentifier[0].nameIdentifierType', /unknown name type "NICK"/);
  has('beneficiary.beneficiaryPersons[2].naturalPerson.name.nameIdentifier', /no legal name \(type LEGL\), constraint C6/);
  has('beneficiary.beneficiaryPersons[2].naturalPerson.countryOfResidence', /"RUS" is not an ISO 3166-1 alpha-2/);
  has('beneficiary.beneficiaryPersons[3]', /neither naturalPerson nor legalPerson/);
  has('beneficiary.beneficiaryPersons[4].naturalPerson.name', /missing name/);
  // Petrov is still read (as an alias, the only name he has), without the bad country.
  const petrov = r.beneficiaryPersons[2]!.party!;
  assert.equal(petrov.names[0]!.name, 'Petrov');
  assert.equal(petrov.type === 'person' && petrov.residence, undefined);
  assert.equal(r.beneficiaryPersons[3]!.party, undefined);
  assert.equal(r.beneficiaries.length, 3); // Lee Wei, "Ivan" (secondary only), Petrov
});

test('legal-person constraints: a bad LEI, a countryOfIssue, an identifier without its registration authority', () => {
  const r = readIvms101({
    originator: { originatorPersons: [{ legalPerson: { name: { nameIdentifier: [{ legalPersonName: 'Lion Gate Trading', legalPersonNameIdentifierType: 'SHRT' }] }, nationalIdentification: { nationalIdentifier: '12345', nationalIdentifierType: 'CCPT', countryOfIssue: 'SG' } } }], accountNumber: ['a'] },
    beneficiary: { beneficiaryPersons: [{ legalPerson: { name: { nameIdentifier: [{ legalPersonName: 'X', legalPersonNameIdentifierType: 'LEGL' }] }, nationalIdentification: { nationalIdentifier: 'NOT-AN-LEI', nationalIdentifierType: 'LEIX' } } }], accountNumber: ['b'] },
  });
  const joined = r.problems.join('\n');
  assert.match(joined, /no legal name \(type LEGL\), constraint C5/);
  assert.match(joined, /a legal person's identifier is RAID, MISC, LEIX or TXID, not CCPT \(C7\)/);
  assert.match(joined, /a legal person has no countryOfIssue \(C9\)/);
  assert.match(joined, /names its registrationAuthority \(C9\)/);
  assert.match(joined, /"NOT-AN-LEI" is not an LEI/);
});

test('address constraints: C8 (no line and no street with building), unknown address type, country XX', () => {
  const r = readIvms101({
    originator: {
      originatorPersons: [
        {
          naturalPerson: {
            name: { nameIdentifier: [{ primaryIdentifier: 'A', nameIdentifierType: 'LEGL' }] },
            geographicAddress: [
              { addressType: 'WORK', streetName: 'Nowhere Road', townName: 'Somewhere', country: 'GB' },
              { addressType: 'HOME', addressLine: ['1 Unknown St'], townName: 'Unknown', country: 'XX' },
            ],
          },
        },
      ],
      accountNumber: ['a'],
    },
    beneficiary: { beneficiaryPersons: [{ naturalPerson: { name: { nameIdentifier: [{ primaryIdentifier: 'B', nameIdentifierType: 'LEGL' }] } } }], accountNumber: ['b'] },
  });
  const joined = r.problems.join('\n');
  assert.match(joined, /geographicAddress\[0\]\.addressType: unknown address type "WORK"/);
  assert.match(joined, /geographicAddress\[0\]: neither addressLine nor streetName with buildingName or buildingNumber \(C8\)/);
  assert.match(joined, /geographicAddress\[1\]\.country: country XX \(unknown state\)/);
  assert.equal(r.originators[0]!.addresses?.length, 1);
});

test('never throws: garbage in, problems out', () => {
  for (const junk of [undefined, null, 42, 'ivms', [], [1, 2], { originator: 5 }, { originator: { originatorPersons: 'x' } }, { originator: { originatorPersons: [null, 7, { naturalPerson: 'x' }, { naturalPerson: { name: 5 } }] }, beneficiary: { beneficiaryPersons: [{ legalPerson: { name: { nameIdentifier: [null] } } }], accountNumber: 9 } }, { transferPath: { transferPath: [{ sequence: 3 }, 'x'] } }]) {
    const r = readIvms101(junk);
    assert.ok(r.problems.length > 0, JSON.stringify(junk));
  }
  assert.deepEqual(readIvms101('x').problems, ['(root): the payload is not a JSON object']);
  assert.match(readIvms101({ originator: {}, beneficiary: {} }).problems.join('\n'), /originator: missing originatorPersons/);
  assert.match(readIvms101({ transferPath: { transferPath: [{ intermediaryVASP: {}, sequence: 1 }] } }).problems.join('\n'), /do not run 0, 1, 2 … \(C12\)/);
});

test('completeness: FATF options for an incoming originator, Japan\'s for an outgoing one; the beneficiary needs name and account', () => {
  const person = { type: 'person' as const, names: [{ name: 'Ivan Petrov' }] };
  assert.deepEqual(completeness({ party: person, accountNumbers: ['a'] }, 'originator', 'in').missing, ['address, national identity number, customer identification number, or date and place of birth']);
  // Date of birth alone is not "date and place of birth".
  assert.equal(completeness({ party: { ...person, birthDate: '1970-01-01' }, accountNumbers: ['a'] }, 'originator', 'in').complete, false);
  assert.equal(completeness({ party: { ...person, birthDate: '1970-01-01' }, placeOfBirth: 'Omsk', accountNumbers: ['a'] }, 'originator', 'in').complete, true);
  assert.equal(completeness({ party: { ...person, documents: [{ type: 'passport', number: '7' }] }, accountNumbers: ['a'] }, 'originator', 'in').complete, true);
  // Outgoing (Japan): address or customer identification number.
  assert.deepEqual(completeness({ party: { ...person, documents: [{ type: 'passport', number: '7' }] }, accountNumbers: ['a'] }, 'originator', 'out').missing, ['address or customer identification number']);
  assert.equal(completeness({ party: person, customerIdentification: 'C-9', accountNumbers: ['a'] }, 'originator', 'out').complete, true);
  assert.deepEqual(completeness({ party: person }, 'beneficiary', 'out').missing, ['account number']);
  assert.deepEqual(completeness({ accountNumbers: ['a'] }, 'beneficiary', 'in').missing, ['name']);
  assert.deepEqual(completeness({ party: { type: 'legal', names: [{ name: 'X Ltd' }] }, accountNumbers: ['a'] }, 'originator', 'in').missing, ['address, registration number or customer identification number']);
});

test('isLei checks the ISO 17442 check digits', () => {
  assert.equal(isLei('5493001KJTIIGC8Y1R12'), true);
  assert.equal(isLei('5493001KJTIIGC8Y1R13'), false);
  assert.equal(isLei('short'), false);
});
