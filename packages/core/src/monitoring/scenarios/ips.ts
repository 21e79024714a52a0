/**
 * @module monitoring/scenarios/ips
 * Where the generated logins come from. The generator never hard-codes an address that a
 * geolocation database must place somewhere: databases move ranges between monthly releases, so
 * a Crimean address of this month may be Krasnodar in the next. It asks an `IpsFor` function for
 * addresses of a region instead:
 * - the default (`documentationIps`) returns addresses reserved for documentation: IPv4 from
 *   TEST-NET-1/2/3 (RFC 5737: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) and, when a
 *   region needs more than its share of those 768 addresses, IPv6 from 2001:db8::/32 (RFC 3849).
 *   No database places them anywhere (the server's geolocation answers "unknown"), so a stream
 *   generated with the default exercises no geography rule on a real server; `documentationGeo`
 *   maps them back to their region for tests and replays that stand in for the database;
 * - a server test passes a function that walks the packaged DB-IP tree and returns addresses
 *   the installed database really places in the region (see packages/server/src/monitoring/geo.test.ts,
 *   findIps). It should return `count` distinct addresses where it can (several hosts of one
 *   network are fine): the generator gives each ordinary customer addresses of its own, and
 *   customers sharing an address are linked by rule 29 (five behind one IP reach its threshold).
 */

/**
 * Regions the generator asks addresses for: ISO 3166-1 countries, and the ISO 3166-2 codes of
 * Crimea (UA-43) and Sevastopol (UA-40), which region-level geolocation tells apart from the rest
 * of Ukraine (UA: government-controlled Ukraine, Kyiv in practice).
 */
export const IP_REGIONS = ['JP', 'KR', 'US', 'TH', 'SG', 'TW', 'HK', 'CN', 'VN', 'GB', 'DE', 'AE', 'TR', 'RU', 'BY', 'UA', 'UA-43', 'UA-40'] as const;
export type IpRegion = (typeof IP_REGIONS)[number];

/**
 * Addresses located in `region`. `count` says how many distinct ones the generator would like;
 * return as many as you can, at least one (fewer are reused round-robin).
 */
export type IpsFor = (region: IpRegion, count: number) => string[];

const V4_BLOCKS = ['192.0.2', '198.51.100', '203.0.113'] as const;
/** JP, the bulk of the logins, gets TEST-NET-2 whole; every other region 14 addresses of TEST-NET-1 or -3. */
const JP_BLOCK = '198.51.100';
const OTHER_SLOT = 16;

function v4Of(region: IpRegion): string[] {
  if (region === 'JP') return Array.from({ length: 254 }, (_, i) => `${JP_BLOCK}.${i + 1}`);
  const index = IP_REGIONS.indexOf(region) - 1; // JP is 0
  const block = index < 16 ? V4_BLOCKS[0] : V4_BLOCKS[2];
  const base = (index % 16) * OTHER_SLOT;
  // Hosts 1..14 of the /28: neither its network nor its broadcast address.
  return Array.from({ length: OTHER_SLOT - 2 }, (_, i) => `${block}.${base + i + 1}`);
}

/**
 * The default `IpsFor`: documentation addresses, deterministic, `count` distinct ones per region
 * (IPv6 2001:db8:<region>:<n> beyond the region's IPv4 share).
 * @example documentationIps('UA-43', 2) // ['192.0.2.241', '192.0.2.242']
 */
export function documentationIps(region: IpRegion, count: number): string[] {
  const v4 = v4Of(region);
  const out = v4.slice(0, Math.max(1, count));
  const ri = IP_REGIONS.indexOf(region);
  for (let n = out.length - v4.length + 1; out.length < count; n++) out.push(`2001:db8:${(0x100 + ri).toString(16)}:${(n >>> 16).toString(16)}:0:0:0:${(n & 0xffff).toString(16)}`);
  return out;
}

const V4_INDEX = new Map<string, IpRegion>();
for (const r of IP_REGIONS) for (const ip of v4Of(r)) V4_INDEX.set(ip, r);

/**
 * The region a documentation address stands for (undefined for any other address): what a
 * geolocation database would say if it placed these addresses where the generator meant them.
 * @example documentationGeo('192.0.2.241') // { country: 'UA', region: 'UA-43' }
 */
export function documentationGeo(ip: string): { country: string; region?: string } | undefined {
  let region = V4_INDEX.get(ip);
  if (!region) {
    const m = /^2001:db8:([0-9a-f]+):/i.exec(ip);
    const ri = m ? parseInt(m[1]!, 16) - 0x100 : -1;
    region = ri >= 0 ? IP_REGIONS[ri] : undefined;
  }
  if (!region) return undefined;
  return region.includes('-') ? { country: region.slice(0, 2), region } : { country: region };
}

/**
 * Addresses of each region handed out without replacement (a customer's home address is its
 * own), from one `IpsFor` call per region. When the function returns fewer than needed, they
 * are reused round-robin.
 */
export class IpPools {
  private readonly pools = new Map<IpRegion, { ips: string[]; next: number }>();

  constructor(
    private readonly ipsFor: IpsFor,
    private readonly want: (region: IpRegion) => number,
  ) {}

  take(region: IpRegion): string {
    let pool = this.pools.get(region);
    if (!pool) {
      const ips = [...new Set(this.ipsFor(region, this.want(region)))];
      if (!ips.length) throw new Error(`ipsFor('${region}') returned no address: the scenario generator needs at least one address per region it uses`);
      this.pools.set(region, (pool = { ips, next: 0 }));
    }
    const ip = pool.ips[pool.next % pool.ips.length]!;
    pool.next++;
    return ip;
  }
}
