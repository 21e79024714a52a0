/**
 * @module model/ftm
 * Flattens an entity to FollowTheMoney properties (https://followthemoney.tech), the form
 * OpenSanctions and yente exchange: names by kind to name/alias/previousName/weakAlias, name
 * parts to firstName/lastName/..., dates as ISO prefixes, identifiers to their FtM properties,
 * wallets as separate CryptoWallet entities holding `holder` → the entity.
 */
import type { Entity, IdentifierType, PartialDate } from './entity.ts';

const NAME_PROPERTY = { primary: 'name', aka: 'alias', fka: 'previousName', weak: 'weakAlias' } as const;
const ID_PROPERTY: Partial<Record<IdentifierType, string>> = {
  passport: 'passportNumber', nationalId: 'idNumber', taxNumber: 'taxNumber', inn: 'innCode', ogrn: 'ogrnCode',
  kpp: 'kppCode', okpo: 'okpoCode', registrationNumber: 'registrationNumber', imo: 'imoNumber', mmsi: 'mmsi',
  swiftBic: 'swiftBic', lei: 'leiCode', socialSecurity: 'socialSecurityNumber', email: 'email', phone: 'phone', website: 'website',
};

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

function dateValues(d: PartialDate): string[] {
  if (d.date) return [d.date];
  return [d.from, d.to].filter((x): x is string => !!x);
}

/** The entity and its wallets as FtM entities. */
export function toFtm(entity: Entity): FtmEntity[] {
  const props: Record<string, string[]> = {};
  const add = (key: string, value: string | undefined) => {
    if (!value) return;
    const list = (props[key] ??= []);
    if (!list.includes(value)) list.push(value);
  };
  for (const n of entity.names) {
    add(NAME_PROPERTY[n.kind], n.full);
    if (n.parts) for (const [k, v] of Object.entries(n.parts)) add(k, v);
  }
  for (const d of entity.birthDates) for (const v of dateValues(d)) add('birthDate', v);
  for (const [k, values] of Object.entries(entity.properties)) for (const v of values ?? []) add(k, v);
  for (const id of entity.identifiers) add(ID_PROPERTY[id.type] ?? 'idNumber', id.value);
  const out: FtmEntity[] = [{ id: entity.id, schema: entity.schema, properties: props }];
  for (const w of entity.wallets) {
    out.push({
      id: `${entity.id}:wallet:${w.currency}:${w.address}`,
      schema: 'CryptoWallet',
      properties: { publicKey: [w.address], currency: [w.currency], holder: [entity.id] },
    });
  }
  return out;
}
