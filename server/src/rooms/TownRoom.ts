import { randomUUID } from 'node:crypto';
import { Room, ServerError, type AuthContext, type Client, type ClientPrivate } from '@colyseus/core';
import {
  ClientMessage,
  PROTOCOL_VERSION,
  ServerMessage,
  advance,
  cancelShipOrder,
  dispatchMission,
  dispatchRaid,
  cancelUpgrade,
  clientMessageSchemas,
  nextEventAt,
  orderShips,
  resume,
  startUpgrade,
  townJoinOptionsSchema,
  townSchema,
  type FleetInFlight,
  type Player,
  type Result,
  type Role,
  type ShipCounts,
  type Town,
  type WelcomeMessage,
} from '@starscape/shared';
import { authenticate } from './authenticate';
import { IncomingGuard } from './incomingGuard';
import { joinError } from './gameError';
import { answerClock, refuse } from './roomMessages';
import { SharedMessages } from './sharedMessages';
import { PublicTownState } from './schema/PublicTownState';
import { TownState } from './schema/TownState';
import { setSizedState, shareHandshake } from './sizedState';
import { copyTownIdentity, writePublicTownState, writeTownState } from './schema/writeTownState';
import { useTownSerializer, type TownSerializer } from './TownSerializer';
import type { TownRoomServices } from './TownRoomServices';
import type { RemoteTownAnswer } from '../cluster/RemoteTowns';
import { townRoomId, type LiveTown } from '../towns/TownAccess';
import { applyTownChange, type TownChange } from '../towns/townChanges';
import { TownSaver, type SaveConflict, type SavedTown } from './TownSaver';
import { TownEventSlot, type TownEvent } from './TownEventClock';

interface Seat {
  role: Role;
  player: Player;
}

/**
 * One player's starbase, live. A thin adapter: check who asks → validate → call a rule from shared →
 * write the result into schema state → patch. There is no tick: production is lazy, patches are sent only
 * after a change (patchRate is null), and the room has no timer of its own: its next completion and its
 * autosave wait in the process's `TownEventClock` and `AutosaveQueue`.
 */
export class TownRoom extends Room<TownState, unknown, Seat, Player> implements LiveTown, SavedTown, TownEvent {
  /** Set by `defineTownRoom`; static because Colyseus calls `onAuth` on the class. */
  static services: TownRoomServices;
  /** Every town room's flood and malformed-frame guard (set by `defineTownRoom`). */
  static guard: IncomingGuard;

  override autoDispose = true;
  private town!: Town;
  private saver!: TownSaver;
  /** sends the owner's clients the town state, and visitors the public starbase */
  private serializer!: TownSerializer;
  /** the public starbase visitors see, written alongside the state once a visitor came (most towns never have one) */
  private publicTown: PublicTownState | undefined;
  /** this town's place in the process's `TownEventClock` (its next completion) */
  private readonly nextEvent = new TownEventSlot(this);
  /** this room holds the town's cluster claim (taken in onCreate, given back after the last save) */
  private claimed = false;
  private closing = false;

  private get services(): TownRoomServices {
    return (this.constructor as typeof TownRoom).services;
  }

  static override onAuth(token: string, _options: unknown, _context: AuthContext): Promise<Player> {
    return authenticate(token, this.services);
  }

  /*
   * There is a town room per player, so a town room keeps nothing per room that could be shared: its message
   * handlers and guard are the class's (`_onMessage` below), its next completion is a slot in the process's
   * `TownEventClock`, it is itself what `TownAccess`, its `TownSaver` and that clock call back (methods, not
   * closures), and it has no `onUncaughtException`, which would make Colyseus wrap every lifecycle method in
   * closures of its own for each room; the methods catch and report their errors themselves (`reportError`).
   */

  protected override _onMessage(client: Client & ClientPrivate, buffer: Buffer): void {
    const previous = TownRoom.messages.serve(this);
    try {
      (this.constructor as typeof TownRoom).guard.receive(this, client, buffer, () => super._onMessage(client, buffer));
    } finally {
      TownRoom.messages.serve(previous);
    }
  }

  override async onCreate(options: unknown): Promise<void> {
    try {
      await this.create(options);
    } catch (error) {
      this.reportError(error, 'onCreate');
      throw error;
    }
  }

