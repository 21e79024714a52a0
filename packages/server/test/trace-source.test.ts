/** The trace-source suite on SQLite. */
import { sqliteDatabase } from './helpers.ts';
import { traceSourceSuite } from './trace-source-suite.ts';

traceSourceSuite('SQLite', async () => sqliteDatabase());
