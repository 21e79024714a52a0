/**
 * @module monitoring/scenarios/ordinary
 * Ordinary customers of a Japanese crypto-asset exchange: mostly Japanese residents and nationals,
 * some foreign residents of Japan (Chinese, Korean, Vietnamese, American, a few Russian and
 * Ukrainian nationals: resident in Japan, with Japanese phones, Japanese or webmail addresses,
 * ja-JP or en-US browsers, Asia/Tokyo), and Japanese companies. Each logs in from two or three
 * fixed Japanese addresses and devices, sometimes from abroad on a trip (KR, TW, TH, US …), pays
 * JPY in from its own bank account (monthly savings on payday, irregular top-ups), trades, sends
 * crypto to its declared self-hosted wallets or to its account at a domestic VASP (travel-rule
 * data: itself as beneficiary, the VASP in JP), receives from them, and cashes out to its bank.
 * Amounts are log-normal; every transfer and trade carries its yen value.
 *
 * Benign look-alikes of the typologies are part of the population on purpose, so that a rule is
 * tested against what it must not catch: a new Singapore subsidiary of a Japanese group (rule 30
 * without Russian ties), home miners connecting by stratum from Japan (rule 35 from an allowed
 * country), Russian nationals who live in Japan (rules 10-12 must not fire on nationality alone;
 * rule 13 does by its policy, see `note`), households sharing a home IP (rule 29 below its
 * threshold), travellers, and payments between customers (`ordinaryPayments`: rent shares,
 * friends settling up, a test transfer before a payment, a payment split in two, payroll) for the
 * transfer-graph rules (25, 26, 28) to leave alone.
 *
 * The behaviour is not tuned to stay under any one rule's line, but its frequencies follow the
 * rules' reasoning about ordinary customers (research/monitoring.md §3.2): a retail customer
 * moves money a few times a month, rarely more than twice a day, withdraws part of its holdings
 * rather than every deposit at once, and rarely moves more than its income in a month. Some noise
 * remains (large one-off cash-outs, travellers, busy traders): the target is at most 2% of
 * ordinary customers alerted (issue 7), not none.
 */
import type { Customer } from '../../customers/schema.ts';
import { Actor, type Device, type GenContext, DAY, HOUR, MINUTE, OFFICE_HOURS, RETAIL_HOURS, atJstHour, freshAddress, newDevice } from './actor.ts';
import { ASSETS, type Asset } from './assets.ts';
import type { IpRegion } from './ips.ts';
import {
  DOMESTIC_VASPS,
  type ForeignNationality,
  OCCUPATIONS,
  birthDate,
  corporateNumber,
  dateBefore,
  email,
  foreignName,
  japaneseAddress,
  japaneseCompanyName,
  japaneseLandline,
  japaneseName,
  japanesePhone,
} from './people.ts';
import type { Random } from './random.ts';

/** How a customer uses the account. */
export type OrdinaryProfile = 'dormant' | 'casual' | 'saver' | 'trader' | 'whale' | 'company' | 'subsidiary' | 'miner';

interface ProfileSpec {
  /** Logins per week. */
  logins: readonly [number, number];
  /** Irregular fiat deposits per 30 days (mean), their median and log-sigma. */
  deposits: number;
  depositMedian: number;
  depositSigma: number;
  /** Probability per deposit that the customer buys crypto with it within two days. */
  buyAfterDeposit: number;
  /** Trades per session (mean) beyond buying after deposits. */
  tradesPerSession: number;
  /** Median trade size. */
  tradeMedian: number;
  /** Crypto withdrawals per 60 days (mean). */
  withdrawals: number;
  /** Crypto deposits per 60 days (mean), their median value. */
  cryptoDeposits: number;
  cryptoDepositMedian: number;
  /** Fiat withdrawals (cash-outs) per 60 days (mean). */
  cashOuts: number;
  /** Value held at the exchange before the stream: median JPY and log-sigma. */
  holdings: number;
  holdingsSigma: number;
  /** Share of its holdings of an asset a withdrawal takes. */
  withdrawShare: readonly [number, number];
  /** Share of crypto withdrawals that go to the customer's own self-hosted wallets (the rest to its account at a domestic VASP). */
  selfHosted: number;
  hours: readonly number[];
}

