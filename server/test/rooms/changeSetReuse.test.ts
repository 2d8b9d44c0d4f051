import '../../src/rooms/schema/changeSetReuse';
import { $changes, ArraySchema, Encoder, Reflection } from '@colyseus/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShipyardOrderState } from '../../src/rooms/schema/ShipyardOrderState';
import { TownState } from '../../src/rooms/schema/TownState';

/**
 * What `changeSetReuse` changes in @colyseus/schema: between patches a schema object keeps no record of pending
 * changes, the next change makes them (public fields here; the owner's fields, lists and their entries go
 * through the same records in the wire test).
 */
type Records = { indexedOperations: object; changes: { indexes: object; operations: number[] } };
/** The own fields behind the records (changeSetReuse's `LazyTree`) */
type Kept = { starscapeOperations?: object; starscapeChanges?: object };

/** A town state whose whole first state a reflected decoder has; `patch` encodes, discards and decodes. */
function encodedTown() {
  const state = new TownState();
  const encoder = new Encoder(state);
  const decoder = Reflection.decode(Reflection.encode(encoder));
  decoder.decode(encoder.encodeAll());
  encoder.discardChanges();
  const tree = (state as unknown as Record<symbol, Records>)[$changes]!;
  const patch = () => {
    const bytes = encoder.encode();
    encoder.discardChanges();
    decoder.decode(bytes);
  };
  return { state, tree, patch, seen: () => decoder.state as TownState };
}

const keptRecords = (tree: object) => {
  const kept = tree as Kept;
  return { operations: kept.starscapeOperations, changes: kept.starscapeChanges };
};

describe('change records kept only while there are changes', () => {
  it('drops the records after each patch; a change makes new ones, and the patches carry every change', () => {
    const { state, tree, patch, seen } = encodedTown();
    expect(keptRecords(tree)).toEqual({ operations: undefined, changes: undefined });
    state.metalMineLevel = 10;
    state.energySupply = 5;
    expect(Object.keys(tree.indexedOperations).length).toBe(2);
    expect(tree.changes.operations.length).toBe(2);
    expect(keptRecords(tree)).toEqual({ operations: tree.indexedOperations, changes: tree.changes }); // made by the change
    patch();
    expect(keptRecords(tree)).toEqual({ operations: undefined, changes: undefined });

    state.metalMineLevel = 11; // a field changed again, another for the first time
    state.name = "Nova's Starbase";
    patch();
    state.energySupply = 0;
    patch();
    expect([seen().metalMineLevel, seen().energySupply, seen().name]).toEqual([11, 0, "Nova's Starbase"]);
    expect(keptRecords(tree)).toEqual({ operations: undefined, changes: undefined });
  });

  it('carries a patch of many fields at once, and the changes after it', () => {
    const { state, tree, patch, seen } = encodedTown();
    const levels = ['metalMineLevel', 'crystalMineLevel', 'fuelRefineryLevel', 'solarPlantLevel', 'storageLevel', 'commandCenterLevel', 'shipyardLevel', 'defenseGridLevel'] as const;
    levels.forEach((field, i) => (state[field] = i + 1));
    Object.assign(state, { townId: 't1', name: 'Nova', ownerId: 'u1', ownerName: 'Nova', foundedAt: 1, speed: 2, since: 3, energySupply: 7, energyUse: 4 }); // 17 public fields in one patch
    expect(Object.keys(keptRecords(tree).operations ?? {}).length).toBe(17);
    patch();
    expect(keptRecords(tree)).toEqual({ operations: undefined, changes: undefined });
    expect([seen().metalMineLevel, seen().defenseGridLevel, seen().energySupply]).toEqual([1, 8, 7]);
    state.metalMineLevel = 20;
    patch();
    expect(seen().metalMineLevel).toBe(20);
  });

  it('keeps every client in step through any changes of fields, the shipyard list and its orders', () => {
    type Step = { k: 'field'; level: number } | { k: 'order'; id: number } | { k: 'edit'; at: number; count: number } | { k: 'remove'; at: number } | { k: 'patch' } | { k: 'join' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 3, arbitrary: fc.record({ k: fc.constant('field' as const), level: fc.nat(40) }) },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('order' as const), id: fc.integer({ min: 1, max: 99 }) }) },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('edit' as const), at: fc.nat(4), count: fc.integer({ min: 1, max: 9 }) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('remove' as const), at: fc.nat(4) }) },
      { weight: 3, arbitrary: fc.record({ k: fc.constant('patch' as const) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('join' as const) }) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 50 }), (steps) => {
        const state = new TownState();
        const encoder = new Encoder(state);
        const first = Reflection.decode(Reflection.encode(encoder));
        first.decode(encoder.encodeAll());
        encoder.discardChanges();
        const clients = [first];
        const orders = state.shipyard;
        for (const s of [...steps, { k: 'patch' } as const]) {
          if (s.k === 'field') state.metalMineLevel = s.level;
          else if (s.k === 'order') orders.push(Object.assign(new ShipyardOrderState(), { id: s.id, remaining: 1 }));
          else if (s.k === 'edit' && s.at < orders.length) orders[s.at]!.remaining = s.count;
          else if (s.k === 'remove' && s.at < orders.length) orders.splice(s.at, 1);
          else if (s.k === 'join') {
            const late = Reflection.decode(Reflection.encode(encoder)); // a client joining between patches: the whole state
            late.decode(encoder.encodeAll());
            clients.push(late);
          } else if (s.k === 'patch') {
            const bytes = encoder.encode();
            encoder.discardChanges();
            for (const c of clients) c.decode(bytes);
            for (const c of clients) expect(c.state.toJSON()).toEqual(state.toJSON());
          }
        }
      }),
      { seed: 20261127, numRuns: 300 },
    );
  });
});

