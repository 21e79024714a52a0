/**
 * @module monitoring/scenarios/actor
 * How a synthetic customer acts: an `Actor` holds its KYC record, its JPY and crypto balances
 * and its deposit addresses, and writes events (onboarding, logins, fiat transfers, trades,
 * deposits, withdrawals) into the stream's `Sink` with yen values at the market price of the
 * moment. The sink assigns ids and sorts by time at the end (generator.ts).
 *
 * Everything the server derives its context from is in the events themselves: the record in
 * customer.onboarded (ctx.customer), the login IPs and devices (ctx.geo, recentGeo, links),
 * counterparties and yen values (history, windows, the behavioural rules).
 */
import type { Chain } from '../../addresses/types.ts';
import type { Customer, Party } from '../../customers/schema.ts';
import type { SekishoEvent } from '../../events/schema.ts';
import { ASSETS, type Asset, type Market, address, formatAmount, txHash } from './assets.ts';
import type { IpPools } from './ips.ts';
import { BANKS, type Unique, bankAccount, partyOf } from './people.ts';
import type { Random } from './random.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Japan Standard Time is UTC+9 all year (no daylight saving). */
export const JST = 9 * HOUR;
/** The smallest order and transfer the synthetic exchange accepts (dust left over from a sale is not sold or sent). */
export const MIN_ORDER_JPY = 500;
export const MIN_TRANSFER_JPY = 1_000;

type Body = Omit<SekishoEvent, 'id' | 'occurredAt'>;

/** An event before its id: when, and in what order it was written (the tie-break when two share a millisecond). */
export interface Draft {
  at: number;
  seq: number;
  body: Body;
}

/** Collects the drafts of every actor of one stream. */
export class Sink {
  readonly drafts: Draft[] = [];
  private seq = 0;

  push(at: number, body: Body): void {
    this.drafts.push({ at: Math.round(at), seq: this.seq++, body });
  }
}

/** What every generator module shares for one stream. */
export interface GenContext {
  /** The stream's first and last instant (ms): activity lies in [start, end). */
  start: number;
  end: number;
  days: number;
  market: Market;
  ips: IpPools;
  unique: Unique;
  sink: Sink;
  /** A fresh customer id (neutral: it says nothing about the label). */
  customerId(rng: Random): string;
}

export type Channel = 'web' | 'app' | 'api' | 'stratum' | 'pool-dashboard';

export interface Device {
  id: string;
  userAgent: string;
  channel: Channel;
}

const USER_AGENTS = {
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  android: 'Mozilla/5.0 (Linux; Android 15; SO-51E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Mobile Safari/537.36',
  windows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36',
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15',
  bot: 'python-requests/2.32.3',
  miner: 'bmminer/2.0.0',
} as const;

/** A device of the customer's: a phone using the app, or a computer using the website. */
export function newDevice(rng: Random, unique: Unique, kind: keyof typeof USER_AGENTS): Device {
  const id = unique.take('device', () => `dev-${rng.hex(8)}`);
  const channel: Channel = kind === 'iphone' || kind === 'android' ? 'app' : kind === 'bot' ? 'api' : kind === 'miner' ? 'stratum' : 'web';
  return { id, userAgent: USER_AGENTS[kind], channel };
}

export interface LoginOptions {
  ip: string;
  device: Device;
  browserLanguage?: string;
  timeZone?: string;
  channel?: Channel;
  success?: boolean;
}

export interface DepositOptions {
  /** The address the funds came from. */
  source: string;
  selfHosted?: boolean;
  originator?: Party;
  originatorVasp?: { name: string; country?: string };
}

export interface WithdrawalOptions {
  destination: string;
  selfHosted?: boolean;
  beneficiary?: Party;
  beneficiaryVasp?: { name: string; country?: string };
}

export interface BankSide {
  bank: { name: string; bic?: string; country?: string };
  accountNumber: string;
  counterparty?: Party;
  counterpartyCustomerId?: string;
}

/**
 * One synthetic customer.
 * @example
 * const a = new Actor(g, rng, record);
 * a.onboard(t0); a.login(t1, { ip, device }); a.fiatIn(t2, 300_000); a.buy(t3, 'BTC', 300_000);
 */
