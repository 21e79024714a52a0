/** The API end-to-end and crash suites on PostgreSQL (required in CI; skipped locally, saying so, without a server). */
import { apiSuite } from '../api-suite.ts';
import { crashSuite } from '../crash-suite.ts';
import { onPostgres } from '../helpers.ts';

await onPostgres('API suites', (makeDb) => {
  apiSuite('PostgreSQL', makeDb);
  crashSuite('PostgreSQL', makeDb);
});
