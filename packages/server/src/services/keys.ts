/**
 * @module services/keys
 * API keys: creation, listing, revocation and the per-request check. A token is
 * `sek_<id>_<secret>`: the id (12 hex digits) names the key in listings, logs and the audit log;
 * the secret (32 random bytes, base64url) is shown once and only its SHA-256 is stored.
 *
 * Why SHA-256 and not bcrypt/scrypt/Argon2: those are slow on purpose so that a stolen hash of
 * a low-entropy password cannot be brute-forced. A 256-bit random secret cannot be brute-forced
 * at any speed, so a slow hash would only add milliseconds to every API request (OWASP Password
 * Storage Cheat Sheet is about passwords; NIST SP 800-63B §5.1.1.2 asks for a slow KDF only for
 * memorised secrets).
 *
 * Key changes are recorded in the audit log in the same transaction ('key.created' with id, name
 * and role; 'key.revoked' with the id); neither token nor hash ever goes into it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Selectable } from 'kysely';
import { ServerErrors } from '../errors.ts';
import type { Store } from '../storage/db.ts';
import type { ApiKeyTable } from '../storage/schema.ts';
import type { AuditLog } from './audit.ts';

export const ROLES = ['viewer', 'analyst', 'supervisor', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

/** `sek_` + 12 hex + `_` + 43 base64url characters (32 bytes without padding). */
const TOKEN = /^sek_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function toInfo(row: Selectable<ApiKeyTable>): ApiKeyInfo {
  return { id: row.id, name: row.name, role: row.role as Role, createdAt: row.created_at, createdBy: row.created_by, revokedAt: row.revoked_at };
}

/** The key id of a well-formed token (for logs and rate limits), without checking it. */
export function tokenKeyId(token: string): string | undefined {
  return TOKEN.exec(token)?.[1];
}

/**
 * Builds the key service. `cacheMs` keeps successful authentications that long (0: none), so
 * the API does not read the key table on every request; revoke() drops the entry at once, and
 * a revocation made by another process (the CLI) takes effect within `cacheMs`.
 * @example const keys = createKeyService({ store, audit, cacheMs: 2000 }); const { token } = await keys.create({ role: 'service', actor: 'cli' });
 */
export function createKeyService(deps: { store: Store; audit: AuditLog; cacheMs: number; now?: () => Date }) {
  const { db } = deps.store;
  const now = deps.now ?? (() => new Date());
  // id → the key and its stored hash; only positive answers, so its size is bounded by the keys there are.
  const cache = new Map<string, { info: ApiKeyInfo; hash: Buffer; until: number }>();
  // Bumped by every revoke(): an authenticate() whose read raced a revocation does not cache.
  let revocations = 0;

  return {
    /** Creates a key; the token is returned here and never again. */
    async create(input: { role: string; name?: string; actor: string }): Promise<{ key: ApiKeyInfo; token: string }> {
      if (!isRole(input.role)) throw ServerErrors.KEY_ROLE(`"${input.role}" is not a role`, { role: input.role });
      const role = input.role;
      const id = randomBytes(6).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      const name = input.name?.trim() || `${role} key ${id}`;
      const createdAt = now().toISOString();
      const row = { id, name, role, hash: sha256(secret).toString('hex'), created_at: createdAt, created_by: input.actor, revoked_at: null };
      await deps.audit.transaction(async (trx, audit) => {
        await trx.insertInto('api_key').values(row).execute();
        audit({ actor: input.actor, action: 'key.created', subject: id, data: { id, name, role } });
      });
      return { key: toInfo(row), token: `sek_${id}_${secret}` };
    },

    async list(): Promise<ApiKeyInfo[]> {
      const rows = await db.selectFrom('api_key').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toInfo);
    },

    /** Revokes a key at once; revoking a revoked key returns it unchanged (and records nothing). */
    async revoke(id: string, actor: string): Promise<ApiKeyInfo> {
      revocations++;
      cache.delete(id);
      const info = await deps.audit.transaction(async (trx, audit) => {
        const row = await trx.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw ServerErrors.KEY_NOT_FOUND(`there is no key ${id}`, { id });
        if (row.revoked_at) return toInfo(row);
        const revokedAt = now().toISOString();
        await trx.updateTable('api_key').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
        audit({ actor, action: 'key.revoked', subject: id, data: { id } });
        return toInfo({ ...row, revoked_at: revokedAt });
      });
      revocations++;
      cache.delete(id);
      return info;
    },

    /** The key a token belongs to, or undefined for a malformed, unknown or revoked token. */
    async authenticate(token: string): Promise<ApiKeyInfo | undefined> {
      const parsed = typeof token === 'string' ? TOKEN.exec(token) : null;
      if (!parsed) return undefined; // never reaches the database
      const id = parsed[1]!;
      const presented = sha256(parsed[2]!);
      const cached = cache.get(id);
      const at = now().getTime();
      if (cached && cached.until > at) return timingSafeEqual(presented, cached.hash) ? cached.info : undefined;
      const generation = revocations;
      const row = await db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || row.revoked_at) {
        cache.delete(id);
        return undefined;
      }
      const stored = Buffer.from(row.hash, 'hex');
      // Both are 32-byte digests, so timingSafeEqual's equal-length rule always holds.
      if (stored.length !== presented.length || !timingSafeEqual(presented, stored)) return undefined;
      const info = toInfo(row);
      if (deps.cacheMs > 0 && generation === revocations) cache.set(id, { info, hash: stored, until: at + deps.cacheMs });
      return info;
    },
  };
}

export type KeyService = ReturnType<typeof createKeyService>;
