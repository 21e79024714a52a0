/**
 * @module monitoring/anonymiser
 * Anonymiser signals for monitoring rule 11 (research/monitoring.md §3.2: Tor exit node,
 * commercial VPN, proxy or hosting/cloud ASN; OFAC's 2021 virtual-currency guidance, S12, names
 * VPN use as a sign of IP misattribution). Three flags per IP: a Tor exit (the Tor Project's
 * exit lists), a hosting/cloud ASN and a commercial-VPN ASN (lists of AS numbers matched against
 * the ASN that geo.ts found). A hit is a risk signal, not proof: a residential user can sit
 * behind a cloud desktop, and a VPN exit can share a hosting ASN with ordinary servers.
 */
import { readFile } from 'node:fs/promises';
import type { GeoInfo } from '@sekisho/core';
import { ServerErrors } from '../errors.ts';
import { parseIp } from './geo.ts';

/**
 * Major cloud and hosting providers: a customer's login from these networks is a server, a
 * remote desktop, a proxy or a self-run VPN rather than a home or mobile connection. Each number
 * is checked against the org name in the packaged @ip-location-db/asn data (written next to it,
 * as that data spells it). A starting list: extend it in the configuration (`hostingAsns`, or a
 * file read with loadAsnList).
 */
export const DEFAULT_HOSTING_ASNS: readonly number[] = Object.freeze([
  16509, // Amazon.com, Inc. (AWS, AMAZON-02)
  14618, // Amazon.com, Inc. (AWS, AMAZON-AES)
  8987, // Amazon Data Services Ireland Ltd (AWS Europe)
  396982, // Google LLC (Google Cloud)
  15169, // Google LLC (Google's own network: crawlers, proxies, older Google Cloud ranges; not residential)
  8075, // Microsoft Corporation (Azure and Microsoft's network)
  13335, // Cloudflare, Inc. (also the egress of Cloudflare WARP and part of iCloud Private Relay: location hidden)
  14061, // DigitalOcean, LLC
  16276, // OVH SAS
  24940, // Hetzner Online GmbH
  213230, // Hetzner Online GmbH (Hetzner Cloud)
  63949, // Akamai Technologies, Inc. (Linode)
  20473, // The Constant Company, LLC (Vultr, formerly Choopa)
  51167, // Contabo GmbH
  45102, // Alibaba (US) Technology Co., Ltd. (Alibaba Cloud international)
  37963, // Hangzhou Alibaba Advertising Co.,Ltd. (Alibaba Cloud China)
  132203, // Shenzhen Tencent Computer Systems Company Limited (Tencent Cloud international)
  45090, // Shenzhen Tencent Computer Systems Company Limited (Tencent Cloud China)
  136907, // HUAWEI INTERNATIONAL PTE. LTD. (Huawei Cloud)
  31898, // Oracle Corporation (Oracle Cloud)
  12876, // Scaleway SAS
  60781, // LeaseWeb Netherlands B.V.
  28753, // Leaseweb Deutschland GmbH
  30633, // Leaseweb USA, Inc.
  8560, // IONOS SE
  197540, // netcup GmbH
  49981, // WorldStream B.V.
  62240, // Clouvider Limited (hosting; many VPN providers rent here)
  202422, // G-Core Labs S.A.
  9370, // SAKURA Internet Inc. (JP)
  9371, // SAKURA Internet Inc. (JP)
  49505, // JSC Selectel (RU)
  50340, // JSC Selectel (RU)
  9123, // JSC "TIMEWEB" (RU)
  210644, // AEZA INTERNATIONAL LTD (Aeza Group; OFAC designation of July 2025 [verify])
  216246, // Aeza Group LLC
]);

/**
 * ASNs whose address space is mostly commercial VPN exits (the operators' own networks, or
 * networks that VPN brands rent most of). A starting list: the user should extend it from a
 * commercial VPN-detection feed or their own observations via configuration (`vpnAsns`, or a
 * file read with loadAsnList). Exits on ordinary hosting ASNs are caught by the hosting list.
 */
export const DEFAULT_VPN_ASNS: readonly number[] = Object.freeze([
  9009, // M247 Europe SRL (hosts exits of many VPN brands)
  60068, // Datacamp Limited (CDN77; VPN exits)
  212238, // Datacamp Limited (CDN77; VPN exits)
  147049, // PacketHub S.A. (NordVPN's network)
  136787, // PacketHub S.A. (NordVPN's network)
  209854, // Cyberzone S.A. (Surfshark's network)
  62371, // Proton AG (Proton VPN)
  208172, // Proton AG
  199218, // Proton AG
  209103, // Proton AG
  216025, // Mullvad VPN AB
  39351, // 31173 Services AB (Mullvad's Swedish exits)
  397540, // Windscribe
]);

export interface AnonymiserOptions {
  /** Tor exit addresses (loadTorExitList). Absent: the tor flag is unknown (undefined). */
  torExitList?: Set<string>;
  /** Hosting/cloud ASNs. Default DEFAULT_HOSTING_ASNS; a list given here replaces it (spread the default to extend). */
  hostingAsns?: readonly number[];
  /** Commercial-VPN ASNs. Default DEFAULT_VPN_ASNS; a list given here replaces it. */
  vpnAsns?: readonly number[];
}

/** Each flag is undefined when it cannot be known: no Tor list loaded, no ASN for the IP. */
export interface AnonymiserFlags {
  tor: boolean | undefined;
  hosting: boolean | undefined;
  vpn: boolean | undefined;
}

export interface Anonymiser {
  flags(geo: GeoInfo): AnonymiserFlags;
  /** The GeoInfo with the known flags set (unknown ones left out). */
  enrich(geo: GeoInfo): GeoInfo;
}

