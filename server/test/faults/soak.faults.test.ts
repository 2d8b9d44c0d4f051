import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomName, SECTOR_SLOTS, createRng, townSchema, type Rng } from '@starscape/shared';
import type { DelaySummary } from '../../src/http/metrics';
import { createGameWorld, pool, sleep, waitFor, type GameProcess, type GameWorld, type SeedPlayer } from './support/gameProcess';
import { BLOCKER_ID, TownPlayer, playerTown, queueIds, sameIds } from './support/townPlayer';

/**
 * Issue 6, "Soak": one production game server (`src/main.ts`, SQLite) while SOAK_PLAYERS players join, act,
 * drop (socket destroyed) and come back (reconnect within the grace period, or a fresh join) at random, from a
 * seeded generator, for SOAK_SECONDS; then they all go. Checked:
 * - every join, reconnect-or-join and move works, and no player ever finds their town older than they left it;
 * - the event-loop delay stays low: p99 since the process started under ELD_P99_MS (250 ms), and no 5-s window
 *   of /metrics with a p99 over ELD_WINDOW_P99_MS (1 s): generous, the machine is shared;
 * - after everyone left: no room left behind and no client (`/metrics`), the heap after a forced GC back near
 *   its baseline (the one after a warm-up cycle where everyone joined and left): within HEAP_TOLERANCE;
 * - every town stored with exactly the last change its player saw; the server logged no error.
 *
 * Short by default (CI): SOAK_SECONDS=60 SOAK_PLAYERS=200. The long run:
 *   SOAK_SECONDS=600 SOAK_PLAYERS=500 npx vitest run --config vitest.faults.config.ts server/test/faults/soak.faults.test.ts
 * SOAK_SEED replays a run's choices (the server's timing still varies).
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const PLAYERS = Number(process.env.SOAK_PLAYERS ?? 200);
const SEED = Number(process.env.SOAK_SEED ?? 7_007);
const GRACE_SECONDS = 2;
const ELD_P99_MS = 250;
const ELD_WINDOW_P99_MS = 1000;
/** heap after GC at the end may exceed the baseline by at most this much */
const HEAP_TOLERANCE_BYTES = 8 * 1024 * 1024;

const pad = (i: number) => String(i + 1).padStart(5, '0');

interface Stats {
  joins: number;
  rejoins: number;
  reconnects: number;
  reconnectsRefused: number;
  drops: number;
  leaves: number;
  actions: number;
  galaxyJoins: number;
  failures: string[];
  /** a (re)join showed a town older than the last change the player saw */
  regressions: string[];
}

const stats: Stats = { joins: 0, rejoins: 0, reconnects: 0, reconnectsRefused: 0, drops: 0, leaves: 0, actions: 0, galaxyJoins: 0, failures: [], regressions: [] };

/** One player's session: their town, sometimes their sector's galaxy room too. */
class SoakPlayer {
  readonly town: TownPlayer;
  private galaxy: Room | undefined;
  private joinedBefore = false;

  constructor(
    private readonly world: GameWorld,
    private readonly game: GameProcess,
    readonly seed: SeedPlayer,
    private readonly sector: number,
    readonly rng: Rng,
  ) {
    this.town = new TownPlayer(game.endpoint, seed.userId, seed.townId, () => world.tokens.sign(seed.userId, { name: seed.name }));
  }

  /** The last queue the player saw acknowledged (or the seeded one). */
  lastSeen(): number[] {
    return this.town.acks.at(-1)?.ids ?? [BLOCKER_ID];
  }

  private checkNotOlder(how: string): void {
    const shown = queueIds(this.town.view());
    if (!sameIds(shown, this.lastSeen())) stats.regressions.push(`${this.seed.townId} after ${how}: shows ${JSON.stringify(shown)}, last saw ${JSON.stringify(this.lastSeen())}`);
  }

  async join(): Promise<void> {
    await this.town.join();
    stats.joins++;
    if (this.joinedBefore) stats.rejoins++;
    this.joinedBefore = true;
    this.checkNotOlder('a join');
    if (this.rng.float() < 0.2) {
      const client = new Client(this.game.endpoint);
      client.auth.token = await this.world.tokens.sign(this.seed.userId, { name: this.seed.name });
      this.galaxy = await client.joinOrCreate(RoomName.Galaxy, { sector: this.sector });
      this.galaxy.onMessage('*', () => {});
      stats.galaxyJoins++;
    }
  }