const PROFILES: Record<OrdinaryProfile, ProfileSpec> = {
  dormant: { logins: [0.1, 0.5], deposits: 0.15, depositMedian: 30_000, depositSigma: 0.9, buyAfterDeposit: 0.8, tradesPerSession: 0.1, tradeMedian: 20_000, withdrawals: 0.05, cryptoDeposits: 0.03, cryptoDepositMedian: 50_000, cashOuts: 0.05, holdings: 60_000, holdingsSigma: 1.3, withdrawShare: [0.2, 0.9], selfHosted: 0.6, hours: RETAIL_HOURS },
  casual: { logins: [0.7, 3], deposits: 0.8, depositMedian: 50_000, depositSigma: 1, buyAfterDeposit: 0.85, tradesPerSession: 0.25, tradeMedian: 30_000, withdrawals: 0.15, cryptoDeposits: 0.1, cryptoDepositMedian: 80_000, cashOuts: 0.15, holdings: 150_000, holdingsSigma: 1.3, withdrawShare: [0.2, 0.9], selfHosted: 0.6, hours: RETAIL_HOURS },
  saver: { logins: [0.3, 1.2], deposits: 0.1, depositMedian: 50_000, depositSigma: 0.8, buyAfterDeposit: 0.9, tradesPerSession: 0.05, tradeMedian: 20_000, withdrawals: 0.2, cryptoDeposits: 0.02, cryptoDepositMedian: 50_000, cashOuts: 0.03, holdings: 300_000, holdingsSigma: 1.2, withdrawShare: [0.3, 0.9], selfHosted: 0.7, hours: RETAIL_HOURS },
  trader: { logins: [4, 12], deposits: 1.5, depositMedian: 200_000, depositSigma: 1, buyAfterDeposit: 0.7, tradesPerSession: 1.8, tradeMedian: 60_000, withdrawals: 0.5, cryptoDeposits: 0.4, cryptoDepositMedian: 200_000, cashOuts: 0.7, holdings: 800_000, holdingsSigma: 1.1, withdrawShare: [0.2, 0.7], selfHosted: 0.5, hours: RETAIL_HOURS },
  whale: { logins: [2, 6], deposits: 1, depositMedian: 1_200_000, depositSigma: 0.8, buyAfterDeposit: 0.8, tradesPerSession: 0.8, tradeMedian: 500_000, withdrawals: 0.8, cryptoDeposits: 0.4, cryptoDepositMedian: 1_000_000, cashOuts: 0.6, holdings: 5_000_000, holdingsSigma: 0.8, withdrawShare: [0.1, 0.5], selfHosted: 0.5, hours: RETAIL_HOURS },
  company: { logins: [2, 5], deposits: 1.2, depositMedian: 3_000_000, depositSigma: 1, buyAfterDeposit: 0.8, tradesPerSession: 0.3, tradeMedian: 1_000_000, withdrawals: 0.6, cryptoDeposits: 0.3, cryptoDepositMedian: 2_000_000, cashOuts: 0.3, holdings: 6_000_000, holdingsSigma: 1, withdrawShare: [0.1, 0.5], selfHosted: 0.3, hours: OFFICE_HOURS },
  subsidiary: { logins: [1, 3], deposits: 0.8, depositMedian: 4_000_000, depositSigma: 0.8, buyAfterDeposit: 0.8, tradesPerSession: 0.2, tradeMedian: 2_000_000, withdrawals: 0.5, cryptoDeposits: 0.2, cryptoDepositMedian: 2_000_000, cashOuts: 0.2, holdings: 10_000_000, holdingsSigma: 0.8, withdrawShare: [0.1, 0.4], selfHosted: 0.3, hours: OFFICE_HOURS },
  miner: { logins: [1, 2], deposits: 0.1, depositMedian: 100_000, depositSigma: 0.8, buyAfterDeposit: 0.3, tradesPerSession: 0.2, tradeMedian: 50_000, withdrawals: 0.2, cryptoDeposits: 0, cryptoDepositMedian: 0, cashOuts: 0.5, holdings: 500_000, holdingsSigma: 1, withdrawShare: [0.2, 0.8], selfHosted: 0.8, hours: RETAIL_HOURS },
};

/** Where a customer logs in from and how: devices, fixed addresses, browser language, time zone. */
export interface Persona {
  devices: Device[];
  ips: string[];
  browserLanguage: string;
  timeZone: string;
  hours: readonly number[];
  /** A trip abroad: logins from `ip` between `from` and `to`. */
  trip?: { from: number; to: number; ip: string; timeZone: string; localTimeZone: boolean };
}

const TRIP_ZONES: Partial<Record<IpRegion, string>> = {
  KR: 'Asia/Seoul', TW: 'Asia/Taipei', TH: 'Asia/Bangkok', US: 'America/Los_Angeles', SG: 'Asia/Singapore', HK: 'Asia/Hong_Kong', GB: 'Europe/London', DE: 'Europe/Berlin', CN: 'Asia/Shanghai', VN: 'Asia/Ho_Chi_Minh',
};

