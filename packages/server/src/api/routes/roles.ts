/**
 * @module api/routes/roles
 * Who may do what (every route names its roles from these sets). viewer reads; analyst also
 * screens and works alerts; supervisor also reads the audit log; admin does everything,
 * including keys and lists; service is the exchange's own systems: it posts events, screens
 * and keeps customer records, and reads what it wrote.
 */
import type { Role } from '../../services/keys.ts';

export const READERS: readonly Role[] = ['viewer', 'analyst', 'supervisor', 'admin', 'service'];
export const SCREENERS: readonly Role[] = ['analyst', 'supervisor', 'admin', 'service'];
export const ALERT_WORKERS: readonly Role[] = ['analyst', 'supervisor', 'admin'];
export const EVENT_WRITERS: readonly Role[] = ['service', 'admin'];
export const AUDIT_READERS: readonly Role[] = ['supervisor', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
