import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Room } from 'colyseus.js';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTown, queuedOrders, townSchema, type Town } from '@starscape/shared';
import { serviceAvailable } from '../../../scripts/services/availability';
import { postgresCheck } from '../../../scripts/services/postgres';
import { redisCheck } from '../../../scripts/services/redis';
import { startGameCluster, type GameCluster, type GameProcess } from '../cluster/support/gameCluster';
import { pool } from './support/gameProcess';

/**
 * Issue 6, "Deploy": SIGTERM to a game server with 1,000 towns open. Every one must be saved before the process
 * exits (counted against the database), within the shutdown timeout Fly gives it (`kill_timeout` in fly.toml).
 * Production setup: the real `src/main.ts` process on PostgreSQL and Redis, autosave far away (10 minutes) so
 * only the shutdown save can have stored the players' last orders.
 */
const TOWNS = Number(process.env.DEPLOY_TOWNS ?? 1000);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const killTimeoutSeconds = (() => {
  const raw = (parse(readFileSync(path.join(repoRoot, 'fly.toml'), 'utf8')) as { kill_timeout?: number | string }).kill_timeout;
  const match = /^(\d+)(s|m)?$/.exec(String(raw));
  if (!match) throw new Error(`fly.toml kill_timeout "${raw}" is not seconds or minutes`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
})();
const available =
  serviceAvailable(redisCheck(), 'the deploy test (SIGTERM with 1,000 open towns)') && serviceAvailable(postgresCheck(), 'the deploy test (SIGTERM with 1,000 open towns)');

function yardTown(): Town {
  const town = newTown(Date.now(), 1);
  const full = (r: 'metal' | 'crystal') => ({ ...town.stocks[r], amount: Math.floor(town.stocks[r].cap * 0.9) });
  return { ...town, buildings: { ...town.buildings, shipyard: 1 }, stocks: { ...town.stocks, metal: full('metal'), crystal: full('crystal') } };
}

describe.skipIf(!available)(`a deploy: SIGTERM with ${TOWNS} towns open`, () => {
  let cluster: GameCluster;
  let game: GameProcess;
  beforeAll(async () => {
    cluster = await startGameCluster({ processes: 1, gameSpeed: 1 });
    game = cluster.processes[0]!;
  }, 180_000);
  afterAll(() => cluster?.stop(), 60_000);

  it('saves every open town before the process exits, within fly.toml’s kill_timeout', async () => {
    const players = await cluster.createPlayers('Deployed', TOWNS, yardTown);
    // every player in their town, each with an order the database has not seen yet
    const rooms: Room[] = await pool(players, 50, async ({ userId, townId }) => {
      const room = await cluster.joinTown(game, userId, townId);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no patch for ${townId}`)), 30_000);
        room.onStateChange((state: { shipyard?: Array<{ id: number }> }) => {
          if (queuedOrders(state.shipyard ?? []).length === 1) {
            clearTimeout(timer);
            resolve();
          }
        });
        room.send('shipyard:order', { ship: 'scout', count: 1 });
      });
      return room;
    });
    const versionsBefore = new Map((await cluster.prisma.town.findMany({ select: { id: true, version: true } })).map((t) => [t.id, t.version]));

    const started = Date.now();
    const exitCode = await game.kill('SIGTERM');
    const seconds = (Date.now() - started) / 1000;
    console.info(`[deploy] ${TOWNS} open towns: SIGTERM to exit in ${seconds.toFixed(1)} s (fly.toml kill_timeout ${killTimeoutSeconds} s)`);
    expect(exitCode).toBe(0);
    expect(seconds).toBeLessThan(killTimeoutSeconds);

    const rows = await cluster.prisma.town.findMany({ where: { id: { in: players.map((p) => p.townId) } }, select: { id: true, version: true, snapshot: true } });
    expect(rows).toHaveLength(TOWNS);
    // saved by the shutdown: a newer version than before it, holding the order (queued, or the scout built)
    const unsaved = rows.filter((row) => {
      const town = townSchema.parse(JSON.parse(row.snapshot));
      const hasOrder = town.shipyard.some((order) => order.ship === 'scout') || town.ships.scout > 0;
      return !(row.version > versionsBefore.get(row.id)! && hasOrder);
    });
    expect(unsaved.map((row) => row.id)).toEqual([]);
    for (const room of rooms) room.removeAllListeners();
  }, 300_000);
});
