/**
 * The list-store suite against PostgreSQL. In CI (CI set) PostgreSQL must be reachable and an
 * unreachable server fails the run; locally the suite is skipped, and says so, when it is not.
 */
import { test } from 'node:test';
import { listStoreSuite } from '../list-store-suite.ts';
import { PG_ADMIN_URL, postgresDatabase, postgresReachable } from '../helpers.ts';

const reachable = await postgresReachable();
if (!reachable && !process.env.CI) {
  test(`PostgreSQL suite skipped: no server at ${PG_ADMIN_URL} (set CI=1 to make this a failure)`, { skip: true }, () => {});
} else {
  if (!reachable) throw new Error(`PostgreSQL is required in CI but ${PG_ADMIN_URL} does not answer`);
  listStoreSuite('PostgreSQL', postgresDatabase);
}
