/**
 * What a lone player sees on a quiet game server: how long a join takes (matchmaking, the WebSocket, the town's
 * first state) and an action's round trip, with the process's input tick (INPUT_TICK_MS, the default) against
 * the same server without one (INPUT_TICK_MS=0, the baseline). A quiet server is what most servers are most of
 * the time; the tick is there for CPU at 1,000 players (the load bench), and this checks what it costs a player
 * when hardly anyone is on.
 *
 * The real server (`src/main.ts`, production mode, its own process) and a colyseus.js client in this process, as
 * a player on another machine would be. Each round starts a server, lets it go quiet (a loop is paced once a
 * first second has shown it quiet), then joins JOINS players one after the other, 300–800 ms apart (a player
 * comes at any moment of the tick), each sending ACTIONS actions 150–250 ms apart and leaving. Rounds alternate
 * between the two settings, so a slow stretch of the shared machine hits both.
 *
 *   cd server && npx tsx bench/quietServer.bench.ts      (about a minute)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/support/freePort';
import { signer, throwawayKeys } from './load/benchTokens';
import { seedDatabase } from './load/seed';
import { ServerProcess } from './load/servers';
import { ColyseusTownPlayer } from './load/townPlayers';
import { benchPlayer } from './load/workload';
import { percentile } from './support/percentile';
import { printTable } from './support/table';

const ROUNDS = 2;
const JOINS = 10;
const ACTIONS = 4;
const SETTINGS = [
  { label: 'no tick (INPUT_TICK_MS=0, baseline)', inputTickMs: '0' },
  { label: 'input tick (default, 50 ms)', inputTickMs: undefined },
] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const between = (lowMs: number, highMs: number) => sleep(lowMs + Math.random() * (highMs - lowMs));

async function round(
  setting: (typeof SETTINGS)[number],
  shared: { databaseUrl: string; publicKeyPem: string; work: string; sign: Awaited<ReturnType<typeof signer>> },
  out: { joins: number[]; actions: number[] },
): Promise<void> {
  const server = await ServerProcess.start('colyseus', {
    port: await freePort(),
    databaseUrl: shared.databaseUrl,
    publicKeyPem: shared.publicKeyPem,
    logFile: path.join(shared.work, 'server.log'),
    autosaveMs: 5000,
    env: setting.inputTickMs === undefined ? { INPUT_TICK_MS: undefined } : { INPUT_TICK_MS: setting.inputTickMs },
  });
  try {
    await sleep(3000); // quiet long enough to be paced
    for (let i = 0; i < JOINS; i++) {
      const info = benchPlayer(i);
      const player = new ColyseusTownPlayer(server.endpoint, info.townId, await shared.sign(info));
      const joinStarted = performance.now();
      await player.join(); // resolves with the town's first state
      out.joins.push(performance.now() - joinStarted);
      for (let a = 0; a < ACTIONS; a++) {
        await between(150, 250);
        const before = player.queue().length;
        const sent = performance.now();
        await new Promise<void>((resolve) => {
          player.onUpdate = () => player.queue().length !== before && resolve();
          if (before === 0) player.order();
          else player.cancel(player.queue().lastId!);
        });
        out.actions.push(performance.now() - sent);
      }
      player.close();
      await between(300, 800);
    }
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'starscape-quiet-'));
  try {
    const databaseUrl = `file:${path.join(work, 'bench.db')}`;
    await seedDatabase(databaseUrl, JOINS);
    const keys = await throwawayKeys();
    const shared = { databaseUrl, publicKeyPem: keys.publicKeyPem, work, sign: await signer(keys.privateKeyPem) };
    const results = SETTINGS.map(() => ({ joins: [] as number[], actions: [] as number[] }));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [s, setting] of SETTINGS.entries()) await round(setting, shared, results[s]!);
    }
    console.log(`\nA lone player on a quiet game server: ${ROUNDS} rounds of ${JOINS} joins and ${JOINS * ACTIONS} actions per setting, client in another process`);
    const ms = (values: number[], p: number) => percentile([...values].sort((a, b) => a - b), p).toFixed(1);
    printTable([
      ['server', 'join p50 ms', 'join p90 ms', 'join max ms', 'action→result p50 ms', 'p90 ms', 'max ms'],
      ...SETTINGS.map((setting, s) => {
        const { joins, actions } = results[s]!;
        return [setting.label, ms(joins, 50), ms(joins, 90), ms(joins, 100), ms(actions, 50), ms(actions, 90), ms(actions, 100)];
      }),
    ]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
