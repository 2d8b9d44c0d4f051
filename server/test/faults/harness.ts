import type { Room } from 'colyseus.js';
import { expect, vi } from 'vitest';
import type { MessageLimits } from '../../src/rooms/incomingGuard';
import { probe } from '../support/roomProbe';
import { describe as show, echoable, hostileMessage, rawFrame, roomDataFrame, type HostileMessage, type Protocol, type RawFrame } from './fuzz';
import { until as waitUntil } from '../support/until';

/**
 * Message limits that never bite, for the storms: the flood guard (20 at once, 10 a second) would drop all but
 * a few of thousands of cases unread, and the point is what validation does with each. The guard itself is
 * attacked with hostile floods at production limits in rawFrames.faults.test.ts.
 */
export const NO_MESSAGE_LIMITS: MessageLimits = { burst: 1e9, perSecond: 1e9, dropsBeforeClose: 1e9, windowMs: 10_000 };

/** One connection of a scene: the room, everything it received, and how its socket closed (if it did). */
export interface Seat {
  room: Room;
  seen: ReturnType<typeof probe>;
  /** the WebSocket close code once the connection is gone, else null */
  closedWith: number | null;
  /** `error` messages received so far */
  errors(): Array<{ code: string; message: string; request?: string }>;
}

export function seat(room: Room): Seat {
  const seen = probe(room);
  const s: Seat = {
    room,
    seen,
    closedWith: null,
    errors: () => seen.messages.filter((m) => m.type === 'error').map((m) => m.message),
  };
  room.onLeave((code) => {
    s.closedWith = code;
  });
  return s;
}

/**
 * A room with two connections: `fuzzed` receives the hostile input (and may be replaced after its socket is
 * closed), `bystander` must notice nothing of it.
 */
export interface Scene {
  name: string;
  protocol: Protocol;
  fuzzed: Seat;
  bystander: Seat;
  /** a new connection for the fuzzed player, after the server closed the last one */
  reconnectFuzzed(): Promise<Seat>;
  /** everything hostile input must not change: decoded room state and stored state */
  snapshot(): Promise<unknown>;
  /** settles timers that run by themselves (galaxy refresh, combat patches) before a snapshot */
  settle(): Promise<void>;
  /** valid commands from both sides after the storm: they work and both connections see the result */
  proveServing(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches the test process for what hostile input must never cause: an uncaught exception or unhandled
 * rejection, and any line written with console.error or console.warn (the game logger's ERROR and WARN lines,
 * Colyseus' and the schema decoder's complaints go there).
 */
export function watchProcess() {
  const uncaught: unknown[] = [];
  const onFault = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onFault);
  process.on('unhandledRejection', onFault);
  const stderr: string[] = [];
  const capture = (...args: unknown[]) => {
    stderr.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === 'object' ? JSON.stringify(a) : String(a))).join(' '));
  };
  const spies = [vi.spyOn(console, 'error').mockImplementation(capture), vi.spyOn(console, 'warn').mockImplementation(capture)];
  return {
    uncaught,
    stderr,
    /** the game logger's ERROR lines (`2025-… ERROR [game] …`) */
    gameErrors: () => stderr.filter((line) => / ERROR \[/.test(line)),
    stop() {
      process.off('uncaughtException', onFault);
      process.off('unhandledRejection', onFault);
      for (const spy of spies) spy.mockRestore();
    },
  };
}

/** The room's patches and timers run on their own; this waits until a predicate holds or fails with `what`. */
export function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  return waitUntil(check, what, timeoutMs, 5);
}

let clockRequests = 0;

/** A clock round trip on `s`: proves the connection is open and the room answers it. */
export async function clockRoundTrip(s: Seat, timeoutMs = 3000): Promise<void> {
  const clientTime = 4242 + ++clockRequests; // distinct from every other clock request of the test
  s.room.send('clock', { clientTime });
  await until(() => s.seen.messages.some((m) => m.type === 'clock' && m.message?.clientTime === clientTime), 'a clock answer', timeoutMs);
  s.seen.messages.splice(
    s.seen.messages.findIndex((m) => m.type === 'clock' && m.message?.clientTime === clientTime),
    1,
  );
}

const BATCH = 100;

export interface StormReport {
  sent: number;
  invalid: number;
  unknownType: number;
  ms: number;
}

