// Worker entry of the store's background checkpointer (storage/wal.ts). Plain JavaScript:
// it runs one pragma on its own connection and needs none of the project's TypeScript, so it
// does not pay for registering tsx in its thread.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const { path, intervalMs } = workerData;
const db = new BetterSqlite3(path);
db.pragma('busy_timeout = 1000');
// FULL: a checkpoint syncs the log before it copies it, and the database file after.
db.pragma('synchronous = FULL');
let timer;
function tick() {
  try {
    // PASSIVE: copies what it can without waiting for the writer or blocking it.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
  timer = setTimeout(tick, intervalMs);
}
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
tick();
