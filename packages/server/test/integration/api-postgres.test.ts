/** The API end-to-end, crash and shutdown suites on PostgreSQL (required in CI; skipped locally, saying so, without a server). */
import { apiSuite } from '../api-suite.ts';
import { crashSuite, shutdownSuite } from '../crash-suite.ts';
import { onPostgres } from '../helpers.ts';

await onPostgres('API suites', (makeDb) => {
  apiSuite('PostgreSQL', makeDb);
  crashSuite('PostgreSQL', makeDb);
  shutdownSuite('PostgreSQL', makeDb);
});