/**
 * Sends `cases` hostile messages of `scene.protocol` (cases derived from `seed`) on the fuzzed connection, in
 * batches, framed exactly as `room.send` means to (see `roomDataFrame`), and checks that each got exactly one `error` answer there, in order, with the expected code and
 * request type. Fails naming the seed, the case index and the payload of the first wrong answer.
 */
export async function storm(scene: Scene, seed: number, cases: number): Promise<StormReport> {
  const started = Date.now();
  const fuzzed = scene.fuzzed;
  const base = fuzzed.errors().length;
  const sent: HostileMessage[] = [];
  for (let from = 0; from < cases; from += BATCH) {
    const batch: HostileMessage[] = [];
    for (let index = from; index < Math.min(cases, from + BATCH); index++) batch.push(hostileMessage(seed, index, scene.protocol));
    for (const message of batch) {
      fuzzed.room.connection.send(roomDataFrame(message.type, message.payload)!);
      sent.push(message);
    }
    const expected = base + sent.length;
    try {
      await until(() => fuzzed.errors().length >= expected || fuzzed.closedWith !== null, `${expected - base} error answers`, 10_000);
    } catch (error) {
      const answered = fuzzed.errors().length - base;
      const first = sent[answered];
      throw new Error(`${scene.name}: seed ${seed}: ${answered} of ${sent.length} hostile messages answered; the first unanswered is case ${first?.index} (${describeCase(first)})`, { cause: error });
    }
    if (fuzzed.closedWith !== null) {
      const answered = fuzzed.errors().length - base;
      throw new Error(`${scene.name}: seed ${seed}: the server closed the fuzzed connection (code ${fuzzed.closedWith}) after ${answered} answers; suspect case ${sent[answered]?.index} (${describeCase(sent[answered])})`);
    }
  }
  const answers = fuzzed.errors().slice(base);
  expect(answers.length, `${scene.name}: seed ${seed}: one error per hostile message, no more`).toBe(sent.length);
  for (let i = 0; i < sent.length; i++) {
    const message = sent[i]!;
    const answer = answers[i]!;
    const where = `${scene.name}: seed ${seed}, case ${message.index}: ${describeCase(message)}`;
    if (message.kind === 'invalid') expect(answer, where).toEqual({ code: 'message/invalid', message: expect.any(String), request: message.type });
    else {
      expect(answer.code, where).toBe('message/unknown-type');
      expect(typeof answer.message, where).toBe('string');
      if (echoable(message.type)) expect(answer.request, where).toBe(String(message.type));
    }
  }
  return {
    sent: sent.length,
    invalid: sent.filter((m) => m.kind === 'invalid').length,
    unknownType: sent.filter((m) => m.kind === 'unknown-type').length,
    ms: Date.now() - started,
  };
}

export function describeCase(message: HostileMessage | undefined): string {
  if (!message) return 'none';
  return `${message.kind} type ${JSON.stringify(message.type)} payload ${show(message.payload)}`;
}

/**
 * The whole contract around a burst of hostile input: snapshot before, `attack`, then no error reached the
 * bystander, its connection is open, the snapshot is unchanged, nothing was polluted, nothing crashed or was
 * logged as an error, and the room still serves both sides.
 */
export async function underAttack<T>(scene: Scene, attack: () => Promise<T>, options: { allowStderr?: (line: string) => boolean } = {}): Promise<T> {
  await scene.settle();
  const before = await scene.snapshot();
  const bystanderErrors = scene.bystander.errors().length;
  const bystanderMessages = scene.bystander.seen.messages.length;
  const watch = watchProcess();
  let result: T;
  try {
    result = await attack();
    // the player whose socket was closed comes back (a galaxy shows them online again): then compare
    if (scene.fuzzed.closedWith !== null) await scene.reconnectFuzzed();
    await clockRoundTrip(scene.bystander);
    await scene.settle();
  } finally {
    watch.stop();
  }
  expect(scene.bystander.closedWith, `${scene.name}: the bystander's connection stays open`).toBeNull();
  expect(scene.bystander.errors().length, `${scene.name}: no error reached the bystander`).toBe(bystanderErrors);
  // the bystander got nothing but its own clock answer (taken off by clockRoundTrip) and state patches
  expect(scene.bystander.seen.messages.slice(bystanderMessages).map((m) => m.type), `${scene.name}: no message reached the bystander`).toEqual([]);
  expect(await scene.snapshot(), `${scene.name}: room and stored state are unchanged`).toEqual(before);
  expect(Object.keys(Object.prototype), 'nothing was added to Object.prototype').toEqual([]);
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype is not polluted').toBeUndefined();
  expect(watch.uncaught.map(String), `${scene.name}: no uncaught exception or unhandled rejection`).toEqual([]);
  const unexpected = watch.stderr.filter((line) => !options.allowStderr?.(line));
  expect(unexpected, `${scene.name}: nothing logged to stderr (errors, warnings, Colyseus complaints)`).toEqual([]);
  await scene.proveServing();
  return result!;
}

