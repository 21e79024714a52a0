/**
 * @module services/tag-loader
 * `sekisho tags load`: parses tag files of one format and stores them as the next version of
 * their tag source — the format and the file names, so that reloading hydra.yaml replaces the
 * earlier hydra.yaml and leaves ofac.yaml alone. The same files already active change nothing.
 */
import { parseTagFiles, type TagFormat } from '@sekisho/core';
import { CoreErrors } from '@sekisho/core/errors';
import { openInputs } from '../lists/input.ts';
import type { TagStore, TagVersion } from '../storage/tag-store.ts';

export const TAG_FORMATS: TagFormat[] = ['tagpack', 'actorpack', 'mining-pools', 'csv'];

export async function loadTags(store: TagStore, format: string, paths: string[], now = () => new Date()): Promise<{ status: 'loaded' | 'unchanged'; version: TagVersion | { source: string; version: number } }> {
  if (!(TAG_FORMATS as string[]).includes(format)) throw CoreErrors.LIST_FORMAT(`unknown tag format "${format}" (one of ${TAG_FORMATS.join(', ')})`);
  if (paths.length === 0) throw CoreErrors.LIST_FILES('no tag file given');
  const opened = await openInputs(paths);
  const source = `${format}:${opened.inputs.map((f) => f.name).sort().join('+')}`;
  const active = await store.activeVersion(source);
  if (active?.fileHash === opened.hash) return { status: 'unchanged', version: { source, version: active.version } };
  const set = await parseTagFiles(format as TagFormat, opened.files);
  const version = await store.save(source, format, opened.inputs.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 })), opened.hash, set, now().toISOString());
  return { status: 'loaded', version };
}
