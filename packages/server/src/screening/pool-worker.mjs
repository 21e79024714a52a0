// Worker entry of the service's screening pool: registers tsx in this thread (module hooks are
// per thread) and loads the TypeScript worker, as bin/sekisho.js does for the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.ts');
