import { crashSuite, shutdownSuite } from './crash-suite.ts';
import { sqliteDatabase } from './helpers.ts';

crashSuite('SQLite', async () => sqliteDatabase());
shutdownSuite('SQLite', async () => sqliteDatabase());
