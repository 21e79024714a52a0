/**
 * @module services/monitoring-config
 * Versions of the monitoring configuration (issue 7). A change is proposed (checked whole against
 * the rules first: an unknown rule or a negative threshold is refused, SEK_MONITOR_CONFIG) and
 * takes effect only when a supervisor (or an admin) other than its proposer approves it: four
 * eyes on every threshold, as research/monitoring.md rule 38 asks. Proposal, approval and
 * rejection are audited with the configuration itself; approving supersedes the version in
 * force. Without any approved version the rules run with their defaults: version 0.
 */
import { canonicalJson, compileConfig, DEFAULT_TYPOLOGIES, RULES, type CompiledConfig, type MonitoringConfigInput } from '@sekisho/core';
import { ServerErrors } from '../errors.ts';
import type { Store } from '../storage/db.ts';
import type { AuditLog } from './audit.ts';

export type ConfigStatus = 'proposed' | 'active' | 'superseded' | 'rejected';

export interface ConfigVersion {
  version: number;
  status: ConfigStatus;
  config: MonitoringConfigInput;
  note: string | null;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** The roles that may approve or reject a proposed configuration. */
export const CONFIG_APPROVERS = ['supervisor', 'admin'] as const;

export function createMonitoringConfigService(deps: { store: Store; audit: AuditLog; now?: () => Date; cacheMs?: number }) {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const cacheMs = deps.cacheMs ?? 1000;
  let cached: { config: CompiledConfig; at: number } | undefined;
  const toVersion = (r: { version: number; status: string; config: string; note: string | null; proposed_by: string; proposed_at: string; decided_by: string | null; decided_at: string | null }): ConfigVersion => ({
    version: Number(r.version),
    status: r.status as ConfigStatus,
    config: JSON.parse(r.config) as MonitoringConfigInput,
    note: r.note,
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  });

  async function get(version: number): Promise<ConfigVersion> {
    const row = await deps.store.db.selectFrom('monitoring_config').selectAll().where('version', '=', version).executeTakeFirst();
    if (!row) throw ServerErrors.MONITOR_CONFIG_NOT_FOUND(`monitoring configuration version ${version} does not exist`, { version });
    return toVersion(row);
  }

  async function decide(version: number, actor: { name: string; role: string }, to: 'active' | 'rejected', note?: string): Promise<ConfigVersion> {
    if (!(CONFIG_APPROVERS as readonly string[]).includes(actor.role)) throw ServerErrors.FORBIDDEN(`a ${actor.role} may not ${to === 'active' ? 'approve' : 'reject'} a monitoring configuration; a supervisor or admin may`, { role: actor.role });
    return deps.audit.transaction(async (trx, audit) => {
      const row = await trx.selectFrom('monitoring_config').selectAll().where('version', '=', version).executeTakeFirst();
      if (!row) throw ServerErrors.MONITOR_CONFIG_NOT_FOUND(`monitoring configuration version ${version} does not exist`, { version });
      if (row.status !== 'proposed') throw ServerErrors.MONITOR_CONFIG_DECISION(`version ${version} is ${row.status}, not proposed`, { version, status: row.status });
      if (row.proposed_by === actor.name) throw ServerErrors.MONITOR_CONFIG_DECISION(`version ${version} was proposed by ${actor.name}: another person approves it (four eyes)`, { version });
      // Checked again: the rules may have changed since it was proposed (an upgrade).
      compileConfig(RULES, DEFAULT_TYPOLOGIES, JSON.parse(row.config), version);
      const at = now();
      let previous: number | undefined;
      if (to === 'active') {
        const current = await trx.selectFrom('monitoring_config').select('version').where('status', '=', 'active').executeTakeFirst();
        previous = current ? Number(current.version) : undefined;
        if (current) await trx.updateTable('monitoring_config').set({ status: 'superseded' }).where('version', '=', current.version).execute();
      }
      cached = undefined;
      await trx.updateTable('monitoring_config').set({ status: to, decided_by: actor.name, decided_at: at, ...(note ? { note: row.note ? `${row.note}\n${note}` : note } : {}) }).where('version', '=', version).execute();
      audit({ actor: actor.name, action: to === 'active' ? 'monitoring.config.approved' : 'monitoring.config.rejected', subject: `monitoring-config:${version}`, data: { version, supersedes: previous ?? null, proposedBy: row.proposed_by, note: note ?? null } });
      return toVersion({ ...row, status: to, decided_by: actor.name, decided_at: at });
    });
  }

  return {
    /**
     * Records a proposed configuration after checking it against the rules.
     * @throws SEK_MONITOR_CONFIG when the configuration is refused (nothing is recorded)
     */
    async propose(config: unknown, actor: string, note?: string): Promise<ConfigVersion> {
      compileConfig(RULES, DEFAULT_TYPOLOGIES, config);
      const text = canonicalJson(config ?? {});
      return deps.audit.transaction(async (trx, audit) => {
        const at = now();
        const row = await trx
          .insertInto('monitoring_config')
          .values({ status: 'proposed', config: text, note: note ?? null, proposed_by: actor, proposed_at: at, decided_by: null, decided_at: null })
          .returning('version')
          .executeTakeFirstOrThrow();
        const version = Number(row.version);
        audit({ actor, action: 'monitoring.config.proposed', subject: `monitoring-config:${version}`, data: { version, config: JSON.parse(text) as unknown, note: note ?? null } });
        return { version, status: 'proposed' as const, config: JSON.parse(text) as MonitoringConfigInput, note: note ?? null, proposedBy: actor, proposedAt: at, decidedBy: null, decidedAt: null };
      });
    },

    /** A supervisor or admin other than the proposer puts a proposed version in force. */
    approve: (version: number, actor: { name: string; role: string }, note?: string) => decide(version, actor, 'active', note),
    reject: (version: number, actor: { name: string; role: string }, note?: string) => decide(version, actor, 'rejected', note),
    get,

    async list(): Promise<ConfigVersion[]> {
      return (await deps.store.db.selectFrom('monitoring_config').selectAll().orderBy('version', 'desc').execute()).map(toVersion);
    },

    /** The configuration in force, compiled (version 0: no version approved yet, the rules' defaults). */
    async active(): Promise<CompiledConfig> {
      const row = await deps.store.db.selectFrom('monitoring_config').select(['version', 'config']).where('status', '=', 'active').executeTakeFirst();
      return row ? compileConfig(RULES, DEFAULT_TYPOLOGIES, JSON.parse(row.config), Number(row.version)) : compileConfig(RULES, DEFAULT_TYPOLOGIES, {}, 0);
    },

    /**
     * The configuration in force for the event path: the version in force is looked up at most
     * once per `cacheMs` (1 s), and compiled only when it changed, so an approval made in any
     * process takes effect within a second.
     */
    async current(): Promise<CompiledConfig> {
      const t = Date.now();
      if (cached && t - cached.at < cacheMs) return cached.config;
      const row = await deps.store.db.selectFrom('monitoring_config').select('version').where('status', '=', 'active').executeTakeFirst();
      const version = row ? Number(row.version) : 0;
      const config = cached?.config.version === version ? cached.config : await this.active();
      cached = { config, at: t };
      return config;
    },
  };
}

export type MonitoringConfigService = ReturnType<typeof createMonitoringConfigService>;
