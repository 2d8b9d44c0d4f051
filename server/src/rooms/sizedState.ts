import type { Room } from '@colyseus/core';
import { Encoder } from '@colyseus/schema';

/**
 * Gives `room` its state with an encoder buffer of at least `bytes`. A room's encoder takes the buffer size
 * current when the state is set (8 KB by default); a full state larger than that is encoded twice on every
 * join, with a warning each time, because the grown buffer is not kept. Rooms whose full state can be large
 * (a big battle, a sector with its chat history) size theirs up front; the default stays for every other room.
 * With `shrink`, the buffer is exactly `bytes` even below the default: for rooms that are many and small
 * (a town: two 8-KB buffers per room would be most of its memory).
 */
export function setSizedState<S extends object>(room: Room<S>, state: S, bytes: number, options: { shrink?: boolean } = {}): void {
  const defaultSize = Encoder.BUFFER_SIZE;
  Encoder.BUFFER_SIZE = options.shrink ? Math.ceil(bytes) : Math.max(defaultSize, Math.ceil(bytes));
  try {
    room.state = state;
  } finally {
    Encoder.BUFFER_SIZE = defaultSize;
  }
}

/** Handshakes (the type reflection a client decodes with) by state class: the same for every room of a type. */
const handshakes = new WeakMap<object, Buffer>();

/**
 * Makes every room whose state has the same class share one encoded handshake instead of each keeping its
 * own (Colyseus caches it per room, in an 8-KB buffer of its own). Call after setting the state.
 */
export function shareHandshake(room: Room): void {
  const serializer = (room as unknown as { _serializer?: { handshakeCache?: Buffer; handshake(): Buffer } })._serializer;
  const type = (room.state as object | undefined)?.constructor;
  if (!serializer || !type) return;
  let shared = handshakes.get(type);
  if (!shared) {
    shared = Buffer.from(serializer.handshake()); // a copy of just its bytes, not the 8-KB buffer around them (a Buffer: Colyseus copies it with .copy)
    handshakes.set(type, shared);
  }
  serializer.handshakeCache = shared;
}

/** What `shareEncodeBuffers` reaches inside a room's serializer (Colyseus 0.16, @colyseus/schema 3). */
interface SerializerInternals {
  encoder?: { sharedBuffer: Buffer; encode: (...args: never[]) => Buffer };
  fullEncodeBuffer?: Buffer;
  needFullEncode: boolean;
  getFullState(client?: unknown): Buffer;
}

/** 64 KB each: far above any town's full state (the largest possible is under 8 KB), so nothing ever overflows. */
const SHARED_BUFFER_BYTES = 64 * 1024;
let sharedPatchBuffer: Buffer | null = null;
let sharedFullStateBuffer: Buffer | null = null;
/** Colyseus's message code for a full state, the first byte of its full-state buffer (`Protocol.ROOM_STATE`). */
const ROOM_STATE = 14;

/**
 * Makes `room` encode into two buffers shared by every room that calls this, instead of two of its own (4 KB
 * each per town room: most of a town's memory), and copies what each encode returns.
 *
 * Why the copy: Colyseus sends a patch as a slice of the encoder's buffer, and ws hands that slice to the socket
 * by reference; a socket that cannot take it at once (a slow client) keeps the reference until it drains, so the
 * next encode into the same buffer would change bytes already queued. With per-room buffers that takes two
 * patches of one room before a drain; with shared ones any room's next patch would do it, so each result is
 * copied out (a few dozen bytes per patch). The full state Colyseus caches between joins is such a copy too.
 *
 * And each full state is encoded afresh: for a client with a view Colyseus appends the view's part to the shared
 * part it left in the full-state buffer at its last encode, which another room may have overwritten since.
 *
 * Why 64 KB: with an owner's `StateView`, an encode that overflows its buffer returns garbage (@colyseus/schema
 * 3.0.76 re-encodes into a bigger buffer but concatenates from the old one), so the buffers must never be
 * outgrown. Call after the room's state is set.
 */
export function shareEncodeBuffers(room: Room): void {
  const serializer = (room as unknown as { _serializer?: SerializerInternals })._serializer;
  const encoder = serializer?.encoder;
  if (!serializer || !encoder || !serializer.fullEncodeBuffer) throw new Error('shareEncodeBuffers: the room has no schema serializer yet (set its state first)');
  sharedPatchBuffer ??= Buffer.alloc(SHARED_BUFFER_BYTES);
  if (!sharedFullStateBuffer) {
    sharedFullStateBuffer = Buffer.alloc(SHARED_BUFFER_BYTES);
    sharedFullStateBuffer[0] = ROOM_STATE;
  }
  encoder.sharedBuffer = sharedPatchBuffer;
  serializer.fullEncodeBuffer = sharedFullStateBuffer;
  const encode = encoder.encode.bind(encoder) as (...args: never[]) => Buffer;
  encoder.encode = (...args: never[]) => Buffer.from(encode(...args));
  const getFullState = serializer.getFullState.bind(serializer);
  serializer.getFullState = (client?: unknown) => {
    serializer.needFullEncode = true;
    return getFullState(client);
  };
}