  private async create(options: unknown): Promise<void> {
    TownRoom.messages.install(this);
    const parsed = townJoinOptionsSchema.safeParse(options);
    if (!parsed.success) throw joinError('town/invalid-options');
    const { townId } = parsed.data;
    this.roomId = townRoomId(townId);
    this.patchRate = 0; // no patch timer: `commit` patches right after each change, an idle town sends nothing

    const { access, logger } = this.services;
    // claiming, loading and registering hold the town's queue, so no outside change lands in between; the
    // claim keeps any other process from serving or writing the town while this room lives
    const version = await access.exclusive(townId, async () => {
      if (!(await access.claimForRoom(townId))) throw joinError('server/room-elsewhere');
      this.claimed = true;
      try {
        const loaded = await this.load(townId);
        access.register(townId, this);
        return loaded;
      } catch (error) {
        this.close(); // a room that failed to open wakes for nothing
        this.claimed = false;
        await access.releaseRoomClaim(townId);
        throw error;
      }
    });
    logger.info('town room created', { townId, version });
  }

  /** Loads, checks and advances the stored town; sets up state, saver and timers. Returns the stored version. */
  private async load(townId: string): Promise<number> {
    const { towns, pendingSaves, now, gameSpeed, logger } = this.services;
    await pendingSaves.waitFor(townId); // the previous room for this town may still be saving
    const stored = await towns.load(townId);
    if (!stored) throw joinError('town/not-found');
    const owner = await this.services.users.find(stored.ownerId);
    const snapshot = townSchema.safeParse(stored.snapshot);
    if (!snapshot.success) {
      logger.error('stored town snapshot is invalid; refusing to serve it', { townId, issues: snapshot.error.issues.slice(0, 3) });
      throw joinError('town/not-found');
    }

    const loadedAt = now();
    this.town = resume(snapshot.data, gameSpeed, loadedAt);
    this.saver = new TownSaver(townId, stored.version, this, this.services);
    if (this.town !== snapshot.data) this.saver.markDirty();

    const state = new TownState();
    state.townId = townId;
    state.name = stored.name;
    state.ownerId = stored.ownerId;
    state.ownerName = owner?.displayName ?? '';
    writeTownState(state, this.town);
    // thousands of town rooms: encode buffers and the handshake are shared by all of them (the room's own
    // buffers, made tiny here, are dropped at once)
    setSizedState(this, state, 64, { shrink: true });
    this.serializer = useTownSerializer(this);
    shareHandshake(this);
    this.broadcastPatch(); // nobody is here yet: this drops creation's changes (each joiner gets the full state)
    this.setMetadata({ townId, ownerId: stored.ownerId });
    this.scheduleNextEvent();
    this.ensureArrivals();
    return stored.version;
  }

  /** `LiveTown`: how outside changes (fleet arrivals, battle results) reach this room: applied, patched, saved. */
  async applyChange(change: TownChange): Promise<Town> {
    const now = this.services.now();
    this.commit(applyTownChange(advance(this.town, now), change, now));
    await this.saver.flush();
    return this.town;
  }

  /** `LiveTown`: the town as this room holds it, advanced to now. */
  advancedTown(): Town {
    return advance(this.town, this.services.now());
  }

  /** `SavedTown`: what the saver writes. */
  townToSave(): Town {
    return this.town;
  }

  /** `SavedTown`: another writer saved this town first (or it is gone): this copy stops serving. */
  saveRefused(_conflict: SaveConflict): void {
    void this.disconnect(4409);
  }

  /** Remote room call from another process (`RemoteTowns.apply`): an outside change, applied and saved here. */
  async applyOutsideChange(change: TownChange): Promise<RemoteTownAnswer> {
    if (this.closing || !this.saver) return { gone: true };
    return { town: await this.applyChange(change) };
  }

  /** Remote room call from another process (`RemoteTowns.current`). */
  currentTown(): RemoteTownAnswer {
    return this.closing || !this.saver ? { gone: true } : { town: this.advancedTown() };
  }

  override onJoin(client: Client<Seat, Player>, _options: unknown, player: Player): void {
    try {
      this.join(client, player);
    } catch (error) {
      this.reportError(error, 'onJoin');
      throw error;
    }
  }