export class Actor {
  readonly id: string;
  /** JPY held at the exchange. */
  jpy = 0;
  /** Units of each asset held. */
  readonly holdings = new Map<Asset, number>();
  /** The customer's own bank account (fiat deposits come from it, withdrawals go to it). */
  readonly bank: BankSide;
  private readonly depositAddresses = new Map<Chain, string>();
  /** The customer's accounts at other VASPs (see ordinary.ts vaspAccount), by VASP and asset. */
  readonly accountsElsewhere = new Map<string, string>();

  constructor(
    readonly g: GenContext,
    readonly rng: Random,
    public customer: Customer,
  ) {
    this.id = customer.id;
    const bank = rng.pick(BANKS);
    this.bank = { bank: { ...bank, country: 'JP' }, accountNumber: bankAccount(rng, g.unique), counterparty: partyOf(customer) };
  }

  get party(): Party {
    return partyOf(this.customer);
  }

  /** Units of `asset` held, and their value now. */
  held(asset: Asset): number {
    return this.holdings.get(asset) ?? 0;
  }

  valueJpy(asset: Asset, at: number): number {
    return this.held(asset) * this.g.market.price(asset, at);
  }

  /** The exchange's deposit address of this customer on `chain` (one per customer and chain). */
  depositAddress(chain: Chain): string {
    let a = this.depositAddresses.get(chain);
    if (!a) this.depositAddresses.set(chain, (a = this.g.unique.take('address', () => address(this.rng, chain))));
    return a;
  }

  onboard(at: number): void {
    this.g.sink.push(at, { type: 'customer.onboarded', customerId: this.id, data: { customer: this.customer } });
  }

  update(at: number, customer: Customer): void {
    this.customer = customer;
    this.g.sink.push(at, { type: 'customer.updated', customerId: this.id, data: { customer } });
  }

  login(at: number, o: LoginOptions): void {
    this.g.sink.push(at, {
      type: 'login',
      customerId: this.id,
      data: {
        ip: o.ip,
        deviceId: o.device.id,
        userAgent: o.device.userAgent,
        ...(o.browserLanguage ? { browserLanguage: o.browserLanguage } : {}),
        ...(o.timeZone ? { timeZone: o.timeZone } : {}),
        success: o.success ?? true,
        channel: o.channel ?? o.device.channel,
      },
    });
  }

  private fiat(at: number, direction: 'in' | 'out', amountJpy: number, side: BankSide): void {
    const yen = Math.max(1, Math.round(amountJpy));
    this.jpy += direction === 'in' ? yen : -yen;
    this.g.sink.push(at, {
      type: 'fiat.transfer',
      customerId: this.id,
      data: {
        direction,
        amount: String(yen),
        currency: 'JPY',
        amountJpy: yen,
        ...(side.counterparty ? { counterparty: side.counterparty } : {}),
        bank: side.bank,
        accountNumber: side.accountNumber,
        ...(side.counterpartyCustomerId ? { counterpartyCustomerId: side.counterpartyCustomerId } : {}),
      },
    });
  }

  /** A bank transfer in (by default from the customer's own account). */
  fiatIn(at: number, amountJpy: number, from: BankSide = this.bank): void {
    this.fiat(at, 'in', amountJpy, from);
  }

  /** A bank transfer out (by default to the customer's own account). */
  fiatOut(at: number, amountJpy: number, to: BankSide = this.bank): void {
    this.fiat(at, 'out', amountJpy, to);
  }

  /** Returns false (and writes nothing) for an order under the exchange's minimum. */
  private trade(at: number, asset: Asset, side: 'buy' | 'sell', units: number): boolean {
    const price = this.g.market.price(asset, at);
    const info = ASSETS[asset];
    const amount = formatAmount(units, info.decimals);
    const exact = Number(amount);
    const yen = Math.round(exact * price);
    if (!(yen >= MIN_ORDER_JPY)) return false;
    if (side === 'buy') {
      this.jpy -= yen;
      this.holdings.set(asset, this.held(asset) + exact);
    } else {
      this.jpy += yen;
      this.holdings.set(asset, Math.max(0, this.held(asset) - exact));
    }
    this.g.sink.push(at, { type: 'trade', customerId: this.id, data: { market: `${asset}/JPY`, side, amount, price: formatAmount(price, 3), amountJpy: yen } });
    return true;
  }

