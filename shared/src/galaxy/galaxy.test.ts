import { describe, expect, it } from 'vitest';
import { BUILDINGS, type BuildingId } from '../content/buildings';
import { RESOURCES } from '../content/resources';
import { creditDestroyed } from '../fleet/fleets';
import { upgradeCost } from '../town/economy';
import { newTown } from '../town/production';
import { CHAT_BURST, CHAT_MAX_LENGTH, CHAT_REFILL_MS, chatText, spendChat, type ChatAllowance } from './chat';
import { SECTOR_GRID, SECTOR_SLOTS, pickSlot, slotCell } from './layout';
import { RESOURCES_PER_POINT, shipsValue, townPoints } from './points';

const T0 = Date.UTC(2026, 10, 25);

describe('sector layout', () => {
  it('puts the slots on every cell of the grid but the star in the middle', () => {
    const cells = Array.from({ length: SECTOR_SLOTS }, (_, slot) => slotCell(slot));
    const keys = new Set(cells.map((c) => `${c.column},${c.row}`));
    expect(keys.size).toBe(SECTOR_SLOTS);
    expect(keys.has(`${(SECTOR_GRID - 1) / 2},${(SECTOR_GRID - 1) / 2}`)).toBe(false);
    expect(cells.every((c) => c.column >= 0 && c.column < SECTOR_GRID && c.row >= 0 && c.row < SECTOR_GRID)).toBe(true);
  });

  it('picks a free slot from the seed, and none in a full sector', () => {
    expect(pickSlot([], 7)).toBe(7 % SECTOR_SLOTS);
    const taken = Array.from({ length: SECTOR_SLOTS - 1 }, (_, i) => i);
    expect(pickSlot(taken, 12345)).toBe(SECTOR_SLOTS - 1);
    expect(pickSlot([...taken, SECTOR_SLOTS - 1], 1)).toBeNull();
    for (let seed = 0; seed < 50; seed++) expect([0, 2, 4]).not.toContain(pickSlot([0, 2, 4], seed));
  });
});

describe('points', () => {
  it('count buildings, ships at home and away, and what was destroyed; a new starbase has none', () => {
    const town = newTown(T0, 1);
    expect(townPoints(town)).toBe(0);
    const built = { ...town, buildings: { ...town.buildings, metalMine: 10 } };
    expect(townPoints(built)).toBeGreaterThan(0);
    const armed = { ...town, ships: { ...town.ships, cruiser: 2 } };
    expect(townPoints(armed)).toBe(Math.floor(shipsValue({ cruiser: 2 }) / RESOURCES_PER_POINT));
    const away = { ...town, fleets: [{ ...fleetOf({ cruiser: 2 }) }] };
    expect(townPoints(away)).toBe(townPoints(armed));
    expect(townPoints(creditDestroyed(town, 'b-1', 5 * RESOURCES_PER_POINT))).toBe(5);
  });

  it('score building levels exactly as the sum of each level’s cost, in any order of asking', () => {
    const byHand = (building: BuildingId, level: number) => {
      let sum = 0;
      for (let l = 1; l <= level; l++) sum += RESOURCES.reduce((total, r) => total + upgradeCost(building, l)[r], 0);
      return sum;
    };
    const town = newTown(T0, 1);
    // high levels first, so the table is filled by a big jump, then small ones read from it
    for (const level of [30, 3, 17, 0, 1, 30, 25]) {
      for (const building of BUILDINGS) {
        const leveled = { ...town, buildings: { ...town.buildings, [building]: level } };
        expect(townPoints(leveled), `${building} ${level}`).toBe(Math.floor(byHand(building, level) / RESOURCES_PER_POINT));
      }
    }
    const everything = { ...town, buildings: Object.fromEntries(BUILDINGS.map((b, i) => [b, 5 + i])) as typeof town.buildings };
    expect(townPoints(everything)).toBe(Math.floor(BUILDINGS.reduce((sum, b, i) => sum + byHand(b, 5 + i), 0) / RESOURCES_PER_POINT));
  });

  it('credit a battle’s kills once', () => {
    const once = creditDestroyed(newTown(T0, 1), 'b-1', 4000);
    expect(creditDestroyed(once, 'b-1', 4000)).toBe(once);
    expect(creditDestroyed(once, 'b-2', 0)).toBe(once);
  });
});

function fleetOf(ships: Record<string, number>) {
  return {
    id: 'f1',
    mission: { kind: 'patrol' as const, target: 'm', title: 'Patrol', distance: 1000, pirates: {}, reward: { metal: 0, crystal: 0, fuel: 0 } },
    status: 'outbound' as const,
    ships: { scout: 0, fighter: 0, frigate: 0, cruiser: 0, hauler: 0, ...ships },
    cargo: { metal: 0, crystal: 0, fuel: 0 },
    departAt: T0,
    arriveAt: T0 + 1000,
    returnAt: null,
    battleId: null,
  };
}

describe('chat text', () => {
  it('is trimmed and has its whitespace collapsed', () => {
    expect(chatText('  hello \n\n  world\t ')).toEqual({ ok: true, value: 'hello world' });
  });

  it('refuses empty, too long, control and invisible formatting characters; keeps markup as plain text', () => {
    expect(chatText(' \n ')).toEqual({ ok: false, code: 'chat/empty' });
    expect(chatText('é'.repeat(CHAT_MAX_LENGTH)).ok).toBe(true);
    expect(chatText('x'.repeat(CHAT_MAX_LENGTH + 1))).toEqual({ ok: false, code: 'chat/too-long' });
    expect(chatText('🚀'.repeat(CHAT_MAX_LENGTH)).ok).toBe(true); // characters, not UTF-16 units
    for (const bad of ['a\u0000b', 'bell\u0007', 'x\u202ey', 'zero\u200bwidth', '\ufeffbom', 'del\u007f']) expect(chatText(bad)).toEqual({ ok: false, code: 'chat/invalid-text' });
    expect(chatText('<script>alert(1)</script>')).toEqual({ ok: true, value: '<script>alert(1)</script>' });
  });
});

describe('chat allowance', () => {
  it('lets a burst through, then one message per refill period', () => {
    let allowance: ChatAllowance | undefined;
    for (let i = 0; i < CHAT_BURST; i++) {
      const next = spendChat(allowance, T0);
      expect(next).not.toBeNull();
      allowance = next!;
    }
    expect(spendChat(allowance, T0)).toBeNull();
    expect(spendChat(allowance, T0 + CHAT_REFILL_MS - 1)).toBeNull();
    const later = spendChat(allowance, T0 + CHAT_REFILL_MS);
    expect(later).not.toBeNull();
    expect(spendChat(later!, T0 + CHAT_REFILL_MS)).toBeNull();
    // a long silence refills no more than the burst
    let rested: ChatAllowance | null = { tokens: 0, at: T0 };
    let sent = 0;
    while ((rested = spendChat(rested, T0 + 3_600_000))) sent++;
    expect(sent).toBe(CHAT_BURST);
  });
});
