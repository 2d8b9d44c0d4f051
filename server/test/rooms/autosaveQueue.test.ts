import { newTown, townPoints, type Town } from '@starscape/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { MemoryTownRepository } from '../../src/persistence/MemoryTownRepository';
import { PendingSaves } from '../../src/persistence/PendingSaves';
import type { TownSave, TownSaveOutcome } from '../../src/persistence/TownRepository';
import { AutosaveQueue, type AutosaveQueueOptions } from '../../src/rooms/AutosaveQueue';
import { TownSaver, type SaveConflict } from '../../src/rooms/TownSaver';
import { until } from '../support/until';

const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** The memory repository, recording each batch it is given; `failNext` makes the next batch fail as a whole. */
class RecordingTowns extends MemoryTownRepository {
  readonly batches: string[][] = [];
  /** the points each save gave, in order */
  readonly pointsGiven: Array<number | undefined> = [];
  failNext = false;
  /** while set, batches wait for it (a slow database) */
  gate: Promise<void> | null = null;

  override async saveMany(saves: readonly TownSave[]): Promise<TownSaveOutcome[]> {
    this.batches.push(saves.map((s) => s.townId));
    this.pointsGiven.push(...saves.map((s) => s.points));
    if (this.gate) await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database is locked');
    }
    return super.saveMany(saves);
  }
}

interface Fixture {
  towns: RecordingTowns;
  queue: AutosaveQueue;
  pendingSaves: PendingSaves;
  conflicts: SaveConflict[];
  /** a stored town and a saver for it; `town.stocks.metal.amount` is what the tests change */
  open(): Promise<{ id: string; town: Town; saver: TownSaver }>;
}

const queues: AutosaveQueue[] = [];
afterEach(() => {
  for (const q of queues.splice(0)) q.stop();
});

function fixture(options: Partial<AutosaveQueueOptions> = {}): Fixture {
  const towns = new RecordingTowns();
  const queue = new AutosaveQueue({ towns, delayMs: 30, logger, ...options });
  queues.push(queue);
  const pendingSaves = new PendingSaves();
  const conflicts: SaveConflict[] = [];
  return {
    towns,
    queue,
    pendingSaves,
    conflicts,
    async open() {
      const town = newTown(1_700_000_000_000, 1);
      const stored = await towns.create({ ownerId: 'owner', name: 'Nova', snapshot: town });
      const live = { town };
      const saved = { townToSave: () => live.town, saveRefused: (c: SaveConflict) => void conflicts.push(c) };
      const saver = new TownSaver(stored.id, stored.version, saved, { towns, pendingSaves, autosave: queue, logger });
      return { id: stored.id, town, saver };
    },
  };
}

const metalOf = async (towns: MemoryTownRepository, id: string) => ((await towns.load(id))!.snapshot as Town).stocks.metal.amount;

