/**
 * What saving a town costs the game server, per database and per way of writing it: Prisma's `updateMany`
 * per town in one transaction per batch (the baseline), against the statements the game server uses
 * (`SqliteTownSaves`: one prepared statement on its own connection; `PostgresTownSaves`: one statement per
 * batch). Same rows, same batches of 250 (the autosave queue's largest), same snapshot (a busy town, ~2 KB of
 * JSON), in this process; CPU is this process's user + system time (the database server's own CPU on
 * PostgreSQL is not in it), wall time per batch too.
 *
 *   cd server && npx tsx bench/townSaves.bench.ts      (about 30 s; PostgreSQL rows need Debian's postgresql)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient, migrateDatabase, PostgresTownSaves, SqliteTownSaves, type PrismaClient } from '@starscape/prisma';
import { newTown } from '@starscape/shared';
import { postgresCheck, startPostgres } from '../../scripts/services/postgres';
import { PrismaTownRepository, type TownSaveStatements } from '../src/persistence/PrismaTownRepository';
import type { TownSave } from '../src/persistence/TownRepository';
import { seedTowns } from './support/seedTowns';
import { printTable } from './support/table';

const TOWNS = 2_000;
const BATCH = 250;
const ROUNDS = 5;

interface Row {
  database: string;
  writer: string;
  cpuUsPerTown: number;
  wallMsPerBatch: number;
}

/** Saves every town ROUNDS times in batches through `repo`; returns CPU µs per town and wall ms per batch. */
async function measure(repo: PrismaTownRepository, ids: string[], versions: Map<string, number>): Promise<{ cpuUsPerTown: number; wallMsPerBatch: number }> {
  const snapshot = { ...newTown(Date.now(), 1), note: 'x'.repeat(1200) };
  let batches = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (let at = 0; at < ids.length; at += BATCH) {
      const saves: TownSave[] = ids.slice(at, at + BATCH).map((townId) => ({ townId, snapshot, expectedVersion: versions.get(townId)!, points: round }));
      const outcomes = await repo.saveMany(saves);
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome instanceof Error) throw outcome;
        versions.set(saves[i]!.townId, outcome.version);
      }
      batches++;
    }
  }
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { cpuUsPerTown: (used.user + used.system) / (ids.length * ROUNDS), wallMsPerBatch: wall / batches };
}

async function benchDatabase(database: string, url: string, statementsFor: (prisma: PrismaClient) => TownSaveStatements & { close?(): void }): Promise<Row[]> {
  await migrateDatabase(url);
  const prisma = createPrismaClient(url);
  const statements = statementsFor(prisma);
  try {
    const ids = await seedTowns(prisma, TOWNS, JSON.stringify(newTown(Date.now(), 1)));
    const versions = new Map(ids.map((id) => [id, 1]));
    const writers: Array<[string, PrismaTownRepository]> = [
      ['Prisma updateMany per town (baseline)', new PrismaTownRepository(prisma)],
      [statements instanceof SqliteTownSaves ? 'prepared statement (SqliteTownSaves)' : 'one statement per batch (PostgresTownSaves)', new PrismaTownRepository(prisma, statements)],
    ];
    await measure(writers[0]![1], ids.slice(0, BATCH), versions); // warm-up: query plans, JIT
    await measure(writers[1]![1], ids.slice(0, BATCH), versions);
    const rows: Row[] = [];
    for (const [writer, repo] of writers) rows.push({ database, writer, ...(await measure(repo, ids, versions)) });
    return rows;
  } finally {
    statements.close?.();
    await prisma.$disconnect();
  }
}

const rows: Row[] = [];
const dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-save-bench-'));
try {
  rows.push(...(await benchDatabase('SQLite', `file:${path.join(dir, 'bench.db')}`, () => new SqliteTownSaves(`file:${path.join(dir, 'bench.db')}`))));
  const postgres = postgresCheck();
  if (postgres.program) {
    const server = await startPostgres();
    try {
      rows.push(...(await benchDatabase('PostgreSQL', server.url, (prisma) => new PostgresTownSaves(prisma))));
    } finally {
      await server.stop();
    }
  } else {
    console.log(`PostgreSQL rows skipped: ${postgres.name} not found (${postgres.install})`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

console.log(`\nTown saves: ${TOWNS} towns × ${ROUNDS} rounds in batches of ${BATCH}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}\n`);
printTable([['database', 'writer', 'CPU µs per town', 'wall ms per batch'], ...rows.map((r) => [r.database, r.writer, r.cpuUsPerTown.toFixed(0), r.wallMsPerBatch.toFixed(1)])]);
