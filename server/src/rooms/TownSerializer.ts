import { Protocol, SchemaSerializer, type Client, type Room } from '@colyseus/core';
import { Encoder, type Schema } from '@colyseus/schema';
import { withEncoderBufferSize } from './sizedState';

/** 64 KB each: far above any town's full state (the largest possible is under 8 KB), so nothing ever overflows. */
const SHARED_BUFFER_BYTES = 64 * 1024;
let sharedPatchBuffer: Buffer | null = null;
let sharedFullStateBuffer: Buffer | null = null;

/**
 * The buffers every town encodes into (one encode at a time: encoding is synchronous). Each result is copied
 * out (`CopyingEncoder`): Colyseus sends a patch as a slice of the encoder's buffer and ws hands that slice to
 * the socket by reference; a socket that cannot send at once (a slow client) keeps it until it drains, and any
 * town's next encode would change it.
 */
export function sharedBuffers(): { patch: Buffer; fullState: Buffer } {
  sharedPatchBuffer ??= Buffer.alloc(SHARED_BUFFER_BYTES);
  if (!sharedFullStateBuffer) {
    sharedFullStateBuffer = Buffer.alloc(SHARED_BUFFER_BYTES);
    sharedFullStateBuffer[0] = Protocol.ROOM_STATE;
  }
  return { patch: sharedPatchBuffer, fullState: sharedFullStateBuffer };
}

/** An encoder whose every result is a copy of its bytes: it writes into a buffer all towns share. */
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

/** What a host's client is, as far as the serializer cares: in a town once it joined (`TownSeat`). */
interface Seated {
  town?: { fullState(client: Client): Buffer };
}

/**
 * Colyseus's schema serializer for a town host room (`TownHostRoom`), whose clients each see their own town:
 * - a joiner's full state is its town's (`HostedTown.fullState`: the town state for the owner's clients, the
 *   public starbase for visitors), decoded with the host's handshake (the `TownState` type);
 * - a town sends its own patches to its own clients (`HostedTown`), so the host has none of its own.
 *
 * `useTownHostSerializer` installs it on a room.
 */
export class TownHostSerializer extends SchemaSerializer<Schema> {
  override getFullState(client?: Client): Buffer {
    if (!client) return super.getFullState(); // the host's own state (the Colyseus monitor sizes it)
    const town = (client.userData as Seated | undefined)?.town;
    if (!town) throw new Error('TownHostSerializer: a client without a town');
    return town.fullState(client);
  }

  override applyPatches(): boolean {
    return false;
  }
}

/**
 * Makes `room` a town host on the wire: its serializer becomes a `TownHostSerializer` (by prototype, as
 * Colyseus makes its serializer when the state is set). Call after setting the state, which only gives the
 * handshake its type.
 */
export function useTownHostSerializer(room: Room): void {
  const serializer = (room as unknown as { _serializer?: unknown })._serializer;
  if (!(serializer instanceof SchemaSerializer)) throw new Error('useTownHostSerializer: the room has no schema serializer yet (set its state first)');
  Object.setPrototypeOf(serializer, TownHostSerializer.prototype);
}