/** A persona for a customer living in Japan. */
export function japanPersona(g: GenContext, rng: Random, o: { browserLanguage?: string; company?: boolean; travel?: number; home?: IpRegion; sharedIp?: string } = {}): Persona {
  const company = o.company ?? false;
  const devices: Device[] = company
    ? [newDevice(rng, g.unique, rng.chance(0.7) ? 'windows' : 'mac'), ...(rng.chance(0.4) ? [newDevice(rng, g.unique, 'windows')] : []), ...(rng.chance(0.1) ? [newDevice(rng, g.unique, 'bot')] : [])]
    : [newDevice(rng, g.unique, rng.chance(0.55) ? 'iphone' : 'android'), ...(rng.chance(0.6) ? [newDevice(rng, g.unique, rng.chance(0.75) ? 'windows' : 'mac')] : []), ...(rng.chance(0.1) ? [newDevice(rng, g.unique, 'iphone')] : [])];
  const home = o.home ?? 'JP';
  const ips = [o.sharedIp ?? g.ips.take(home), g.ips.take(home), ...(rng.chance(0.4) ? [g.ips.take(home)] : [])];
  const persona: Persona = { devices, ips, browserLanguage: o.browserLanguage ?? (rng.chance(0.93) ? 'ja-JP' : 'en-US'), timeZone: 'Asia/Tokyo', hours: company ? OFFICE_HOURS : RETAIL_HOURS };
  if (rng.chance(o.travel ?? 0)) {
    const region = rng.weighted<IpRegion>([['KR', 25], ['TW', 15], ['TH', 15], ['US', 15], ['SG', 10], ['HK', 10], ['GB', 5], ['DE', 5]]);
    const from = g.start + rng.range(0, Math.max(1, g.days - 10)) * DAY;
    persona.trip = { from, to: from + rng.range(3, 10) * DAY, ip: g.ips.take(region), timeZone: TRIP_ZONES[region] ?? 'UTC', localTimeZone: rng.chance(0.6) };
  }
  return persona;
}

/** Logs the actor in at `at` with the persona (from the trip's address during a trip). */
export function loginAs(actor: Actor, persona: Persona, at: number, o: { channel?: Device['channel']; device?: Device } = {}): void {
  const rng = actor.rng;
  const device = o.device ?? rng.pick(persona.devices);
  const trip = persona.trip && at >= persona.trip.from && at < persona.trip.to ? persona.trip : undefined;
  const ip = trip ? trip.ip : device.channel === 'app' && persona.ips.length > 1 ? rng.pick(persona.ips.slice(1)) : persona.ips[0]!;
  actor.login(at, {
    ip,
    device,
    browserLanguage: persona.browserLanguage,
    timeZone: trip?.localTimeZone ? trip.timeZone : persona.timeZone,
    ...(o.channel ? { channel: o.channel } : {}),
    success: rng.chance(0.98),
  });
}

/** The customer's own wallets: registered in the record (customer.wallets) and used as self-hosted. */
export interface OwnWallets {
  byAsset: Map<Asset, string>;
}

function ownWallets(g: GenContext, rng: Random, assets: readonly Asset[]): OwnWallets {
  return { byAsset: new Map(assets.map((a) => [a, freshAddress(g, rng, ASSETS[a].chain)])) };
}

export function walletRecords(w: OwnWallets): NonNullable<Customer['wallets']> {
  return [...w.byAsset].map(([asset, a]) => ({ address: a, chain: ASSETS[asset].chain }));
}

interface Intent {
  at: number;
  run: () => void;
}

/** Who the ordinary customer is: identity, record, persona, wallets. */
export interface OrdinaryCustomer {
  actor: Actor;
  persona: Persona;
  wallets: OwnWallets;
  profile: OrdinaryProfile;
  /** Onboarded during the stream (a new customer). */
  isNew: boolean;
  note?: string;
}

type Nationality = 'JP' | ForeignNationality;

const FOREIGN_MIX: readonly (readonly [Nationality, number])[] = [
  ['JP', 935], ['CN', 25], ['KR', 12], ['VN', 8], ['US', 7], ['PH', 5], ['RU', 3], ['UA', 2], ['GB', 2], ['FR', 1],
];

/** Chooses assets the customer holds: mostly BTC, then ETH and XRP. */
function favouriteAssets(rng: Random): Asset[] {
  const all: Asset[] = ['BTC'];
  if (rng.chance(0.45)) all.push('ETH');
  if (rng.chance(0.35)) all.push('XRP');
  if (rng.chance(0.12)) all.push('SOL');
  return all;
}

/**
 * A person's KYC record living in Japan. `nationality` other than JP gives a foreign resident
 * with a residence card and a passport.
 */
export function personRecord(g: GenContext, rng: Random, o: { id: string; nationality: Nationality; since: number; occupation?: string; riskRating?: Customer['riskRating']; wallets?: OwnWallets; emailDomains?: readonly string[] }): Customer {
  const n = o.nationality === 'JP' ? japaneseName(rng) : foreignName(rng, o.nationality);
  const address = japaneseAddress(rng);
  const documents =
    o.nationality === 'JP'
      ? [{ type: 'driving-licence' as const, number: g.unique.take('document', () => rng.digits(12)), country: 'JP' }]
      : [
          { type: 'residence-card' as const, number: g.unique.take('document', () => `${String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25))}${rng.digits(8)}${String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25))}`), country: 'JP' },
          { type: 'passport' as const, number: g.unique.take('document', () => `${String.fromCharCode(65 + rng.int(0, 25))}${rng.digits(8)}`), country: o.nationality },
        ];
  return {
    id: o.id,
    type: 'person',
    names: [{ name: n.name, ...(n.kana ? { kana: n.kana } : {}), latin: n.latin, kind: 'primary' }],
    birthDate: birthDate(rng, o.since),
    gender: n.gender,
    nationalities: [o.nationality],
    residence: 'JP',
    documents,
    occupation: o.occupation ?? rng.weighted(OCCUPATIONS.anyone),
    addresses: [address],
    phone: japanesePhone(rng, g.unique),
    email: email(rng, g.unique, n.latin, o.emailDomains),
    ...(o.wallets ? { wallets: walletRecords(o.wallets) } : {}),
    riskRating: o.riskRating ?? 'low',
  };
}

