import { randomUUID } from 'node:crypto';
import { ServerError, type Client } from '@colyseus/core';
import {
  ClientMessage,
  PROTOCOL_VERSION,
  ServerMessage,
  advance,
  cancelShipOrder,
  cancelUpgrade,
  clientMessageSchemas,
  dispatchMission,
  dispatchRaid,
  nextEventAt,
  orderShips,
  resume,
  startUpgrade,
  townSchema,
  type FleetInFlight,
  type Player,
  type Result,
  type Role,
  type ShipCounts,
  type Town,
  type WelcomeMessage,
} from '@starscape/shared';
import type { RemoteTownAnswer } from '../cluster/RemoteTowns';
import { ResidentTown } from '../towns/ResidentTown';
import type { LiveTown } from '../towns/TownAccess';
import { applyTownChange, type TownChange } from '../towns/townChanges';
import { joinError } from './gameError';
import { answerClock, refuse } from './roomMessages';
import { SharedMessages } from './sharedMessages';
import { TownEventSlot, type TownEvent } from './TownEventClock';
import type { TownRoomServices } from './TownRoomServices';
import { TownSaver, type SaveConflict, type SavedTown } from './TownSaver';
import { isOwner, TownWire } from './TownWire';

/** What a town's client is: who they are, what they see, and the town they are in. */
export interface TownSeat {
  role: Role;
  player: Player;
  town: HostedTown;
}

/**
 * One player's starbase, live, in a host room (`TownHostRoom`) with other towns. A thin adapter: check who asks
 * → validate → call a rule from shared → write the result into the town's schema state → patch its clients.
 * There is no tick: production is lazy, and the town has no timer of its own (its next completion and its
 * autosave wait in the process's `TownEventClock` and `AutosaveQueue`).
 *
 * The town has its own state and encoders (`TownWire`), so a change is encoded once and sent to its own
 * clients only: the owner's the whole town, visitors the public starbase.
 *
 * It opens holding the town's cluster claim (`open`) and gives it back after its last save (`close`).
 */
export class HostedTown implements LiveTown, SavedTown, TownEvent {
  /** the clients in this town, those within their reconnection grace included (their state says so) */
  private readonly clients: Client[] = [];
  /** the town as it is now, kept in place between actions (see `ResidentTown`: nothing outside may keep it) */
  private resident!: ResidentTown;
  private saver!: TownSaver;
  private readonly wire = new TownWire();
  /** this town's place in the process's `TownEventClock` (its next completion) */
  private readonly nextEvent = new TownEventSlot(this);
  private closing: Promise<void> | undefined;

  private constructor(
    readonly townId: string,
    private readonly services: TownRoomServices,
  ) {}

  /**
   * Claims, loads and registers the town (holding its queue, so no outside change lands in between); the claim
   * keeps any other process from serving or writing it while it is live here. Refuses with a join error.
   */
  static async open(townId: string, services: TownRoomServices): Promise<HostedTown> {
    const { access, logger } = services;
    const hosted = new HostedTown(townId, services);
    const version = await access.exclusive(townId, async () => {
      if (!(await access.claimForRoom(townId))) throw joinError('server/room-elsewhere');
      try {
        const loaded = await hosted.load();
        access.register(townId, hosted);
        return loaded;
      } catch (error) {
        hosted.stopEvents();
        await access.releaseRoomClaim(townId);
        hosted.reportError(error, 'open'); // a refusal (unknown town) is logged at debug, anything else as an error
        throw error;
      }
    });
    logger.info('town opened', { townId, version });
    return hosted;
  }

  /** Loads, checks and advances the stored town; sets up state, saver and next event. Returns the stored version. */
  private async load(): Promise<number> {
    const { towns, pendingSaves, now, gameSpeed, logger } = this.services;
    const townId = this.townId;
    await pendingSaves.waitFor(townId); // the town's last host may still be saving it
    const stored = await towns.load(townId);
    if (!stored) throw joinError('town/not-found');
    const owner = await this.services.users.find(stored.ownerId);
    const snapshot = townSchema.safeParse(stored.snapshot);
    if (!snapshot.success) {
      logger.error('stored town snapshot is invalid; refusing to serve it', { townId, issues: snapshot.error.issues.slice(0, 3) });
      throw joinError('town/not-found');
    }

    const resumed = resume(snapshot.data, gameSpeed, now());
    this.resident = new ResidentTown(resumed);
    this.saver = new TownSaver(townId, stored.version, this, this.services);
    if (resumed !== snapshot.data) this.saver.markDirty();

    const state = this.wire.state;
    state.townId = townId;
    state.name = stored.name;
    state.ownerId = stored.ownerId;
    state.ownerName = owner?.displayName ?? '';
    this.wire.start(this.town);
    this.scheduleNextEvent();
    this.ensureArrivals();
    return stored.version;
  }

