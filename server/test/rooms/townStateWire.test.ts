import '../../src/rooms/schema/stringEncodingFix';
import '../../src/rooms/schema/changeSetReuse'; // as the game server runs
import { ClientState, SchemaSerializer } from '@colyseus/core';
import { Reflection, type Decoder, type Encoder } from '@colyseus/schema';
import { BUILDINGS, EMPTY_SHIPYARD_SLOT, LEVEL_FIELDS, newTown, type FleetInFlight, type Town } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { TownState } from '../../src/rooms/schema/TownState';
import { TownWire } from '../../src/rooms/TownWire';
import { toTownView } from '../../../web/src/game/session/roomState';

/**
 * The town room's state format end to end, without a network: the server writes a `Town` into `TownState`
 * (flat fields), the schema encoder sends it (whole, then as patches), a reflected decoder (what colyseus.js
 * builds from the handshake) applies it, and the web client's `toTownView` reads the rules' `Town` back.
 * What the client is never sent (pirates and rewards waiting out there, server bookkeeping) is left out.
 */
function clientSees(town: Town): Town {
  return {
    ...town,
    shipOrderSerial: 0,
    applied: [],
    destroyed: 0,
    fleets: town.fleets.map((f) => ({ ...f, mission: { ...f.mission, pirates: {}, reward: { metal: 0, crystal: 0, fuel: 0 } } })).sort((a, b) => a.departAt - b.departAt),
    defenses: [...town.defenses].sort((a, b) => a.startedAt - b.startedAt),
  };
}

/** A connection as Colyseus's serializer sees it: joined, its seat's role (the room's `userData`), and what it was sent. */
interface FakeClient {
  state: ClientState;
  userData: { role: 'owner' | 'visitor' };
  sent: Buffer[];
  raw(bytes: Buffer): void;
}

/** What @colyseus/schema 3 keeps per schema object of the changes not yet sent. */
interface ChangeRecords {
  ref: object;
  indexedOperations: object;
  changes: { indexes: object; operations: unknown[] };
  filteredChanges?: { indexes: object; operations: unknown[] };
}

/** The schema objects an encoder tracks, by refId, with their change records. */
function changeTreesOf(encoder: Encoder): Record<number, ChangeRecords> {
  return (encoder.root as unknown as { changeTrees: Record<number, ChangeRecords> }).changeTrees;
}

/**
 * One town's state path, in process, as `HostedTown` drives it: its `TownWire` (full state on join, then
 * patches; the owner's clients get the town state, visitors the public starbase written alongside), and for each
 * client a reflected decoder (what colyseus.js builds from the host's handshake) feeding the web client's
 * `toTownView`.
 */
class Wire {
  private readonly wire = new TownWire();
  readonly state = this.wire.state;
  /** the handshake every town host sends (its state only gives the type) */
  private readonly handshake: Buffer;
  readonly owner: FakeClient;
  readonly visitor: FakeClient;
  private readonly decoders = new Map<FakeClient, Decoder>();
  /** connections that joined later (`join`): patched with the first two */
  private readonly joined: FakeClient[] = [];

  /** the town the state shows */
  private written: Town;

  constructor(first: Town) {
    this.written = first;
    const state = this.state;
    state.townId = 't1';
    state.name = "Nova's Starbase";
    state.ownerId = 'u1';
    state.ownerName = 'Nova';
    this.wire.start(first);
    this.wire.showVisitors(first); // as the town does for its first visitor
    const host = new SchemaSerializer<TownState>();
    host.reset(new TownState());
    this.handshake = host.handshake();
    const client = (role: FakeClient['userData']['role']): FakeClient => ({ state: ClientState.JOINED, userData: { role }, sent: [], raw(bytes) { this.sent.push(bytes); } }); // kept by reference, as a socket that cannot send at once keeps it
    this.owner = client('owner');
    this.visitor = client('visitor');
    for (const c of [this.owner, this.visitor]) this.decode(c);
  }

  private decode(c: FakeClient): void {
    const decoder = Reflection.decode(this.handshake);
    decoder.decode(this.wire.fullState(c as never).subarray(1)); // byte 0: Colyseus's message type
    this.decoders.set(c, decoder);
  }

  /** The fields `client` has received, as decoded (before the web client's reading fills gaps with zeros). */
  fieldsSeenBy(client: FakeClient): string[] {
    const plain = this.decoders.get(client)!.state.toJSON() as Record<string, unknown>;
    return Object.keys(plain).filter((k) => plain[k] !== undefined).sort();
  }

