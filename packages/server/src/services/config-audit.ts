/**
 * @module services/config-audit
 * Configuration comes from the environment, so it can change between two starts without anyone
 * calling an API. The settings that change decisions are recorded in the store; when a start
 * finds them different from the last record, the change is written to the audit log with both
 * values, so a regulator can see when, say, the screening threshold moved.
 */
import { canonicalJson } from '@sekisho/core';
import type { Config } from '../config.ts';
import type { Store } from '../storage/db.ts';
import type { AuditLog } from './audit.ts';

const KEY = 'config';

/** The settings that change what Sekisho decides (no secrets, no URLs with credentials). */
export function decisionSettings(config: Config): Record<string, unknown> {
  return {
    threshold: config.threshold,
    confirmScore: config.confirmScore,
    shrinkThreshold: config.shrinkThreshold,
    rateLimit: config.rateLimit,
    rateBurst: config.rateBurst,
    bodyLimit: config.bodyLimit,
    keyCacheMs: config.keyCacheMs,
  };
}

/**
 * Records the settings in force; audits `config.changed` when they differ from the last ones
 * recorded (the first start records `config.initial`). Returns whether anything was written.
 */
export async function recordConfiguration(deps: { store: Store; audit: AuditLog; config: Config; actor: string; now?: () => Date }): Promise<boolean> {
  const settings = decisionSettings(deps.config);
  const text = canonicalJson(settings);
  return deps.audit.transaction(async (trx, audit) => {
    const row = await trx.selectFrom('service_state').select('value').where('key', '=', KEY).executeTakeFirst();
    if (row?.value === text) return false;
    const at = (deps.now ?? (() => new Date()))().toISOString();
    if (row) await trx.updateTable('service_state').set({ value: text, updated_at: at }).where('key', '=', KEY).execute();
    else await trx.insertInto('service_state').values({ key: KEY, value: text, updated_at: at }).execute();
    audit({ actor: deps.actor, action: row ? 'config.changed' : 'config.initial', subject: 'config', data: { from: row ? (JSON.parse(row.value) as unknown) : null, to: settings } });
    return true;
  });
}