  /** The town as it is now: read it, never keep it (it changes in place with the next change). */
  private get town(): Town {
    return this.resident.town;
  }

  get isClosing(): boolean {
    return this.closing !== undefined;
  }

  /** No client, none within a reconnection grace: the host may close the town. */
  get isEmpty(): boolean {
    return this.clients.length === 0;
  }

  /** A client joined the host for this town: it gets the welcome now and the full state once it has joined. */
  join(client: Client, player: Player): void {
    const role: Role = player.userId === this.wire.state.ownerId ? 'owner' : 'visitor';
    const seat: TownSeat = { role, player, town: this };
    client.userData = seat;
    this.clients.push(client);
    if (role === 'visitor') this.wire.showVisitors(this.town);
    void this.services.online.connected(player.userId);
    if (role === 'owner' && this.wire.renameOwner(player.name)) this.wire.patch(this.clients);
    const welcome: WelcomeMessage = { protocol: PROTOCOL_VERSION, role, townId: this.townId, serverTime: this.services.now() };
    client.send(ServerMessage.Welcome, welcome);
  }

  /** A client came back within its grace: Colyseus made a new `Client` for the same seat. */
  replaceClient(previous: Client, back: Client): void {
    const i = this.clients.indexOf(previous);
    if (i >= 0) this.clients[i] = back;
    else this.clients.push(back);
    if (this.closing) back.leave(4409); // the town closed meanwhile (its save was refused): nothing to come back to
  }

  /** A client left for good (its grace, if any, is over). */
  leave(client: Client): void {
    const i = this.clients.indexOf(client);
    if (i >= 0) this.clients.splice(i, 1);
  }

  /** What a developer sees of the town in the Colyseus monitor: its clients, and its state as the owner sees it. */
  inspect(): { clients: number; state: unknown } {
    return { clients: this.clients.length, state: this.wire.state.toJSON() };
  }

  /** What `client` sees of the town, in full (see `TownWire`). */
  fullState(client: Client): Buffer {
    return this.wire.fullState(client);
  }

  /** `LiveTown`: how outside changes (fleet arrivals, battle results) reach the town: applied, patched, saved. */
  async applyChange(change: TownChange): Promise<Town> {
    const now = this.services.now();
    this.commit(applyTownChange(advance(this.town, now), change, now));
    await this.saver.flush();
    return this.resident.copy();
  }

  /** `LiveTown`: the town as it is live here, advanced to now (a copy: the caller may keep it). */
  advancedTown(): Town {
    return advance(this.resident.copy(), this.services.now());
  }

  /** An outside change from another process (a remote call to the host, `RemoteTowns.apply`). */
  async applyOutsideChange(change: TownChange): Promise<RemoteTownAnswer> {
    if (this.closing) return { gone: true };
    return { town: await this.applyChange(change) };
  }

  /** The town for another process (`RemoteTowns.current`). */
  currentTown(): RemoteTownAnswer {
    return this.closing ? { gone: true } : { town: this.advancedTown() };
  }

  /** `SavedTown`: what the saver writes (the live town itself: a repository reads it before `save` returns). */
  townToSave(): Town {
    return this.town;
  }

  /** `SavedTown`: another writer saved this town first (or it is gone): this copy stops serving. */
  saveRefused(_conflict: SaveConflict): void {
    for (const client of [...this.clients]) client.leave(4409);
    void this.close();
  }

  /**
   * Saves the town a last time and gives its claim back. Outside changes go to the database from the moment
   * the save is registered in `PendingSaves` (where they wait for it and for the claim), so none can load the
   * town before this last save lands. Idempotent: every caller gets the same promise.
   */
  close(): Promise<void> {
    this.closing ??= this.unload();
    return this.closing;
  }

  private async unload(): Promise<void> {
    const { access, logger, pendingSaves } = this.services;
    this.stopEvents();
    this.saver.stop();
    const saved = this.saver.flush();
    access.unregister(this.townId, this);
    try {
      await saved;
    } catch (error) {
      this.reportError(error, 'close');
    } finally {
      pendingSaves.forget(this.townId);
      await access.releaseRoomClaim(this.townId).catch((error: unknown) => logger.error('could not give a town claim back', { townId: this.townId, error: String(error) }));
    }
    logger.info('town closed', { townId: this.townId, version: this.saver.savedVersion });
  }