  /** A new connection (owner or visitor) joining now: its own decoder from the full state. */
  join(as: 'owner' | 'visitor'): FakeClient {
    const c: FakeClient = { state: ClientState.JOINED, userData: { role: as }, sent: [], raw(bytes) { this.sent.push(bytes); } };
    this.decode(c);
    this.joined.push(c);
    return c;
  }

  /**
   * Change records a patch left behind (`changeSetReuse` drops them after a patch, and reading one makes it
   * empty): a key left over would turn the next change of that field into a stale operation.
   */
  changesLeftAfterPatch(): string[] {
    const left: string[] = [];
    for (const encoder of [this.wire.ownerEncoder, this.wire.visitorEncoder!]) {
      for (const [refId, tree] of Object.entries(changeTreesOf(encoder))) {
        const records = { indexedOperations: tree.indexedOperations, changes: tree.changes.indexes, filteredChanges: tree.filteredChanges?.indexes ?? {} };
        for (const [name, record] of Object.entries(records)) if (Object.keys(record).length > 0) left.push(`${tree.ref.constructor.name} #${refId} ${name}: ${Object.keys(record).join()}`);
        for (const set of [tree.changes, tree.filteredChanges]) if (set && set.operations.length > 0) left.push(`${tree.ref.constructor.name} #${refId} operations: ${set.operations.join()}`);
      }
    }
    return left;
  }

  /** The schema objects the owner's encoder tracks, as `refId class` (what an attach or a detach changes). */
  attachedTrees(): string[] {
    return Object.entries(changeTreesOf(this.wire.ownerEncoder)).map(([refId, tree]) => `${refId} ${tree.ref.constructor.name}`);
  }

  /** What `client` sees now, read as the web client reads it. */
  seenBy(client: FakeClient): { town: Town; meta: unknown } {
    const view = toTownView(this.decoders.get(client)!.state.toJSON());
    return { town: view!.town, meta: view!.meta };
  }

  /** Writes `town` on the server as the town does (over the town it wrote last), patches every client; returns the owner's patch size. */
  send(town: Town): { town: Town; bytes: number } {
    this.wire.write(town, this.written);
    this.written = town;
    const everyone = [this.owner, this.visitor, ...this.joined];
    for (const c of everyone) c.sent.length = 0;
    this.wire.patch(everyone as never);
    for (const c of everyone) for (const bytes of c.sent) this.decoders.get(c)!.decode(bytes.subarray(1));
    expect(this.changesLeftAfterPatch()).toEqual([]);
    const seen = this.seenBy(this.owner);
    expect(seen.meta).toEqual({ townId: 't1', name: "Nova's Starbase", ownerId: 'u1', ownerName: 'Nova' });
    return { town: seen.town, bytes: this.owner.sent.reduce((n, b) => n + b.length - 1, 0) };
  }
}

/** What a visitor may see of `town`: the public starbase (levels, founding), nothing in store, docked or away. */
function visitorSees(town: Town): Town {
  const nothing = { amount: 0, rate: 0, cap: 0 };
  return {
    ...clientSees(town),
    stocks: { metal: nothing, crystal: nothing, fuel: nothing },
    upgrade: null,
    ships: { scout: 0, fighter: 0, frigate: 0, cruiser: 0, hauler: 0 },
    shipyard: [],
    missionsTaken: [],
    fleets: [],
    defenses: [],
  };
}

const T0 = 1_700_000_000_000;

function fleet(id: string, departAt: number, overrides: Partial<FleetInFlight> = {}): FleetInFlight {
  return {
    id,
    mission: { kind: 'patrol', target: 'm1', title: 'Chase off raiders', distance: 4000, pirates: { fighter: 3 }, reward: { metal: 500, crystal: 0, fuel: 0 } },
    status: 'outbound',
    ships: { scout: 0, fighter: 4, frigate: 1, cruiser: 0, hauler: 2 },
    cargo: { metal: 0, crystal: 0, fuel: 0 },
    departAt,
    arriveAt: departAt + 60_000,
    returnAt: null,
    battleId: null,
    ...overrides,
  };
}

