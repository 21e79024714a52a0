import { listStoreSuite } from '../../test/list-store-suite.ts';
import { sqliteDatabase } from '../../test/helpers.ts';

listStoreSuite('SQLite', async () => sqliteDatabase());