/** A Japanese company's record: 株式会社/合同会社, Japanese owners and representative director. */
export function companyRecord(g: GenContext, rng: Random, o: { id: string; since: number; wallets?: OwnWallets }): Customer {
  const c = japaneseCompanyName(rng, g.unique);
  const ceo = japaneseName(rng);
  const partner = japaneseName(rng);
  const ceoShare = rng.pick([51, 60, 67, 75, 100]);
  const ceoParty = { type: 'person' as const, names: [{ name: ceo.name, ...(ceo.kana ? { kana: ceo.kana } : {}), latin: ceo.latin }], nationalities: ['JP'], residence: 'JP', birthDate: birthDate(rng, o.since, 35, 70) };
  return {
    id: o.id,
    type: 'legal',
    names: [{ name: c.name, latin: c.latin, kind: 'primary' }],
    registrationNumber: corporateNumber(rng, g.unique),
    jurisdiction: 'JP',
    incorporationDate: dateBefore(o.since, rng.range(365, 30 * 365)),
    legalForm: c.legalForm,
    addresses: [japaneseAddress(rng)],
    phone: japaneseLandline(rng, g.unique),
    email: `info${rng.int(1, 999)}@${c.latin.split(' ')[0]!.toLowerCase()}-${rng.hex(2)}.co.jp`,
    owners: [
      { share: ceoShare, party: ceoParty },
      ...(ceoShare < 100 ? [{ share: 100 - ceoShare, party: { type: 'person' as const, names: [{ name: partner.name, latin: partner.latin }], nationalities: ['JP'], residence: 'JP' } }] : []),
    ],
    directors: [{ role: '代表取締役', party: ceoParty }],
    ...(o.wallets ? { wallets: walletRecords(o.wallets) } : {}),
    riskRating: rng.chance(0.7) ? 'low' : 'medium',
  };
}

/**
 * The ordinary behaviour of a customer over [from, to): logins, deposits, trades, withdrawals and
 * cash-outs at the profile's rates, with balances kept so that nothing is spent twice. Also the
 * background of typology customers (their cover). Returns nothing; writes into the sink.
 */
