import { crashSuite } from './crash-suite.ts';
import { sqliteDatabase } from './helpers.ts';

crashSuite('SQLite', async () => sqliteDatabase());