  private join(client: Client<Seat, Player>, player: Player): void {
    const role: Role = player.userId === this.state.ownerId ? 'owner' : 'visitor';
    client.userData = { role, player }; // the serializer sends a visitor the public starbase only
    if (role === 'visitor') this.showVisitors();
    void this.services.online.connected(player.userId);
    if (role === 'owner' && this.state.ownerName !== player.name) {
      this.state.ownerName = player.name;
      if (this.publicTown) copyTownIdentity(this.state, this.publicTown);
      this.broadcastPatch();
    }
    const welcome: WelcomeMessage = { protocol: PROTOCOL_VERSION, role, townId: this.state.townId, serverTime: this.services.now() };
    client.send(ServerMessage.Welcome, welcome);
  }

  override async onLeave(client: Client<Seat, Player>, consented: boolean): Promise<void> {
    const userId = client.userData?.player.userId;
    try {
      if (userId) await this.services.online.leave(this, client, userId, consented, this.services.reconnectGraceSeconds);
    } catch (error) {
      this.reportError(error, 'onLeave');
    }
  }

  override async onDispose(): Promise<void> {
    try {
      await this.dispose();
    } catch (error) {
      this.reportError(error, 'onDispose');
    }
  }

  private async dispose(): Promise<void> {
    this.close();
    if (!this.saver) return; // onCreate failed before the town was loaded (and gave its claim back)
    this.saver.stop();
    // flush() registers the save in PendingSaves at once; only then do outside changes go to the database
    // (where they wait for that save and for the claim), so none can load the town before this last save lands
    const saved = this.saver.flush();
    const { access, logger } = this.services;
    access.unregister(this.state.townId, this);
    try {
      await saved;
    } finally {
      if (this.claimed) await access.releaseRoomClaim(this.state.townId).catch((error: unknown) => logger.error('could not give a town claim back', { townId: this.state.townId, error: String(error) }));
    }
    logger.info('town room disposed', { townId: this.state.townId, version: this.saver.savedVersion });
  }

