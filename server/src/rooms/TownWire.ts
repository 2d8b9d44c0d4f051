import { ClientState, Protocol, type Client } from '@colyseus/core';
import type { Encoder, Schema } from '@colyseus/schema';
import type { Town } from '@starscape/shared';
import { PublicTownState } from './schema/PublicTownState';
import { TownState } from './schema/TownState';
import { copyTownIdentity, writePublicTownState, writeTownState } from './schema/writeTownState';
import { holdWrites } from '../transport/heldWrites';
import { sharedBufferEncoder, sharedBuffers } from './TownSerializer';

/** Who a town's client is, as far as the wire cares: a client whose role is not known is a visitor. */
export interface WireSeat {
  role: 'owner' | 'visitor';
}

/** Where a patch is encoded from: reused, as encoding is synchronous. */
const patchIterator = { offset: 1 };

/**
 * A live town's state on the wire, for its two audiences:
 * - the owner's clients get the `TownState`, the whole town;
 * - visitors get a `PublicTownState` (from the first visitor on, `showVisitors`), written alongside: the same
 *   type's first fields, so a visitor decodes it with the `TownState` handshake. A `@view()` on the town state
 *   did this before, at a cost to every change of every town (BENCHMARKS.md).
 * Each has its own encoder, writing into buffers every town shares (`sharedBufferEncoder`), so a change is
 * encoded once per audience and sent to this town's clients only. Each full state is encoded afresh (another
 * town may have overwritten the shared buffer since).
 */
export class TownWire {
  readonly state = new TownState();
  readonly ownerEncoder: Encoder<TownState> = sharedBufferEncoder(this.state);
  private publicTown: PublicTownState | undefined;
  visitorEncoder: Encoder<PublicTownState> | undefined;

  /** Writes the town as loaded (the identity fields set before); nobody has it yet, so no change is kept to send. */
  start(town: Town): void {
    writeTownState(this.state, town);
    this.ownerEncoder.discardChanges();
  }

  /** Writes `town` over `previous` (what the state shows now): only the parts that changed. */
  write(town: Town, previous: Town): void {
    writeTownState(this.state, town, previous);
    if (this.publicTown) writePublicTownState(this.publicTown, town, previous);
  }

  /** The owner's display name, as they joined with it; false when it did not change. */
  renameOwner(name: string): boolean {
    if (this.state.ownerName === name) return false;
    this.state.ownerName = name;
    if (this.publicTown) copyTownIdentity(this.state, this.publicTown);
    return true;
  }

  /** Visitors see the public starbase from now on: made from `town` and kept with the state. */
  showVisitors(town: Town): void {
    if (this.publicTown) return;
    const publicTown = new PublicTownState();
    copyTownIdentity(this.state, publicTown);
    writePublicTownState(publicTown, town);
    this.publicTown = publicTown;
    this.visitorEncoder = sharedBufferEncoder(publicTown);
    this.visitorEncoder.discardChanges(); // nobody has it yet: each visitor gets the full state
  }

  /** What `client` sees in full: the town state for the owner's clients, the public starbase otherwise. */
  fullState(client: Client): Buffer {
    const encoder: Encoder<Schema> | undefined = isOwner(client) ? this.ownerEncoder : this.visitorEncoder;
    if (!encoder) throw new Error('TownWire: a visitor joined before showVisitors');
    return encoder.encodeAll({ offset: 1 }, sharedBuffers().fullState);
  }

  /**
   * Sends the changes so far to the joined ones of `clients`: encoded once for owners, once for visitors. The
   * patches leave at the end of this turn of the event loop, with the turn's other patches (`holdWrites`).
   */
  patch(clients: readonly Client[]): void {
    const visitors = this.visitorEncoder;
    const ownerChanges = this.ownerEncoder.hasChanges;
    const visitorChanges = visitors?.hasChanges ?? false;
    if (!ownerChanges && !visitorChanges) return;
    let ownerPatch: Buffer | undefined;
    let visitorPatch: Buffer | undefined;
    for (const client of clients) {
      if (client.state !== ClientState.JOINED) continue; // a joiner gets the full state; one within its grace, on return
      holdWrites(client);
      if (isOwner(client)) {
        if (ownerChanges) client.raw((ownerPatch ??= encodePatch(this.ownerEncoder)));
      } else if (visitorChanges) {
        client.raw((visitorPatch ??= encodePatch(visitors!)));
      }
    }
    this.ownerEncoder.discardChanges();
    visitors?.discardChanges();
  }
}

/** Whether `client` is one of the owner's (Colyseus copies `userData` to a client that reconnects). */
export function isOwner(client: Client): boolean {
  return (client.userData as WireSeat | undefined)?.role === 'owner';
}

function encodePatch(encoder: Encoder<Schema>): Buffer {
  patchIterator.offset = 1;
  encoder.sharedBuffer[0] = Protocol.ROOM_STATE_PATCH;
  return encoder.encode(patchIterator);
}
