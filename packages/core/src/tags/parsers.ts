/**
 * @module tags/parsers
 * Reads attribution-tag files into a TagSet. Pure: the only input is the ListFile streams.
 * A file the parser cannot read raises a SekishoError naming the file (and line where known);
 * nothing of a failed call is returned, so the loader stores all of the files or none.
 *
 * Formats:
 * - `tagpack`: GraphSense TagPack YAML (github.com/graphsense/graphsense-tagpacks). A header of
 *   defaults (label, actor, category, abuse, currency, source, confidence, context, ...) and a
 *   `tags:` list whose entries need `address` and may override any header field.
 * - `actorpack`: GraphSense actor pack YAML: a header and `actors:` entries with id, label, uri,
 *   jurisdictions (ISO2) and categories.
 * - `mining-pools`: the pool lists of bitcoin-data/mining-pools (pool-list.json) and
 *   mempool/mining-pools (pools-v2.json), arrays of {id, name, addresses, tags, link}, and
 *   btccom/Blockchain-Known-Pools (pools.json), an object of `coinbase_tags` and
 *   `payout_addresses`, each keyed by tag or address with {name, link}. Every payout address
 *   becomes a BTC tag of category `mining_pool`, every pool an actor whose id is the pool
 *   name's slug, and the coinbase tags come out in `coinbaseTags`.
 * - `csv`: Sekisho's own tag CSV (RFC 4180, UTF-8). A header row is required; its columns,
 *   in any order, are taken from
 *     address,currency,label,actor,category,jurisdiction,source,confidence
 *   `address` and `currency` must be present and non-empty in every row; the others may be
 *   left out or empty. `jurisdiction` holds ISO 3166-1 alpha-2 codes separated by `;`
 *   ("RU;BY"). A column the format does not know is refused (a misspelt `jurisdictions` would
 *   otherwise drop data silently). An empty label falls back to the actor, then the address.
 *
 * YAML is read with the failsafe schema: every scalar stays the string it was written as, so an
 * unquoted `0x...` address or a `00123` label is never turned into a number.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { CoreErrors } from '../errors.ts';
import type { ListFile } from '../lists/types.ts';
import { streamCsv } from '../lists/shared/index.ts';
import type { Actor, Tag, TagFormat, TagSet } from './types.ts';

const TAG_FORMATS: readonly TagFormat[] = ['tagpack', 'actorpack', 'mining-pools', 'csv'];

/**
 * Parses tag files of one format into one TagSet (tags in file order; actors unique by id, the
 * first file to define an id wins).
 *
 * @example
 * const set = await parseTagFiles('tagpack', [fileInput('hydra.yaml')]);
 * set.tags[0]; // { address: '1BCW...', currency: 'BTC', label: 'Hydra Market', actor: 'hydramarket', ... }
 */
export async function parseTagFiles(format: TagFormat, files: ListFile[]): Promise<TagSet> {
  if (!TAG_FORMATS.includes(format)) throw CoreErrors.LIST_FORMAT(`unknown tag format "${String(format)}" (one of ${TAG_FORMATS.join(', ')})`);
  if (files.length === 0) throw CoreErrors.LIST_FILES(`no ${format} file given`);
  const set: TagSet = { tags: [], actors: [] };
  const actorIds = new Set<string>();
  const addActors = (actors: Actor[]) => {
    for (const actor of actors) if (!actorIds.has(actor.id)) (actorIds.add(actor.id), set.actors.push(actor));
  };
  for (const file of files) {
    if (format === 'csv') {
      for (const tag of await parseCsv(file)) set.tags.push(tag);
      continue;
    }
    const text = await readText(file);
    if (text.trim() === '') throw CoreErrors.LIST_EMPTY(`the ${format} file is empty`, { file: file.name });
    if (format === 'tagpack') {
      for (const tag of parseTagPack(file.name, text)) set.tags.push(tag);
    } else if (format === 'actorpack') {
      addActors(parseActorPack(file.name, text));
    } else {
      const pools = parseMiningPools(file.name, text);
      for (const tag of pools.tags) set.tags.push(tag);
      addActors(pools.actors);
      (set.coinbaseTags ??= []).push(...pools.coinbaseTags);
    }
  }
  return set;
}