/** A busy starbase: every part of the state in use. */
function busyTown(): Town {
  const town = newTown(T0, 2);
  return {
    ...town,
    stocks: { metal: { amount: 1234.5, rate: 90, cap: 20_000 }, crystal: { amount: 10, rate: 30.25, cap: 20_000 }, fuel: { amount: 0, rate: 0, cap: 20_000 } },
    buildings: { ...town.buildings, metalMine: 8, shipyard: 3, storage: 40 },
    upgrade: { building: 'crystalMine', toLevel: 2, startedAt: T0, finishesAt: T0 + 90_000, cost: { metal: 72, crystal: 36, fuel: 0 } },
    ships: { scout: 5, fighter: 40, frigate: 10, cruiser: 2, hauler: 6 },
    shipyard: [
      { id: 1, ship: 'fighter', remaining: 3, unitMs: 14_400, unitCost: { metal: 3000, crystal: 1000, fuel: 0 }, nextAt: T0 + 14_400 },
      { id: 2, ship: 'scout', remaining: 1, unitMs: 2_000, unitCost: { metal: 0, crystal: 1000, fuel: 0 }, nextAt: 0 },
      { id: 3, ship: 'hauler', remaining: 7, unitMs: 9_000, unitCost: { metal: 2000, crystal: 2000, fuel: 0 }, nextAt: 0 },
    ],
    shipOrderSerial: 3,
    missionsTaken: ['m1', 'm7'],
    fleets: [fleet('f2', T0 + 5), fleet('f1', T0, { status: 'returning', cargo: { metal: 300, crystal: 12.5, fuel: 1 }, returnAt: T0 + 120_000, battleId: 'b-9' })],
    defenses: [{ battleId: 'b-3', attackerName: "Orion's Starbase", startedAt: T0 + 1 }],
  };
}

