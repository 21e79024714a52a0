import { customerStoreSuite } from '../../test/customer-store-suite.ts';
import { sqliteDatabase } from '../../test/helpers.ts';

customerStoreSuite('SQLite', async () => sqliteDatabase());
