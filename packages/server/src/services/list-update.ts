/**
 * @module services/list-update
 * `lists update`: fetches each source from its configured official URL (or reads an offline
 * mirror) and loads it through the same guarded loader as `lists load`. A source whose
 * download fails keeps its active version; the others are still updated.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SOURCE_NAMES, type SourceName } from '@sekisho/core/model';
import { isSekishoError, type SekishoError } from '@sekisho/core/errors';
import { parserFor } from '@sekisho/core';
import { ServerErrors } from '../errors.ts';
import { DOWNLOAD_NAMES, LINKED_FILES } from '../lists/sources.ts';
import type { ListLoader, LoadResult } from './list-loader.ts';
import type { ProgressFn } from '../lists/input.ts';

export interface UpdateOptions {
  source?: string;
  fromDir?: string;
  force?: boolean;
  /** Who asked, for the audit log (`key:<id>`, `cli`); default `system`. */
  actor?: string;
  onProgress?: (source: string) => ProgressFn | undefined;
}

export type UpdateOutcome =
  | { source: string; status: 'loaded' | 'unchanged'; result: LoadResult }
  | { source: string; status: 'skipped'; reason: string }
  | { source: string; status: 'failed'; error: SekishoError };

export interface UpdateDeps {
  loader: ListLoader;
  sourceUrls: Record<SourceName, string[]>;
  fetchTimeoutMs: number;
  fetch?: typeof fetch;
}

function mirrorFiles(dir: string, source: string): string[] {
  const sub = join(dir, source);
  let entries: string[];
  try {
    if (!statSync(sub).isDirectory()) return [];
    entries = readdirSync(sub);
  } catch {
    // A missing sub-directory means "this mirror has no copy of the source", not a failure.
    return [];
  }
  return entries
    .filter((name) => !name.startsWith('.'))
    .map((name) => join(sub, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

/** GETs a URL; any network failure, time-out or non-2xx answer is SEK_LIST_FETCH. */
async function get(deps: UpdateDeps, source: string, url: string): Promise<Response> {
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(url, { signal: AbortSignal.timeout(deps.fetchTimeoutMs), redirect: 'follow' });
  } catch (error) {
    throw ServerErrors.LIST_FETCH(`cannot download ${source} from ${url}: ${(error as Error).message}`, { url }, { cause: error });
  }
  if (!response.ok) throw ServerErrors.LIST_FETCH(`download of ${source} from ${url} answered HTTP ${response.status}`, { url, status: response.status });
  return response;
}

async function save(response: Response, dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(await response.arrayBuffer()));
  return path;
}

async function download(deps: UpdateDeps, source: SourceName, dir: string): Promise<string[]> {
  const names = DOWNLOAD_NAMES[source];
  const paths: string[] = [];
  for (const [i, url] of (deps.sourceUrls[source] ?? []).entries()) {
    const response = await get(deps, source, url);
    const link = LINKED_FILES[source];
    if (link && /text\/html/i.test(response.headers.get('content-type') ?? '')) {
      const href = preferredLink(await response.text(), link);
      if (!href) throw ServerErrors.LIST_FETCH(`the ${source} page ${url} links to no list file`, { url });
      const fileUrl = new URL(href, url);
      paths.push(await save(await get(deps, source, fileUrl.toString()), dir, decodeURIComponent(basename(fileUrl.pathname))));
    } else {
      paths.push(await save(response, dir, names[i] ?? `${source}-${i + 1}`));
    }
  }
  return paths;
}

/** The last matching link on the page: MOF lists editions oldest first, so the last is current. */
function preferredLink(page: string, pattern: RegExp): string | undefined {
  const links = [...page.matchAll(new RegExp(pattern.source, pattern.flags))].map((m) => m[1]!);
  const dated = links.filter((l) => /\d{8}/.test(l)).sort((a, b) => (a.match(/\d{8}/)![0] < b.match(/\d{8}/)![0] ? -1 : 1));
  return dated.at(-1) ?? links.at(-1);
}

export async function updateLists(deps: UpdateDeps, options: UpdateOptions): Promise<UpdateOutcome[]> {
  if (options.source) parserFor(options.source);
  const sources = (options.source ? [options.source] : SOURCE_NAMES.filter((s) => s !== 'custom')) as SourceName[];
  const outcomes: UpdateOutcome[] = [];
  for (const source of sources) {
    let tempDir: string | undefined;
    try {
      let paths: string[];
      if (options.fromDir) {
        paths = mirrorFiles(options.fromDir, source);
        if (paths.length === 0) {
          if (options.source) throw ServerErrors.FILE_NOT_FOUND(`the mirror has no files for ${source} (expected them in ${join(options.fromDir, source)}/)`);
          outcomes.push({ source, status: 'skipped', reason: `no ${source}/ directory in the mirror` });
          continue;
        }
      } else {
        if ((deps.sourceUrls[source] ?? []).length === 0) {
          outcomes.push({ source, status: 'skipped', reason: 'no URL configured' });
          continue;
        }
        tempDir = mkdtempSync(join(tmpdir(), `sekisho-${source}-`));
        paths = await download(deps, source, tempDir);
      }
      const result = await deps.loader.load(source, paths, { force: options.force, onProgress: options.onProgress?.(source), actor: options.actor });
      outcomes.push({ source, status: result.status, result });
    } catch (error) {
      if (!isSekishoError(error)) throw error;
      outcomes.push({ source, status: 'failed', error });
    } finally {
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    }
  }
  return outcomes;
}