  /** Drops abruptly; comes back with the reconnection token (or, when that is refused, with a fresh join later). */
  async dropAndMaybeReconnect(): Promise<boolean> {
    stats.drops++;
    const token = this.town.drop();
    this.dropGalaxy();
    if (!token || this.rng.float() < 0.5) return false;
    await sleep(this.rng.int(200, 1500));
    try {
      await this.town.reconnect(token);
      stats.reconnects++;
      this.checkNotOlder('a reconnect');
      return true;
    } catch {
      stats.reconnectsRefused++; // e.g. the server had not seen the drop yet; the player joins afresh
      return false;
    }
  }

  private dropGalaxy(): void {
    const ws = (this.galaxy?.connection.transport as unknown as { ws?: { terminate(): void } } | undefined)?.ws;
    this.galaxy?.removeAllListeners();
    ws?.terminate();
    this.galaxy = undefined;
  }

  async leave(): Promise<void> {
    stats.leaves++;
    await this.town.leave();
    const galaxy = this.galaxy;
    this.galaxy = undefined;
    await galaxy?.leave(true).catch(() => {});
  }

  /** The end of the run: everyone goes, half of them abruptly. */
  async goAway(): Promise<void> {
    if (this.rng.float() < 0.5) {
      this.town.drop();
      this.dropGalaxy();
    } else {
      await this.leave();
    }
  }

  /** Joins, acts, drops, leaves and comes back at random until `until`. */
  async run(until: number): Promise<void> {
    const rng = this.rng;
    await sleep(rng.int(0, 5000));
    while (Date.now() < until) {
      try {
        if (!this.town.connected) {
          await this.join();
        } else {
          const roll = rng.float();
          if (roll < 0.75) {
            await this.town.act();
            stats.actions++;
          } else if (roll < 0.85) {
            if (!(await this.dropAndMaybeReconnect())) await sleep(rng.int(500, 8000));
          } else if (roll < 0.9) {
            await this.leave();
            await sleep(rng.int(500, 8000));
          }
        }
      } catch (error) {
        stats.failures.push(`${this.seed.townId}: ${String(error)}`);
        this.town.drop();
        this.dropGalaxy();
      }
      await sleep(rng.int(1000, 4000));
    }
  }
}

