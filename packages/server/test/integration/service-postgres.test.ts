/** The audit-log and API-key suite on PostgreSQL (required in CI; skipped locally, saying so, without a server). */
import { serviceStoreSuite } from '../service-store-suite.ts';
import { onPostgres } from '../helpers.ts';

await onPostgres('audit and key suite', (makeDb) => serviceStoreSuite('PostgreSQL', makeDb));
