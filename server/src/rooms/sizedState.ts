import type { Room } from '@colyseus/core';
import { Encoder } from '@colyseus/schema';

/**
 * Gives `room` its state with an encoder buffer of at least `bytes`. A room's encoder takes the buffer size
 * current when the state is set (8 KB by default); a full state larger than that is encoded twice on every
 * join, with a warning each time, because the grown buffer is not kept. Rooms whose full state can be large
 * (a big battle, a sector with its chat history) size theirs up front; the default stays for every other room.
 */
export function setSizedState<S extends object>(room: Room<S>, state: S, bytes: number): void {
  const defaultSize = Encoder.BUFFER_SIZE;
  Encoder.BUFFER_SIZE = Math.max(defaultSize, Math.ceil(bytes));
  try {
    room.state = state;
  } finally {
    Encoder.BUFFER_SIZE = defaultSize;
  }
}
