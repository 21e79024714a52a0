/** The chain-ingest CLI suite on PostgreSQL (required in CI; skipped locally, saying so, without a server). */
import { chainIngestSuite } from '../chain-ingest-suite.ts';
import { onPostgres } from '../helpers.ts';

await onPostgres('chain-ingest suite', (makeDb) => chainIngestSuite('PostgreSQL', makeDb));
