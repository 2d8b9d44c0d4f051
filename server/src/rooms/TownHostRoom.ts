import { ClientState, Room, type AuthContext, type Client, type ClientPrivate } from '@colyseus/core';
import { townJoinOptionsSchema, type Player } from '@starscape/shared';
import type { EventEmitter } from 'node:events';
import type { ClusterClaims } from '../cluster/ClusterClaims';
import type { RemoteTownAnswer } from '../cluster/RemoteTowns';
import { createClaimed } from '../cluster/roomClaims';
import { townHostClaimKey, townHostRoomId, type TownHosts } from '../towns/townHosts';
import type { TownChange } from '../towns/townChanges';
import { authenticate } from './authenticate';
import { joinError } from './gameError';
import { HostedTown, type TownSeat } from './HostedTown';
import { IncomingGuard } from './incomingGuard';
import { TownState } from './schema/TownState';
import { setSizedState, shareHandshake } from './sizedState';
import type { TownRoomServices } from './TownRoomServices';
import { useTownHostSerializer } from './TownSerializer';

/** What a town host needs: every town's services, how towns are spread over hosts, and the cluster's claims. */
export interface TownHostServices extends TownRoomServices {
  hosts: TownHosts;
  claims: ClusterClaims;
}

/** What a town host's listing carries besides Colyseus's fields: how many towns it holds (the monitor shows it). */
export interface TownHostMetadata {
  towns: number;
}

/**
 * The room players join to play their starbase (room type `town`): a host for many towns. A town's host is
 * fixed by its id (`TownHosts`), and matchmaking finds it from the `townId` a client joins with, so a client
 * never names a host. Each client sees its own town as the room's state and gets only that town's patches;
 * the town itself (`HostedTown`) does the game. The host:
 * - opens a town when its first client joins (claim, load), and closes it (last save, claim back) once its last
 *   client left for good: after the reconnection grace, while other towns of the host play on;
 * - routes each client's messages to its town;
 * - answers other processes' calls for a town it holds (`applyOutsideChange`, `currentTown`);
 * - holds its own cluster claim while it lives, so no two processes open the same host.
 */
export class TownHostRoom extends Room<TownState, TownHostMetadata, TownSeat, Player> {
  /** Set by `defineTownHostRoom`; static because Colyseus calls `onAuth` on the class. */
  static services: TownHostServices;
  /** Every host's flood and malformed-frame guard (set by `defineTownHostRoom`). */
  static guard: IncomingGuard;

  override autoDispose = true;
  /** towns live here by id, or the open under way (a join waits for it); a closing town is no longer here */
  private readonly towns = new Map<string, HostedTown | Promise<HostedTown>>();
  /** closes under way (a town's last save and its claim back): the host's own dispose waits for them */
  private readonly closing = new Set<Promise<void>>();
  private hostKey = '';
  private claimed = false;

  private get services(): TownHostServices {
    return (this.constructor as typeof TownHostRoom).services;
  }

  static override onAuth(token: string, _options: unknown, _context: AuthContext): Promise<Player> {
    return authenticate(token, this.services);
  }

  protected override _onMessage(client: Client & ClientPrivate, buffer: Buffer): void {
    const previous = HostedTown.messages.serve((client.userData as TownSeat | undefined)?.town);
    try {
      (this.constructor as typeof TownHostRoom).guard.receive(this, client, buffer, () => super._onMessage(client, buffer));
    } finally {
      HostedTown.messages.serve(previous);
    }
  }

  override async onCreate(options: unknown): Promise<void> {
    const parsed = townJoinOptionsSchema.safeParse(options);
    if (!parsed.success) throw joinError('town/invalid-options');
    const { hosts, claims, logger } = this.services;
    this.hostKey = hosts.keyOf(parsed.data.townId);
    this.roomId = townHostRoomId(this.hostKey);
    this.patchRate = 0; // no patch timer: a town patches its own clients right after each change
    HostedTown.messages.install(this);
    // many clients of one host can be within their reconnection grace at once, each listening for a rejoin
    (this._events as unknown as EventEmitter).setMaxListeners(0);
    await createClaimed(claims, townHostClaimKey(this.hostKey), async () => {
      // the state only gives the handshake its type (each client gets its own town's); its buffers are made tiny
      setSizedState(this, new TownState(), 8, { shrink: true });
      useTownHostSerializer(this);
      shareHandshake(this);
    });
    this.claimed = true;
    logger.debug('town host created', { roomId: this.roomId });
  }

  override async onJoin(client: Client<TownSeat, Player>, options: unknown, player: Player): Promise<void> {
    const parsed = townJoinOptionsSchema.safeParse(options);
    if (!parsed.success) throw joinError('town/invalid-options');
    const { townId } = parsed.data;
    if (this.services.hosts.keyOf(townId) !== this.hostKey) throw joinError('town/invalid-options'); // matchmaking never sends one
    const town = await this.townFor(townId);
    town.join(client, player);
  }

  /** The town, live here: opened if it is not (a town closing meanwhile is opened again, once its close is done). */
  private async townFor(townId: string): Promise<HostedTown> {
    for (;;) {
      let entry = this.towns.get(townId);
      if (!entry) {
        const opening = HostedTown.open(townId, this.services);
        this.towns.set(townId, opening);
        this.listTownCount();
        entry = opening.then(
          (town) => {
            if (this.towns.get(townId) === opening) this.towns.set(townId, town);
            return town;
          },
          (error: unknown) => {
            if (this.towns.get(townId) === opening) this.towns.delete(townId);
            this.listTownCount();
            throw error;
          },
        );
      }
      const town = await entry;
      if (!town.isClosing) return town;
      await this.closeTown(town); // its save was refused, or its last client left just now
    }
  }

