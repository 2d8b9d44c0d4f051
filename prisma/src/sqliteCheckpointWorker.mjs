// The worker thread of `SqliteCheckpointer` (sqliteCheckpointer.ts): its own connection to the SQLite file, which
// copies the WAL into the database file when asked, so that the copy and its two fsyncs never run on the thread
// that asked. Plain JavaScript: it is loaded by path, under tsx, vitest or bare Node alike.
//
// Messages in:  { type: 'checkpoint' } → out: { type: 'done', busy, log, checkpointed, ms } or { type: 'failed', error }
//               { type: 'close' } closes the connection (SQLite checkpoints once more if it is the file's last)
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, busyTimeoutMs } = workerData;
const db = new Database(file, { timeout: busyTimeoutMs, fileMustExist: true });
// this connection writes nothing, so its own automatic checkpoint would never fire; stated for the reader
db.pragma('wal_autocheckpoint = 0');

parentPort.on('message', (message) => {
  if (message.type === 'checkpoint') {
    const started = performance.now();
    try {
      // PASSIVE never waits for the writers or readers of any process: it copies what no reader still needs
      const [row] = db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ type: 'done', busy: row.busy, log: row.log, checkpointed: row.checkpointed, ms: performance.now() - started });
    } catch (error) {
      parentPort.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  } else if (message.type === 'close') {
    db.close();
    parentPort.close();
  }
});
