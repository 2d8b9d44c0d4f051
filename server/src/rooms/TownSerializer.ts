import { ClientState, Protocol, SchemaSerializer, type Client, type Room } from '@colyseus/core';
import { Encoder, type Schema } from '@colyseus/schema';
import type { PublicTownState } from './schema/PublicTownState';
import { withEncoderBufferSize } from './sizedState';
import type { TownState } from './schema/TownState';

/** 64 KB each: far above any town's full state (the largest possible is under 8 KB), so nothing ever overflows. */
const SHARED_BUFFER_BYTES = 64 * 1024;
let sharedPatchBuffer: Buffer | null = null;
let sharedFullStateBuffer: Buffer | null = null;

/** The buffers every town encodes into (one encode at a time: encoding is synchronous). */
export function sharedBuffers(): { patch: Buffer; fullState: Buffer } {
  sharedPatchBuffer ??= Buffer.alloc(SHARED_BUFFER_BYTES);
  if (!sharedFullStateBuffer) {
    sharedFullStateBuffer = Buffer.alloc(SHARED_BUFFER_BYTES);
    sharedFullStateBuffer[0] = Protocol.ROOM_STATE;
  }
  return { patch: sharedPatchBuffer, fullState: sharedFullStateBuffer };
}

/** An encoder whose every result is a copy of its bytes: it writes into a buffer all town rooms share. */
class CopyingEncoder<T extends Schema> extends Encoder<T> {
  override encode(...args: Parameters<Encoder<T>['encode']>): Buffer {
    return Buffer.from(super.encode(...args));
  }
}

/** An encoder for `state` that writes into the shared buffers (its own, made tiny here, is dropped at once). */
export function sharedBufferEncoder<T extends Schema>(state: T): Encoder<T> {
  const encoder = withEncoderBufferSize(8, () => new CopyingEncoder(state));
  encoder.sharedBuffer = sharedBuffers().patch;
  return encoder;
}

/** What a town room's clients are: Colyseus copies `userData` to a client that reconnects. */
function isOwner(client: Client): boolean {
  return (client.userData as { role?: string } | undefined)?.role === 'owner';
}

/** Where a patch is encoded from: reused, as encoding is synchronous (Colyseus makes one per patch). */
const patchIterator = { offset: 1 };

/**
 * Colyseus's schema serializer for a town room, which has two audiences and thousands of siblings:
 * - the owner's clients get the room's `TownState`, the whole town;
 * - visitors get a `PublicTownState` of their own (`showVisitors`, from the first visitor on), which the room
 *   writes alongside: the same type's first fields, so a visitor decodes it with the room's handshake. A
 *   `@view()` on the town state did this before, at a cost to every change of every town (BENCHMARKS.md);
 * - every town encodes into the same two buffers, and each result is a copy of its bytes. Colyseus sends a patch
 *   as a slice of the encoder's buffer and ws hands that slice to the socket by reference: a socket that cannot
 *   send at once (a slow client) keeps it until it drains, and any town's next encode would change it;
 * - each full state is encoded afresh (another town may have overwritten the buffer since the last one).
 *
 * A client whose role is not known is a visitor. `useTownSerializer` installs it on a room.
 */
export class TownSerializer extends SchemaSerializer<TownState> {
  /** the encoder of the visitors' state, once a visitor joined */
  visitorEncoder: Encoder<PublicTownState> | undefined;

  /** the encoder of the town state, the owner's */
  get ownerEncoder(): Encoder<TownState> {
    return this.encoder;
  }

  /** From now on visitors see `state` (written by the room alongside the town state); its changes so far are not sent. */
  showVisitors(state: PublicTownState): void {
    this.visitorEncoder = sharedBufferEncoder(state);
    this.visitorEncoder.discardChanges(); // nobody has it yet: each visitor gets the full state
  }

  override getFullState(client?: Client): Buffer {
    if (client && !isOwner(client)) {
      if (!this.visitorEncoder) throw new Error('TownSerializer: a visitor joined before the room called showVisitors');
      return this.visitorEncoder.encodeAll({ offset: 1 }, sharedBuffers().fullState);
    }
    this.needFullEncode = true;
    return super.getFullState(client);
  }

  override applyPatches(clients: Client[]): boolean {
    const visitors = this.visitorEncoder;
    const ownerChanges = this.encoder.hasChanges;
    const visitorChanges = visitors?.hasChanges ?? false;
    if (!ownerChanges && !visitorChanges) return false;
    this.needFullEncode = true;
    let ownerPatch: Buffer | undefined;
    let visitorPatch: Buffer | undefined;
    for (let i = clients.length - 1; i >= 0; i--) {
      const client = clients[i]!;
      if (client.state !== ClientState.JOINED) continue;
      if (isOwner(client)) {
        if (ownerChanges) client.raw((ownerPatch ??= this.patch(this.encoder)));
      } else if (visitorChanges) {
        client.raw((visitorPatch ??= this.patch(visitors!)));
      }
    }
    this.encoder.discardChanges();
    visitors?.discardChanges();
    return ownerChanges || visitorChanges;
  }

  private patch(encoder: Encoder<Schema>): Buffer {
    patchIterator.offset = 1;
    encoder.sharedBuffer[0] = Protocol.ROOM_STATE_PATCH;
    return encoder.encode(patchIterator);
  }
}

/**
 * Makes `room` a town room on the wire: its serializer becomes a `TownSerializer` (by prototype, as Colyseus
 * makes its serializer when the state is set; that costs a room nothing) and encodes into the buffers all town
 * rooms share instead of two of its own (4 KB each: most of a town's memory). Call after setting the state.
 */
export function useTownSerializer(room: Room<TownState>): TownSerializer {
  const serializer = (room as unknown as { _serializer?: unknown })._serializer;
  if (!(serializer instanceof SchemaSerializer)) throw new Error('useTownSerializer: the room has no schema serializer yet (set its state first)');
  const internals = serializer as unknown as { encoder: Encoder; fullEncodeBuffer: Buffer };
  internals.encoder.sharedBuffer = sharedBuffers().patch;
  internals.fullEncodeBuffer = sharedBuffers().fullState;
  Object.setPrototypeOf(internals.encoder, CopyingEncoder.prototype);
  Object.setPrototypeOf(serializer, TownSerializer.prototype);
  return serializer as TownSerializer;
}
