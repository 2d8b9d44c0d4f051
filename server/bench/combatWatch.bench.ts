/**
 * What a live battle costs: server time per combat step (simulation + copying into the room state + encoding the
 * patch) and the bytes each watcher receives, for 10, 100, 200 and 500 ships, against the plain design of sending
 * the full battle state as JSON every step. Targets (issue 3): 200 ships under 1 ms per step and under 2 KB/s per
 * watcher.
 *
 *   npx tsx server/bench/combatWatch.bench.ts      (run with cwd server/, about a minute: battles run in real time)
 *
 * Bytes are counted on the server's sockets (payload plus WebSocket frame header) for a real colyseus.js client
 * watching each battle from its first patch to its end, initial full state included; the JSON baseline is the same
 * battle's `battleView` serialized at every step (10 a second), framed the same way.
 */
import { performance } from 'node:perf_hooks';
import { matchMaker } from '@colyseus/core';
import { Encoder } from '@colyseus/schema';
import {
  LIVE_BATTLE_PATCH_MS,
  STEPS_PER_SECOND,
  battleView,
  cloneBattle,
  createBattle,
  stepInPlace,
  type BattleState,
} from '@starscape/shared';
import { CombatState } from '../src/rooms/schema/CombatState';
import { writeCombatState } from '../src/rooms/schema/writeCombatState';
import { startTestServer } from '../test/support/startTestServer';
import { setup } from './mixedBattle';

const SIZES = [10, 100, 200, 500];
const STEP_MS = 1000 / STEPS_PER_SECOND;

/** Bytes on the wire for one WebSocket message of `payload` bytes sent by the server (unmasked frame). */
function framed(payload: number): number {
  return payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);
}

/**
 * Server time per step, as the room spends it: the step, and every LIVE_BATTLE_PATCH_MS the copy into the
 * schema state and the patch encoding. Whole battles, new seed each, after a warm-up.
 */
function timeSteps(ships: number, measuredSteps: number): { mean: number; p99: number; patchBytes: number[] } {
  const times: number[] = [];
  const patchBytes: number[] = [];
  let seed = 1;
  const run = (steps: number, record: boolean) => {
    let battle: BattleState = createBattle(setup(ships, seed++));
    let state = new CombatState();
    writeCombatState(state, battle);
    let encoder = new Encoder(state);
    encoder.encodeAll();
    encoder.discardChanges();
    let done = 0;
    while (done < steps) {
      if (battle.winner !== null) {
        battle = createBattle(setup(ships, seed++));
        state = new CombatState();
        writeCombatState(state, battle);
        encoder = new Encoder(state);
        encoder.encodeAll();
        encoder.discardChanges();
      }
      const t0 = performance.now();
      stepInPlace(battle);
      const patchDue = Math.floor((battle.step * STEP_MS) / LIVE_BATTLE_PATCH_MS) !== Math.floor(((battle.step - 1) * STEP_MS) / LIVE_BATTLE_PATCH_MS);
      let bytes = 0;
      if (patchDue || battle.winner !== null) {
        writeCombatState(state, battle);
        bytes = encoder.encode().byteLength;
        encoder.discardChanges();
      }
      const elapsed = performance.now() - t0;
      if (record) {
        times.push(elapsed);
        if (bytes > 0) patchBytes.push(bytes);
      }
      done++;
    }
  };
  run(1000, false);
  run(measuredSteps, true);
  const sorted = [...times].sort((a, b) => a - b);
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, p99: sorted[Math.floor(sorted.length * 0.99)]!, patchBytes };
}

/** The JSON design: the whole `battleView` every step, for the same battle as the room ran. */
function jsonBytesPerSecond(initial: BattleState): number {
  const battle = cloneBattle(initial);
  let bytes = framed(Buffer.byteLength(JSON.stringify(battleView(battle))));
  while (battle.winner === null) {
    stepInPlace(battle);
    bytes += framed(Buffer.byteLength(JSON.stringify(battleView(battle))));
  }
  return bytes / (battle.step / STEPS_PER_SECOND);
}

