/**
 * Keeps `@pm2/io` out of the game server. `@colyseus/core` 0.16 imports it on start (`Stats.reset()`) only to
 * publish two metrics to PM2, which we do not use; importing it starts an in-process inspector session with the
 * profiler and heap profiler enabled, samples `process._getActiveHandles()` (an array of every socket) every
 * second and adds GC and HTTP hooks, in every game process (found by the load benchmark: 1.2 % of busy time
 * at 8,000 players for the handle sampling alone). `@pm2/io` uses an instance it finds under this global
 * symbol instead of starting itself, so a stand-in with the one method Colyseus calls switches it off.
 * Imported for its effect, first, by `createGameServer`.
 */
const PM2_IO = Symbol.for('@pm2/io');
const registry = globalThis as Record<symbol, unknown>;
registry[PM2_IO] ??= { metric: () => ({ set() {} }) };
