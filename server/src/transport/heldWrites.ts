import type { Socket } from 'node:net';
import type { Client } from '@colyseus/core';

const HELD = Symbol('writes held until the turn ends');
type HoldableSocket = Socket & { [HELD]?: boolean };

/** The sockets holding writes now, in the order they were first held in this turn. */
const held: HoldableSocket[] = [];
let releaseQueued = false;

/**
 * Holds what is written to `client`'s socket from now until the end of this turn of the event loop
 * (`releaseHeldWrites`), where it goes out with one `writev` for everything the socket got in the turn, and
 * the turn's sockets are written one after another.
 *
 * Why: a town patches its owner as soon as an action changed it, from inside the handler of the action's
 * message, so the process went back and forth between reading a message, running JavaScript and writing a
 * patch to another socket, each write on its own (a write to a loopback socket also delivers it to the reader
 * and wakes it). Held to the end of the turn, the turn's writes run back to back instead. At 1,000
 * players, our server alone, interleaved runs of the same hour: 7.1 and 7.1 % of a core writing at once, 5.8
 * and 6.6 % holding the writes (BENCHMARKS.md, session 22; runs vary by about ±10 % here).
 *
 * What it costs: a patch leaves at the end of the turn that made it, not during it: by as long as the rest of
 * that turn's work, at most a few milliseconds. Order on a socket is kept (a socket is one stream); anything
 * else written to it in the turn (a refusal, a clock answer) waits with it.
 *
 * The release comes at the end of the turn: the input tick calls it before it may nap (`InputTick`); without
 * one (or when a hold comes after it ran), a `setImmediate` queued with the first hold does, so the loop never
 * waits for I/O with writes held. Clients of other transports (none here) are written at once.
 */
export function holdWrites(client: Client): void {
  const socket = (client as { ref?: { _socket?: HoldableSocket | null } }).ref?._socket;
  if (!socket || socket[HELD] || socket.destroyed) return;
  socket[HELD] = true;
  socket.cork();
  held.push(socket);
  if (!releaseQueued) {
    releaseQueued = true;
    setImmediate(releaseHeldWrites);
  }
}

/** Sends everything held (`holdWrites`): one `writev` per socket. Called at the end of each turn. */
export function releaseHeldWrites(): void {
  releaseQueued = false;
  if (held.length === 0) return;
  for (const socket of held) {
    socket[HELD] = false;
    socket.uncork();
  }
  held.length = 0;
}

/** How many sockets hold writes now (for tests). */
export function heldSockets(): number {
  return held.length;
}
