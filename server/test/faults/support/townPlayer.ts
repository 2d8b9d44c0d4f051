import { Client, type Room } from 'colyseus.js';
import { ClientMessage, RoomName, SHIPS, ServerMessage, newTown, queuedOrders, withDerivedRates, type BuildingLevels, type ShipId, type Town } from '@starscape/shared';

/**
 * A player of the crash and soak tests: a colyseus.js client in its own town room, seen only through the public
 * surface (`room.state.toJSON()`, the messages), so it does not care how the room's schema or saves are built.
 *
 * Its one kind of move changes the stored town in a way every later state can be told from every earlier one:
 * a rolling window of shipyard orders behind a blocking order that never completes. While fewer than WINDOW
 * orders wait it orders one scout, else it cancels the oldest; order ids only grow, so the list of ids in the
 * queue names exactly how many of the player's moves a town holds (an older snapshot shows older ids).
 */
export const WINDOW = 2;
/** id of the blocking order every seeded town starts with */
export const BLOCKER_ID = 1;

const TEN_YEARS_MS = 10 * 365 * 24 * 3_600_000;

/**
 * A mid-game starbase founded a month ago (no newcomer protection at any game speed), stocks far above what
 * any move costs and above the storage cap (so they do not change by themselves), and the blocking order:
 * one cruiser order that takes ten years, so the orders behind it never start and the queue changes only when
 * the player acts, whatever GAME_SPEED is.
 */
export function playerTown(now: number, speed: number, extra: { ships?: Partial<Record<ShipId, number>>; buildings?: Partial<BuildingLevels> } = {}): Town {
  const base = newTown(now - 30 * 24 * 3_600_000, speed);
  const town = withDerivedRates({
    ...base,
    since: now,
    buildings: { metalMine: 8, crystalMine: 7, fuelRefinery: 4, solarPlant: 9, storage: 6, commandCenter: 4, shipyard: 3, defenseGrid: 0, ...extra.buildings },
    ships: { scout: 0, fighter: 0, frigate: 0, cruiser: 0, hauler: 0, ...extra.ships },
  });
  const stocks = { ...town.stocks };
  for (const r of Object.keys(stocks) as Array<keyof typeof stocks>) stocks[r] = { ...stocks[r], amount: 1e9 };
  return {
    ...town,
    stocks,
    shipyard: [{ id: BLOCKER_ID, ship: 'cruiser', remaining: 1, unitMs: TEN_YEARS_MS, unitCost: { metal: 20_000, crystal: 7_000, fuel: 2_000 }, nextAt: now + TEN_YEARS_MS }],
    shipOrderSerial: BLOCKER_ID,
  };
}

/**
 * The town as the client shows it: plain JSON of the room state. Only what these tests read (queue entries with
 * ids, fleets and raids keyed by id, absent when empty); docked ships through `dockedShips`.
 */
export type TownView = {
  shipyard?: Array<{ id: number }>;
  fleets?: Record<string, { status: string; battleId?: string }>;
  defenses?: Record<string, unknown>;
} & Record<string, unknown>;

/** Docked ships as the client shows them: one field per ship type. */
export function dockedShips(view: TownView): Record<string, number> {
  const ships: Record<string, number> = {};
  for (const ship of SHIPS) ships[ship] = Number(view[ship] ?? 0);
  return ships;
}

/** One acknowledged change: when the client saw it, and the queue it left. */
export interface Ack {
  at: number;
  ids: number[];
}

export function queueIds(view: { shipyard?: Array<{ id: number }> }): number[] {
  return queuedOrders(view.shipyard ?? []).map((o) => o.id);
}