/**
 * @example
 * const anon = createAnonymiser({ torExitList: await loadTorExitList('exit-addresses') });
 * anon.enrich(geo.locate(ip)); // { …, asn: 9009, tor: false, hosting: false, vpn: true }
 */
export function createAnonymiser(options: AnonymiserOptions = {}): Anonymiser {
  let tor: Set<string> | undefined;
  if (options.torExitList) {
    // One form for every address (IPv4-mapped IPv6 as IPv4, RFC 5952 IPv6), whoever built the set.
    tor = new Set();
    for (const ip of options.torExitList) tor.add(parseIp(ip)?.text ?? ip);
  }
  const hosting = new Set(options.hostingAsns ?? DEFAULT_HOSTING_ASNS);
  const vpn = new Set(options.vpnAsns ?? DEFAULT_VPN_ASNS);
  const flags = (geo: GeoInfo): AnonymiserFlags => {
    const ip = parseIp(geo.ip);
    return {
      tor: tor ? ip !== undefined && tor.has(ip.text) : undefined,
      hosting: geo.asn === undefined ? undefined : hosting.has(geo.asn),
      vpn: geo.asn === undefined ? undefined : vpn.has(geo.asn),
    };
  };
  return {
    flags,
    enrich(geo) {
      const out: GeoInfo = { ...geo };
      for (const [key, value] of Object.entries(flags(geo)) as [keyof AnonymiserFlags, boolean | undefined][]) {
        if (value !== undefined) out[key] = value;
      }
      return out;
    },
  };
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw ServerErrors.FILE_NOT_FOUND(`the ${what} does not exist; check the path in the configuration`, { file: path }, { cause: error });
    }
    throw ServerErrors.FILE_READ(`the ${what} could not be read (${(error as Error).message})`, { file: path }, { cause: error });
  }
}

const TOR_FORMATS =
  'expected one IP address per line (https://check.torproject.org/torbulkexitlist) or ExitNode/Published/LastStatus/ExitAddress lines (https://check.torproject.org/exit-addresses)';

/**
 * Reads a Tor exit list in either format the Tor Project publishes:
 * - the bulk exit list, https://check.torproject.org/torbulkexitlist: one address per line;
 * - TorDNSEL's exit-addresses, https://check.torproject.org/exit-addresses: per relay
 *   `ExitNode <fingerprint>`, `Published <date time>`, `LastStatus <date time>`, then one or more
 *   `ExitAddress <ip> <date time>`; the CollecTor archives of it add `@type tordnsel 1.0` and
 *   `Downloaded <date time>` lines, which are accepted too.
 * Neither format has comments; lines starting with `#` and blank lines are skipped here anyway,
 * so a file can carry a note on where it came from. A line of neither format, or a file without
 * a single address, is SEK_FILE_READ naming the line: a half-read list would clear Tor users.
 *
 * @example
 * const tor = await loadTorExitList('/var/lib/sekisho/exit-addresses');
 */
export async function loadTorExitList(path: string): Promise<Set<string>> {
  const text = await readText(path, 'Tor exit list');
  const out = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fail = (what: string) => ServerErrors.FILE_READ(`${what}; ${TOR_FORMATS}`, { file: path, position: `line ${i + 1}` });
    const [keyword, ...rest] = line.split(/\s+/);
    let address: string | undefined;
    switch (keyword) {
      case 'ExitNode':
        if (!/^[0-9A-Fa-f]{40}$/.test(rest[0] ?? '')) throw fail('ExitNode without a 40-hex-digit relay fingerprint');
        continue;
      case 'Published':
      case 'LastStatus':
      case 'Downloaded':
        if (rest.length === 0) throw fail(`${keyword} without a date`);
        continue;
      case '@type':
        if (rest[0] !== 'tordnsel') throw fail(`a descriptor of type ${rest[0] ?? '(none)'}, not tordnsel`);
        continue;
      case 'ExitAddress':
        address = rest[0];
        if (!address || !parseIp(address)) throw fail(`ExitAddress "${address ?? ''}" is no IP address`);
        break;
      default:
        if (rest.length > 0 || !parseIp(keyword!)) throw fail(`"${line.length > 60 ? `${line.slice(0, 60)}…` : line}" is neither an IP address nor a line of exit-addresses`);
        address = keyword!;
    }
    out.add(parseIp(address)!.text);
  }
  if (out.size === 0) throw ServerErrors.FILE_READ(`no IP address in the file; ${TOR_FORMATS}`, { file: path });
  return out;
}

/**
 * Reads a list of AS numbers, one a line (`16509` or `AS16509`), `#` starting a comment, for
 * the hosting and VPN lists. An empty file gives an empty list (the user flags nothing). A line
 * that is no AS number is SEK_FILE_READ naming it.
 *
 * @example
 * const vpnAsns = [...DEFAULT_VPN_ASNS, ...(await loadAsnList('/etc/sekisho/vpn-asns.txt'))];
 */
export async function loadAsnList(path: string): Promise<number[]> {
  const text = await readText(path, 'ASN list');
  const out: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*/, '').trim();
    if (line === '') continue;
    const m = /^(?:AS)?(\d{1,10})$/i.exec(line);
    const asn = m ? Number(m[1]) : NaN;
    // AS 0 is reserved (RFC 7607); AS numbers are 32-bit (RFC 6793).
    if (!(asn >= 1 && asn <= 0xffffffff)) {
      throw ServerErrors.FILE_READ(`"${line}" is no AS number; expected one a line, e.g. 16509 or AS16509, # for comments`, { file: path, position: `line ${i + 1}` });
    }
    out.push(asn);
  }
  return out;
}