  /**
   * A town leaves the host: its last save, then its claim back. A client joining meanwhile opens it afresh,
   * which waits for that save and the claim.
   */
  private closeTown(town: HostedTown): Promise<void> {
    if (this.towns.get(town.townId) === town) this.towns.delete(town.townId);
    this.listTownCount();
    const closed = town.close();
    this.closing.add(closed);
    void closed.finally(() => this.closing.delete(closed));
    return closed;
  }

  /**
   * Puts the number of towns open (or opening) here in the room's listing (`towns` metadata), for the monitor's
   * room list. Colyseus saves it only while the room is up (not while it is being disposed): in-process that is
   * a look through the ~64 host listings, with Redis one write, as each join and leave makes already.
   */
  private listTownCount(): void {
    this.setMetadata({ towns: this.towns.size }).catch((error: unknown) => this.services.logger.warn('could not list a town host\'s town count', { roomId: this.roomId, error: String(error) }));
  }

  /** Keeps a returning client's seat in its town: Colyseus gives it a new `Client`. */
  override allowReconnection(previous: Client, seconds: number | 'manual') {
    const held = super.allowReconnection(previous, seconds);
    // a Deferred, or a rejected promise when the host is closing; the new client joins (and is patched) a round trip later
    Promise.resolve(held as PromiseLike<Client>).then(
      (back) => (previous.userData as TownSeat | undefined)?.town.replaceClient(previous, back),
      () => undefined,
    );
    return held;
  }

  override async onLeave(client: Client<TownSeat, Player>, consented: boolean): Promise<void> {
    const seat = client.userData;
    if (!seat) return; // left before its town opened
    const { town, player } = seat;
    try {
      // a closing town keeps no seat for anyone
      const sameTown = (joined: Client) => (joined.userData as TownSeat | undefined)?.town.townId === town.townId;
      await this.services.online.leave(this, client, player.userId, consented || town.isClosing, this.services.reconnectGraceSeconds, sameTown);
    } catch (error) {
      town.reportError(error, 'onLeave');
    }
    if (client.state === ClientState.RECONNECTED) return; // back within the grace: the new client has the seat
    town.leave(client);
    if (town.isEmpty) void this.closeTown(town);
  }

  /** Remote call from another process (`RemoteTowns.apply`): an outside change, applied and saved here. */
  async applyOutsideChange(townId: string, change: TownChange): Promise<RemoteTownAnswer> {
    const town = await this.liveTown(townId);
    return town ? town.applyOutsideChange(change) : { gone: true };
  }

  /** Remote call from another process (`RemoteTowns.current`). */
  async currentTown(townId: string): Promise<RemoteTownAnswer> {
    const town = await this.liveTown(townId);
    return town ? town.currentTown() : { gone: true };
  }

  private async liveTown(townId: string): Promise<HostedTown | undefined> {
    const entry = this.towns.get(townId);
    const town = entry instanceof HostedTown ? entry : await entry?.catch(() => undefined);
    return town && !town.isClosing ? town : undefined;
  }

  /**
   * The Colyseus monitor's page for this room (the monitor adds `getInspectData` to every room): the host's own
   * state is empty, so it shows each live town instead, by town id.
   */
  async getInspectData(): Promise<Record<string, unknown>> {
    const monitors = (Room.prototype as unknown as { getInspectData?: () => Promise<Record<string, unknown>> }).getInspectData;
    const base = (await monitors?.call(this)) ?? {};
    const towns: Record<string, unknown> = {};
    for (const entry of this.towns.values()) if (entry instanceof HostedTown) towns[entry.townId] = entry.inspect();
    return { ...base, state: { towns } };
  }

  override async onDispose(): Promise<void> {
    const { claims, logger } = this.services;
    // open towns start their last save now, before any await (a shutdown drains `PendingSaves` right after the
    // rooms are gone, and Colyseus 0.16 does not wait for an async onDispose); towns still opening, once open
    const closes: Promise<void>[] = [];
    for (const entry of [...this.towns.values()]) {
      closes.push(entry instanceof HostedTown ? this.closeTown(entry) : entry.then((town) => this.closeTown(town), () => undefined));
    }
    await Promise.all([...closes, ...this.closing]);
    if (this.claimed) await claims.release(townHostClaimKey(this.hostKey)).catch((error: unknown) => logger.error('could not give a town host claim back', { roomId: this.roomId, error: String(error) }));
    logger.debug('town host disposed', { roomId: this.roomId });
  }
}

/** The town host room type bound to its services, ready for `server.define('town', ...)` (see `routeTownsToHosts`). */
export function defineTownHostRoom(services: TownHostServices): typeof TownHostRoom {
  return class BoundTownHostRoom extends TownHostRoom {
    static override services = services;
    static override guard = new IncomingGuard({ limits: services.messageLimits, logger: services.logger });
  };
}

/**
 * Makes matchmaking find a town's host from the `townId` a client joins with: the room type's filter is the
 * host key, worked out from the town id (Colyseus copies filter fields from the join options as they are).
 * The created host's listing gets the same key.
 */
export function routeTownsToHosts(handler: { filterBy(fields: string[]): unknown; getFilterOptions(options: unknown): unknown }, hosts: TownHosts): void {
  handler.filterBy(['host']);
  handler.getFilterOptions = (options: unknown) => ({ host: hosts.keyOf((options as { townId?: unknown } | undefined)?.townId) });
}
