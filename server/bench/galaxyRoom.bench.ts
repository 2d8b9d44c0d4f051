/**
 * What a busy sector costs (issue 4): a galaxy room with 500 connected players, 5 chat messages a second and
 * one presence change a second: server CPU and the bytes each player receives, against the design most
 * tutorials show (every chat message and every presence change `JSON.stringify`-ed and sent to every socket),
 * in the same run. Also at 100 players, for scale.
 *
 *   cd server && npx tsx bench/galaxyRoom.bench.ts      (about 90 s)
 *
 * Both servers run in a child process (bench/galaxy/sectorServers.ts) so its CPU (user + system, every thread,
 * GC included) is the servers' alone; the clients (colyseus.js decoding every patch, or `ws` parsing every
 * JSON message) run here. Bytes are counted on the server's sockets: payload plus WebSocket frame header, the
 * initial state of every (re)join included, and Colyseus's keep-alive pings (2 bytes every 3 s). Each run:
 * connect N clients, 3 s of traffic to warm up, then the measured window. The idle server of the other design
 * shares the process; it has no clients then.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECTOR_SLOTS } from '@starscape/shared';
import type { BenchPlayer, FromServers, Reading, ServerKind, ToServers } from './galaxy/ipc';
import { ColyseusSectorClient, JsonSectorClient, type SectorClient } from './galaxy/sectorClients';
import { CHATS_PER_SECOND, FLIPS_PER_SECOND, Workload } from './galaxy/workload';
import { inBatches, sleep } from './support/async';
import { printTable as table } from './support/table';

const RUNS = [
  { players: 500, windowMs: 20_000 },
  { players: 100, windowMs: 10_000 },
];
const WARMUP_MS = 3000;
/** the server process with nobody connected, after the runs: what every row's CPU includes anyway */
const IDLE_MS = 3000;
const SEED = 4;
const DESIGNS: Array<{ kind: ServerKind; name: string }> = [
  { kind: 'colyseus', name: 'Colyseus galaxy room' },
  { kind: 'json', name: 'JSON to every socket' },
];

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The child process holding both servers. */
class Servers {
  private readonly waiting = new Map<number, (reading: Reading) => void>();
  private nextId = 0;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: FromServers) => {
      if (message.type === 'reading') this.waiting.get(message.id)?.(message.reading);
    });
  }

  static async start(players: number): Promise<{ servers: Servers; endpoints: Record<ServerKind, string>; roster: BenchPlayer[] }> {
    const child = fork(path.join(serverDir, 'bench/galaxy/sectorServers.ts'), [String(players)], { cwd: serverDir, execArgv: ['--import', 'tsx'] });
    const servers = new Servers(child);
    const ready = await new Promise<Extract<FromServers, { type: 'ready' }>>((resolve, reject) => {
      child.on('message', (message: FromServers) => message.type === 'ready' && resolve(message));
      child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before it was ready`)));
    });
    return { servers, endpoints: ready.endpoints, roster: ready.players };
  }

  read(): Promise<Reading> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, (reading) => {
        this.waiting.delete(id);
        resolve(reading);
      });
      this.child.send({ type: 'read', id } satisfies ToServers);
    });
  }

  /** Asks the servers to shut down; kills the process if it has not exited 10 s later. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies ToServers);
    const timer = setTimeout(() => this.child.kill(), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

interface Row {
  kind: ServerKind;
  players: number;
  seconds: number;
  cpuMsPerSecond: number;
  systemMsPerSecond: number;
  bytesPerPlayerSecond: number;
  messages: number;
  chats: number;
  flips: number;
  delivered: string;
  refusals: number;
  schemaOverflows: number;
}

async function run(servers: Servers, kind: ServerKind, endpoint: string, roster: BenchPlayer[], players: number, windowMs: number): Promise<Row> {
  const clients: SectorClient[] = roster.slice(0, players).map((p) => (kind === 'colyseus' ? new ColyseusSectorClient(endpoint, p) : new JsonSectorClient(endpoint, p)));
  await inBatches(clients, 25, (c) => c.join());
  const workload = new Workload(clients, SEED);
  workload.start();
  await sleep(WARMUP_MS);
  const before = await servers.read();
  const [chats, flips] = [workload.chats, workload.flips];
  await sleep(windowMs);
  const after = await servers.read();
  const row = { chats: workload.chats - chats, flips: workload.flips - flips };
  await workload.stop();
  if (workload.failures.length > 0) throw new AggregateError(workload.failures, `${kind}: presence churn failed`);

  // every client still connected shows the newest sector message
  const present = clients.filter((c) => c.joined);
  const deadline = Date.now() + 5000;
  while (present.some((c) => c.lastSectorText() !== workload.lastSectorText) && Date.now() < deadline) await sleep(50);
  const delivered = present.filter((c) => c.lastSectorText() === workload.lastSectorText).length;
  await inBatches(present, 50, (c) => c.leave());
  await sleep(300); // the room notices the last leave and closes

  const seconds = (after.atMs - before.atMs) / 1000;
  const meterBefore = before.meters[kind];
  const meterAfter = after.meters[kind];
  return {
    kind,
    players,
    seconds,
    cpuMsPerSecond: (after.cpuMicros - before.cpuMicros) / 1000 / seconds,
    systemMsPerSecond: (after.systemMicros - before.systemMicros) / 1000 / seconds,
    bytesPerPlayerSecond: (meterAfter.bytes - meterBefore.bytes) / seconds / players,
    messages: meterAfter.messages - meterBefore.messages,
    ...row,
    delivered: `${delivered}/${present.length}`,
    refusals: clients.reduce((sum, c) => sum + c.refusals, 0),
    schemaOverflows: after.schemaOverflows - before.schemaOverflows,
  };
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  const most = Math.max(...RUNS.map((r) => r.players));
  console.log(`Galaxy room: one sector, ${SECTOR_SLOTS} starbases, ${CHATS_PER_SECOND} chat messages/s (1 in 5 galaxy-wide), ${FLIPS_PER_SECOND} online flip/s`);
  console.log(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}\n`);
  const { servers, endpoints, roster } = await Servers.start(most);
  const rows: Row[] = [];
  let idleMsPerSecond = 0;
  let last: Reading;
  try {
    for (const { players, windowMs } of RUNS) {
      for (const { kind, name } of DESIGNS) {
        process.stdout.write(`${name}, ${players} players: connecting, 3 s warm-up, ${windowMs / 1000} s measured... `);
        const row = await run(servers, kind, endpoints[kind], roster, players, windowMs);
        console.log(`done (${row.cpuMsPerSecond.toFixed(1)} ms CPU/s)`);
        rows.push(row);
      }
    }
    await sleep(1000);
    const idleFrom = await servers.read();
    await sleep(IDLE_MS);
    last = await servers.read();
    idleMsPerSecond = (last.cpuMicros - idleFrom.cpuMicros) / (last.atMs - idleFrom.atMs);
  } finally {
    await servers.stop();
  }

  const nameOf = (kind: ServerKind) => DESIGNS.find((d) => d.kind === kind)!.name;
  console.log('\nServer process, measured window (CPU: user + system of the whole process; bytes: downstream, framed):');
  table([
    ['server', 'players', 'window s', 'CPU ms/s', 'of it kernel', 'CPU µs/s per player', 'B/s per player', 'messages sent', 'chats', 'flips', 'saw last chat', 'refused'],
    ...rows.map((r) => [
      nameOf(r.kind),
      String(r.players),
      r.seconds.toFixed(1),
      r.cpuMsPerSecond.toFixed(1),
      r.systemMsPerSecond.toFixed(1),
      ((r.cpuMsPerSecond * 1000) / r.players).toFixed(1),
      r.bytesPerPlayerSecond.toFixed(0),
      String(r.messages),
      String(r.chats),
      String(r.flips),
      r.delivered,
      String(r.refusals),
    ]),
  ]);
  console.log(`\nThe server process with nobody connected (both servers up): ${idleMsPerSecond.toFixed(2)} ms CPU/s.`);
  if (last.schemaOverflows > 0) {
    const inWindows = rows.reduce((sum, r) => sum + r.schemaOverflows, 0);
    console.log(
      `@colyseus/schema buffer overflows (the galaxy room's full state is over the default 8 KB buffer, so each full encode warns, grows a copy and encodes again): ` +
        `${last.schemaOverflows} in the run, ${inWindows} inside the measured windows; it asked for up to ${last.schemaOverflowKb} KB.`,
    );
  }
  console.log('');
  for (const { players } of RUNS) {
    const room = rows.find((r) => r.kind === 'colyseus' && r.players === players)!;
    const json = rows.find((r) => r.kind === 'json' && r.players === players)!;
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log(
      `${players} players: JSON to every socket ÷ Colyseus room: CPU ${ratio(json.cpuMsPerSecond, room.cpuMsPerSecond)}, bytes per player ${ratio(json.bytesPerPlayerSecond, room.bytesPerPlayerSecond)} (above 1×: the room costs less)`,
    );
  }
}

await main();
