/**
 * @module monitoring/enrichment
 * Opens what monitoring needs to read an IP: region-level geolocation (geo.ts: the packaged DB-IP
 * Lite city and ASN data, or files the user drops in) and the anonymiser signals (anonymiser.ts:
 * a Tor exit list file, hosting and VPN ASN lists), as one `locate(ip)` for the monitoring
 * service. Settings: SEKISHO_GEO_CITY_DB, SEKISHO_GEO_ASN_DB (comma-separated paths, or `off`),
 * SEKISHO_TOR_EXIT_LIST, SEKISHO_HOSTING_ASNS, SEKISHO_VPN_ASNS (files; see docs/monitoring.md).
 */
import type { GeoInfo } from '@sekisho/core';
import { createAnonymiser, loadAsnList, loadTorExitList } from './anonymiser.ts';
import { openGeoLocator, type GeoDatabaseInfo } from './geo.ts';

export interface EnrichmentSettings {
  /** undefined: the packaged databases; []: none. */
  geoCityDb?: string[];
  geoAsnDb?: string[];
  torExitList?: string;
  hostingAsns?: string;
  vpnAsns?: string;
}

export interface Enrichment {
  locate(ip: string): GeoInfo;
  databases: readonly GeoDatabaseInfo[];
}

/**
 * @throws SEK_FILE_NOT_FOUND / SEK_FILE_READ naming a database or list file that cannot be read
 * @example const enrichment = await openEnrichment({}); enrichment.locate('5.3.41.1').region // 'UA-43'
 */
export async function openEnrichment(settings: EnrichmentSettings): Promise<Enrichment> {
  const locator = await openGeoLocator({ ...(settings.geoCityDb ? { cityDb: settings.geoCityDb } : {}), ...(settings.geoAsnDb ? { asnDb: settings.geoAsnDb } : {}) });
  const anonymiser = createAnonymiser({
    ...(settings.torExitList ? { torExitList: await loadTorExitList(settings.torExitList) } : {}),
    ...(settings.hostingAsns ? { hostingAsns: await loadAsnList(settings.hostingAsns) } : {}),
    ...(settings.vpnAsns ? { vpnAsns: await loadAsnList(settings.vpnAsns) } : {}),
  });
  // Each event locates its customer's latest and recent login IPs: the same few IPs per customer,
  // event after event. A bounded map keeps what they gave (the databases do not change while
  // open); the answers are frozen because they are shared.
  const seen = new Map<string, GeoInfo>();
  const locate = (ip: string): GeoInfo => {
    let info = seen.get(ip);
    if (!info) {
      info = Object.freeze(anonymiser.enrich(locator.locate(ip)));
      if (seen.size >= LOCATED_IPS) seen.clear();
      seen.set(ip, info);
    }
    return info;
  };
  return { locate, databases: locator.databases };
}

/** IPs whose answers are kept (a cache, started over when full). */
const LOCATED_IPS = 50_000;
