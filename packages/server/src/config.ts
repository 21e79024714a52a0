/**
 * @module config
 * Sekisho's configuration, parsed once at start-up (zod) from the environment and passed down.
 * Nothing else reads process.env.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { SOURCE_NAMES, type SourceName } from '@sekisho/core/model';
import { DEFAULT_EXPOSURE_POLICY, MAX_HOPS, type ExposurePolicy } from '@sekisho/core';
import { readFileSync } from 'node:fs';
import { ServerErrors } from './errors.ts';

/** Official download locations; each can be overridden with SEKISHO_URL_<SOURCE> (e.g. SEKISHO_URL_OFAC_ADVANCED). */
export const DEFAULT_SOURCE_URLS: Record<SourceName, string[]> = {
  'ofac-advanced': ['https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ADVANCED.XML'],
  'ofac-csv': [
    'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV',
    'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV',
    'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV',
    'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV',
  ],
  'ofac-xml': ['https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML'],
  un: ['https://scsanctions.un.org/resources/xml/en/consolidated.xml'],
  eu: ['https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw'],
  uk: ['https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml'],
  // The MOF page links to the current workbook (shisantouketsu<YYYYMMDD>.xlsx); update follows the link.
  'jp-mof': ['https://www.mof.go.jp/policy/international_policy/gaitame_kawase/gaitame/economic_sanctions/list.html'],
  opensanctions: ['https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json'],
  custom: [],
};

const Share = z.number().min(0).max(1);
const Threshold = z.strictObject({ review: Share.optional(), hold: Share.optional(), block: Share.optional() });

