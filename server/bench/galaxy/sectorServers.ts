/**
 * The galaxy bench's server process (forked by galaxyRoom.bench.ts, so its CPU is measured apart from the
 * clients): the real game server with in-memory persistence, and the JSON broadcast baseline, both over the
 * same players, starbases and chat history. Every downstream byte of both is counted on their sockets.
 *
 *   argv: <players>    the parent asks for readings over IPC and says when to stop
 */
import { performance } from 'node:perf_hooks';
import type { WebSocket, WebSocketServer } from 'ws';
import { CHAT_HISTORY, SECTOR_SLOTS, createRng, newTown } from '@starscape/shared';
import { createGameServer } from '../../src/createGameServer';
import { createGameTokenVerifier } from '../../src/auth/GameTokenVerifier';
import { MemoryUserDirectory } from '../../src/auth/UserDirectory';
import { createLogger } from '../../src/logger';
import { MemoryBattleRepository, MemoryChatRepository, MemoryEventQueue, MemoryTownRepository, PendingSaves, channelKey } from '../../src/persistence';
import { createTestTokens } from '../../test/support/gameTokens';
import { freePort } from '../../test/support/freePort';
import { chatter } from './chatter';
import { JsonSectorServer } from './JsonSectorServer';
import { BENCH_SECTOR, framed, type BenchPlayer, type FromServers, type Meter, type ServerKind, type ToServers } from './ipc';

const players = Number(process.argv[2] ?? 500);
const send = (message: FromServers) => process.send!(message);

/** Counts what the server sends on each socket, from its first frame: wraps `send` and `ping` as it connects. */
function meter(wss: WebSocketServer, into: Meter): void {
  // prepended: runs before the server's own handler can send anything
  wss.prependListener('connection', (socket: WebSocket) => {
    const sendFrame = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
    socket.send = ((data: unknown, ...rest: unknown[]) => {
      into.bytes += framed(typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).byteLength);
      into.messages++;
      sendFrame(data, ...rest);
    }) as typeof socket.send;
    const ping = socket.ping.bind(socket);
    socket.ping = ((...args: Parameters<typeof socket.ping>) => {
      into.bytes += framed(0); // Colyseus's keep-alive, every 3 s
      ping(...args);
    }) as typeof socket.ping;
  });
}

const overflows = { count: 0, kb: 0 };

/**
 * The galaxy room does not size @colyseus/schema's encode buffer, and its full state (starbases and 2 × 50 chat
 * lines) outgrows the default 8 KB: every full encode then warns and encodes again. Counted and reported by the
 * parent instead of flooding the table; the work itself still happens, as in production.
 */
function countSchemaOverflows(): void {
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const text = String(args[0]);
    if (!text.startsWith('@colyseus/schema buffer overflow')) return warn(...args);
    overflows.count++;
    overflows.kb = Math.max(overflows.kb, Number(/BUFFER_SIZE = (\d+) \* 1024/.exec(text)?.[1] ?? 0));
  };
}

async function main(): Promise<void> {
  countSchemaOverflows();
  const now = Date.now;
  const tokens = await createTestTokens();
  const verifier = await createGameTokenVerifier(tokens.publicKeyPem);
  const users = new MemoryUserDirectory();
  const towns = new MemoryTownRepository();
  const chat = new MemoryChatRepository();
  const baselineChat = new MemoryChatRepository();

  // the first SECTOR_SLOTS players own the sector's starbases (placement fills sector 1 first)
  const roster: BenchPlayer[] = [];
  for (let i = 0; i < players; i++) {
    const userId = `pilot${String(i).padStart(3, '0')}`;
    users.add(userId, `Pilot ${i}`);
    const owner = i < SECTOR_SLOTS;
    if (owner) await towns.create({ ownerId: userId, name: `Starbase ${i}`, snapshot: newTown(now(), 1) });
    roster.push({ userId, token: await tokens.sign(userId), owner });
  }
  const placed = await towns.listSector(BENCH_SECTOR);
  if (placed.length !== Math.min(players, SECTOR_SLOTS)) throw new Error(`expected ${SECTOR_SLOTS} starbases in sector ${BENCH_SECTOR}, got ${placed.length}`);
  // a busy sector: both channels hold a full history, so every new line also drops the oldest
  const rng = createRng(1);
  for (const channel of ['sector', 'galaxy'] as const) {
    for (let i = 0; i < CHAT_HISTORY; i++) {
      const author = roster[rng.int(0, roster.length - 1)]!;
      const line = { channel, authorId: author.userId, authorName: `Pilot ${author.userId}`, text: chatter(rng), sentAt: now() - 60_000 + i };
      await chat.append(channelKey(channel, BENCH_SECTOR), line);
      await baselineChat.append(channelKey(channel, BENCH_SECTOR), line);
    }
  }

  const meters: Record<ServerKind, Meter> = { colyseus: { bytes: 0, messages: 0 }, json: { bytes: 0, messages: 0 } };
  const game = createGameServer({
    towns,
    battles: new MemoryBattleRepository(),
    events: new MemoryEventQueue(),
    chat,
    users,
    tokens: verifier,
    pendingSaves: new PendingSaves(),
    now,
    gameSpeed: 1,
    autosaveMs: 60_000,
    reconnectGraceSeconds: 0,
    logger: createLogger('warn', 'bench'),
  });
  meter((game.colyseus.transport as unknown as { wss: WebSocketServer }).wss, meters.colyseus);
  const port = await game.listen(await freePort(), '127.0.0.1');
  const baseline = new JsonSectorServer({ sector: BENCH_SECTOR, tokens: verifier, users, towns, chat: baselineChat, now });
  meter(baseline.wss, meters.json);
  const jsonEndpoint = await baseline.listen();

  process.on('message', (message: ToServers) => {
    if (message.type === 'read') {
      const cpu = process.cpuUsage();
      const reading = { cpuMicros: cpu.user + cpu.system, systemMicros: cpu.system, atMs: performance.now(), meters: structuredClone(meters), schemaOverflows: overflows.count, schemaOverflowKb: overflows.kb };
      send({ type: 'reading', id: message.id, reading });
    } else if (message.type === 'stop') {
      void Promise.all([game.shutdown(), baseline.close()]).then(() => process.disconnect());
    }
  });
  send({ type: 'ready', endpoints: { colyseus: `ws://127.0.0.1:${port}`, json: jsonEndpoint }, players: roster });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