/** The actor id of a mining pool: its name lower-cased with everything but a-z and 0-9 removed ("BTC.com" → "btccom", as GraphSense's ids). */
export function poolSlug(name: string): string {
  const slug = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '');
  // A name with no Latin letters or digits keeps its own letters rather than becoming "".
  return slug || name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

// ---------------------------------------------------------------------------------------------
// Reading

async function readText(file: ListFile): Promise<string> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of file.open()) (chunks.push(chunk), (length += chunk.length));
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) (bytes.set(chunk, offset), (offset += chunk.length));
  try {
    // fatal: a binary or mis-encoded file must be refused, not read with U+FFFD in its addresses.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw CoreErrors.LIST_FORMAT('not UTF-8 text', { file: file.name }, { cause: error });
  }
}

/** A YAML document as plain data, with the line of any node for error messages. */
function readYaml(fileName: string, text: string, kind: string): { root: Record<string, unknown>; lineOf(node: unknown): string | undefined; doc: ReturnType<typeof parseDocument> } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: false, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    throw CoreErrors.LIST_FORMAT(`not ${kind} YAML: ${error.code}`, { file: fileName, position: pos ? `line ${pos.line}, column ${pos.col}` : undefined }, { cause: error });
  }
  if (!isMap(doc.contents)) throw CoreErrors.LIST_FORMAT(`not ${kind} YAML: the document is not a mapping of header fields`, { file: fileName });
  const root = doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
  const lineOf = (node: unknown) => {
    const range = (node as Node | undefined)?.range;
    return range ? `line ${lineCounter.linePos(range[0]).line}` : undefined;
  };
  return { root, lineOf, doc };
}