export const sameIds = (a: number[], b: number[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export class TownPlayer {
  room: Room | undefined;
  /** every change the server acknowledged to this player, oldest first (across rooms and restarts) */
  readonly acks: Ack[] = [];
  refusals: string[] = [];
  /** close codes of the connections the server ended (not the player) */
  closedWith: number[] = [];
  private client: Client;
  private changed: (() => void) | undefined;

  constructor(
    endpoint: string,
    readonly userId: string,
    readonly townId: string,
    private readonly token: () => Promise<string>,
  ) {
    this.client = new Client(endpoint);
  }

  get connected(): boolean {
    return this.room !== undefined;
  }

  /** Points the player at another server (a restarted process listens on a new port). */
  useEndpoint(endpoint: string): void {
    this.client = new Client(endpoint);
  }

  /** A fresh join; resolves once the town's state has arrived. */
  async join(): Promise<void> {
    this.client.auth.token = await this.token();
    const room = await this.client.joinOrCreate(RoomName.Town, { townId: this.townId });
    await this.attach(room);
  }

  /** Back into the same room with the reconnection token (within the grace period). */
  async reconnect(reconnectionToken: string): Promise<void> {
    const room = await this.client.reconnect(reconnectionToken);
    await this.attach(room);
  }

  private async attach(room: Room): Promise<void> {
    this.room = room;
    room.onMessage(ServerMessage.Error, (error: { code: string }) => this.refusals.push(error.code));
    room.onMessage('*', () => {});
    room.onLeave((code: number) => {
      if (this.room !== room) return;
      this.room = undefined;
      this.closedWith.push(code);
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.townId}: no state 30 s after joining`)), 30_000);
      const ready = () => {
        if (room.state && (room.state as { shipyard?: unknown }).shipyard) {
          clearTimeout(timer);
          resolve();
          return true;
        }
        return false;
      };
      room.onStateChange(() => {
        ready();
        this.changed?.();
      });
      ready();
    });
  }

  view(): TownView {
    return (this.room?.state as { toJSON(): TownView } | undefined)?.toJSON() ?? {};
  }

  /**
   * One move of the rolling window; resolves with the acknowledged change (the queue it left), or throws when
   * no acknowledgement came within `timeoutMs` or the connection dropped first.
   */
  async act(timeoutMs = 15_000): Promise<Ack> {
    const room = this.room;
    if (!room) throw new Error('not connected');
    const before = queueIds(this.view());
    const waiting = before.filter((id) => id !== BLOCKER_ID);
    const refusedBefore = this.refusals.length;
    const acked = new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`${this.townId}: no acknowledgement within ${timeoutMs} ms`)), timeoutMs);
      const leave = setInterval(() => {
        if (this.room !== room) finish(new Error(`${this.townId}: connection dropped before the acknowledgement`));
        else if (this.refusals.length > refusedBefore) finish(new Error(`${this.townId}: move refused (${this.refusals.at(-1)})`));
      }, 100);
      const finish = (error?: Error, ack?: Ack) => {
        clearTimeout(timer);
        clearInterval(leave);
        this.changed = undefined;
        if (error) reject(error);
        else resolve(ack!);
      };
      this.changed = () => {
        const ids = queueIds(this.view());
        if (!sameIds(ids, before)) finish(undefined, { at: Date.now(), ids });
      };
    });
    if (waiting.length < WINDOW) room.send(ClientMessage.OrderShips, { ship: 'scout', count: 1 });
    else room.send(ClientMessage.CancelShipOrder, { orderId: waiting[0]! });
    const ack = await acked;
    this.acks.push(ack);
    return ack;
  }

  /** Sends a raid and resolves when the client shows the fleet. */
  async raid(targetTownId: string, ships: Record<string, number>): Promise<string> {
    const room = this.room!;
    room.send(ClientMessage.RaidTown, { targetTownId, ships });
    return this.until((v) => Object.keys(v.fleets ?? {})[0], 30_000, 'its raid fleet');
  }

  /** Resolves with the first truthy `pick(view)` (checked now and after every patch). */
  until<T>(pick: (view: TownView) => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        if (!this.room) {
          clearInterval(poll);
          clearTimeout(timer);
          reject(new Error(`${this.townId}: disconnected (close codes ${JSON.stringify(this.closedWith)}) while waiting for ${what}`));
          return;
        }
        const value = pick(this.view());
        if (value !== undefined && value !== false) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const poll = setInterval(check, 100);
      const timer = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`${this.townId}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      check();
    });
  }

  /** The connection dies without a word (socket destroyed): what a crashed tab or a lost network does. */
  drop(): string | undefined {
    const room = this.room;
    if (!room) return undefined;
    this.room = undefined;
    const token = room.reconnectionToken;
    room.removeAllListeners();
    const ws = (room.connection.transport as unknown as { ws?: { terminate?: () => void; close: () => void } }).ws;
    if (ws?.terminate) ws.terminate();
    else ws?.close();
    return token;
  }

  /** Leaves on purpose (consented: the seat is released at once). */
  async leave(): Promise<void> {
    const room = this.room;
    if (!room) return;
    this.room = undefined;
    await room.leave(true).catch(() => {});
    room.removeAllListeners();
  }
}
