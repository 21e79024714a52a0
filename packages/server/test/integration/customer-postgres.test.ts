/** The customer-store suite on PostgreSQL (required in CI; skipped locally, saying so, without a server). */
import { customerStoreSuite } from '../customer-store-suite.ts';
import { onPostgres } from '../helpers.ts';

await onPostgres('customer-store suite', (makeDb) => customerStoreSuite('PostgreSQL', makeDb));