/** A scalar field as a non-empty trimmed string; a mapping or list (context) as JSON. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object') return JSON.stringify(value);
  return undefined;
}

/** A scalar field only (a mapping where a label belongs is not a label). */
function scalar(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

function jurisdictionList(value: unknown): string[] {
  return stringList(value).map((v) => v.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// GraphSense TagPack

function parseTagPack(fileName: string, source: string): Tag[] {
  const { root, lineOf, doc } = readYaml(fileName, source, 'TagPack');
  if (!('tags' in root)) throw CoreErrors.LIST_PARSE('a TagPack needs a "tags" list of addresses; this file has none', { file: fileName });
  const entries = root.tags;
  if (!Array.isArray(entries)) throw CoreErrors.LIST_PARSE('"tags" is not a list', { file: fileName, position: lineOf(doc.get('tags', true)) });
  if (entries.length === 0) throw CoreErrors.LIST_EMPTY('the TagPack lists no tags', { file: fileName });
  const nodes = doc.get('tags', true);
  const header = root;
  const tags: Tag[] = [];
  entries.forEach((entry, i) => {
    const position = () => lineOf(isSeq(nodes) ? nodes.items[i] : undefined) ?? `tag ${i + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw CoreErrors.LIST_PARSE('a tag is not a mapping of fields', { file: fileName, position: position() });
    const own = entry as Record<string, unknown>;
    // A tag field overrides the header's; the header is the default for every tag.
    const field = (name: string) => (name in own ? own[name] : header[name]);
    const address = scalar(own.address);
    if (!address) throw CoreErrors.LIST_PARSE('a tag has no address', { file: fileName, position: position() });
    const currency = scalar(field('currency'))?.toUpperCase();
    if (!currency) throw CoreErrors.LIST_PARSE(`tag ${address} has no currency, and the header gives none`, { file: fileName, position: position() });
    const label = scalar(field('label'));
    if (!label) throw CoreErrors.LIST_PARSE(`tag ${address} has no label, and the header gives none`, { file: fileName, position: position() });
    const tag: Tag = { address, currency, label };
    const actor = scalar(field('actor'));
    if (actor) tag.actor = actor;
    const category = scalar(field('category'));
    if (category) tag.category = category;
    const abuse = scalar(field('abuse'));
    if (abuse) tag.abuse = abuse;
    const jurisdictions = jurisdictionList(field('jurisdictions'));
    if (jurisdictions.length) tag.jurisdictions = jurisdictions;
    const src = scalar(field('source'));
    if (src) tag.source = src;
    const confidence = scalar(field('confidence'));
    if (confidence) tag.confidence = confidence;
    const context = text(field('context'));
    if (context) tag.context = context;
    tags.push(tag);
  });
  return tags;
}

// ---------------------------------------------------------------------------------------------
// GraphSense actor pack

function parseActorPack(fileName: string, source: string): Actor[] {
  const { root, lineOf, doc } = readYaml(fileName, source, 'actor pack');
  if (!('actors' in root)) throw CoreErrors.LIST_PARSE('an actor pack needs an "actors" list; this file has none', { file: fileName });
  const entries = root.actors;
  if (!Array.isArray(entries)) throw CoreErrors.LIST_PARSE('"actors" is not a list', { file: fileName, position: lineOf(doc.get('actors', true)) });
  if (entries.length === 0) throw CoreErrors.LIST_EMPTY('the actor pack lists no actors', { file: fileName });
  const nodes = doc.get('actors', true);
  return entries.map((entry, i) => {
    const position = () => lineOf(isSeq(nodes) ? nodes.items[i] : undefined) ?? `actor ${i + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw CoreErrors.LIST_PARSE('an actor is not a mapping of fields', { file: fileName, position: position() });
    const own = entry as Record<string, unknown>;
    const id = scalar(own.id);
    if (!id) throw CoreErrors.LIST_PARSE('an actor has no id', { file: fileName, position: position() });
    const actor: Actor = {
      id,
      label: scalar(own.label) ?? id,
      categories: stringList(own.categories),
      jurisdictions: jurisdictionList(own.jurisdictions),
    };
    const uri = scalar(own.uri);
    if (uri) actor.uri = uri;
    return actor;
  });
}

// ---------------------------------------------------------------------------------------------
// Mining-pool lists

interface PoolEntry {
  name: string;
  link?: string;
  addresses: string[];
  coinbaseTags: string[];
}

function parseMiningPools(fileName: string, source: string): Required<TagSet> {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message)?.[1];
    // V8 reports a document that stops before it closes either as "Unexpected end of JSON
    // input" or as an expected token at the position just past the last character.
    const start = source.trimStart();
    const opened = start.startsWith('[') || start.startsWith('{');
    if (opened && (/end of JSON input/i.test(message) || (at !== undefined && Number(at) >= source.trimEnd().length))) {
      throw CoreErrors.LIST_TRUNCATED('the JSON ends before its document does', { file: fileName }, { cause: error });
    }
    throw CoreErrors.LIST_FORMAT('not a mining-pool list: not JSON', { file: fileName, position: at ? `byte ${at}` : undefined }, { cause: error });
  }
  const pools = Array.isArray(data) ? poolsFromArray(fileName, data) : poolsFromKnownPools(fileName, data);
  if (pools.length === 0) throw CoreErrors.LIST_EMPTY('the mining-pool list names no pools', { file: fileName });
  const set: Required<TagSet> = { tags: [], actors: [], coinbaseTags: [] };
  const actorIds = new Set<string>();
  for (const pool of pools) {
    const actor = poolSlug(pool.name);
    if (!actorIds.has(actor)) {
      actorIds.add(actor);
      const entry: Actor = { id: actor, label: pool.name, categories: ['mining_pool'], jurisdictions: [] };
      if (pool.link) entry.uri = pool.link;
      set.actors.push(entry);
    }
    for (const address of pool.addresses) {
      const tag: Tag = { address, currency: 'BTC', label: pool.name, actor, category: 'mining_pool' };
      if (pool.link) tag.source = pool.link;
      set.tags.push(tag);
    }
    for (const tag of pool.coinbaseTags) set.coinbaseTags.push({ tag, pool: pool.name, actor });
  }
  return set;
}

/** bitcoin-data/mining-pools pool-list.json and mempool/mining-pools pools-v2.json. */
function poolsFromArray(fileName: string, data: unknown[]): PoolEntry[] {
  return data.map((item, i) => {
    const pool = item as Record<string, unknown> | null;
    const name = pool && typeof pool === 'object' ? scalar(pool.name) : undefined;
    if (!pool || !name) throw CoreErrors.LIST_PARSE('a pool has no name', { file: fileName, position: `pool ${i + 1}` });
    const entry: PoolEntry = { name, addresses: stringList(pool.addresses), coinbaseTags: stringList(pool.tags) };
    const link = scalar(pool.link);
    if (link) entry.link = link;
    return entry;
  });
}

/** btccom/Blockchain-Known-Pools pools.json: tag → pool and address → pool, merged by pool name. */
function poolsFromKnownPools(fileName: string, data: unknown): PoolEntry[] {
  const object = data as Record<string, unknown> | null;
  const isRecord = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  if (!isRecord(object) || !isRecord(object.coinbase_tags) || !isRecord(object.payout_addresses)) {
    throw CoreErrors.LIST_FORMAT('not a mining-pool list: expected an array of pools or an object with "coinbase_tags" and "payout_addresses"', { file: fileName });
  }
  const byName = new Map<string, PoolEntry>();
  const poolOf = (key: string, value: unknown, section: string): PoolEntry => {
    const name = isRecord(value) ? scalar(value.name) : undefined;
    if (!name || !isRecord(value)) throw CoreErrors.LIST_PARSE(`${section} entry "${key}" names no pool`, { file: fileName, position: `${section}["${key}"]` });
    let pool = byName.get(name);
    if (!pool) byName.set(name, (pool = { name, addresses: [], coinbaseTags: [] }));
    const link = scalar(value.link);
    if (link && !pool.link) pool.link = link;
    return pool;
  };
  for (const [tag, value] of Object.entries(object.coinbase_tags)) poolOf(tag, value, 'coinbase_tags').coinbaseTags.push(tag);
  for (const [address, value] of Object.entries(object.payout_addresses)) poolOf(address, value, 'payout_addresses').addresses.push(address);
  return [...byName.values()];
}

// ---------------------------------------------------------------------------------------------
// Sekisho tag CSV

const CSV_COLUMNS = ['address', 'currency', 'label', 'actor', 'category', 'jurisdiction', 'source', 'confidence'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

async function parseCsv(file: ListFile): Promise<Tag[]> {
  const tags: Tag[] = [];
  let columns: Map<CsvColumn, number> | undefined;
  for await (const record of streamCsv(file, { formatName: 'tag CSV' })) {
    if (!columns) {
      columns = csvHeader(file.name, record.fields, record.line);
      continue;
    }
    const get = (name: CsvColumn) => {
      const index = columns!.get(name);
      return index === undefined ? undefined : record.fields[index]?.trim() || undefined;
    };
    if (record.fields.every((f) => f.trim() === '')) continue;
    const position = `line ${record.line}`;
    const address = get('address');
    if (!address) throw CoreErrors.LIST_PARSE('the row has no address', { file: file.name, position });
    const currency = get('currency')?.toUpperCase();
    if (!currency) throw CoreErrors.LIST_PARSE(`address ${address} has no currency`, { file: file.name, position });
    const actor = get('actor');
    const tag: Tag = { address, currency, label: get('label') ?? actor ?? address };
    if (actor) tag.actor = actor;
    const category = get('category');
    if (category) tag.category = category;
    const jurisdictions = (get('jurisdiction') ?? '').split(';').map((j) => j.trim().toUpperCase()).filter(Boolean);
    const bad = jurisdictions.find((j) => !/^[A-Z]{2}$/.test(j));
    if (bad) throw CoreErrors.LIST_PARSE(`jurisdiction "${bad}" is not an ISO 3166-1 alpha-2 code (separate several with ";")`, { file: file.name, position });
    if (jurisdictions.length) tag.jurisdictions = jurisdictions;
    const src = get('source');
    if (src) tag.source = src;
    const confidence = get('confidence');
    if (confidence) tag.confidence = confidence;
    tags.push(tag);
  }
  if (!columns) throw CoreErrors.LIST_EMPTY('the tag CSV is empty', { file: file.name });
  if (tags.length === 0) throw CoreErrors.LIST_EMPTY('the tag CSV has a header and no rows', { file: file.name });
  return tags;
}

function csvHeader(fileName: string, fields: string[], line: number): Map<CsvColumn, number> {
  const columns = new Map<CsvColumn, number>();
  fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      throw CoreErrors.LIST_FORMAT(`unknown column "${raw.trim()}"; the tag CSV's columns are ${CSV_COLUMNS.join(',')}`, { file: fileName, position: `line ${line}` });
    }
    if (columns.has(name as CsvColumn)) throw CoreErrors.LIST_FORMAT(`column "${name}" appears twice`, { file: fileName, position: `line ${line}` });
    columns.set(name as CsvColumn, index);
  });
  for (const required of ['address', 'currency'] as const) {
    if (!columns.has(required)) throw CoreErrors.LIST_FORMAT(`the header has no "${required}" column (a header row is required: ${CSV_COLUMNS.join(',')})`, { file: fileName, position: `line ${line}` });
  }
  return columns;
}
