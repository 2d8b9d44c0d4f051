import { ClientState, Protocol, SchemaSerializer, type Client, type Room } from '@colyseus/core';
import { Encoder, type Schema, type StateView } from '@colyseus/schema';

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

/** 64 KB each: far above any town's full state (the largest possible is under 8 KB), so nothing ever overflows. */
const SHARED_BUFFER_BYTES = 64 * 1024;
let sharedPatchBuffer: Buffer | null = null;
let sharedFullStateBuffer: Buffer | null = null;

/** Set while `encodeView` runs: the part it encodes with `encode` is copied out by its own `Buffer.concat`. */
let encodingView = false;

/**
 * An encoder whose every result is a copy of its bytes (it writes into a buffer all town rooms share), copied
 * once: `encodeView` concatenates its parts into a new buffer anyway, so what it encodes inside is not copied.
 */
class CopyingEncoder<T extends Schema> extends Encoder<T> {
  override encode(...args: Parameters<Encoder<T>['encode']>): Buffer {
    const encoded = super.encode(...args);
    return encodingView ? encoded : Buffer.from(encoded);
  }

  override encodeView(...args: Parameters<Encoder<T>['encodeView']>): Buffer {
    encodingView = true;
    try {
      return super.encodeView(...args);
    } finally {
      encodingView = false;
    }
  }

  /** The patch's shared part, not copied: it stays in the shared buffer until the next encode. */
  encodeInPlace(it: { offset: number }): Buffer {
    return super.encode(it);
  }
}

/**
 * What every shared-buffer serializer has instead of a `Map` of its own: Colyseus reads `encodedViews` only in
 * the part of `applyPatches` that `SharedBufferSerializer` replaces, so it stays empty.
 */
const NO_ENCODED_VIEWS = new Map<StateView, Buffer>();

/** Where a patch is encoded from: reused, as encoding is synchronous (Colyseus makes one per patch). */
const patchIterator = { offset: 1 };

/**
 * Colyseus's schema serializer, made for thousands of small rooms that share their encode buffers:
 * - each full state is encoded afresh: for a client with a view Colyseus appends the view's part to the shared
 *   part it left in the full-state buffer at its last encode, which another room may have overwritten since;
 * - a patch allocates nothing that outlives it: Colyseus keeps a map from view to encoded patch per room and
 *   clears it after each patch (which gives the map a new table, kept until the next patch: a town's next patch
 *   comes seconds later, so every one of those tables was promoted to the old generation). Here a patch keeps
 *   the one view a town has (its owner's) in locals.
 */
class SharedBufferSerializer<T extends Schema> extends SchemaSerializer<T> {
  override getFullState(client?: Client): Buffer {
    this.needFullEncode = true;
    return super.getFullState(client);
  }

  override applyPatches(clients: Client[]): boolean {
    if (!this.hasFilters || clients.length === 0 || !this.encoder.hasChanges) return super.applyPatches(clients);
    this.needFullEncode = true;
    patchIterator.offset = 1;
    this.encoder.sharedBuffer[0] = Protocol.ROOM_STATE_PATCH;
    // the shared part, copied only for a client that gets it alone (a visitor): an owner's patch is its view's
    const sharedInPlace = (this.encoder as CopyingEncoder<T>).encodeInPlace(patchIterator);
    let shared: Buffer | undefined;
    const sharedOffset = patchIterator.offset;
    // a view's patch is encoded once for all its clients (encoding it clears what the view was newly shown)
    let view: StateView | undefined;
    let viewPatch: Buffer | undefined;
    let otherViews: Map<StateView, Buffer> | undefined; // a second view in one room: not a town's case
    for (let i = clients.length - 1; i >= 0; i--) {
      const client = clients[i]!;
      if (client.state !== ClientState.JOINED) continue;
      let patch: Buffer;
      if (client.view === undefined) {
        patch = shared ??= Buffer.from(sharedInPlace);
      } else if (client.view === view) {
        patch = viewPatch!;
      } else if (view === undefined) {
        view = client.view;
        patch = viewPatch = this.encoder.encodeView(view, sharedOffset, patchIterator);
      } else {
        otherViews ??= new Map();
        patch = otherViews.get(client.view) ?? this.encoder.encodeView(client.view, sharedOffset, patchIterator);
        otherViews.set(client.view, patch);
      }
      client.raw(patch);
    }
    this.encoder.discardChanges();
    return true;
  }
}

/**
 * Makes `room` encode into two buffers shared by every room that calls this, instead of two of its own (4 KB
 * each per town room: most of a town's memory), and copies what each encode returns. Call after the room's
 * state is set. The room's serializer and encoder become a `SharedBufferSerializer` and a `CopyingEncoder`
 * (their prototypes are swapped, as Colyseus makes both when the state is set), which costs a room nothing.
 *
 * Why the copy: Colyseus sends a patch as a slice of the encoder's buffer, and ws hands that slice to the socket
 * by reference; a socket that cannot take it at once (a slow client) keeps the reference until it drains, so the
 * next encode into the same buffer would change bytes already queued. With per-room buffers that takes two
 * patches of one room before a drain; with shared ones any room's next patch would do it, so each result is
 * copied out (a few dozen bytes per patch). The full state Colyseus caches between joins is such a copy too.
 *
 * Why 64 KB: with an owner's `StateView`, an encode that overflows its buffer returns garbage (@colyseus/schema
 * 3.0.76 re-encodes into a bigger buffer but concatenates from the old one), so the buffers must never be
 * outgrown.
 */
export function shareEncodeBuffers(room: Room): void {
  const serializer = (room as unknown as { _serializer?: unknown })._serializer;
  if (!(serializer instanceof SchemaSerializer)) throw new Error('shareEncodeBuffers: the room has no schema serializer yet (set its state first)');
  const internals = serializer as unknown as { encoder: Encoder; fullEncodeBuffer: Buffer; encodedViews?: Map<StateView, Buffer> };
  if (!(internals.encoder instanceof Encoder)) throw new Error('shareEncodeBuffers: the room has no schema serializer yet (set its state first)');
  sharedPatchBuffer ??= Buffer.alloc(SHARED_BUFFER_BYTES);
  if (!sharedFullStateBuffer) {
    sharedFullStateBuffer = Buffer.alloc(SHARED_BUFFER_BYTES);
    sharedFullStateBuffer[0] = Protocol.ROOM_STATE;
  }
  internals.encoder.sharedBuffer = sharedPatchBuffer;
  internals.fullEncodeBuffer = sharedFullStateBuffer;
  if (internals.encodedViews) internals.encodedViews = NO_ENCODED_VIEWS;
  Object.setPrototypeOf(internals.encoder, CopyingEncoder.prototype);
  Object.setPrototypeOf(serializer, SharedBufferSerializer.prototype);
}