  private reportError(error: unknown, methodName: string): void {
    // a join refused on purpose (bad options, unknown town) is no server error
    if (error instanceof ServerError) {
      this.services.logger.debug('town room refused a join', { methodName, reason: error.message });
      return;
    }
    this.services.logger.error('town room error', { townId: this.state?.townId, methodName, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }

  /** Every town room's message handlers, in one table (see SharedMessages): who asks → payload → rule → state. */
  private static readonly messages = new SharedMessages<TownRoom>((room, error) => room.reportError(error, 'onMessage'))
    .on(ClientMessage.StartUpgrade, clientMessageSchemas[ClientMessage.StartUpgrade], (room, client, { building }) =>
      room.ownerCommand(client, ClientMessage.StartUpgrade, () => startUpgrade(room.town, building, room.services.now())),
    )
    .on(ClientMessage.CancelUpgrade, clientMessageSchemas[ClientMessage.CancelUpgrade], (room, client) =>
      room.ownerCommand(client, ClientMessage.CancelUpgrade, () => cancelUpgrade(room.town, room.services.now())),
    )
    .on(ClientMessage.OrderShips, clientMessageSchemas[ClientMessage.OrderShips], (room, client, { ship, count }) =>
      room.ownerCommand(client, ClientMessage.OrderShips, () => orderShips(room.town, ship, count, room.services.now())),
    )
    .on(ClientMessage.CancelShipOrder, clientMessageSchemas[ClientMessage.CancelShipOrder], (room, client, { orderId }) =>
      room.ownerCommand(client, ClientMessage.CancelShipOrder, () => cancelShipOrder(room.town, orderId, room.services.now())),
    )
    .on(ClientMessage.DispatchFleet, clientMessageSchemas[ClientMessage.DispatchFleet], (room, client, { missionId, ships }) => {
      if (!room.isOwner(client)) return refuse(client, 'auth/not-owner', ClientMessage.DispatchFleet);
      const result = dispatchMission(room.town, room.state.townId, missionId, ships, randomUUID(), room.services.now());
      if (!result.ok) return refuse(client, result.code, ClientMessage.DispatchFleet);
      room.commit(result.value.town);
      void room.launched(result.value.fleet);
    })
    .on(ClientMessage.RaidTown, clientMessageSchemas[ClientMessage.RaidTown], (room, client, { targetTownId, ships }) => {
      if (!room.isOwner(client)) return refuse(client, 'auth/not-owner', ClientMessage.RaidTown);
      void room.raid(client, targetTownId, ships);
    })
    .on(ClientMessage.Clock, clientMessageSchemas[ClientMessage.Clock], (room, client, { clientTime }) => answerClock(client, clientTime, room.services.now()));

  private isOwner(client: Client): boolean {
    return (client as Client<Seat, Player>).userData?.role === 'owner';
  }

  /** An owner-only command: ownership → rule → state. */
  private ownerCommand(client: Client, type: string, rule: () => Result<Town>): void {
    if (!this.isOwner(client)) return refuse(client, 'auth/not-owner', type);
    const result = rule();
    if (!result.ok) return refuse(client, result.code, type);
    this.commit(result.value);
  }

  /** A raid: the target is looked up (stored or live), then the shared rule decides, as for a mission. */
  private async raid(client: Client, targetTownId: string, ships: ShipCounts): Promise<void> {
    const { towns, access, now } = this.services;
    const [record, target] = await Promise.all([towns.load(targetTownId), access.read(targetTownId)]).catch((error: unknown) => {
      this.services.logger.error('could not look up a raid target', { townId: this.state.townId, targetTownId, error: String(error) });
      return [null, null] as const;
    });
    if (!record || !target) return refuse(client, 'raid/no-such-town', ClientMessage.RaidTown);
    const result = dispatchRaid(this.town, this.state.townId, { townId: targetTownId, name: record.name, town: target }, ships, randomUUID(), now());
    if (!result.ok) return refuse(client, result.code, ClientMessage.RaidTown);
    this.commit(result.value.town);
    await this.launched(result.value.fleet);
  }

  /**
   * A fleet left: its arrival is scheduled first, then the town is saved at once. A crash in between leaves
   * an arrival for a fleet the stored town never had (the handler ignores it), never a fleet without arrival.
   */
  private async launched(fleet: FleetInFlight): Promise<void> {
    try {
      await this.services.fleets.scheduleArrival(this.state.townId, fleet);
      await this.saver.flush();
    } catch (error) {
      // the fleet is in the town; scheduling again on the next load (ensureArrivals) is idempotent
      this.services.logger.error('could not schedule a fleet arrival', { townId: this.state.townId, fleetId: fleet.id, error: String(error) });
    }
  }

  /** Re-schedules the arrival of every outbound fleet (idempotent): covers a crash between launch and schedule. */
  private ensureArrivals(): void {
    for (const fleet of this.town.fleets) if (fleet.status === 'outbound') void this.launched(fleet);
  }

  /** Makes `town` the room's truth: state, patch, autosave, next completion timer. */
  private commit(town: Town): void {
    if (town === this.town) return;
    const previous = this.town;
    this.town = town;
    writeTownState(this.state, town, previous);
    if (this.publicTown) writePublicTownState(this.publicTown, town, previous);
    this.broadcastPatch();
    this.saver.markDirty();
    this.scheduleNextEvent();
  }

  /** Visitors see the public starbase from now on: its state is made from the town and kept with it. */
  private showVisitors(): void {
    if (this.publicTown) return;
    const publicTown = new PublicTownState();
    copyTownIdentity(this.state, publicTown);
    writePublicTownState(publicTown, this.town);
    this.publicTown = publicTown;
    this.serializer.showVisitors(publicTown);
  }

  /** No more completions or changes from now on: the room is going away (or never opened). */
  private close(): void {
    this.closing = true;
    this.services.events.set(this.nextEvent, null);
  }

  /** Sets the town's next completion in the process's clock (none: cleared); advance() completes what is due. */
  private scheduleNextEvent(): void {
    if (this.closing) return;
    this.services.events.set(this.nextEvent, nextEventAt(this.town));
  }

  /** `TownEvent`: the clock says the next completion has come. */
  due(): void {
    if (this.closing) return;
    try {
      this.commit(advance(this.town, this.services.now()));
      if (this.nextEvent.index < 0) this.scheduleNextEvent(); // nothing changed (the event was not due yet)
    } catch (error) {
      this.reportError(error, 'due');
    }
  }
}

/** The town room type bound to its services, ready for `server.define('town', ...)`. */
export function defineTownRoom(services: TownRoomServices): typeof TownRoom {
  return class BoundTownRoom extends TownRoom {
    static override services = services;
    static override guard = new IncomingGuard({ limits: services.messageLimits, logger: services.logger });
  };
}