let world: GameWorld;
let game: GameProcess;
let baselineHeap = 0;
let fullHeap = 0;
let endHeap = 0;
let endCounts = { rooms: -1, clients: -1 };
let disposeMs = 0;
const windows: Array<DelaySummary & { endedAt: number }> = [];
let sinceStart: DelaySummary;
let peak = { rooms: 0, clients: 0, heapUsedBytes: 0, rssBytes: 0 };
const players: SoakPlayer[] = [];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe(`a soak: ${PLAYERS} players joining, acting, dropping and rejoining for ${SECONDS} s`, () => {
  beforeAll(async () => {
    world = await createGameWorld('soak');
    const now = Date.now();
    const seeds: SeedPlayer[] = Array.from({ length: PLAYERS }, (_, i) => ({ userId: `soak-user-${pad(i)}`, townId: `soak-town-${pad(i)}`, name: `Pilot ${i + 1}`, town: playerTown(now, 1) }));
    await world.seed(seeds);
    game = await world.start('soak', { gameSpeed: 1, autosaveMs: 5000, reconnectGraceSeconds: GRACE_SECONDS, inspector: true });
    const master = createRng(SEED);
    seeds.forEach((seed, i) => players.push(new SoakPlayer(world, game, seed, Math.floor(i / SECTOR_SLOTS) + 1, createRng(master.next()))));

    // warm-up: everyone in, then out; the heap after that (and a GC) is the baseline
    await pool(players, 25, (p) => p.town.join());
    fullHeap = await game.heapAfterGc();
    await pool(players, 25, (p) => p.town.leave());
    await waitFor('the warm-up rooms to dispose', async () => ((await game.metrics()).rooms === 0 ? true : undefined), 60_000, 500);
    baselineHeap = await game.heapAfterGc();
    console.info(`[soak] warm-up: heap after GC ${mb(fullHeap)} with ${PLAYERS} towns open, ${mb(baselineHeap)} after they closed (baseline)`);
  }, 180_000);

  afterAll(async () => {
    for (const p of players) p.town.drop();
    await world?.close();
  }, 60_000);

  it(
    'serves every join, reconnect and move, and no player ever finds their town older than they left it',
    async () => {
      const started = Date.now();
      const until = started + SECONDS * 1000;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const m = await game.metrics().catch(() => undefined);
          if (m) {
            const last = m.eventLoopDelayMs.lastWindow;
            if (last && last.endedAt > started && !windows.some((w) => w.endedAt === last.endedAt)) windows.push(last);
            peak = {
              rooms: Math.max(peak.rooms, m.rooms),
              clients: Math.max(peak.clients, m.clients),
              heapUsedBytes: Math.max(peak.heapUsedBytes, m.memory.heapUsedBytes),
              rssBytes: Math.max(peak.rssBytes, m.memory.rssBytes),
            };
          }
          await sleep(1000);
        }
      })();
      await Promise.all(players.map((p) => p.run(until)));
      sampling = false;
      await sampler;
      sinceStart = (await game.metrics()).eventLoopDelayMs.sinceStart;

      // everyone goes; rooms save and dispose once the reconnection grace is over
      const goneAt = Date.now();
      await Promise.all(players.map((p) => p.goAway()));
      endCounts = await waitFor(
        'every room to dispose after the players left',
        async () => {
          const m = await game.metrics();
          return m.rooms === 0 && m.clients === 0 ? { rooms: m.rooms, clients: m.clients } : undefined;
        },
        GRACE_SECONDS * 1000 + 60_000,
        250,
      ).catch(async () => {
        const m = await game.metrics();
        return { rooms: m.rooms, clients: m.clients };
      });
      disposeMs = Date.now() - goneAt;
      endHeap = await game.heapAfterGc();

      console.info(
        `[soak] ${PLAYERS} players, ${((Date.now() - started) / 1000).toFixed(0)} s: ${stats.joins} joins (${stats.rejoins} rejoins), ` +
          `${stats.drops} abrupt drops, ${stats.reconnects} reconnects (${stats.reconnectsRefused} refused, joined afresh), ${stats.leaves} leaves, ` +
          `${stats.actions} moves, ${stats.galaxyJoins} galaxy joins; ${stats.failures.length} failures, ${stats.regressions.length} regressions; ` +
          `peak ${peak.rooms} rooms, ${peak.clients} clients, heap ${mb(peak.heapUsedBytes)}, rss ${mb(peak.rssBytes)}`,
      );
      expect(game.alive()).toBe(true);
      expect(stats.failures.slice(0, 10)).toEqual([]);
      expect(stats.regressions.slice(0, 10)).toEqual([]);
      expect(stats.actions).toBeGreaterThan(PLAYERS);
      expect(stats.rejoins).toBeGreaterThan(0);
      expect(stats.reconnects).toBeGreaterThan(0);
    },
    SECONDS * 1000 + 180_000,
  );

  it(`keeps the event-loop delay low: p99 under ${ELD_P99_MS} ms, no 5-s window with a p99 over ${ELD_WINDOW_P99_MS} ms`, () => {
    const worst = windows.reduce((w, x) => (x.p99 > w.p99 ? x : w), windows[0]!);
    console.info(
      `[soak] event-loop delay since start: p50 ${sinceStart.p50} ms, p99 ${sinceStart.p99} ms, max ${sinceStart.max} ms; ` +
        `${windows.length} windows, worst window p99 ${worst?.p99} ms (max ${worst?.max} ms)`,
    );
    expect(windows.length).toBeGreaterThan(0);
    expect(sinceStart.p99).toBeLessThan(ELD_P99_MS);
    expect(windows.filter((w) => w.p99 > ELD_WINDOW_P99_MS)).toEqual([]);
  });

  it('leaves no room and no client behind once everyone is gone', () => {
    console.info(`[soak] after everyone left: ${endCounts.rooms} rooms, ${endCounts.clients} clients, ${(disposeMs / 1000).toFixed(1)} s after the last left (grace ${GRACE_SECONDS} s)`);
    expect(endCounts).toEqual({ rooms: 0, clients: 0 });
  });

  it(`returns memory to its baseline: heap after GC within ${mb(HEAP_TOLERANCE_BYTES)} of the warm-up's`, () => {
    const perTown = (fullHeap - baselineHeap) / PLAYERS;
    console.info(
      `[soak] heap after GC: baseline ${mb(baselineHeap)}, end ${mb(endHeap)} (${endHeap >= baselineHeap ? '+' : ''}${mb(endHeap - baselineHeap)}); ` +
        `an open town costs about ${(perTown / 1024).toFixed(1)} KB`,
    );
    expect(endHeap - baselineHeap).toBeLessThan(HEAP_TOLERANCE_BYTES);
  });

  it('stores every town with exactly the last change its player saw, and the server logged no error', async () => {
    const rows = await world.database().town.findMany({ select: { id: true, snapshot: true } });
    const byId = new Map(rows.map((r) => [r.id, townSchema.parse(JSON.parse(r.snapshot))]));
    const behind = players.filter((p) => !sameIds(queueIds(byId.get(p.seed.townId)!), p.lastSeen())).map((p) => p.seed.townId);
    expect(behind).toEqual([]);
    expect(game.errorLines).toEqual([]);
  });
});