/** SEKISHO_EXPOSURE_POLICY: categories override the defaults one by one; miningFlagged replaces them. */
function exposurePolicy(value: string | undefined): unknown {
  if (value === undefined || value.trim() === '') return DEFAULT_EXPOSURE_POLICY;
  let text = value;
  try {
    if (value.trim().startsWith('@')) text = readFileSync(value.trim().slice(1), 'utf8');
  } catch (error) {
    throw ServerErrors.CONFIG_INVALID(`SEKISHO_EXPOSURE_POLICY: cannot read ${value.trim().slice(1)} (${(error as Error).message})`);
  }
  let parsed: { categories?: Record<string, unknown>; miningFlagged?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw ServerErrors.CONFIG_INVALID(`SEKISHO_EXPOSURE_POLICY is not JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw ServerErrors.CONFIG_INVALID('SEKISHO_EXPOSURE_POLICY must be a JSON object with "categories" and/or "miningFlagged"');
  const unknown = Object.keys(parsed).filter((k) => k !== 'categories' && k !== 'miningFlagged');
  if (unknown.length) throw ServerErrors.CONFIG_INVALID(`SEKISHO_EXPOSURE_POLICY: unknown key ${unknown.join(', ')} (categories, miningFlagged)`);
  return { categories: { ...DEFAULT_EXPOSURE_POLICY.categories, ...(parsed.categories ?? {}) }, miningFlagged: parsed.miningFlagged ?? DEFAULT_EXPOSURE_POLICY.miningFlagged };
}

const ConfigSchema = z.object({
  /** `postgres://…` for PostgreSQL; otherwise a SQLite file path. */
  database: z.string().min(1),
  /** A load that would shrink a source by more than this share is refused without --force. */
  shrinkThreshold: z.number().min(0).max(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  sourceUrls: z.record(z.string(), z.array(z.string())),
  fetchTimeoutMs: z.number().int().positive(),
  /** Screening threshold for customers, parties and events (SEKISHO_THRESHOLD). */
  threshold: z.number().min(0).max(1),
  /** A name hit at or above this score with a corroborating birth date or identifier is a confirmed match (SEKISHO_CONFIRM_SCORE). */
  confirmScore: z.number().min(0).max(1),
  /** How long an authenticated API key is trusted before it is looked up again (SEKISHO_KEY_CACHE_MS). */
  keyCacheMs: z.number().int().min(0),
  /** `sekisho serve` defaults (SEKISHO_HOST, SEKISHO_PORT); the flags override them. */
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  /** Largest request body in bytes (SEKISHO_BODY_LIMIT). */
  bodyLimit: z.number().int().min(1024),
  /** Requests per second per API key, 0 for no limit (SEKISHO_RATE_LIMIT), and the burst (SEKISHO_RATE_BURST). */
  rateLimit: z.number().min(0),
  rateBurst: z.number().min(1),
  /** How often the server checks for list versions activated by another process (SEKISHO_LIST_POLL_MS). */
  listPollMs: z.number().int().min(100),
  /** Screening results kept per index for repeated queries (SEKISHO_SCREEN_CACHE; 0 turns it off). */
  screenCacheSize: z.number().int().min(0),
  /** Threads that screen names for `serve` (SEKISHO_SCREEN_WORKERS; default: the cores but one, at most 4; 0: the main thread screens). */
  screenWorkers: z.number().int().min(0).max(64),
  /** How long events wait to share a commit (SEKISHO_COMMIT_WINDOW_MS): fewer commits under load, that much more latency. */
  commitWindowMs: z.number().min(0).max(100),
  /** Hops the event pipeline traces deposits and withdrawals (SEKISHO_EXPOSURE_HOPS; 0 turns exposure off). */
  exposureHops: z.number().int().min(0).max(MAX_HOPS),
  /** Exposure thresholds per category (SEKISHO_EXPOSURE_POLICY: JSON, or @path to a JSON file; merged over the defaults). */
  exposurePolicy: z.object({ categories: z.record(z.string(), Threshold), miningFlagged: Threshold }),
  /** Transaction monitoring on the event path (SEKISHO_MONITORING: on, the default, or off: screening and exposure only). */
  monitoring: z.boolean(),
  /** Geolocation databases for monitoring (SEKISHO_GEO_CITY_DB, SEKISHO_GEO_ASN_DB: paths, comma-separated, or `off`; default the packaged DB-IP Lite data). */
  geoCityDb: z.array(z.string()).optional(),
  geoAsnDb: z.array(z.string()).optional(),
  /** Tor exit list file (SEKISHO_TOR_EXIT_LIST), hosting and VPN ASN list files (SEKISHO_HOSTING_ASNS, SEKISHO_VPN_ASNS) replacing the defaults. */
  torExitList: z.string().optional(),
  hostingAsns: z.string().optional(),
  vpnAsns: z.string().optional(),
});
export type Config = z.infer<typeof ConfigSchema> & { sourceUrls: Record<SourceName, string[]>; exposurePolicy: ExposurePolicy };

/** A comma-separated list of paths, or `off` for none; unset: the default. */
function pathList<K extends string>(key: K, value: string | undefined): Partial<Record<K, string[]>> {
  if (value === undefined || value.trim() === '') return {};
  return { [key]: value.trim().toLowerCase() === 'off' ? [] : value.split(',').map((p) => p.trim()).filter(Boolean) } as Partial<Record<K, string[]>>;
}

/**
 * Parses the configuration from an environment map (process.env at the edge, a literal in tests).
 * @example loadConfig({ SEKISHO_DB: '/tmp/x.db' })
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const sourceUrls = { ...DEFAULT_SOURCE_URLS };
  for (const source of SOURCE_NAMES) {
    const override = env[`SEKISHO_URL_${source.toUpperCase().replace(/-/g, '_')}`];
    if (override) sourceUrls[source] = override.split(/[\s,]+/).filter(Boolean);
  }
  const raw = {
    database: env.DATABASE_URL || env.SEKISHO_DB || './sekisho.db',
    shrinkThreshold: env.SEKISHO_SHRINK_THRESHOLD === undefined ? 0.1 : Number(env.SEKISHO_SHRINK_THRESHOLD),
    logLevel: env.SEKISHO_LOG_LEVEL ?? 'info',
    sourceUrls,
    fetchTimeoutMs: env.SEKISHO_FETCH_TIMEOUT_MS === undefined ? 120_000 : Number(env.SEKISHO_FETCH_TIMEOUT_MS),
    threshold: env.SEKISHO_THRESHOLD === undefined ? 0.7 : Number(env.SEKISHO_THRESHOLD),
    confirmScore: env.SEKISHO_CONFIRM_SCORE === undefined ? 0.95 : Number(env.SEKISHO_CONFIRM_SCORE),
    keyCacheMs: env.SEKISHO_KEY_CACHE_MS === undefined ? 2000 : Number(env.SEKISHO_KEY_CACHE_MS),
    host: env.SEKISHO_HOST ?? '127.0.0.1',
    port: env.SEKISHO_PORT === undefined ? 8080 : Number(env.SEKISHO_PORT),
    bodyLimit: env.SEKISHO_BODY_LIMIT === undefined ? 1024 * 1024 : Number(env.SEKISHO_BODY_LIMIT),
    rateLimit: env.SEKISHO_RATE_LIMIT === undefined ? 10_000 : Number(env.SEKISHO_RATE_LIMIT),
    rateBurst: env.SEKISHO_RATE_BURST === undefined ? 20_000 : Number(env.SEKISHO_RATE_BURST),
    listPollMs: env.SEKISHO_LIST_POLL_MS === undefined ? 5000 : Number(env.SEKISHO_LIST_POLL_MS),
    screenCacheSize: env.SEKISHO_SCREEN_CACHE === undefined ? 20_000 : Number(env.SEKISHO_SCREEN_CACHE),
    commitWindowMs: env.SEKISHO_COMMIT_WINDOW_MS === undefined ? 2 : Number(env.SEKISHO_COMMIT_WINDOW_MS),
    screenWorkers: env.SEKISHO_SCREEN_WORKERS === undefined ? Math.min(4, Math.max(0, availableParallelism() - 1)) : Number(env.SEKISHO_SCREEN_WORKERS),
    exposureHops: env.SEKISHO_EXPOSURE_HOPS === undefined ? 4 : Number(env.SEKISHO_EXPOSURE_HOPS),
    exposurePolicy: exposurePolicy(env.SEKISHO_EXPOSURE_POLICY),
    monitoring: env.SEKISHO_MONITORING === undefined ? true : env.SEKISHO_MONITORING === 'on' ? true : env.SEKISHO_MONITORING === 'off' ? false : env.SEKISHO_MONITORING,
    ...pathList('geoCityDb', env.SEKISHO_GEO_CITY_DB),
    ...pathList('geoAsnDb', env.SEKISHO_GEO_ASN_DB),
    ...(env.SEKISHO_TOR_EXIT_LIST ? { torExitList: env.SEKISHO_TOR_EXIT_LIST } : {}),
    ...(env.SEKISHO_HOSTING_ASNS ? { hostingAsns: env.SEKISHO_HOSTING_ASNS } : {}),
    ...(env.SEKISHO_VPN_ASNS ? { vpnAsns: env.SEKISHO_VPN_ASNS } : {}),
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw ServerErrors.CONFIG_INVALID(`configuration value ${issue.path.join('.')} is invalid: ${issue.message}`);
  }
  return parsed.data as Config;
}

export function isPostgres(config: Pick<Config, 'database'>): boolean {
  return /^postgres(ql)?:\/\//.test(config.database);
}