describe('change queues reused between patches', () => {
  it('empties the encoder\'s queues of what changed in place after each patch, and the next patch carries every change', () => {
    const state = new TownState();
    const encoder = new Encoder(state);
    const decoder = Reflection.decode(Reflection.encode(encoder));
    decoder.decode(encoder.encodeAll());
    const root = encoder.root as unknown as { changes: { next?: unknown; tail?: unknown }; filteredChanges: object };
    const queues = { changes: root.changes, filteredChanges: root.filteredChanges };
    for (let round = 1; round <= 3; round++) {
      state.metalMineLevel = round;
      state.shipyard.push(new ShipyardOrderState()); // a new object in the queue, then a change of it
      state.shipyard.at(-1)!.id = round;
      expect(encoder.hasChanges).toBe(true);
      decoder.decode(encoder.encode());
      encoder.discardChanges();
      expect({ changes: root.changes, filteredChanges: root.filteredChanges }).toEqual(queues);
      expect(root.changes).toBe(queues.changes);
      expect(root.filteredChanges).toBe(queues.filteredChanges);
      expect([root.changes.next, root.changes.tail]).toEqual([undefined, undefined]);
      expect(encoder.hasChanges).toBe(false);
    }
    const seen = decoder.state as TownState;
    expect([seen.metalMineLevel, seen.shipyard.map((order) => order.id)]).toEqual([3, [1, 2, 3]]);
  });
});

/** A list whose copies a patch leaves behind: the positions the next patch refers to, and what it removed. */
type ListCopies = { items: unknown[]; tmpItems: unknown[]; deletedIndexes: Record<number, boolean> };

