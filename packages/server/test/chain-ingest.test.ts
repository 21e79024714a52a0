import { chainIngestSuite } from './chain-ingest-suite.ts';
import { sqliteDatabase } from './helpers.ts';

chainIngestSuite('SQLite', async () => sqliteDatabase());
