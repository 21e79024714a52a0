/** The trace-source suite on PostgreSQL (required in CI; skipped locally, saying so, without a server). */
import { onPostgres } from '../helpers.ts';
import { traceSourceSuite } from '../trace-source-suite.ts';

await onPostgres('trace-source suite', (makeDb) => traceSourceSuite('PostgreSQL', makeDb));