describe('town room state on the wire (server schema → client view)', () => {
  it('carries a new and a busy town whole, and every later change as a patch', () => {
    const fresh = newTown(T0, 2);
    const wire = new Wire(fresh);
    expect(wire.seenBy(wire.owner).town).toEqual(clientSees(fresh));

    const busy = busyTown();
    expect(wire.send(busy).town).toEqual(clientSees(busy));

    // an order cancelled in the middle, one completed at the front, one added at the back
    const reordered: Town = {
      ...busy,
      shipyard: [busy.shipyard[2]!, { id: 4, ship: 'cruiser', remaining: 1, unitMs: 30_000, unitCost: { metal: 20_000, crystal: 7_000, fuel: 2_000 }, nextAt: 0 }],
    };
    const cancelled: Town = { ...busy, shipyard: [busy.shipyard[0]!, busy.shipyard[2]!] };
    expect(wire.send(cancelled).town).toEqual(clientSees(cancelled));
    expect(wire.send(reordered).town).toEqual(clientSees(reordered));

    // the upgrade finishes, a fleet comes home, the raid ends, a building level and a stock move
    const later: Town = {
      ...reordered,
      upgrade: null,
      buildings: { ...reordered.buildings, crystalMine: 2 },
      stocks: { ...reordered.stocks, crystal: { amount: 0.125, rate: 45, cap: 20_000 } },
      fleets: [reordered.fleets[0]!],
      ships: { ...reordered.ships, fighter: 44 },
      defenses: [],
      missionsTaken: ['m7'],
    };
    expect(wire.send(later).town).toEqual(clientSees(later));
    expect(wire.send(fresh).town).toEqual(clientSees(fresh));
  });

  it('sends an unchanged town as an empty patch, and one ship ordered as a few bytes', () => {
    const busy = busyTown();
    const wire = new Wire(busy);
    expect(wire.send(busy).bytes).toBe(0);
    const ordered: Town = { ...busy, shipyard: [...busy.shipyard, { id: 4, ship: 'scout', remaining: 1, unitMs: 2_000, unitCost: { metal: 0, crystal: 1000, fuel: 0 }, nextAt: 0 }] };
    const patch = wire.send(ordered);
    expect(patch.town.shipyard).toHaveLength(4);
    expect(patch.bytes).toBeLessThan(80);
  });

  it('reuses a shipyard entry for the next order, and every client sees each queue as it is', () => {
    const busy = busyTown();
    const wire = new Wire({ ...busy, shipyard: [] });
    const scout = (id: number) => ({ id, ship: 'scout' as const, remaining: 1, unitMs: 2_000, unitCost: { metal: 0, crystal: 1000, fuel: 0 }, nextAt: T0 + id });
    // a queue that empties and fills, as a player who orders a ship and cancels it again: one entry serves them all
    // (the next order's fields are the same but for id and nextAt: the reused entry must still arrive whole)
    const firstEntries = new Set<object>();
    let attachedAfterFirstOrder: string[] = [];
    for (let id = 1; id <= 6; id++) {
      const ordered: Town = { ...busy, shipyard: [scout(id)] };
      expect(wire.send(ordered).town).toEqual(clientSees(ordered));
      firstEntries.add(wire.state.shipyard[0]!);
      if (id === 1) attachedAfterFirstOrder = wire.attachedTrees();
      // emptied, the queue keeps its entry as an empty slot: nothing is detached, and no client sees an order
      expect(wire.send({ ...busy, shipyard: [] }).town.shipyard).toEqual([]);
      expect(wire.state.shipyard.map((entry) => entry.id)).toEqual([EMPTY_SHIPYARD_SLOT]);
      expect(wire.attachedTrees()).toEqual(attachedAfterFirstOrder);
      if (id === 3) for (const as of ['owner', 'visitor'] as const) wire.join(as); // later joiners are patched alike
    }
    expect(firstEntries.size).toBe(1);
    expect(wire.attachedTrees()).toEqual(attachedAfterFirstOrder);

    // any mix of orders, cancels and completions: what each client sees is the queue, whatever entry carries it
    let random = 7;
    const next = (n: number) => ((random = (random * 48_271) % 2_147_483_647) % n);
    const ships = ['scout', 'fighter', 'frigate', 'cruiser', 'hauler'] as const;
    let queue: Town['shipyard'] = [];
    let serial = 100;
    for (let step = 0; step < 200; step++) {
      const move = next(4);
      if (move === 0 && queue.length > 0) queue = queue.filter((_, i) => i !== next(queue.length)); // cancel one
      else if (move === 1 && queue.length > 0) queue = queue.slice(1); // the front one completes
      else if (move === 2) queue = []; // everything done
      for (let added = next(3); added > 0 && queue.length < 10; added--) {
        queue = [...queue, { id: ++serial, ship: ships[next(5)]!, remaining: 1 + next(3), unitMs: 1000 * (1 + next(2)), unitCost: { metal: next(2) * 500, crystal: 1000, fuel: next(2) }, nextAt: 0 }];
      }
      const town: Town = { ...busy, shipyard: queue.map((order, i) => (i === 0 ? { ...order, nextAt: T0 + step } : order)) };
      expect(wire.send(town).town).toEqual(clientSees(town));
      expect(wire.seenBy(wire.visitor).town).toEqual(visitorSees(town));
      if (step % 50 === 49) expect(wire.seenBy(wire.join('owner')).town).toEqual(clientSees(town)); // and a full state
    }
    expect(wire.state.spareShipyardOrders.length).toBeLessThanOrEqual(1);
  });

  it('shows a visitor the public starbase only, from the first state and through every change', () => {
    const busy = busyTown();
    const wire = new Wire(busy);
    expect(wire.seenBy(wire.owner).town).toEqual(clientSees(busy));
    expect(wire.seenBy(wire.visitor).town).toEqual(visitorSees(busy));

    const fresh = newTown(T0, 2);
    const steps: Town[] = [
      { ...busy, upgrade: null, fleets: [], defenses: [], missionsTaken: [] }, // the parts that come and go, gone
      busy, // and back: new parts, which the owner must see and the visitor must not
      { ...busy, buildings: { ...busy.buildings, crystalMine: 2 }, ships: { ...busy.ships, scout: 0 } },
      fresh,
    ];
    const publicFields = ['townId', 'name', 'ownerId', 'ownerName', 'foundedAt', 'speed', 'since', 'energySupply', 'energyUse', ...BUILDINGS.map((b) => LEVEL_FIELDS[b])].sort();
    expect(wire.fieldsSeenBy(wire.visitor)).toEqual(publicFields);
    for (const town of steps) {
      expect(wire.send(town).town).toEqual(clientSees(town));
      expect(wire.seenBy(wire.visitor).town).toEqual(visitorSees(town));
      expect(wire.fieldsSeenBy(wire.visitor)).toEqual(publicFields);
    }
    expect(wire.fieldsSeenBy(wire.owner)).toHaveLength(publicFields.length + 15); // a new town: 9 stock fields, 5 ship counts, the queue
  });

  it('patches an owner in several tabs and several visitors alike, each audience\'s patch encoded once per change', () => {
    const busy = busyTown();
    const wire = new Wire(newTown(T0, 2));
    const [tab, visitor, secondTab] = [wire.join('owner'), wire.join('visitor'), wire.join('owner')];
    for (const town of [busy, { ...busy, upgrade: null, fleets: [] }, { ...busy, ships: { ...busy.ships, scout: 9 } }]) {
      expect(wire.send(town).town).toEqual(clientSees(town));
      for (const owner of [tab, secondTab]) {
        expect(wire.seenBy(owner).town).toEqual(clientSees(town));
        expect(owner.sent).toEqual(wire.owner.sent); // the same bytes: one encode for all the owner's clients
      }
      for (const other of [wire.visitor, visitor]) expect(wire.seenBy(other).town).toEqual(visitorSees(town));
    }
  });

  it('shares encode buffers between towns without one town\'s patch changing another\'s bytes already sent', () => {
    const a = new Wire(busyTown());
    const b = new Wire(newTown(T0, 2));
    const sentByA = a.send({ ...busyTown(), buildings: { ...busyTown().buildings, storage: 12 }, ships: { ...busyTown().ships, scout: 6 } });
    const kept = [...a.owner.sent, ...a.visitor.sent]; // what slow sockets would still hold
    const bytes = kept.map((x) => Buffer.from(x));
    expect(a.visitor.sent).toHaveLength(1); // the visitors' patch, encoded from the public starbase
    b.send({ ...busyTown(), buildings: { ...busyTown().buildings, storage: 30 } }); // the next encode, into the same buffers
    expect(kept).toEqual(bytes);
    expect(sentByA.town.ships.scout).toBe(6);
  });

  it('carries the largest town a player can have whole (7–8 KB), to the owner and to a visitor', () => {
    const busy = busyTown();
    const largest: Town = {
      ...busy,
      shipyard: Array.from({ length: 10 }, (_, i) => ({ id: i + 1, ship: 'fighter' as const, remaining: 999, unitMs: 14_400.5, unitCost: { metal: 3000.5, crystal: 1000.5, fuel: 1.5 }, nextAt: T0 + i })),
      missionsTaken: Array.from({ length: 30 }, (_, i) => `1-${i}-mission`),
      fleets: Array.from({ length: 20 }, (_, i) => fleet(`fleet-${String(i).padStart(2, '0')}-abcdefghijkl`, T0 + i, { status: 'returning', returnAt: T0 + 1e6, battleId: `battle-${i}-cm3x9abcdefghijklmnop` })),
      defenses: Array.from({ length: 10 }, (_, i) => ({ battleId: `battle-d${i}-cm3x9abcdefghijklmnop`, attackerName: "A fairly long commander name's Starbase", startedAt: T0 + i })),
    };
    const grown = new Wire(newTown(T0, 2));
    expect(grown.send(largest).town).toEqual(clientSees(largest)); // as one patch
    const joined = new Wire(largest);
    expect(joined.seenBy(joined.owner).town).toEqual(clientSees(largest)); // as a full state
    expect(joined.seenBy(joined.visitor).town).toEqual(visitorSees(largest));
  });

  it('gives each joiner its own town\'s full state while other towns use the same buffers in between', () => {
    const a = new Wire(busyTown());
    const b = new Wire({ ...newTown(T0, 2), buildings: { ...newTown(T0, 2).buildings, storage: 9 } });
    for (const as of ['owner', 'visitor'] as const) {
      a.join(as); // a's full state, encoded (and cached by Colyseus)
      b.join(as); // b's, into the same buffers
      const late = a.join(as); // a again: must not carry any of b's bytes
      expect(a.seenBy(late).town).toEqual(as === 'owner' ? clientSees(busyTown()) : visitorSees(busyTown()));
    }
  });

  it('gives a later joiner every public field after the owner\'s parts came and went (upgrade, fleets, raids, missions)', () => {
    const busy = busyTown();
    const wire = new Wire(busy);
    wire.send({ ...busy, upgrade: null, fleets: [], defenses: [], missionsTaken: [] });
    wire.send(busy);
    wire.send({ ...busy, upgrade: null });
    const publicFields = ['townId', 'name', 'ownerId', 'ownerName', 'foundedAt', 'speed', 'since', 'energySupply', 'energyUse', ...BUILDINGS.map((b) => LEVEL_FIELDS[b])].sort();
    const visitor = wire.join('visitor');
    expect(wire.fieldsSeenBy(visitor)).toEqual(publicFields);
    const owner = wire.join('owner');
    expect(wire.seenBy(owner).town).toEqual(clientSees({ ...busy, upgrade: null }));
    expect(wire.fieldsSeenBy(owner)).toEqual(expect.arrayContaining(publicFields));
  });
});
