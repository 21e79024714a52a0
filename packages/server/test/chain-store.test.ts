import { chainStoreSuite } from './chain-store-suite.ts';
import { sqliteDatabase } from './helpers.ts';

chainStoreSuite('SQLite', async () => sqliteDatabase());
