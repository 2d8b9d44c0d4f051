/**
 * The load bench's baseline: the design most tutorials show. A socket.io server keeps each connected
 * player's town as a plain object in a Map and, once a second, moves every town's production on and emits the
 * whole town as JSON to its socket; it also emits right after an action, so its action → result time is as
 * fair as the Colyseus room's. Same everything else as the real server: the same SQLite database through the
 * same repository, built as `src/main.ts` builds it (town saves through `SqliteTownSaves` on SQLite), the same
 * token check and user lookup, the same shared rules and message validators, and the same saver (a dirty town is
 * saved AUTOSAVE_INTERVAL_MS after its first change, and when its player leaves).
 *
 *   node --import tsx bench/load/baselineServer.ts      (cwd server/; env below; SIGTERM saves and exits)
 *   env: DATABASE_URL, GAME_PORT, GAME_HOST, GAME_TOKEN_PUBLIC_KEY, GAME_SPEED (1), AUTOSAVE_INTERVAL_MS (5000)
 *
 * GET /healthz and GET /metrics answer like the game server's (the same `ProcessMetrics`).
 */
import http from 'node:http';
import { Server, type Socket } from 'socket.io';
import { openServerDatabase } from '@starscape/prisma/server';
import {
  ClientMessage,
  ERROR_MESSAGES,
  PROTOCOL_VERSION,
  advance,
  cancelShipOrder,
  clientMessageSchemas,
  orderShips,
  rebase,
  resume,
  townSchema,
  type ErrorCode,
  type Player,
  type Result,
  type Town,
} from '@starscape/shared';
import { createGameTokenVerifier } from '../../src/auth/GameTokenVerifier';
import { PrismaUserDirectory } from '../../src/auth/PrismaUserDirectory';
import { processMetrics } from '../../src/http/metrics';
import { createLogger } from '../../src/logger';
import { PendingSaves, PrismaTownRepository } from '../../src/persistence';
import { AutosaveQueue } from '../../src/rooms/AutosaveQueue';
import { TownSaver } from '../../src/rooms/TownSaver';

interface LiveTown {
  townId: string;
  name: string;
  ownerId: string;
  ownerName: string;
  town: Town;
  socket: Socket;
  saver: TownSaver;
}

const EMIT_EVERY_MS = 1000;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