/** Real battles in real combat rooms, each watched by one colyseus.js client; bytes counted on the server. */
async function watchBattles(): Promise<Map<number, { bytesPerSecond: number; seconds: number; initial: BattleState }>> {
  const t = await startTestServer({ gameSpeed: 1 });
  const results = new Map<number, { bytesPerSecond: number; seconds: number; initial: BattleState }>();
  await Promise.all(
    SIZES.map(async (ships, i) => {
      const attacker = await t.createPlayer(`attacker${i}`);
      const defender = await t.createPlayer(`defender${i}`);
      await t.createPlayer(`watcher${i}`);
      const battleId = `bench-${ships}`;
      const initial = createBattle(setup(ships, 77 + i));
      await t.battles.create({ id: battleId, seed: 77 + i, startedAt: new Date(t.now()), attackerTownId: attacker.townId, defenderTownId: defender.townId, kind: 'raid', initial });
      await t.server.battles.open(battleId);
      const room = matchMaker.getLocalRoomById(battleId);
      let bytes = 0;
      // count from the first byte: wrap each client's socket as the room adds it, before the full state goes out
      const push = room.clients.push.bind(room.clients);
      room.clients.push = (...clients: typeof room.clients) => {
        for (const client of clients) {
          const socket = (client as unknown as { ref: { send: (data: Uint8Array, ...rest: unknown[]) => void } }).ref;
          const send = socket.send.bind(socket);
          socket.send = (data: Uint8Array, ...rest: unknown[]) => {
            bytes += framed(data.byteLength);
            send(data, ...rest);
          };
        }
        return push(...clients);
      };
      const watcher = await t.watch(`watcher${i}`, battleId);
      watcher.onMessage('*', () => {});
      let firstStep = -1;
      await new Promise<void>((resolve) =>
        watcher.onStateChange((s: { step: number; winner: string }) => {
          if (firstStep < 0) firstStep = s.step;
          if (s.winner !== '') resolve();
        }),
      );
      const steps = (watcher.state as { step: number }).step - firstStep;
      await watcher.leave();
      const seconds = steps / STEPS_PER_SECOND;
      results.set(ships, { bytesPerSecond: bytes / seconds, seconds, initial });
    }),
  );
  await t.server.shutdown();
  return results;
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const [i, row] of rows.entries()) {
    console.log(`| ${row.map((cell, c) => cell.padStart(widths[c]!)).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
}

async function main(): Promise<void> {
  Encoder.BUFFER_SIZE = 64 * 1024; // the full state of 500 ships; rooms size theirs the same way
  console.log(`Combat room: ${SIZES.join(', ')} ships, patches every ${LIVE_BATTLE_PATCH_MS} ms, ${STEPS_PER_SECOND} steps/s\n`);
  const stepRows: string[][] = [['ships', 'mean µs/step', 'p99 µs/step', 'mean patch bytes', 'target']];
  for (const ships of SIZES) {
    const { mean, p99, patchBytes } = timeSteps(ships, 4000);
    const meanPatch = patchBytes.reduce((a, b) => a + b, 0) / patchBytes.length;
    stepRows.push([String(ships), (mean * 1000).toFixed(1), (p99 * 1000).toFixed(1), meanPatch.toFixed(0), ships === 200 ? (mean < 1 ? '< 1 ms ✓' : '< 1 ms ✗') : '']);
  }
  console.log('Server time per step (simulation + state copy + patch encoding):');
  table(stepRows);

  console.log('\nWatching live battles (real rooms, real time; this takes about a minute)...');
  const watched = await watchBattles();
  const byteRows: string[][] = [['ships', 'battle s', 'schema B/s per watcher', 'JSON every step B/s', 'JSON ÷ schema', 'target']];
  for (const ships of SIZES) {
    const w = watched.get(ships)!;
    const json = jsonBytesPerSecond(w.initial);
    byteRows.push([
      String(ships),
      w.seconds.toFixed(1),
      w.bytesPerSecond.toFixed(0),
      json.toFixed(0),
      `${(json / w.bytesPerSecond).toFixed(0)}×`,
      ships === 200 ? (w.bytesPerSecond < 2048 ? '< 2 KB/s ✓' : '< 2 KB/s ✗') : '',
    ]);
  }
  console.log('\nBytes per second each watcher receives, whole battle (initial state included):');
  table(byteRows);
}

await main();
