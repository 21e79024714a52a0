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

export interface ApiKeyTable {
  /** The public part of the key (`sek_<id>_<secret>`), shown in listings. */
  id: string;
  name: string;
  /** 'viewer' | 'analyst' | 'supervisor' | 'admin' | 'service' */
  role: string;
  /** SHA-256 (hex) of the secret part; the secret itself is never stored. */
  hash: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  /** 1, 2, 3 … without gaps: a gap is a deleted entry. */
  seq: number;
  at: string;
  /** Who: `key:<id>`, `cli`, `system`. */
  actor: string;
  /** 'event.decided' | 'alert.created' | 'alert.updated' | 'list.activated' | 'key.created' | … */
  action: string;
  subject: string | null;
  /** JSON. */
  data: string;
  prev_hash: string;
  /** SHA-256 over prev_hash and the canonical JSON of the entry (services/audit.ts). */
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface CustomerTable {
  /** The exchange's own customer id. */
  id: string;
  /** 'person' | 'legal' */
  type: string;
  /** JSON: the customer record as last received (core customers/schema.ts). */
  data: string;
  revision: number;
  created_at: string;
  updated_at: string;
  /** 'unscreened' | 'clear' | 'possible-match' | 'match' */
  status: string;
  screened_at: string | null;
  /** JSON: the last screening summary (list versions used, open hits). */
  screening: string | null;
}

export interface CustomerPartyTable {
  customer_id: string;
  /** 'self', 'owner:0', 'director:1', 'counterparty:<hash>' … stable per party. */
  party_key: string;
  /** 'customer' | 'owner' | 'director' | 'counterparty' */
  role: string;
  /** JSON ScreeningQuery (core), what rescreening runs. */
  query: string;
  added_at: string;
}

export interface CustomerWalletTable {
  customer_id: string;
  address: string;
  chain: string | null;
  /** 'registered' | 'counterparty' | 'deposit-source' */
  role: string;
  added_at: string;
}

export interface EventTable {
  /** The client-chosen event id (idempotency key). */
  id: string;
  type: string;
  customer_id: string | null;
  received_at: string;
  /** SHA-256 of the canonical payload: the same id with a different payload is refused. */
  payload_hash: string;
  payload: string;
  decision: string;
  /** JSON: the decision answer as first given, returned again for a repeated id. */
  response: string;
}

export interface AlertTable {
  id: Generated<number>;
  created_at: string;
  updated_at: string;
  /** 'open' | 'in-review' | 'closed' */
  status: string;
  assignee: string | null;
  /** null | 'true-match' | 'false-positive' | 'inconclusive' | 'escalated' */
  disposition: string | null;
  /** 'event' | 'rescreen' */
  origin: string;
  /** 'name' | 'wallet' */
  kind: string;
  /** 'confirmed' | 'possible' */
  severity: string;
  customer_id: string | null;
  event_id: string | null;
  party_key: string | null;
  entity_id: string;
  source: string;
  list_version: number;
  score: number;
  dedupe_key: string;
  /** JSON: party name, listed caption, programs, explanation. */
  summary: string;
  occurrences: number;
}

export interface AlertNoteTable {
  alert_id: number;
  at: string;
  actor: string;
  note: string | null;
  /** JSON: the fields changed, { status: [from, to], … }. */
  change: string;
}

export interface ServiceStateTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface ChainBlockTable {
  chain: string;
  hash: string;
  height: number;
  parent_hash: string;
  time: number;
  tx_count: number;
}

export interface UtxoTxTable {
  chain: string;
  txid: string;
  block_height: number;
  block_hash: string;
  idx: number;
  time: number;
  coinbase: number;
  coinbase_tag: string | null;
}

export interface UtxoOutputTable {
  chain: string;
  txid: string;
  vout: number;
  /** Satoshis (below 2^53, so a number is exact). */
  value: number;
  type: string;
  address: string | null;
}

export interface UtxoInputTable {
  chain: string;
  txid: string;
  vin: number;
  prev_txid: string | null;
  prev_vout: number | null;
}

export interface AccountTransferTable {
  chain: string;
  tx_hash: string;
  /** -1 for the native value of the transaction. */
  log_index: number;
  block_height: number;
  time: number;
  from_address: string;
  to_address: string;
  /** Decimal text of the smallest unit (wei, sun, token units): beyond 2^53. */
  value: string;
  asset: string;
  ok: number;
}

export interface ClusterAddressTable {
  chain: string;
  address: string;
  cluster_id: number;
}

export interface ClusterTable {
  chain: string;
  id: number;
  size: number;
  /** JSON array of actor ids, sorted. */
  actors: string;
}

export interface ClusterCounterTable {
  chain: string;
  next_id: number;
}

export interface ClusterLinkTable {
  chain: string;
  address_a: string;
  address_b: string;
  txid: string;
}

export interface ClusterConflictTable {
  chain: string;
  txid: string;
  address_a: string;
  address_b: string;
  cluster_a: number | null;
  cluster_b: number | null;
  /** JSON arrays of actor ids. */
  actors_a: string;
  actors_b: string;
}

export interface ClusterAlarmTable {
  chain: string;
  txid: string;
  cluster_id: number;
  size: number;
  threshold: number;
}

export interface ClusterTxTable {
  chain: string;
  txid: string;
  /** 'coinbase' | 'single-input' | 'coinjoin' | 'unresolved' | 'conflict' | 'merged' */
  outcome: string;
  /** JSON CoinJoinShape (denomination as a decimal string) when outcome is 'coinjoin'. */
  coinjoin: string | null;
  inputs: number;
  resolved: number;
}

/** A version of the monitoring configuration (migration 0006). */
export interface MonitoringConfigTable {
  version: Generated<number>;
  /** 'proposed' | 'active' | 'superseded' | 'rejected' */
  status: string;
  /** The configuration as proposed (JSON; what it leaves out runs with the rules' defaults). */
  config: string;
  note: string | null;
  proposed_by: string;
  proposed_at: string;
  /** Who approved or rejected it. */
  decided_by: string | null;
  decided_at: string | null;
}

/** One activity of a customer (core's Activity as JSON), for the sliding windows. */
export interface CustomerActivityTable {
  customer_id: string;
  at: string;
  event_id: string;
  activity: string;
}

/** An identifier a customer used or declared (the link graph). */
export interface CustomerIdentifierTable {
  /** ip | device | phone | email | bank-account | withdrawal-address | deposit-address */
  kind: string;
  value: string;
  customer_id: string;
  first_seen: string;
  last_seen: string;
}

export interface Database {
  list_version: ListVersionTable;
  list_entity: ListEntityTable;
  list_wallet: ListWalletTable;
  list_source: ListSourceTable;
  tag_version: TagVersionTable;
  tag_entry: TagEntryTable;
  tag_source: TagSourceTable;
  api_key: ApiKeyTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  customer: CustomerTable;
  customer_party: CustomerPartyTable;
  customer_wallet: CustomerWalletTable;
  event: EventTable;
  alert: AlertTable;
  alert_note: AlertNoteTable;
  service_state: ServiceStateTable;
  chain_block: ChainBlockTable;
  utxo_tx: UtxoTxTable;
  utxo_output: UtxoOutputTable;
  utxo_input: UtxoInputTable;
  account_transfer: AccountTransferTable;
  cluster_address: ClusterAddressTable;
  cluster: ClusterTable;
  cluster_counter: ClusterCounterTable;
  cluster_link: ClusterLinkTable;
  cluster_conflict: ClusterConflictTable;
  cluster_alarm: ClusterAlarmTable;
  cluster_tx: ClusterTxTable;
  monitoring_config: MonitoringConfigTable;
  customer_activity: CustomerActivityTable;
  customer_identifier: CustomerIdentifierTable;
}
