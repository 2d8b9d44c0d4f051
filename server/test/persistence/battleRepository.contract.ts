import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BattleNotFoundError,
  BattleStateError,
  type BattleKind,
  type BattleRepository,
  type NewBattle,
} from '../../src/persistence/BattleRepository';

/** One repository under test, with a second handle on the same store (another process's client). */
export interface BattleRepositoryFixture {
  repo: BattleRepository;
  /** Another repository on the same storage: a second Prisma client on the same file, or the same memory repo. */
  other: BattleRepository;
  close?(): Promise<void>;
}

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);

/** A battle with a nested setup; a seed above 2^31 checks the unsigned round trip. */
const battle = (id: string, overrides: Partial<NewBattle> = {}): NewBattle => ({
  id,
  seed: 0xfedc_ba98,
  startedAt: at(0),
  attackerTownId: 'town-a',
  defenderTownId: null,
  kind: 'patrol',
  initial: { attackers: [{ ship: 'fighter', count: 3 }], defenders: [{ ship: 'pirate', count: 2 }], arena: { w: 100 } },
  ...overrides,
});
const order = (step: number, extra: Record<string, unknown> = {}) => ({ step, side: 'attacker', type: 'focus', target: 7, ...extra });

/** The behaviour every BattleRepository must have; `makeRepo` gives a fresh, empty repository per test. */
export function describeBattleRepositoryContract(name: string, makeRepo: () => Promise<BattleRepositoryFixture>): void {
  describe(`BattleRepository contract: ${name}`, () => {
    let fixture: BattleRepositoryFixture;
    let repo: BattleRepository;

    beforeEach(async () => {
      fixture = await makeRepo();
      repo = fixture.repo;
    });
    afterEach(async () => {
      await fixture.close?.();
    });

    it('records a new battle as running with an empty order log, and loads it back unchanged', async () => {
      const created = await repo.create(battle('b1'));
      expect(created).toMatchObject({
        id: 'b1',
        status: 'running',
        seed: 0xfedc_ba98,
        kind: 'patrol',
        attackerTownId: 'town-a',
        defenderTownId: null,
        startedAt: at(0),
        finishedAt: null,
        outcome: null,
        resultsAppliedAt: null,
        orders: [],
        initial: battle('b1').initial,
      });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(await repo.get('b1')).toEqual(created);
      expect(await repo.get('no-such-battle')).toBeNull();
    });

    it('keeps every unsigned 32-bit seed exactly', async () => {
      for (const [i, seed] of [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff].entries()) {
        await repo.create(battle(`seed-${i}`, { seed }));
        expect((await repo.get(`seed-${i}`))?.seed).toBe(seed);
      }
    });

    it('refuses a second battle with the same id, keeping the first', async () => {
      await repo.create(battle('b1'));
      await expect(repo.create(battle('b1', { seed: 1 }))).rejects.toThrow();
      expect((await repo.get('b1'))?.seed).toBe(0xfedc_ba98);
    });

    it('refuses unusable battles before they reach storage', async () => {
      const bad: Partial<NewBattle>[] = [
        { id: '' },
        { seed: -1 },
        { seed: 2 ** 32 },
        { seed: 1.5 },
        { startedAt: new Date(Number.NaN) },
        { attackerTownId: '' },
        { kind: 'salvage' as BattleKind },
        { initial: undefined },
      ];
      for (const [i, overrides] of bad.entries()) {
        await expect(repo.create(battle(`bad-${i}`, overrides))).rejects.toThrow(TypeError);
      }
      expect(await repo.listRunning()).toEqual([]);
    });

    it('appends orders in call order and returns the length of the log', async () => {
      await repo.create(battle('b1'));
      expect(await repo.appendOrders('b1', [order(10)])).toBe(1);
      expect(await repo.appendOrders('b1', [order(12), order(12, { target: 8 })])).toBe(3);
      expect(await repo.appendOrders('b1', [])).toBe(3);
      expect((await repo.get('b1'))?.orders).toEqual([order(10), order(12), order(12, { target: 8 })]);
    });

    it('keeps every one of many concurrent appends to one battle, in call order', async () => {
      await repo.create(battle('b1'));
      await repo.create(battle('b2'));
      const counts = await Promise.all(
        Array.from({ length: 40 }, (_, i) => repo.appendOrders(i % 4 === 3 ? 'b2' : 'b1', [order(i)])),
      );
      expect(counts.filter((_, i) => i % 4 !== 3)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const b1 = (await repo.get('b1'))?.orders;
      expect(b1).toEqual(Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 4 !== 3).map((i) => order(i)));
      expect((await repo.get('b2'))?.orders).toHaveLength(10);
    });

    it('loses no order when two clients append to one battle at the same time', async () => {
      await repo.create(battle('b1'));
      await Promise.all(
        Array.from({ length: 16 }, (_, i) => (i % 2 ? repo : fixture.other).appendOrders('b1', [order(i)])),
      );
      const steps = ((await repo.get('b1'))?.orders as { step: number }[]).map((o) => o.step);
      expect([...steps].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    });

    it('refuses orders for an unknown or a finished battle', async () => {
      await expect(repo.appendOrders('no-such-battle', [order(1)])).rejects.toBeInstanceOf(BattleNotFoundError);
      await repo.create(battle('b1'));
      await repo.appendOrders('b1', [order(1)]);
      await repo.finish('b1', { winner: 'attacker' }, at(9_000));
      const attempt = repo.appendOrders('b1', [order(2)]);
      await expect(attempt).rejects.toBeInstanceOf(BattleStateError);
      await expect(attempt).rejects.toMatchObject({ battleId: 'b1', status: 'finished' });
      expect((await repo.get('b1'))?.orders).toEqual([order(1)]);
    });

    it('finishes a battle once: a second finish returns false and changes nothing', async () => {
      await repo.create(battle('b1'));
      expect(await repo.finish('b1', { winner: 'attacker', loot: { metal: 10 } }, at(9_000))).toBe(true);
      const finished = await repo.get('b1');
      expect(finished).toMatchObject({
        status: 'finished',
        outcome: { winner: 'attacker', loot: { metal: 10 } },
        finishedAt: at(9_000),
      });

      expect(await repo.finish('b1', { winner: 'defender' }, at(10_000))).toBe(false);
      expect(await repo.get('b1')).toEqual(finished);
      await expect(repo.finish('no-such-battle', {}, at(0))).rejects.toBeInstanceOf(BattleNotFoundError);
    });

    it('lets exactly one of several concurrent finishes (two clients) win', async () => {
      await repo.create(battle('b1'));
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? repo : fixture.other).finish('b1', { by: i }, at(i))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await repo.get('b1')).toMatchObject({ outcome: { by: winner }, finishedAt: at(winner) });
    });

    it('marks results applied once, and only for a finished battle', async () => {
      await expect(repo.markResultsApplied('no-such-battle', at(0))).rejects.toBeInstanceOf(BattleNotFoundError);
      await repo.create(battle('b1'));
      await expect(repo.markResultsApplied('b1', at(1))).rejects.toBeInstanceOf(BattleStateError);
      await repo.finish('b1', { winner: 'attacker' }, at(9_000));

      expect(await repo.markResultsApplied('b1', at(9_500))).toBe(true);
      expect(await repo.markResultsApplied('b1', at(9_900))).toBe(false);
      expect((await repo.get('b1'))?.resultsAppliedAt).toEqual(at(9_500));
    });

    it("lists a town's battles, as attacker or defender, newest first, as summaries", async () => {
      await repo.create(battle('b1', { startedAt: at(1_000) }));
      await repo.create(battle('b2', { startedAt: at(3_000), attackerTownId: 'town-b', defenderTownId: 'town-a', kind: 'raid' }));
      await repo.create(battle('b3', { startedAt: at(2_000), attackerTownId: 'town-b' }));
      await repo.create(battle('b4', { startedAt: at(4_000) }));
      await repo.finish('b1', { winner: 'defender' }, at(1_500));

      const list = await repo.listForTown('town-a', { limit: 10 });
      expect(list.map((b) => b.id)).toEqual(['b4', 'b2', 'b1']);
      expect(list[2]).toMatchObject({ status: 'finished', outcome: { winner: 'defender' }, seed: 0xfedc_ba98 });
      expect(list[0]).not.toHaveProperty('orders');
      expect(list[0]).not.toHaveProperty('initial');
      expect((await repo.listForTown('town-b', { limit: 10 })).map((b) => b.id)).toEqual(['b2', 'b3']);
      expect(await repo.listForTown('town-z', { limit: 10 })).toEqual([]);
    });

    it('pages through a town\'s battles with the last one seen, without gaps or repeats at equal start times', async () => {
      const starts = [5, 5, 5, 4, 4, 3, 2, 2, 1];
      for (const [i, s] of starts.entries()) await repo.create(battle(`b${i}`, { startedAt: at(s * 1_000) }));

      const seen: string[] = [];
      let page = await repo.listForTown('town-a', { limit: 2 });
      while (page.length > 0) {
        seen.push(...page.map((b) => b.id));
        page = await repo.listForTown('town-a', { limit: 2, before: page.at(-1) });
      }
      expect(seen).toEqual(['b2', 'b1', 'b0', 'b4', 'b3', 'b5', 'b7', 'b6', 'b8']);
      await expect(repo.listForTown('town-a', { limit: 0 })).rejects.toThrow(TypeError);
    });

    it('lists running battles oldest first, as full records to resume from', async () => {
      await repo.create(battle('late', { startedAt: at(2_000) }));
      await repo.create(battle('early', { startedAt: at(1_000) }));
      await repo.create(battle('done', { startedAt: at(500) }));
      await repo.appendOrders('early', [order(3)]);
      await repo.finish('done', {}, at(600));

      const running = await repo.listRunning();
      expect(running.map((b) => b.id)).toEqual(['early', 'late']);
      expect(running[0]).toMatchObject({ orders: [order(3)], initial: battle('x').initial, seed: 0xfedc_ba98 });
    });

    it('does not let returned records or given inputs alias what is stored', async () => {
      const input = battle('b1');
      await repo.create(input);
      (input.initial as { arena: { w: number } }).arena.w = -1;
      const orders = [order(1)];
      await repo.appendOrders('b1', orders);
      orders[0]!.step = -1;
      orders.push(order(99));

      const loaded = await repo.get('b1');
      (loaded?.orders as unknown[]).push('junk');
      loaded?.startedAt.setTime(0);
      expect(await repo.get('b1')).toMatchObject({ initial: battle('b1').initial, orders: [order(1)], startedAt: at(0) });
    });
  });
}
