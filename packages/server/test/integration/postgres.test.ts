/** The list-store suite on PostgreSQL (required in CI; skipped locally, saying so, without a server). */
import { listStoreSuite } from '../list-store-suite.ts';
import { onPostgres } from '../helpers.ts';

await onPostgres('list-store suite', (makeDb) => listStoreSuite('PostgreSQL', makeDb));