export function simulateOrdinary(c: { actor: Actor; persona: Persona; wallets: OwnWallets; profile: OrdinaryProfile }, from: number, to: number, o: { assets?: Asset[]; newCustomer?: boolean } = {}): void {
  const { actor, persona, wallets } = c;
  const g = actor.g;
  const rng = actor.rng.fork('behaviour');
  const spec = PROFILES[c.profile];
  const span = Math.max(0, to - from);
  const days = span / DAY;
  const assets = o.assets ?? [...wallets.byAsset.keys()];
  const intents: Intent[] = [];
  // Margins: a session starts up to 10 minutes before its transfer, trades follow up to 40 minutes after.
  const at = (t: number, run: () => void) => {
    if (t >= from + 15 * MINUTE && t < to - HOUR) intents.push({ at: t, run });
  };
  const dayOf = (t: number) => Math.floor((t - g.start) / DAY);
  const firstDay = Math.max(0, dayOf(from));
  const lastDay = Math.min(g.days - 1, dayOf(to - 1));
  const randomTime = (hours: readonly number[] = persona.hours) => atJstHour(g, rng, rng.int(firstDay, Math.max(firstDay, lastDay)), hours);
  const session = (t: number) => loginAs(actor, persona, t);
  const buyNow = (t: number, jpy: number) => {
    const amount = Math.min(jpy, actor.jpy);
    if (amount < 1_000) return;
    actor.buy(t, rng.weighted(assets.map((a, i) => [a, i === 0 ? 3 : 1] as const)), amount);
  };

  // Logins, with trading in some sessions.
  const weekly = rng.range(spec.logins[0], spec.logins[1]);
  const sessions = rng.poisson((weekly * days) / 7);
  for (let i = 0; i < sessions; i++) {
    const t = randomTime();
    at(t, () => {
      session(t);
      const trades = rng.poisson(spec.tradesPerSession);
      for (let k = 0; k < trades; k++) {
        const tt = t + rng.int(1, 40) * MINUTE;
        const asset = rng.pick(assets);
        const size = rng.logNormal(spec.tradeMedian, 0.9);
        if (rng.chance(0.55) && actor.jpy > 1_000) actor.buy(tt, asset, Math.min(size, actor.jpy));
        else if (actor.held(asset) > 0) actor.sell(tt, asset, Math.min(actor.held(asset), size / g.market.price(asset, tt)));
      }
    });
  }

  // Savings: a monthly transfer on payday (the 25th, or the 10th) and an automatic purchase.
  if (c.profile === 'saver') {
    const payday = rng.chance(0.7) ? 25 : 10;
    const monthly = Math.round(rng.logNormal(30_000, 0.6) / 1000) * 1000;
    for (let d = firstDay; d <= lastDay; d++) {
      const date = new Date(g.start + d * DAY + 9 * HOUR);
      if (date.getUTCDate() !== payday) continue;
      const t = atJstHour(g, rng, d, [0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
      at(t, () => actor.fiatIn(t, monthly));
      const tb = t + rng.range(1, 30) * HOUR;
      at(tb, () => buyNow(tb, monthly));
    }
  }

  // Irregular top-ups from the customer's bank, most spent on crypto within two days; at most two a day.
  const deposits = o.newCustomer ? Math.max(1, rng.poisson((spec.deposits * days) / 30)) : rng.poisson((spec.deposits * days) / 30);
  const perDay = new Map<number, number>();
  for (let i = 0; i < deposits; i++) {
    const t = o.newCustomer && i === 0 ? from + rng.range(0.1, 72) * HOUR : randomTime();
    const d = dayOf(t);
    if ((perDay.get(d) ?? 0) >= 2) continue;
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
    // A new customer starts small: a first deposit of about JPY 30,000.
    const amount = Math.round(rng.logNormal(o.newCustomer && i === 0 ? 30_000 : spec.depositMedian, spec.depositSigma) / 1000) * 1000 || 1000;
    at(t, () => actor.fiatIn(t, amount));
    if (rng.chance(spec.buyAfterDeposit)) {
      const tb = t + rng.range(0.2, 48) * HOUR;
      at(tb, () => {
        session(tb - rng.int(1, 5) * MINUTE);
        buyNow(tb, amount * rng.range(0.5, 1));
      });
    }
  }

  // Crypto sent to the customer's own wallets or to its account at a domestic VASP: part of
  // what it holds, at a moment of its choosing.
  const withdrawals = rng.poisson((spec.withdrawals * days) / 60);
  for (let i = 0; i < withdrawals; i++) {
    const t = randomTime();
    at(t, () => {
      const asset = [...assets].sort((a, b) => actor.valueJpy(b, t) - actor.valueJpy(a, t))[0]!;
      const value = actor.valueJpy(asset, t);
      if (value < 10_000) return;
      session(t - rng.int(1, 10) * MINUTE);
      const units = actor.held(asset) * rng.range(spec.withdrawShare[0], spec.withdrawShare[1]);
      if (rng.chance(spec.selfHosted)) {
        actor.withdraw(t, asset, units, { destination: wallets.byAsset.get(asset) ?? wallets.byAsset.values().next().value!, selfHosted: true, beneficiary: actor.party });
      } else {
        const vasp = rng.pick(DOMESTIC_VASPS);
        actor.withdraw(t, asset, units, { destination: vaspAccount(actor, vasp.name, asset), beneficiary: actor.party, beneficiaryVasp: vasp });
      }
    });
  }

  // Crypto coming back from the customer's own wallets or its other exchange account, often sold.
  const cryptoDeposits = rng.poisson((spec.cryptoDeposits * days) / 60);
  for (let i = 0; i < cryptoDeposits; i++) {
    const t = randomTime();
    const asset = rng.pick(assets);
    const value = rng.logNormal(spec.cryptoDepositMedian, 1);
    at(t, () => {
      const units = value / g.market.price(asset, t);
      if (rng.chance(0.6)) actor.deposit(t, asset, units, { source: wallets.byAsset.get(asset) ?? wallets.byAsset.values().next().value!, selfHosted: true });
      else {
        const vasp = rng.pick(DOMESTIC_VASPS);
        actor.deposit(t, asset, units, { source: vaspAccount(actor, `${vasp.name}/out`, asset), originator: actor.party, originatorVasp: vasp });
      }
      if (rng.chance(0.4)) {
        const ts = t + rng.range(1, 120) * HOUR;
        at(ts, () => {
          session(ts - rng.int(1, 5) * MINUTE);
          actor.sell(ts, asset, actor.held(asset) * rng.range(0.3, 1));
        });
      }
    });
  }

  // Cash-outs to the customer's bank: sell some crypto, take part of the yen out.
  const cashOuts = rng.poisson((spec.cashOuts * days) / 60);
  for (let i = 0; i < cashOuts; i++) {
    const t = randomTime();
    at(t, () => {
      session(t - rng.int(1, 10) * MINUTE);
      const asset = rng.pick(assets);
      if (actor.jpy < 20_000 && actor.held(asset) > 0) actor.sell(t - rng.int(1, 5) * MINUTE, asset, actor.held(asset) * rng.range(0.2, 0.8));
      if (actor.jpy < 10_000) return;
      actor.fiatOut(t, Math.round((actor.jpy * rng.range(0.3, 0.95)) / 1000) * 1000 || actor.jpy);
    });
  }

  runInOrder(intents);
}

/** Runs intents in time order; an intent may add follow-ups (a sale after a deposit), which take their place. */
function runInOrder(intents: Intent[]): void {
  intents.sort((a, b) => a.at - b.at);
  for (let i = 0; i < intents.length; i++) {
    const before = intents.length;
    intents[i]!.run();
    if (intents.length > before) {
      const rest = intents.splice(i + 1).sort((a, b) => a.at - b.at);
      intents.push(...rest);
    }
  }
}

/**
 * The customer's deposit address at another VASP (a withdrawal there) or that VASP's sending
 * address for it: one per customer, VASP and chain. Not a shared hot wallet: `identifiersOf`
 * links customers by deposit source, and a VASP's hot wallet would link all its customers (see
 * the report: the server should not link by the source of a VASP-originated deposit).
 */
export function vaspAccount(actor: Actor, vasp: string, asset: Asset): string {
  const key = `${vasp}|${asset}`;
  let a = actor.accountsElsewhere.get(key);
  if (!a) actor.accountsElsewhere.set(key, (a = freshAddress(actor.g, actor.rng, ASSETS[asset].chain)));
  return a;
}

/** Holdings before the stream: yen and crypto of a customer of long standing. */
function seedHoldings(actor: Actor, rng: Random, median: number, sigma: number, assets: readonly Asset[], at: number): void {
  const value = rng.logNormal(median, sigma);
  actor.jpy = Math.round(rng.logNormal(median * 0.1, 1.2));
  const weights = assets.map((_, i) => (i === 0 ? 3 : 1));
  const total = weights.reduce((s, w) => s + w, 0);
  assets.forEach((a, i) => actor.holdings.set(a, (value * weights[i]!) / total / actor.g.market.price(a, at)));
}

/**
 * One ordinary customer: who it is, its onboarding (years ago for most, during the stream for
 * about 7%), and its behaviour over the stream.
 */
export function ordinaryCustomer(g: GenContext, rng: Random, household: { lastHomeIp?: string } = {}): OrdinaryCustomer {
  const id = g.customerId(rng);
  const kind = rng.weighted<OrdinaryProfile>([
    ['dormant', 24], ['casual', 38], ['saver', 15], ['trader', 12], ['whale', 2.5], ['company', 5], ['subsidiary', 0.4], ['miner', 0.6],
  ]);
  const isNew = kind !== 'subsidiary' && rng.chance(0.07);
  const since = isNew ? g.start + rng.range(0, Math.max(1, g.days - 3)) * DAY : g.start - rng.logUniform(45, 2500) * DAY;
  const assets = kind === 'miner' ? (['BTC'] as Asset[]) : favouriteAssets(rng);
  const wallets = ownWallets(g, rng, assets);
  let customer: Customer;
  let persona: Persona;
  let note: string | undefined;
  if (kind === 'company') {
    customer = companyRecord(g, rng, { id, since, wallets });
    persona = japanPersona(g, rng, { company: true });
  } else if (kind === 'subsidiary') {
    ({ customer, persona } = subsidiary(g, rng, id, since, wallets));
    note = 'benign look-alike of rule 30: a new Singapore or Hong Kong subsidiary of a Japanese group, Japanese owners and directors';
  } else {
    const nationality = rng.weighted(FOREIGN_MIX);
    const lang = nationality === 'JP' ? undefined : nationality === 'RU' ? rng.weighted([['ja-JP', 4], ['en-US', 3], ['ru-RU', 3]]) : rng.weighted([['ja-JP', 5], ['en-US', 4], [nationality === 'CN' ? 'zh-CN' : nationality === 'KR' ? 'ko-KR' : 'en-US', 1]]);
    const emailDomains = nationality === 'RU' && rng.chance(0.4) ? ['mail.ru', 'yandex.ru'] : undefined;
    const risk = kind === 'whale' ? rng.weighted<Customer['riskRating'] & string>([['low', 6], ['medium', 4]]) : rng.weighted<Customer['riskRating'] & string>([['low', 8], ['medium', 2]]);
    const occupation = kind === 'miner' ? '自営業 (暗号資産マイニング)' : kind === 'whale' ? rng.weighted(OCCUPATIONS.wealthy) : kind === 'trader' ? rng.weighted(OCCUPATIONS.trader) : undefined;
    customer = personRecord(g, rng, { id, nationality, since, wallets, riskRating: risk, ...(occupation ? { occupation } : {}), ...(emailDomains ? { emailDomains } : {}) });
    // About 3% share a home connection with another customer (a family, a shared flat).
    const sharedIp = household.lastHomeIp && rng.chance(0.03) ? household.lastHomeIp : undefined;
    persona = japanPersona(g, rng, { ...(lang ? { browserLanguage: lang } : {}), travel: 0.06, ...(sharedIp ? { sharedIp } : {}) });
    household.lastHomeIp = persona.ips[0];
    if (nationality === 'RU') note = 'Russian national resident in Japan: russian-person-policy (rule 13) reviews by nationality under its default policy (Reg. 833/2014 Art. 5b reads nationality too); no geography rule should fire';
    if (kind === 'miner') note = 'benign look-alike of rule 35: a home miner connecting by stratum from Japan';
  }
  const actor = new Actor(g, rng, customer);
  actor.onboard(since);
  if (!isNew) seedHoldings(actor, rng, PROFILES[kind].holdings, PROFILES[kind].holdingsSigma, assets, g.start);
  const c: OrdinaryCustomer = { actor, persona, wallets, profile: kind, isNew, ...(note ? { note } : {}) };
  const from = isNew ? since + rng.range(5, 120) * MINUTE : g.start;
  if (isNew) loginAs(actor, persona, from);
  simulateOrdinary(c, from, g.end, { newCustomer: isNew });
  if (kind === 'miner') minerActivity(g, rng, c, 'JP', from);
  return c;
}

/** A new Singapore or Hong Kong subsidiary of a Japanese group: a benign rule-30 look-alike. */
function subsidiary(g: GenContext, rng: Random, id: string, since: number, wallets: OwnWallets): { customer: Customer; persona: Persona } {
  const jurisdiction = rng.chance(0.6) ? 'SG' : 'HK';
  const parent = japaneseCompanyName(rng, g.unique);
  const director = japaneseName(rng);
  const directorParty = { type: 'person' as const, names: [{ name: director.name, latin: director.latin }], nationalities: ['JP'], residence: jurisdiction };
  const stem = parent.latin.replace(/ (K\.K\.|G\.K\.)$/, '');
  const customer: Customer = {
    id,
    type: 'legal',
    names: [{ name: jurisdiction === 'SG' ? `${stem} Asia Pte. Ltd.` : `${stem} (Hong Kong) Limited`, kind: 'primary' }],
    registrationNumber: jurisdiction === 'SG' ? `2025${rng.digits(5)}${String.fromCharCode(65 + rng.int(0, 25))}` : rng.digits(8),
    jurisdiction,
    incorporationDate: dateBefore(since, rng.range(60, 300)),
    legalForm: jurisdiction === 'SG' ? 'Pte. Ltd.' : 'Limited',
    addresses: [{ lines: [`${rng.int(1, 80)} Robinson Road #${rng.int(5, 30)}-0${rng.int(1, 9)}`], city: jurisdiction === 'SG' ? 'Singapore' : 'Hong Kong', postcode: jurisdiction === 'SG' ? `0${rng.digits(5)}` : '000000', country: jurisdiction }],
    phone: jurisdiction === 'SG' ? `+65 6${rng.digits(3)} ${rng.digits(4)}` : `+852 ${rng.digits(4)} ${rng.digits(4)}`,
    email: `treasury@${stem.split(' ')[0]!.toLowerCase()}-${rng.hex(2)}.com.${jurisdiction.toLowerCase()}`,
    owners: [{ share: 100, party: { type: 'legal', names: [{ name: parent.name, latin: parent.latin }], jurisdiction: 'JP', registrationNumber: corporateNumber(rng, g.unique) } }],
    directors: [{ role: 'director', party: directorParty }],
    wallets: walletRecords(wallets),
    riskRating: 'medium',
  };
  const persona = japanPersona(g, rng, { company: true, browserLanguage: rng.chance(0.5) ? 'ja-JP' : 'en-US', home: jurisdiction });
  persona.timeZone = jurisdiction === 'SG' ? 'Asia/Singapore' : 'Asia/Hong_Kong';
  // Head office in Tokyo logs in too.
  persona.ips.push(g.ips.take('JP'));
  return { customer, persona };
}

/**
 * A miner's connections and payouts: a stratum connection a day (the mining rig), a look at the
 * pool dashboard now and then, and daily pool payouts in BTC from the pool's payout address.
 * `region` is where the rigs are (JP for the benign miner, RU for the typology).
 */
export function minerActivity(g: GenContext, rng: Random, c: { actor: Actor; persona: Persona }, region: IpRegion, from: number, o: { dashboardRegion?: IpRegion; poolAddress?: string; share?: number; dailyBtc?: number; regionShare?: number } = {}): void {
  const rig = newDevice(rng, g.unique, 'miner');
  const rigIp = g.ips.take(region);
  const homeIp = c.persona.ips[0]!;
  const dashboardIp = o.dashboardRegion ? g.ips.take(o.dashboardRegion) : homeIp;
  const pool = o.poolAddress ?? freshAddress(g, rng, 'bitcoin');
  const daily = o.dailyBtc ?? rng.logUniform(0.0005, 0.004);
  const regionShare = o.regionShare ?? 1;
  const startDay = Math.max(0, Math.floor((from - g.start) / DAY));
  for (let d = startDay; d < g.days; d++) {
    // The rig reconnects once or twice a day; from the mining site, or (the rest) from home.
    const connects = rng.int(1, 2);
    for (let k = 0; k < connects; k++) {
      const t = atJstHour(g, rng, d, Array.from({ length: 24 }, () => 1));
      if (t < from) continue;
      c.actor.login(t, { ip: rng.chance(regionShare) ? rigIp : homeIp, device: rig, channel: 'stratum', success: true });
    }
    if (rng.chance(0.3)) {
      const t = atJstHour(g, rng, d, c.persona.hours);
      if (t >= from) c.actor.login(t, { ip: rng.chance(regionShare) ? dashboardIp : homeIp, device: rng.pick(c.persona.devices), channel: 'pool-dashboard', browserLanguage: c.persona.browserLanguage, timeZone: c.persona.timeZone, success: true });
    }
    // Daily payout (PPS pools pay once a day, around 00:00-02:00 UTC).
    const tp = g.start + d * DAY + rng.range(0, 2) * HOUR;
    if (tp >= from) c.actor.deposit(tp, 'BTC', daily * rng.range(0.7, 1.3), { source: pool });
  }
  // Sells part of the mined coins every week or two.
  const sells = Math.floor(g.days / rng.int(7, 14));
  for (let i = 0; i < sells; i++) {
    const t = atJstHour(g, rng, Math.min(g.days - 1, startDay + Math.floor(((i + 1) * (g.days - startDay)) / (sells + 1))), c.persona.hours);
    if (t - 3 * MINUTE < from || t >= g.end) continue;
    loginAs(c.actor, c.persona, t - 3 * MINUTE);
    if (c.actor.held('BTC') > 0) c.actor.sell(t, 'BTC', c.actor.held('BTC') * rng.range(0.3, 0.9));
  }
}

/**
 * Payments between ordinary customers of the exchange (fiat transfers naming each other as
 * `counterpartyCustomerId`, a leg for each side), the benign side of the transfer-graph rules
 * (rules/flows.ts: 25, 26, 28), drawn with their own random stream so that the customers' own
 * behaviour stays as it was:
 * - households: a share of the rent each month (one transfer, the same amount);
 * - friends settling up: a few payments of odd amounts over the weeks, now and then paid back;
 * - a test transfer of ¥1,000 and then the payment, the same day;
 * - a payment split in two on one day (a bank's daily limit);
 * - payroll: a company paying a few of the customers their salary once a month.
 * Returns how many transfers were written.
 */
export function ordinaryPayments(g: GenContext, rng: Random, customers: readonly OrdinaryCustomer[]): number {
  // Customers of long standing only: one onboarded during the stream pays nobody before it is.
  const persons = customers.filter((c) => !c.isNew && c.actor.customer.type === 'person' && c.profile !== 'dormant');
  const companies = customers.filter((c) => !c.isNew && c.profile === 'company');
  let written = 0;
  const pay = (from: OrdinaryCustomer, to: OrdinaryCustomer, at: number, yen: number) => {
    if (at < g.start || at >= g.end || from === to) return;
    const amount = Math.max(1, Math.round(yen));
    from.actor.fiatOut(at, amount, { ...to.actor.bank, counterpartyCustomerId: to.actor.id });
    // Both legs carry the transfer's time: the server pairs them into one edge of its transfer graph by it.
    to.actor.fiatIn(at, amount, { ...from.actor.bank, counterpartyCustomerId: from.actor.id });
    written++;
  };
  const day = () => rng.int(0, g.days - 1);
  const pair = () => [rng.pick(persons), rng.pick(persons)] as const;
  if (persons.length < 2) return 0;
  // Households: 2 % of the persons pay a partner a monthly share of the rent.
  for (let i = 0; i < Math.round(persons.length * 0.02); i++) {
    const [a, b] = pair();
    const share = Math.round(rng.range(30_000, 150_000) / 1000) * 1000;
    for (let d = rng.int(0, 27); d < g.days; d += 30) pay(a, b, atJstHour(g, rng, d, RETAIL_HOURS), share);
  }
  // Friends settling up: 5 % of the persons, 1–4 payments of odd amounts, a quarter paid back in part.
  for (let i = 0; i < Math.round(persons.length * 0.05); i++) {
    const [a, b] = pair();
    for (let k = rng.int(1, 4); k > 0; k--) {
      const t = atJstHour(g, rng, day(), RETAIL_HOURS);
      const yen = rng.logUniform(2_000, 60_000);
      pay(a, b, t, yen);
      if (rng.chance(0.25)) pay(b, a, t + rng.range(1, 72) * HOUR, yen * rng.range(0.2, 0.6));
    }
  }
  // A test transfer, then the payment: 1 % of the persons.
  for (let i = 0; i < Math.round(persons.length * 0.01); i++) {
    const [a, b] = pair();
    const t = atJstHour(g, rng, day(), RETAIL_HOURS);
    pay(a, b, t, 1_000);
    pay(a, b, t + rng.range(10, 120) * MINUTE, rng.logUniform(50_000, 500_000));
  }
  // A payment split in two on one day: 0.5 % of the persons.
  for (let i = 0; i < Math.round(persons.length * 0.005); i++) {
    const [a, b] = pair();
    const t = atJstHour(g, rng, day(), RETAIL_HOURS);
    const half = Math.round(rng.range(300_000, 1_000_000) / 1000) * 1000;
    pay(a, b, t, half);
    pay(a, b, t + rng.range(1, 6) * HOUR, half);
  }
  // Payroll: a third of the companies pay 2–6 of the persons on the 25th of each month.
  for (const c of companies.filter(() => rng.chance(1 / 3))) {
    const staff = Array.from({ length: rng.int(2, 6) }, () => rng.pick(persons));
    const salaries = staff.map(() => Math.round(rng.range(200_000, 600_000) / 1000) * 1000);
    for (let d = 0; d < g.days; d++) {
      if (new Date(g.start + d * DAY).getUTCDate() !== 25) continue;
      staff.forEach((p, k) => pay(c, p, atJstHour(g, rng, d, OFFICE_HOURS), salaries[k]!));
    }
  }
  return written;
}