async function main(): Promise<void> {
  const port = Number(process.env.GAME_PORT ?? 2568);
  const host = process.env.GAME_HOST ?? '127.0.0.1';
  const speed = Number(process.env.GAME_SPEED ?? 1);
  const autosaveMs = Number(process.env.AUTOSAVE_INTERVAL_MS ?? 5000);
  const logger = createLogger('warn', 'baseline');
  const databaseUrl = required('DATABASE_URL');
  // the database as the game server opens it (src/main.ts): on SQLite saves through one prepared statement,
  // and the WAL copied into the file by a worker thread
  const database = openServerDatabase(databaseUrl, { onCheckpointBehind: (message, fields) => logger.warn(message, fields) });
  const { prisma } = database;
  const towns = new PrismaTownRepository(prisma, database.townSaves);
  const users = new PrismaUserDirectory(prisma);
  const tokens = await createGameTokenVerifier(required('GAME_TOKEN_PUBLIC_KEY'));
  const pendingSaves = new PendingSaves();
  const autosave = new AutosaveQueue({ towns, delayMs: autosaveMs, logger });
  const metrics = processMetrics();
  const live = new Map<string, LiveTown>();

  const httpServer = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || (path !== '/healthz' && path !== '/metrics')) {
      res.writeHead(404).end();
      return;
    }
    const counts = { rooms: live.size, clients: io.engine.clientsCount };
    const body = path === '/healthz' ? { status: 'ok', ...counts } : metrics.report(counts);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  });
  const io = new Server(httpServer, { serveClient: false });

  const refuse = (socket: Socket, code: ErrorCode, request?: string) => socket.emit('refused', { code, message: ERROR_MESSAGES[code], request });
  const view = (entry: LiveTown) => ({ townId: entry.townId, name: entry.name, ownerId: entry.ownerId, ownerName: entry.ownerName, town: entry.town });

  // the handshake: a valid token naming an existing account, and a town id
  io.use((socket, next) => {
    const { token, townId } = socket.handshake.auth as { token?: unknown; townId?: unknown };
    void (async () => {
      const verified = await tokens.verify(typeof token === 'string' ? token : undefined);
      if (!verified.ok) return next(new Error(verified.code));
      const user = await users.find(verified.value.userId);
      if (!user) return next(new Error('auth/unknown-user'));
      if (typeof townId !== 'string' || townId.length === 0 || townId.length > 64) return next(new Error('town/invalid-options'));
      socket.data = { player: { userId: user.id, name: user.displayName } satisfies Player, townId };
      next();
    })().catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
  });

  io.on('connection', (socket) => {
    const { player, townId } = socket.data as { player: Player; townId: string };
    void (async () => {
      if (live.has(townId)) return refuse(socket, 'town/not-found'), void socket.disconnect(true); // one socket per town here
      await pendingSaves.waitFor(townId); // its last save may still be running
      const stored = await towns.load(townId);
      const snapshot = stored ? townSchema.safeParse(stored.snapshot) : null;
      if (!stored || !snapshot?.success || stored.ownerId !== player.userId) {
        refuse(socket, stored ? 'auth/not-owner' : 'town/not-found');
        socket.disconnect(true);
        return;
      }
      if (!socket.connected) return;
      const entry: LiveTown = {
        townId,
        name: stored.name,
        ownerId: stored.ownerId,
        ownerName: player.name,
        town: resume(snapshot.data, speed, Date.now()),
        socket,
        saver: undefined as unknown as TownSaver,
      };
      const saved = { townToSave: () => entry.town, saveRefused: () => void socket.disconnect(true) };
      entry.saver = new TownSaver(townId, stored.version, saved, { towns, pendingSaves, autosave, logger });
      live.set(townId, entry);

      socket.on('action', (message: unknown) => {
        const { type, payload } = (message ?? {}) as { type?: unknown; payload?: unknown };
        const now = Date.now();
        let result: Result<Town>;
        if (type === ClientMessage.OrderShips) {
          const parsed = clientMessageSchemas[ClientMessage.OrderShips].safeParse(payload);
          if (!parsed.success) return refuse(socket, 'message/invalid', type);
          result = orderShips(entry.town, parsed.data.ship, parsed.data.count, now);
        } else if (type === ClientMessage.CancelShipOrder) {
          const parsed = clientMessageSchemas[ClientMessage.CancelShipOrder].safeParse(payload);
          if (!parsed.success) return refuse(socket, 'message/invalid', type);
          result = cancelShipOrder(entry.town, parsed.data.orderId, now);
        } else return refuse(socket, 'message/unknown-type', String(type));
        if (!result.ok) return refuse(socket, result.code, type);
        entry.town = result.value;
        entry.saver.markDirty();
        socket.emit('town', view(entry));
      });
      socket.on('disconnect', () => {
        if (live.get(townId) === entry) live.delete(townId);
        entry.saver.stop();
        void entry.saver.flush();
      });
      socket.emit('welcome', { protocol: PROTOCOL_VERSION, role: 'owner', townId, serverTime: Date.now() });
      socket.emit('town', view(entry));
    })().catch((error: unknown) => {
      logger.error('could not open a town', { townId, error: String(error) });
      socket.disconnect(true);
    });
  });

  // the tutorial's game loop: every second, every town moves on and goes out whole
  const loop = setInterval(() => {
    const now = Date.now();
    for (const entry of live.values()) {
      entry.town = rebase(advance(entry.town, now), now);
      entry.socket.emit('town', view(entry));
    }
  }, EMIT_EVERY_MS);

  await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
  console.log(`baseline listening on ${host}:${port}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(loop);
    for (const entry of live.values()) {
      entry.saver.stop();
      void entry.saver.flush();
    }
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await pendingSaves.drain();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