describe('AutosaveQueue with TownSaver', () => {
  it('saves a changed town the delay after its first change, and towns due together in one batch', async () => {
    // the three changes happen at one moment (the wall clock could tick between them and make them due 1 ms
    // apart), and a busy machine must not end the drain on its time budget after one town (the slicing test's case)
    let frozenAt: number | undefined;
    const f = fixture({ delayMs: 100, now: () => frozenAt ?? Date.now(), budgetMs: 5_000 });
    const opened = await Promise.all([f.open(), f.open(), f.open()]);
    frozenAt = Date.now();
    for (const { town, saver } of opened) {
      town.stocks.metal.amount = 123;
      saver.markDirty();
      saver.markDirty(); // a second change before the save: still one save
    }
    frozenAt = undefined;
    expect(f.queue.queued).toBe(3);
    await sleep(5);
    expect(f.towns.batches).toEqual([]); // not due yet

    await until(() => f.towns.batches.length > 0, 'the autosave', 5000, 5);
    await f.pendingSaves.drain();
    expect(f.towns.batches).toEqual([opened.map((o) => o.id)]);
    for (const { id, saver } of opened) {
      expect(await metalOf(f.towns, id)).toBe(123);
      expect(saver.savedVersion).toBe(2);
      expect(saver.hasUnsavedChanges).toBe(false);
    }
    expect(f.queue.queued).toBe(0);
  });

  it('writes a backlog in slices: at most maxBatch towns per batch, a turn of the event loop between batches', async () => {
    // all ten due at one moment, and no time budget to cut a batch short on a busy machine: only maxBatch slices
    let frozenAt: number | undefined;
    const f = fixture({ maxBatch: 4, delayMs: 1, now: () => frozenAt ?? Date.now(), budgetMs: 5_000 });
    const opened = await Promise.all(Array.from({ length: 10 }, () => f.open()));
    frozenAt = Date.now();
    for (const { saver } of opened) saver.markDirty();
    frozenAt = undefined;
    await until(() => f.towns.batches.flat().length === 10, 'every save', 5000, 5);
    await f.pendingSaves.drain();
    expect(f.towns.batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(f.towns.batches.flat()).toEqual(opened.map((o) => o.id)); // in the order they changed
  });

  it('writes towns that fall due one after another together, at most one batch per window', async () => {
    const f = fixture({ delayMs: 400, batchWindowMs: 100 });
    const opened = await Promise.all(Array.from({ length: 5 }, () => f.open()));
    const changedAt: number[] = [];
    for (const { saver } of opened) {
      saver.markDirty();
      changedAt.push(Date.now());
      await sleep(20);
    }
    const spanMs = changedAt.at(-1)! - changedAt[0]!; // about 80 ms; more on a busy machine, whose sleeps run long
    await until(() => f.towns.batches.flat().length === 5, 'every save', 5000, 5);
    // the first due town wakes the queue; the rest fall due within the window after it and go in one more batch
    // (or, when the changes took longer than a window, one batch per window they spanned)
    expect(f.towns.batches.length).toBeLessThanOrEqual(1 + Math.ceil(spanMs / 100));
    expect(f.towns.batches.flat()).toEqual(opened.map((o) => o.id));
  });

  it('still makes progress with no time budget at all: one town per turn', async () => {
    const f = fixture({ budgetMs: 0, delayMs: 1, batchWindowMs: 0 });
    const opened = await Promise.all(Array.from({ length: 3 }, () => f.open()));
    for (const { saver } of opened) saver.markDirty();
    await until(() => f.towns.batches.length === 3, 'three batches', 5000, 5);
    expect(f.towns.batches).toEqual(opened.map((o) => [o.id]));
  });

  it('does not autosave a town whose room flushed it first, and a flush waits for a batch in flight', async () => {
    const f = fixture({ delayMs: 1 });
    const a = await f.open();
    const b = await f.open();
    a.town.stocks.metal.amount = 1;
    a.saver.markDirty();
    await a.saver.flush(); // the room went away first
    let release!: () => void;
    f.towns.gate = new Promise((resolve) => (release = resolve));
    b.town.stocks.metal.amount = 2;
    b.saver.markDirty();
    await until(() => f.towns.batches.length === 1, "b's autosave", 5000, 5);
    expect(f.towns.batches).toEqual([[b.id]]); // a was saved by its flush alone; b's autosave is waiting
    expect(await metalOf(f.towns, a.id)).toBe(1);
    b.town.stocks.metal.amount = 3;
    b.saver.markDirty();
    const flushed = b.saver.flush();
    await turn();
    expect(f.towns.batches).toHaveLength(1); // the flush waits for the batch in flight
    release();
    f.towns.gate = null;
    await flushed;
    expect(await metalOf(f.towns, b.id)).toBe(3);
    expect(b.saver.savedVersion).toBe(3);
    expect(f.conflicts).toEqual([]);
  });

  it('gives the town\'s points with a save only when they differ from what the last save stored', async () => {
    const f = fixture();
    const { id, town, saver } = await f.open();
    const save = async (change: () => void) => {
      change();
      saver.markDirty();
      await until(() => !saver.hasUnsavedChanges && f.pendingSaves.size === 0, 'the autosave', 5000, 5);
    };
    await save(() => (town.stocks.metal.amount = 1)); // the first save of a room: its points, whatever was stored
    await save(() => (town.stocks.metal.amount = 2)); // stocks are not points
    await save(() => (town.ships.cruiser = 500)); // a fleet worth points
    await saver.flush(); // nothing unsaved: no save
    await save(() => (town.stocks.metal.amount = 3));
    const points = townPoints(town);
    expect(points).toBeGreaterThan(0);
    expect(f.towns.pointsGiven).toEqual([townPoints({ ...town, ships: { ...town.ships, cruiser: 0 } }), undefined, points, undefined]);
    expect((await f.towns.load(id))!.points).toBe(points);
  });

  it('saves changes made while a save was in flight right after it lands, not a whole delay later', async () => {
    const f = fixture({ delayMs: 20 });
    const a = await f.open();
    let release!: () => void;
    f.towns.gate = new Promise((resolve) => (release = resolve));
    a.saver.markDirty();
    await until(() => f.towns.batches.length === 1, 'the autosave in flight', 5000, 5); // held by the gate
    a.town.stocks.metal.amount = 77;
    a.saver.markDirty(); // queued for 20 ms from now
    await until(() => f.queue.queued === 0, 'the second autosave to fall due', 5000, 5); // while the first is in flight: deferred
    expect(f.towns.batches).toHaveLength(1);
    f.towns.gate = null;
    release();
    await until(() => f.towns.batches.length === 2, 'the deferred autosave', 5000, 5);
    await f.pendingSaves.drain();
    expect(f.towns.batches).toHaveLength(2);
    expect(await metalOf(f.towns, a.id)).toBe(77);
  });

  it('keeps the changes of a failed batch and saves them on the next round', async () => {
    const f = fixture({ delayMs: 40 });
    const a = await f.open();
    a.town.stocks.metal.amount = 55;
    f.towns.failNext = true;
    a.saver.markDirty();
    await until(() => f.towns.batches.length === 1, 'the failing batch', 5000, 5);
    await f.pendingSaves.drain();
    expect(a.saver.hasUnsavedChanges).toBe(true);
    await until(() => f.towns.batches.length === 2, 'the retry', 5000, 5);
    await f.pendingSaves.drain();
    expect(await metalOf(f.towns, a.id)).toBe(55);
    expect(a.saver.hasUnsavedChanges).toBe(false);
  });

  it('stops serving a town whose save is refused (another writer saved it), and queues it no more', async () => {
    const f = fixture({ delayMs: 5 });
    const a = await f.open();
    await f.towns.save(a.id, a.town, 1); // someone else
    a.saver.markDirty();
    await until(() => f.conflicts.length === 1, 'the refused save', 5000, 5);
    expect(f.conflicts).toEqual(['stale']);
    a.saver.markDirty();
    expect(f.queue.queued).toBe(0);
  });

  it('stop() leaves nothing queued and no timer behind', async () => {
    const f = fixture({ delayMs: 5 });
    const a = await f.open();
    a.saver.markDirty();
    f.queue.stop();
    await sleep(20);
    expect(f.towns.batches).toEqual([]);
    expect(f.queue.queued).toBe(0);
  });
});

describe('AutosaveQueue entries', () => {
  /** A town that records when it is asked for its save, and has none to give. */
  const source = (asked: string[], name: string) => ({ prepareAutosave: () => (asked.push(name), null), autosaved: () => undefined });

  it('hands out a passed entry again: once its town was asked, or its ticket cancelled', async () => {
    const queue = new AutosaveQueue({ towns: new MemoryTownRepository(), delayMs: 20, logger });
    queues.push(queue);
    const asked: string[] = [];
    const first = queue.schedule(source(asked, 'a'), { soon: true });
    await until(() => asked.length === 1, 'a asked');
    const second = queue.schedule(source(asked, 'b'), { soon: true });
    expect(second).toBe(first); // the entry the queue passed, not a new one
    second.cancelled = true;
    const third = queue.schedule(source(asked, 'c'), { soon: true });
    expect(third).not.toBe(second); // b's is still in the queue: cancelled, not passed yet
    await until(() => asked.length === 2, 'c asked');
    expect(asked).toEqual(['a', 'c']); // the cancelled town is never asked
    const reused = [queue.schedule(source(asked, 'd')), queue.schedule(source(asked, 'e'))];
    expect(reused).toContain(second);
    expect(reused).toContain(third);
    await until(() => asked.length === 4, 'd and e asked');
    expect(asked).toEqual(['a', 'c', 'd', 'e']);
    expect(queue.queued).toBe(0);
  });
});
