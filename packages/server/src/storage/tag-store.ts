/**
 * @module storage/tag-store
 * Attribution tag sets, versioned like lists: a load writes a new version of its tag source in
 * one transaction and moves the source's active pointer in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { Actor, CoinbaseTag, Tag, TagSet } from '@sekisho/core';
import type { Database } from './schema.ts';

export interface TagVersion {
  source: string;
  format: string;
  version: number;
  files: { name: string; bytes: number; sha256: string }[];
  fileHash: string;
  loadedAt: string;
  tagCount: number;
  actorCount: number;
  coinbaseCount: number;
}

export function createTagStore(db: Kysely<Database>) {
  return {
    /** Stores `set` as the next version of `source` and activates it; returns the version. */
    async save(source: string, format: string, files: TagVersion['files'], fileHash: string, set: TagSet, at: string): Promise<TagVersion> {
      return db.transaction().execute(async (trx) => {
        await trx.insertInto('tag_source').values({ source, active_version_id: null, updated_at: at }).onConflict((oc) => oc.column('source').doNothing()).execute();
        await trx.updateTable('tag_source').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('source', '=', source).execute();
        const last = await trx.selectFrom('tag_version').select((eb) => eb.fn.max('version').as('v')).where('source', '=', source).executeTakeFirst();
        const version = Number(last?.v ?? 0) + 1;
        const coinbase = set.coinbaseTags ?? [];
        const row = await trx
          .insertInto('tag_version')
          .values({ source, format, version, status: 'active', file_names: JSON.stringify(files), file_hash: fileHash, loaded_at: at, tag_count: set.tags.length, actor_count: set.actors.length, coinbase_count: coinbase.length })
          .returning('id')
          .executeTakeFirstOrThrow();
        const entries = [
          ...set.tags.map((t) => ({ version_id: row.id, kind: 'tag', data: JSON.stringify(t) })),
          ...set.actors.map((a) => ({ version_id: row.id, kind: 'actor', data: JSON.stringify(a) })),
          ...coinbase.map((c) => ({ version_id: row.id, kind: 'coinbase', data: JSON.stringify(c) })),
        ];
        for (let i = 0; i < entries.length; i += 500) await trx.insertInto('tag_entry').values(entries.slice(i, i + 500)).execute();
        await trx.updateTable('tag_version').set({ status: 'superseded' }).where('source', '=', source).where('id', '!=', row.id).where('status', '=', 'active').execute();
        await trx.updateTable('tag_source').set({ active_version_id: row.id, updated_at: at }).where('source', '=', source).execute();
        return { source, format, version, files, fileHash, loadedAt: at, tagCount: set.tags.length, actorCount: set.actors.length, coinbaseCount: coinbase.length };
      });
    },

    async activeVersion(source: string): Promise<{ fileHash: string; version: number } | undefined> {
      const row = await db.selectFrom('tag_source').innerJoin('tag_version', 'tag_version.id', 'tag_source.active_version_id').select(['tag_version.file_hash', 'tag_version.version']).where('tag_source.source', '=', source).executeTakeFirst();
      return row ? { fileHash: row.file_hash, version: Number(row.version) } : undefined;
    },

    async status(): Promise<TagVersion[]> {
      const rows = await db.selectFrom('tag_source').innerJoin('tag_version', 'tag_version.id', 'tag_source.active_version_id').selectAll('tag_version').orderBy('tag_version.source').execute();
      return rows.map((r) => ({
        source: r.source,
        format: r.format,
        version: Number(r.version),
        files: JSON.parse(r.file_names),
        fileHash: r.file_hash,
        loadedAt: r.loaded_at,
        tagCount: Number(r.tag_count),
        actorCount: Number(r.actor_count),
        coinbaseCount: Number(r.coinbase_count),
      }));
    },

    /** Every tag and actor of the active tag versions. */
    async active(): Promise<{ tags: (Tag & { tagSource: string; tagVersion: number })[]; actors: Actor[] }> {
      const rows = await db
        .selectFrom('tag_entry')
        .innerJoin('tag_source', 'tag_source.active_version_id', 'tag_entry.version_id')
        .innerJoin('tag_version', 'tag_version.id', 'tag_entry.version_id')
        .select(['tag_entry.kind', 'tag_entry.data', 'tag_version.source', 'tag_version.version'])
        .where('tag_entry.kind', 'in', ['tag', 'actor'])
        .execute();
      const tags: (Tag & { tagSource: string; tagVersion: number })[] = [];
      const actors: Actor[] = [];
      for (const r of rows) {
        if (r.kind === 'tag') tags.push({ ...(JSON.parse(r.data) as Tag), tagSource: r.source, tagVersion: Number(r.version) });
        else actors.push(JSON.parse(r.data) as Actor);
      }
      return { tags, actors };
    },

    /**
     * Every coinbase tag of the active tag versions (from mining-pool lists), for coinbase
     * attribution; the pools' payout addresses are tags of category mining_pool in `active()`.
     */
    async coinbaseTags(): Promise<(CoinbaseTag & { tagSource: string; tagVersion: number })[]> {
      const rows = await db
        .selectFrom('tag_entry')
        .innerJoin('tag_source', 'tag_source.active_version_id', 'tag_entry.version_id')
        .innerJoin('tag_version', 'tag_version.id', 'tag_entry.version_id')
        .select(['tag_entry.data', 'tag_version.source', 'tag_version.version'])
        .where('tag_entry.kind', '=', 'coinbase')
        .execute();
      return rows.map((r) => ({ ...(JSON.parse(r.data) as CoinbaseTag), tagSource: r.source, tagVersion: Number(r.version) }));
    },
  };
}

export type TagStore = ReturnType<typeof createTagStore>;
