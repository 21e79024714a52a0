// Worker entry for `chain ingest --format btc-block` on blk*.dat files: registers tsx in this
// thread (module hooks are per thread) and loads the TypeScript worker, as bin/sekisho.js does
// for the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./ingest-btc-worker.ts');