  /** Buys `asset` for about `jpy` yen. */
  buy(at: number, asset: Asset, jpy: number): boolean {
    return this.trade(at, asset, 'buy', jpy / this.g.market.price(asset, at));
  }

  sell(at: number, asset: Asset, units: number): boolean {
    return this.trade(at, asset, 'sell', units);
  }

  /** A crypto deposit of `units` of `asset` (nothing under the minimum transfer value). */
  deposit(at: number, asset: Asset, units: number, o: DepositOptions): boolean {
    const info = ASSETS[asset];
    const amount = formatAmount(units, info.decimals);
    const exact = Number(amount);
    if (!(exact * this.g.market.price(asset, at) >= MIN_TRANSFER_JPY)) return false;
    this.holdings.set(asset, this.held(asset) + exact);
    this.g.sink.push(at, {
      type: 'deposit.detected',
      customerId: this.id,
      data: {
        chain: info.chain,
        asset,
        txHash: txHash(this.rng, info.chain),
        sourceAddresses: [o.source],
        depositAddress: this.depositAddress(info.chain),
        amount,
        amountJpy: Math.round(exact * this.g.market.price(asset, at)),
        ...(o.originator ? { originator: o.originator } : {}),
        ...(o.originatorVasp ? { originatorVasp: o.originatorVasp } : {}),
        ...(o.selfHosted !== undefined ? { selfHosted: o.selfHosted } : {}),
      },
    });
    return true;
  }

  /** A crypto withdrawal of `units` of `asset` (nothing under the minimum transfer value). */
  withdraw(at: number, asset: Asset, units: number, o: WithdrawalOptions): boolean {
    const info = ASSETS[asset];
    const amount = formatAmount(units, info.decimals);
    const exact = Number(amount);
    if (!(exact * this.g.market.price(asset, at) >= MIN_TRANSFER_JPY)) return false;
    this.holdings.set(asset, Math.max(0, this.held(asset) - exact));
    this.g.sink.push(at, {
      type: 'withdrawal.requested',
      customerId: this.id,
      data: {
        chain: info.chain,
        asset,
        destinationAddress: o.destination,
        amount,
        amountJpy: Math.round(exact * this.g.market.price(asset, at)),
        ...(o.beneficiary ? { beneficiary: o.beneficiary } : {}),
        ...(o.beneficiaryVasp ? { beneficiaryVasp: o.beneficiaryVasp } : {}),
        ...(o.selfHosted !== undefined ? { selfHosted: o.selfHosted } : {}),
      },
    });
    return true;
  }
}

/** A fresh address on `chain`, unique in the stream. */
export function freshAddress(g: GenContext, rng: Random, chain: Chain): string {
  return g.unique.take('address', () => address(rng, chain));
}

/**
 * An instant on day `day` (0-based from the stream's start) at a Japanese local hour drawn from
 * `hourWeights` (24 weights, JST), with a random minute.
 */
export function atJstHour(g: GenContext, rng: Random, day: number, hourWeights: readonly number[]): number {
  const hour = rng.weighted(hourWeights.map((w, h) => [h, w] as const));
  const midnightJst = Math.floor((g.start + JST) / DAY) * DAY - JST;
  return midnightJst + day * DAY + hour * HOUR + rng.int(0, 59) * MINUTE + rng.int(0, 59) * 1000;
}

/** Retail customers: evenings and lunch breaks (JST). */
export const RETAIL_HOURS = [3, 1.5, 0.5, 0.2, 0.2, 0.3, 1, 2.5, 3, 2, 2, 2, 3.5, 2.5, 2, 2, 2, 2.5, 3, 3.5, 4, 4.5, 4.5, 4] as const;
/** Companies: office hours (JST). */
export const OFFICE_HOURS = [0, 0, 0, 0, 0, 0, 0, 0.2, 1, 3, 3, 3, 1.5, 3, 3, 3, 3, 2.5, 1, 0.3, 0.1, 0, 0, 0] as const;
/** Moscow office hours (UTC+3) seen from Japan: 15:00-24:00 JST. */
export const MOSCOW_HOURS = [1, 0.5, 0.2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3, 2, 3, 3, 3, 3, 3, 2.5, 2, 1.5] as const;
/** Round the clock. */
export const ANY_HOUR = Array.from({ length: 24 }, () => 1);
