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
} as const;
