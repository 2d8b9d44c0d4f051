import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECTOR_SLOTS } from '@starscape/shared';
import {
  StaleVersionError,
  TownNotFoundError,
  type StoredTown,
  type TownRepository,
} from '../../src/persistence/TownRepository';

/** One repository under test, with what the suite needs around it. */
export interface TownRepositoryFixture {
  repo: TownRepository;
  /** An owner id towns may be created for (SQL backends need an existing User row). */
  ownerId: string;
  /** Releases what the fixture opened (clients, temp files). */
  close?(): Promise<void>;
}

/** A small but nested snapshot, so "deep-equal" and "not aliased" mean something. */
const snapshot = (metal: number) => ({
  resources: { metal, crystal: 5 },
  buildings: [{ kind: 'mine', level: 2 }],
  queue: [] as unknown[],
  updatedAt: 1_700_000_000_000,
});

/**
 * The behaviour every TownRepository must have. Each implementation's test file calls this once with a
 * factory giving a fresh, empty repository per test (memory, SQLite, PostgreSQL).
 */
export function describeTownRepositoryContract(name: string, makeRepo: () => Promise<TownRepositoryFixture>): void {
  describe(`TownRepository contract: ${name}`, () => {
    let fixture: TownRepositoryFixture;
    let repo: TownRepository;
    const create = (metal = 10, id?: string) =>
      repo.create({ id, ownerId: fixture.ownerId, name: 'Nova Prime', snapshot: snapshot(metal) });

    beforeEach(async () => {
      fixture = await makeRepo();
      repo = fixture.repo;
    });
    afterEach(async () => {
      await fixture.close?.();
    });

    it('loads null for a town that does not exist', async () => {
      expect(await repo.load('no-such-town')).toBeNull();
    });

    it('creates a town at version 1 and loads it back unchanged', async () => {
      const created = await create();
      expect(created).toMatchObject({ ownerId: fixture.ownerId, name: 'Nova Prime', version: 1 });
      expect(created.snapshot).toEqual(snapshot(10));
      expect(created.savedAt).toBeInstanceOf(Date);

      const loaded = await repo.load(created.id);
      expect(loaded).toEqual(created);
    });

    it('creates a town with the id it is given', async () => {
      const created = await create(10, 'town-given-id');
      expect(created.id).toBe('town-given-id');
      expect((await repo.load('town-given-id'))?.version).toBe(1);
    });

    it('refuses to create a second town with the same id', async () => {
      await create(10, 'town-twice');
      await expect(create(20, 'town-twice')).rejects.toThrow();
      expect((await repo.load('town-twice'))?.snapshot).toEqual(snapshot(10));
    });

    it('saves with the stored version, returning version + 1, and stores the new snapshot', async () => {
      const town = await create();
      const saved = await repo.save(town.id, snapshot(99), 1);
      expect(saved.version).toBe(2);
      expect(saved.savedAt).toBeInstanceOf(Date);

      const loaded = await repo.load(town.id);
      expect(loaded?.version).toBe(2);
      expect(loaded?.snapshot).toEqual(snapshot(99));
      expect(loaded?.savedAt.getTime()).toBe(saved.savedAt.getTime());

      expect((await repo.save(town.id, snapshot(100), 2)).version).toBe(3);
    });

    it('refuses a save with a stale version and leaves the stored town unchanged', async () => {
      const town = await create();
      await repo.save(town.id, snapshot(50), 1);
      const before = await repo.load(town.id);

      const attempt = repo.save(town.id, snapshot(666), 1);
      await expect(attempt).rejects.toBeInstanceOf(StaleVersionError);
      await expect(attempt).rejects.toMatchObject({ townId: town.id, expected: 1, actual: 2 });
      expect(await repo.load(town.id)).toEqual(before);
    });

    it('refuses a save naming a version from the future', async () => {
      const town = await create();
      await expect(repo.save(town.id, snapshot(1), 5)).rejects.toMatchObject({ expected: 5, actual: 1 });
    });

    it('lets exactly one of two concurrent saves from the same version win', async () => {
      const town = await create();
      const results = await Promise.allSettled([
        repo.save(town.id, snapshot(111), 1),
        repo.save(town.id, snapshot(222), 1),
      ]);

      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(StaleVersionError);
      const loaded = await repo.load(town.id);
      expect(loaded?.version).toBe(2);
      expect(loaded?.snapshot).toEqual(snapshot(won[0] === 0 ? 111 : 222));
    });

    it('throws TownNotFoundError when saving a town that does not exist', async () => {
      await expect(repo.save('no-such-town', snapshot(1), 1)).rejects.toBeInstanceOf(TownNotFoundError);
      expect(await repo.load('no-such-town')).toBeNull();
    });

    it('saves a batch (saveMany): each save is its own compare-and-set, and a refused one does not stop the rest', async () => {
      const [a, b, c] = [await create(1), await create(2), await create(3)];
      await repo.save(b.id, snapshot(20), 1); // b is at version 2 now: a save from 1 is stale

      const outcomes = await repo.saveMany([
        { townId: a.id, snapshot: snapshot(100), expectedVersion: 1, points: 11 },
        { townId: b.id, snapshot: snapshot(200), expectedVersion: 1 },
        { townId: 'no-such-town', snapshot: snapshot(0), expectedVersion: 1 },
        { townId: c.id, snapshot: snapshot(300), expectedVersion: 1 },
      ]);

      expect(outcomes[0]).toMatchObject({ version: 2 });
      expect(outcomes[1]).toBeInstanceOf(StaleVersionError);
      expect(outcomes[1]).toMatchObject({ expected: 1, actual: 2 });
      expect(outcomes[2]).toBeInstanceOf(TownNotFoundError);
      expect(outcomes[3]).toMatchObject({ version: 2 });
      expect(await repo.load(a.id)).toMatchObject({ version: 2, snapshot: snapshot(100), points: 11 });
      expect(await repo.load(b.id)).toMatchObject({ version: 2, snapshot: snapshot(20) });
      expect(await repo.load(c.id)).toMatchObject({ version: 2, snapshot: snapshot(300) });
      expect(await repo.saveMany([])).toEqual([]);
    });

    it('reads every snapshot of a save before the call returns: the caller may change it right after', async () => {
      // a live town is saved as it is and changes in place with the next action (server/src/towns/ResidentTown.ts)
      const [a, b, c] = [await create(1), await create(2), await create(3)];
      const [first, second, third] = [snapshot(10), snapshot(20), snapshot(30)];
      const batch = repo.saveMany([
        { townId: a.id, snapshot: first, expectedVersion: 1 },
        { townId: b.id, snapshot: second, expectedVersion: 1 },
      ]);
      const single = repo.save(c.id, third, 1);
      for (const changed of [first, second, third]) changed.resources.metal = -1;
      await Promise.all([batch, single]);
      expect(await repo.load(a.id)).toMatchObject({ version: 2, snapshot: snapshot(10) });
      expect(await repo.load(b.id)).toMatchObject({ version: 2, snapshot: snapshot(20) });
      expect(await repo.load(c.id)).toMatchObject({ version: 2, snapshot: snapshot(30) });
    });

    it('refuses a whole batch with an unusable expected version before writing any of it', async () => {
      const [a, b] = [await create(1), await create(2)];
      await expect(
        repo.saveMany([
          { townId: a.id, snapshot: snapshot(5), expectedVersion: 1 },
          { townId: b.id, snapshot: snapshot(6), expectedVersion: 0.5 },
        ]),
      ).rejects.toBeInstanceOf(TypeError);
      expect(await repo.load(a.id)).toMatchObject({ version: 1, snapshot: snapshot(1) });
    });

    it('refuses a save without a usable expected version instead of overwriting', async () => {
      const town = await create();
      for (const bad of [undefined, null, 0, 1.5, Number.NaN, '1']) {
        await expect(repo.save(town.id, snapshot(7), bad as unknown as number)).rejects.toBeInstanceOf(TypeError);
      }
      expect(await repo.load(town.id)).toMatchObject({ version: 1, snapshot: snapshot(10) });
    });

    it('does not let returned objects or saved inputs alias the stored state', async () => {
      const input = snapshot(10);
      const created = await repo.create({ ownerId: fixture.ownerId, name: 'Nova Prime', snapshot: input });
      input.resources.metal = -1;
      (created.snapshot as ReturnType<typeof snapshot>).resources.metal = -2;
      created.savedAt.setTime(0);

      const loaded = await repo.load(created.id);
      expect(loaded?.snapshot).toEqual(snapshot(10));
      expect(loaded?.savedAt.getTime()).not.toBe(0);

      (loaded?.snapshot as ReturnType<typeof snapshot>).buildings.push({ kind: 'forge', level: 1 });
      const toSave = snapshot(20);
      const saved = await repo.save(created.id, toSave, 1);
      toSave.resources.metal = -3;
      saved.savedAt.setTime(0);

      const again = await repo.load(created.id);
      expect(again?.snapshot).toEqual(snapshot(20));
      expect(again?.savedAt.getTime()).not.toBe(0);
      expect(again?.snapshot).not.toBe(loaded?.snapshot);
    });

    describe('the galaxy', () => {
      it('places every new town in a free slot, filling the newest sector before opening the next', async () => {
        const towns: StoredTown[] = [];
        for (let i = 0; i < 30; i++) towns.push(await create(i));
        expect(towns.every((t) => t.sector !== null && t.slot !== null && t.slot >= 0 && t.slot < SECTOR_SLOTS)).toBe(true);
        const count = await repo.sectorCount();
        expect(count).toBeGreaterThanOrEqual(2);
        const places = new Set<string>();
        for (let sector = 1; sector <= count; sector++) {
          const list = await repo.listSector(sector);
          expect(list.map((t) => t.slot)).toEqual([...list.map((t) => t.slot)].sort((a, b) => a - b));
          if (sector < count) expect(list).toHaveLength(SECTOR_SLOTS); // only the newest sector has room left
          for (const t of list) places.add(`${sector}:${t.slot}`);
        }
        for (const t of towns) expect(places.has(`${t.sector}:${t.slot}`)).toBe(true);
        const mine = (await repo.listSector(towns[0]!.sector!)).find((t) => t.id === towns[0]!.id)!;
        expect(mine).toMatchObject({ ownerId: fixture.ownerId, name: 'Nova Prime', points: 0, snapshot: snapshot(0) });
        expect(await repo.homeOf(fixture.ownerId)).toEqual({ id: towns[0]!.id, sector: towns[0]!.sector });
        expect(await repo.homeOf('nobody')).toBeNull();
      });

      it('stores the points given with a save, and keeps them when a save gives none', async () => {
        const town = await create();
        await repo.save(town.id, snapshot(1), 1, { points: 42 });
        expect((await repo.load(town.id))?.points).toBe(42);
        await repo.save(town.id, snapshot(2), 2);
        expect((await repo.load(town.id))?.points).toBe(42);
        const listed = (await repo.listSector(town.sector!)).find((t) => t.id === town.id);
        expect(listed?.points).toBe(42);
      });
    });
  });
}
