/** The chain-store suite on PostgreSQL (required in CI; skipped locally, saying so, without a server). */
import { chainStoreSuite } from '../chain-store-suite.ts';
import { onPostgres } from '../helpers.ts';

await onPostgres('chain-store suite', (makeDb) => chainStoreSuite('PostgreSQL', makeDb));