/** Lines a broken frame may legitimately cause: the guard's warning, Colyseus' and the decoder's complaints. Never a game ERROR. */
export const notAnError = (line: string) => !/ ERROR \[/.test(line);

export interface RawReport {
  sent: number;
  /** per kind of frame: what happened to the sender's connection */
  outcomes: Record<string, Record<string, number>>;
  ms: number;
}

/** Puts a raw case on the fuzzed connection, the way its carrier says. */
export function deliver(s: Seat, frame: RawFrame): void {
  const ws = (s.room.connection.transport as unknown as { ws: import('ws').WebSocket }).ws;
  if (frame.carrier === 'binary') s.room.connection.send(frame.bytes);
  else if (frame.carrier === 'text') ws.send(Buffer.from(frame.bytes).toString('utf8'));
  else (ws as unknown as { _socket: import('node:net').Socket })._socket.write(frame.bytes);
}

/**
 * After a raw frame: a clock request on the same connection tells whether it still works ('alive'), or the
 * connection closes ('closed <code>'), or neither within `timeoutMs` ('stalled': only bytes under the
 * WebSocket framing may leave the server waiting for the rest of a frame).
 */
export async function barrier(s: Seat, timeoutMs: number): Promise<string> {
  const clientTime = 4242 + ++clockRequests;
  try {
    s.room.send('clock', { clientTime });
  } catch {
    // the socket is already closing
  }
  const answered = () => s.seen.messages.some((m) => m.type === 'clock' && m.message?.clientTime === clientTime);
  try {
    await until(() => answered() || s.closedWith !== null, 'an answer or a close', timeoutMs);
  } catch {
    return 'stalled';
  }
  return s.closedWith !== null ? `closed ${s.closedWith}` : 'alive';
}

/**
 * Sends `cases` raw frames (derived from `seed`) on the fuzzed connection, one at a time with a barrier after
 * each; reconnects the fuzzed player whenever the server closed its connection. After every frame the
 * bystander's connection must be open, and every 25 frames it must get a clock answer.
 */
export async function rawStorm(scene: Scene, seed: number, cases: number): Promise<RawReport> {
  const started = Date.now();
  const outcomes: Record<string, Record<string, number>> = {};
  for (let index = 0; index < cases; index++) {
    const frame = rawFrame(seed, index, scene.protocol);
    const where = `${scene.name}: FUZZ_SEED=${seed}, raw case ${index} (${frame.kind}, ${frame.carrier}, ${frame.bytes.length} bytes: ${Buffer.from(frame.bytes.subarray(0, 24)).toString('hex')}${frame.bytes.length > 24 ? '…' : ''})`;
    deliver(scene.fuzzed, frame);
    let outcome = await barrier(scene.fuzzed, frame.carrier === 'tcp' ? 500 : 3000);
    if (outcome === 'stalled') {
      if (frame.carrier !== 'tcp') throw new Error(`${where}: the connection neither answered nor closed`);
      scene.fuzzed.room.connection.close();
      await until(() => scene.fuzzed.closedWith !== null, 'the stalled connection to close');
    }
    if (scene.fuzzed.closedWith !== null) await scene.reconnectFuzzed();
    (outcomes[frame.kind] ??= {})[outcome] = (outcomes[frame.kind]![outcome] ?? 0) + 1;
    if (scene.bystander.closedWith !== null) throw new Error(`${where}: the bystander's connection closed (${scene.bystander.closedWith})`);
    if (index % 25 === 24) {
      try {
        await clockRoundTrip(scene.bystander);
      } catch (error) {
        throw new Error(`${where}: the bystander got no clock answer`, { cause: error });
      }
    }
  }
  return { sent: cases, outcomes, ms: Date.now() - started };
}
