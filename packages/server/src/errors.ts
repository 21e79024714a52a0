/**
 * @module errors
 * The server package's error catalogue (the core catalogue covers parsing). Same rules: a
 * stable code, an HTTP status, a hint the reader can act on; internals only in `cause`.
 */
import { defineError } from '@sekisho/core/errors';

export const ServerErrors = {
  CONFIG_INVALID: defineError('SEK_CONFIG_INVALID', 500, 'Fix the setting named above (environment variable or config file) and start again'),
  FILE_NOT_FOUND: defineError('SEK_FILE_NOT_FOUND', 400, 'Check the path; nothing was loaded'),
  FILE_READ: defineError('SEK_FILE_READ', 400, 'The file could not be read; nothing was loaded'),
  LIST_SHRINK: defineError('SEK_LIST_SHRINK', 409, 'The active version stays active. If the drop is expected (a mass delisting), load again with --force'),
  LIST_NOT_LOADED: defineError('SEK_LIST_NOT_LOADED', 404, 'Load the source first with `sekisho lists load <source> <file>`'),
  VERSION_NOT_FOUND: defineError('SEK_VERSION_NOT_FOUND', 404, 'See `sekisho lists status` for the versions there are'),
  ENTITY_NOT_FOUND: defineError('SEK_ENTITY_NOT_FOUND', 404, 'Ids are source-qualified, e.g. ofac:36216; the entity must be on an active list version'),
  LIST_FETCH: defineError('SEK_LIST_FETCH', 502, 'Nothing was loaded and the active version stays active; check the URL in the configuration or use --from-dir with a local copy'),
  SCREEN_INPUT: defineError('SEK_SCREEN_INPUT', 400, 'Fix the line named above; nothing after it was screened'),
  JA_DICTIONARY: defineError('SEK_JA_DICTIONARY', 500, 'Names in kanji cannot be read without it: check that the kuromoji package and its dict/ folder are installed; names with a kana reading are not affected'),
  KEY_NOT_FOUND: defineError('SEK_KEY_NOT_FOUND', 404, 'See `sekisho keys list` for the keys there are'),
  KEY_ROLE: defineError('SEK_KEY_ROLE', 400, 'A role is one of viewer, analyst, supervisor, admin, service'),
  AUDIT_BROKEN: defineError('SEK_AUDIT_BROKEN', 500, 'The audit log was altered outside Sekisho: keep the database as it is, restore the entries from a backup and report the finding'),
  CUSTOMER_NOT_FOUND: defineError('SEK_CUSTOMER_NOT_FOUND', 404, 'Create the customer first (PUT /v1/customers/{id} or a customer.onboarded event)'),
  ALERT_NOT_FOUND: defineError('SEK_ALERT_NOT_FOUND', 404, 'See GET /v1/alerts for the alerts there are'),
  ALERT_CHANGE: defineError('SEK_ALERT_CHANGE', 409, 'The alert was not changed'),
  STORE: defineError('SEK_STORE', 500, 'The database operation failed; nothing of this operation was written'),
  CHAIN_NODE: defineError('SEK_CHAIN_NODE', 502, 'The node gave no usable answer: check the URL, that the node runs and accepts RPC from here, and its user and password. Nothing of the failed batch was stored; earlier batches stay, and a re-run adds only what is missing'),
  CHAIN_RPC: defineError('SEK_CHAIN_RPC', 502, 'The node refused the call (its error is quoted above): check the block range and that the node serves it (pruned? still syncing?). Nothing of the failed batch was stored; earlier batches stay, and a re-run adds only what is missing'),
  // Requests to the API: authentication, validation, limits, events.
  UNAUTHENTICATED: defineError('SEK_UNAUTHENTICATED', 401, 'Send an API key as `Authorization: Bearer sek_…` (create one with `sekisho keys create --role R`); revoked keys are refused'),
  FORBIDDEN: defineError('SEK_FORBIDDEN', 403, 'This key’s role may not use this route; the roles that may are named above'),
  REQUEST_JSON: defineError('SEK_REQUEST_JSON', 400, 'The body is not valid JSON; nothing was written'),
  REQUEST_INVALID: defineError('SEK_REQUEST_INVALID', 400, 'Fix the field named above (see /openapi.json); nothing was written'),
  REQUEST_TOO_LARGE: defineError('SEK_REQUEST_TOO_LARGE', 413, 'Send a smaller body (split a batch); nothing was written'),
  MEDIA_TYPE: defineError('SEK_MEDIA_TYPE', 415, 'Send the body as application/json'),
  ROUTE_NOT_FOUND: defineError('SEK_ROUTE_NOT_FOUND', 404, 'See /openapi.json for the routes there are'),
  RATE_LIMITED: defineError('SEK_RATE_LIMITED', 429, 'Slow down and retry after the time in the Retry-After header; nothing of the refused request was written'),
  EVENT_CONFLICT: defineError('SEK_EVENT_CONFLICT', 409, 'An event id is used once: this id was already used for a different event; send the new event with a new id'),
  ADDRESS_INVALID: defineError('SEK_ADDRESS_INVALID', 400, 'Send the address exactly as the chain writes it (checksum included); nothing was written'),
  EVENT_NOT_FOUND: defineError('SEK_EVENT_NOT_FOUND', 404, 'Event ids are the ones the client chose when posting'),
  NOT_READY: defineError('SEK_NOT_READY', 503, 'Load the sanctions lists first (`sekisho lists load` or `lists update`); screening without lists would clear everyone'),
  SHUTTING_DOWN: defineError('SEK_SHUTTING_DOWN', 503, 'The server is stopping; retry against another instance or after it restarts'),
  MONITOR_CONFIG_NOT_FOUND: defineError('SEK_MONITOR_CONFIG_NOT_FOUND', 404, 'See `sekisho monitor config list` (GET /v1/monitoring/configs) for the versions there are'),
  MONITOR_CONFIG_DECISION: defineError('SEK_MONITOR_CONFIG_DECISION', 409, 'The configuration in force stays in force. A proposed version is approved or rejected once, by a supervisor or admin other than its proposer'),
  INTERNAL: defineError('SEK_INTERNAL', 500, 'The server failed; the operation was not applied. The server log has the details'),
} as const;
