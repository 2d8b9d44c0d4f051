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
  withEncoderBufferSize(options.shrink ? Math.ceil(bytes) : Math.max(Encoder.BUFFER_SIZE, Math.ceil(bytes)), () => {
    room.state = state;
  });
}

/** Runs `make` with encoders taking `bytes`-sized buffers (an encoder takes the size current when it is made). */
export function withEncoderBufferSize<T>(bytes: number, make: () => T): T {
  const defaultSize = Encoder.BUFFER_SIZE;
  Encoder.BUFFER_SIZE = bytes;
  try {
    return make();
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