describe('list copies reused between patches', () => {
  it('writes the next patch’s copy of a list over the last one, through pushes, removals and a clear', () => {
    const { state, patch, seen } = encodedTown();
    const missions = new ArraySchema<string>();
    state.missionsTaken = missions;
    patch();
    const list = missions as unknown as ListCopies;
    const copy = list.tmpItems;
    const steps: Array<[string, () => void, string[]]> = [
      ['push', () => missions.push('m1', 'm2', 'm3'), ['m1', 'm2', 'm3']],
      ['splice in the middle', () => void missions.splice(1, 1), ['m1', 'm3']],
      ['shift and push', () => (missions.shift(), missions.push('m4')), ['m3', 'm4']],
      ['pop twice', () => (missions.pop(), missions.pop()), []],
      ['push after emptying', () => missions.push('m5', 'm6'), ['m5', 'm6']],
      ['clear, then push', () => (missions.clear(), missions.push('m7')), ['m7']],
      ['set by index', () => (missions[0] = 'm8'), ['m8']],
    ];
    for (const [what, change, expected] of steps) {
      change();
      patch();
      expect([...seen().missionsTaken!], what).toEqual(expected);
      expect(list.tmpItems, what).toBe(copy);
      expect(list.tmpItems, what).toEqual(list.items);
      expect(Object.keys(list.deletedIndexes), what).toEqual([]);
    }
  });

  it('replaces the removals record when a clear left a key past the copy', () => {
    const { state, patch, seen } = encodedTown();
    const missions = new ArraySchema<string>('a', 'b', 'c');
    state.missionsTaken = missions;
    patch();
    missions.pop(); // marks position 2 removed
    missions.clear(); // then the copy is emptied, and position 2 is past it
    patch();
    const list = missions as unknown as ListCopies;
    expect(Object.keys(list.deletedIndexes)).toEqual([]);
    missions.push('d');
    patch();
    expect([...seen().missionsTaken!]).toEqual(['d']);
  });

  it('patches as stock @colyseus/schema does, for any changes to a list between patches', () => {
    type Change = { k: 'push'; v: string } | { k: 'splice'; at: number; n: number } | { k: 'pop' } | { k: 'shift' } | { k: 'set'; at: number; v: string } | { k: 'clear' } | { k: 'patch' };
    const value = fc.string({ maxLength: 3 });
    const change: fc.Arbitrary<Change> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ k: fc.constant('push' as const), v: value }) },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('splice' as const), at: fc.nat(6), n: fc.integer({ min: 1, max: 2 }) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('pop' as const) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('shift' as const) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('set' as const), at: fc.nat(6), v: value }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('clear' as const) }) },
      { weight: 3, arbitrary: fc.record({ k: fc.constant('patch' as const) }) },
    );
    /** What a client decodes after each patch (stock schema itself misdecodes some patches of many changes: compared, not asserted). */
    const play = (changes: Change[]): string[][] => {
      const { state, patch, seen } = encodedTown();
      const list = new ArraySchema<string>('a', 'b');
      state.missionsTaken = list;
      const decoded: string[][] = [];
      const send = () => (patch(), decoded.push([...(seen().missionsTaken ?? [])]));
      for (const c of changes) {
        if (c.k === 'push') list.push(c.v);
        else if (c.k === 'splice' && c.at < list.length) list.splice(c.at, Math.min(c.n, list.length - c.at));
        else if (c.k === 'pop') list.pop();
        else if (c.k === 'shift') list.shift();
        else if (c.k === 'set' && c.at < list.length) list[c.at] = c.v;
        else if (c.k === 'clear') list.clear();
        else if (c.k === 'patch') send();
      }
      send();
      return decoded;
    };
    const hooks = ArraySchema.prototype as unknown as Record<string, (this: ListCopies) => void>;
    const reused = hooks['~onEncodeEnd']!;
    function stock(this: ListCopies): void {
      this.tmpItems = this.items.slice();
      this.deletedIndexes = {};
    }
    try {
      fc.assert(
        fc.property(fc.array(change, { maxLength: 60 }), (changes) => {
          hooks['~onEncodeEnd'] = stock;
          const expected = play(changes);
          hooks['~onEncodeEnd'] = reused;
          expect(play(changes)).toEqual(expected);
        }),
        { seed: 20261127, numRuns: 500 },
      );
    } finally {
      hooks['~onEncodeEnd'] = reused;
    }
  });
});