  reportError(error: unknown, methodName: string): void {
    // a join refused on purpose (bad options, unknown town) is no server error
    if (error instanceof ServerError) {
      this.services.logger.debug('town refused a join', { townId: this.townId, methodName, reason: error.message });
      return;
    }
    this.services.logger.error('town error', { townId: this.townId, methodName, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }

  /** Every town's message handlers, in one table (see SharedMessages): who asks → payload → rule → state. */
  static readonly messages = new SharedMessages<HostedTown>((town, error) => town.reportError(error, 'onMessage'))
    .on(ClientMessage.StartUpgrade, clientMessageSchemas[ClientMessage.StartUpgrade], (town, client, { building }) =>
      town.ownerCommand(client, ClientMessage.StartUpgrade, () => startUpgrade(town.town, building, town.services.now())),
    )
    .on(ClientMessage.CancelUpgrade, clientMessageSchemas[ClientMessage.CancelUpgrade], (town, client) =>
      town.ownerCommand(client, ClientMessage.CancelUpgrade, () => cancelUpgrade(town.town, town.services.now())),
    )
    .on(ClientMessage.OrderShips, clientMessageSchemas[ClientMessage.OrderShips], (town, client, { ship, count }) =>
      town.ownerCommand(client, ClientMessage.OrderShips, () => orderShips(town.town, ship, count, town.services.now())),
    )
    .on(ClientMessage.CancelShipOrder, clientMessageSchemas[ClientMessage.CancelShipOrder], (town, client, { orderId }) =>
      town.ownerCommand(client, ClientMessage.CancelShipOrder, () => cancelShipOrder(town.town, orderId, town.services.now())),
    )
    .on(ClientMessage.DispatchFleet, clientMessageSchemas[ClientMessage.DispatchFleet], (town, client, { missionId, ships }) => {
      if (!isOwner(client)) return refuse(client, 'auth/not-owner', ClientMessage.DispatchFleet);
      const result = dispatchMission(town.town, town.townId, missionId, ships, randomUUID(), town.services.now());
      if (!result.ok) return refuse(client, result.code, ClientMessage.DispatchFleet);
      town.commit(result.value.town);
      void town.launched(result.value.fleet);
    })
    .on(ClientMessage.RaidTown, clientMessageSchemas[ClientMessage.RaidTown], (town, client, { targetTownId, ships }) => {
      if (!isOwner(client)) return refuse(client, 'auth/not-owner', ClientMessage.RaidTown);
      void town.raid(client, targetTownId, ships);
    })
    .on(ClientMessage.Clock, clientMessageSchemas[ClientMessage.Clock], (town, client, { clientTime }) => answerClock(client, clientTime, town.services.now()));

  /** An owner-only command: ownership → rule → state. */
  private ownerCommand(client: Client, type: string, rule: () => Result<Town>): void {
    if (!isOwner(client)) return refuse(client, 'auth/not-owner', type);
    const result = rule();
    if (!result.ok) return refuse(client, result.code, type);
    this.commit(result.value);
  }

  /** A raid: the target is looked up (stored or live), then the shared rule decides, as for a mission. */
  private async raid(client: Client, targetTownId: string, ships: ShipCounts): Promise<void> {
    const { towns, access, now } = this.services;
    const [record, target] = await Promise.all([towns.load(targetTownId), access.read(targetTownId)]).catch((error: unknown) => {
      this.services.logger.error('could not look up a raid target', { townId: this.townId, targetTownId, error: String(error) });
      return [null, null] as const;
    });
    if (!record || !target) return refuse(client, 'raid/no-such-town', ClientMessage.RaidTown);
    if (this.closing) return; // the town closed while the target was looked up
    const result = dispatchRaid(this.town, this.townId, { townId: targetTownId, name: record.name, town: target }, ships, randomUUID(), now());
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
      await this.services.fleets.scheduleArrival(this.townId, fleet);
      await this.saver.flush();
    } catch (error) {
      // the fleet is in the town; scheduling again on the next load (ensureArrivals) is idempotent
      this.services.logger.error('could not schedule a fleet arrival', { townId: this.townId, fleetId: fleet.id, error: String(error) });
    }
  }

  /** Re-schedules the arrival of every outbound fleet (idempotent): covers a crash between launch and schedule. */
  private ensureArrivals(): void {
    for (const fleet of this.town.fleets) if (fleet.status === 'outbound') void this.launched(fleet);
  }

  /** Makes `town` the truth: state, patch, autosave, next completion. */
  private commit(town: Town): void {
    if (town === this.town) return;
    this.wire.write(town, this.town); // before the kept town takes the new values: the state writes what differs
    this.resident.adopt(town);
    this.wire.patch(this.clients);
    this.saver.markDirty();
    this.scheduleNextEvent();
  }

  /** No more completions from now on: the town is closing (or never opened). */
  private stopEvents(): void {
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
