/**
 * @module services/list-diff
 * The difference between two versions of one source: entities added, removed, and changed
 * (with the fields that changed). Default: the active version against the one before it.
 */
import { changedFields, parserFor } from '@sekisho/core';
import { ServerErrors } from '../errors.ts';
import type { ListStore, ListVersion } from '../storage/list-store.ts';

export interface ListDiff {
  source: string;
  from: { version: number; entityCount: number; issueDate: string | null };
  to: { version: number; entityCount: number; issueDate: string | null };
  added: { id: string; caption: string; schema: string }[];
  removed: { id: string; caption: string; schema: string }[];
  changed: { id: string; caption: string; schema: string; fields: string[] }[];
}

export async function diffVersions(store: ListStore, source: string, fromNumber?: number, toNumber?: number): Promise<ListDiff> {
  parserFor(source);
  const versions = await store.versions(source);
  if (versions.length === 0) throw ServerErrors.LIST_NOT_LOADED(`${source} has no versions yet`);
  const pick = (n: number): ListVersion => {
    const v = versions.find((x) => x.version === n);
    if (!v) throw ServerErrors.VERSION_NOT_FOUND(`${source} has no version ${n}`);
    return v;
  };
  const active = versions.find((v) => v.status === 'active') ?? versions[versions.length - 1]!;
  const to = toNumber !== undefined ? pick(toNumber) : active;
  let from: ListVersion;
  if (fromNumber !== undefined) from = pick(fromNumber);
  else {
    const before = versions.filter((v) => v.version < to.version);
    if (before.length === 0) throw ServerErrors.VERSION_NOT_FOUND(`${source} version ${to.version} has no earlier version to compare with; pass --from`);
    from = before[before.length - 1]!;
  }
  const [a, b] = [await store.entityHashes(from.id), await store.entityHashes(to.id)];
  const addedIds = [...b.keys()].filter((id) => !a.has(id)).sort();
  const removedIds = [...a.keys()].filter((id) => !b.has(id)).sort();
  const changedIds = [...b.keys()].filter((id) => a.has(id) && a.get(id) !== b.get(id)).sort();
  const [fromEntities, toEntities] = [
    await store.entitiesOf(from.id, [...removedIds, ...changedIds]),
    await store.entitiesOf(to.id, [...addedIds, ...changedIds]),
  ];
  const brief = (e: { id: string; schema: string; names: { full: string; kind: string }[] }) => ({
    id: e.id,
    caption: e.names.find((n) => n.kind === 'primary')?.full ?? e.names[0]?.full ?? e.id,
    schema: e.schema,
  });
  return {
    source,
    from: { version: from.version, entityCount: from.entityCount, issueDate: from.issueDate },
    to: { version: to.version, entityCount: to.entityCount, issueDate: to.issueDate },
    added: addedIds.map((id) => brief(toEntities.get(id)!)),
    removed: removedIds.map((id) => brief(fromEntities.get(id)!)),
    changed: changedIds
      .map((id) => ({ ...brief(toEntities.get(id)!), fields: changedFields(fromEntities.get(id)!, toEntities.get(id)!) }))
      .filter((c) => c.fields.length > 0),
  };
}
