/**
 * What copying SQLite's WAL into the database file costs the thread that saves towns: the game server's main
 * thread. 16,000 towns saved at the load bench's pace (3,200 saves a second, one per town every 5 s, ~2 KB of
 * JSON each) in batches of 64 every 20 ms, as the autosave queue writes them, for 20 s, two ways in the same run:
 *   - baseline: the connection's own automatic checkpoint at `WAL_AUTOCHECKPOINT_PAGES` (how the server saved
 *     before): the commit that takes the WAL past it copies the whole WAL, with two fsyncs, inside the commit;
 *   - `openServerDatabase`: a `SqliteCheckpointer` copies it from a worker thread once as many pages were
 *     written, twice per round (the second for what came in during the first), and finishes each round on this
 *     thread (the few pages written during the second copy).
 * Columns: how long this thread was held (each batch's commit, and for the checkpointer its `finish` too),
 * this thread's event-loop delay (5-ms resolution: anything else that held it), the WAL's size, and the
 * process's CPU (user + system, every thread).
 *
 *   cd server && npx tsx bench/walCheckpoints.bench.ts      (about a minute)
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createPrismaClient, migrateDatabase, SqliteTownSaves, WAL_AUTOCHECKPOINT_PAGES, type TownSaveRow } from '@starscape/prisma';
import { openServerDatabase } from '@starscape/prisma/server';
import { newTown } from '@starscape/shared';
import { percentile } from './support/percentile';
import { seedTowns } from './support/seedTowns';
import { printTable } from './support/table';

const TOWNS = 16_000;
const SAVES_PER_SECOND = 3_200;
const BATCH_EVERY_MS = 20;
const BATCH = (SAVES_PER_SECOND * BATCH_EVERY_MS) / 1000; // 64
const SECONDS = 20;

interface Setup {
  name: string;
  saveMany(rows: TownSaveRow[]): boolean[];
  /** ms this thread spent in the checkpointer's `finish`, and the longest (0 without one) */
  finishMs(): { total: number; longest: number };
  walPagesMax(): number;
  close(): Promise<void>;
}

async function seed(url: string): Promise<string[]> {
  await migrateDatabase(url);
  const prisma = createPrismaClient(url);
  try {
    return await seedTowns(prisma, TOWNS, JSON.stringify({ ...newTown(Date.now(), 1), note: 'x'.repeat(1200) }));
  } finally {
    await prisma.$disconnect();
  }
}

/** The most frames the WAL held: its file's size (it starts again from its beginning, and never shrinks here). */
function walFramesMax(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return Math.round((statSync(`${file}-wal`).size - 32) / (pageSize + 24)); // a 32-byte header, then frames
  } finally {
    db.close();
  }
}

async function run(setup: Setup, ids: string[]): Promise<string[]> {
  const snapshotJson = JSON.stringify({ ...newTown(Date.now(), 1), note: 'y'.repeat(1200) });
  const versions = new Map(ids.map((id) => [id, 1]));
  const held: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  let saves = 0;
  while (performance.now() - started < SECONDS * 1000) {
    const rows = Array.from({ length: BATCH }, () => {
      const townId = ids[next++ % ids.length]!;
      const expectedVersion = versions.get(townId)!;
      versions.set(townId, expectedVersion + 1);
      return { townId, snapshotJson, expectedVersion, points: null, savedAt: new Date() };
    });
    const t = performance.now();
    if (!setup.saveMany(rows).every(Boolean)) throw new Error('a save found another version');
    held.push(performance.now() - t);
    saves += rows.length;
    await sleep(Math.max(0, BATCH_EVERY_MS - (performance.now() - t)));
  }
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  held.sort((a, b) => a - b);
  const finish = setup.finishMs();
  return [
    setup.name,
    String(saves),
    `${percentile(held, 50).toFixed(2)} / ${percentile(held, 99).toFixed(1)} / ${held[held.length - 1]!.toFixed(0)}`,
    finish.total ? `${((finish.total / seconds)).toFixed(1)} / ${finish.longest.toFixed(0)}` : '–',
    ((held.reduce((a, b) => a + b, 0) + finish.total) / seconds).toFixed(1),
    `${(delay.percentile(99) / 1e6).toFixed(1)} / ${(delay.max / 1e6).toFixed(0)}`,
    String(setup.walPagesMax()),
    (((used.user + used.system) / 1e6 / seconds) * 100).toFixed(1),
  ];
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-wal-bench-'));
  try {
    const rows: string[][] = [
      ['writer', 'saves', 'commit on the saving thread p50 / p99 / max ms', 'finish ms per s / longest', 'saving thread held, ms per s', 'event-loop delay p99 / max ms', 'WAL pages max', 'process CPU % of a core'],
    ];
    for (const kind of ['baseline', 'checkpointer'] as const) {
      const file = path.join(dir, `${kind}.db`);
      const url = `file:${file}`;
      const ids = await seed(url);
      let setup: Setup;
      if (kind === 'baseline') {
        const saves = new SqliteTownSaves(url); // the connection's own automatic checkpoint
        setup = {
          name: `baseline: automatic checkpoint at ${WAL_AUTOCHECKPOINT_PAGES.toLocaleString('en-US')} pages`,
          saveMany: (r) => saves.saveMany(r),
          finishMs: () => ({ total: 0, longest: 0 }),
          walPagesMax: () => walFramesMax(file),
          close: async () => saves.close(),
        };
      } else {
        const database = openServerDatabase(url);
        const saves = database.townSaves as SqliteTownSaves;
        setup = {
          name: `SqliteCheckpointer (worker thread, every ${WAL_AUTOCHECKPOINT_PAGES.toLocaleString('en-US')} pages)`,
          saveMany: (r) => saves.saveMany(r),
          finishMs: () => {
            const s = database.checkpointer!.stats();
            return { total: s.totalFinishMs, longest: s.longestFinishMs };
          },
          walPagesMax: () => database.checkpointer!.stats().walPagesMax,
          close: () => database.close(),
        };
      }
      try {
        rows.push(await run(setup, ids));
      } finally {
        await setup.close();
      }
    }
    console.log(`\nSQLite WAL checkpoints: ${TOWNS.toLocaleString('en-US')} towns, ${SAVES_PER_SECOND.toLocaleString('en-US')} saves/s in batches of ${BATCH} every ${BATCH_EVERY_MS} ms, ${SECONDS} s each (${os.cpus()[0]?.model.trim()}, ${os.cpus().length} cores, Node ${process.version})\n`);
    printTable(rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
