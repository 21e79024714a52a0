/**
 * @module storage/schema
 * Table types for Kysely. JSON columns are text in both dialects so one migration and one
 * repository serve SQLite and PostgreSQL; times are ISO-8601 UTC strings.
 */
import type { Generated } from 'kysely';

export interface ListVersionTable {
  id: Generated<number>;
  source: string;
  /** 1, 2, 3 … per source. */
  version: number;
  /** 'active' | 'superseded' | 'inactive' */
  status: string;
  file_names: string;
  file_hash: string;
  issue_date: string | null;
  loaded_at: string;
  activated_at: string | null;
  entity_count: number;
  /** JSON: { Person: n, Organization: n, ... } */
  counts: string;
  wallet_count: number;
  warning_count: number;
  /** JSON array of the first warnings (capped; warning_count has the total). */
  warnings: string;
  forced: number;
}

export interface ListEntityTable {
  version_id: number;
  entity_id: string;
  schema: string;
  caption: string;
  /** Content hash of `data`, for diffs. */
  hash: string;
  /** The entity as JSON (core model). */
  data: string;
}

export interface ListWalletTable {
  version_id: number;
  entity_id: string;
  currency: string;
  address: string;
}

export interface ListSourceTable {
  source: string;
  active_version_id: number | null;
  updated_at: string;
}

export interface TagVersionTable {
  id: Generated<number>;
  source: string;
  format: string;
  version: number;
  status: string;
  file_names: string;
  file_hash: string;
  loaded_at: string;
  tag_count: number;
  actor_count: number;
  coinbase_count: number;
}

export interface TagEntryTable {
  version_id: number;
  /** 'tag' | 'actor' | 'coinbase' */
  kind: string;
  data: string;
}

export interface TagSourceTable {
  source: string;
  active_version_id: number | null;
  updated_at: string;
}

export interface Database {
  list_version: ListVersionTable;
  list_entity: ListEntityTable;
  list_wallet: ListWalletTable;
  list_source: ListSourceTable;
  tag_version: TagVersionTable;
  tag_entry: TagEntryTable;
  tag_source: TagSourceTable;
}
