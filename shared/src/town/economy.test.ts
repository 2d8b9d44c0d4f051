import { describe, expect, it } from 'vitest';
import { buildDuration, energyBalance, mineOutput, productionRates, storageCapacity, upgradeCost } from './economy';
import { newTown } from './production';

const nothingBuilt = newTown(0, 1).buildings;

describe('the economy tables from DESIGN.md', () => {
  it('prices level L+1 as base × factor^L, floored', () => {
    expect(upgradeCost('metalMine', 1)).toEqual({ metal: 60, crystal: 15, fuel: 0 });
    expect(upgradeCost('metalMine', 2)).toEqual({ metal: 90, crystal: 22, fuel: 0 });
    expect(upgradeCost('crystalMine', 3)).toEqual({ metal: 122, crystal: 61, fuel: 0 });
    expect(upgradeCost('commandCenter', 2)).toEqual({ metal: 800, crystal: 240, fuel: 400 });
  });

  it('produces c·L·1.1^L per hour from a mine, floored', () => {
    expect(mineOutput('metalMine', 0)).toBe(0);
    expect(mineOutput('metalMine', 1)).toBe(33);
    expect(mineOutput('metalMine', 10)).toBe(Math.floor(300 * 1.1 ** 10));
    expect(mineOutput('solarPlant', 5)).toBe(0);
  });

  it('balances energy: solar supplies, mines use, mines slow down to supply/use', () => {
    expect(energyBalance(nothingBuilt)).toEqual({ supply: 0, use: 0, factor: 1 });
    const minesOnly = { ...nothingBuilt, metalMine: 1 };
    expect(energyBalance(minesOnly)).toEqual({ supply: 0, use: 11, factor: 0 });
    const half = { ...nothingBuilt, metalMine: 2, solarPlant: 1 };
    const e = energyBalance(half);
    expect(e.supply).toBe(22);
    expect(e.use).toBe(25);
    expect(e.factor).toBeCloseTo(22 / 25);
  });

  it('applies base production, the energy factor and game speed to rates', () => {
    expect(productionRates(nothingBuilt, 1)).toEqual({ metal: 30, crystal: 15, fuel: 0 });
    expect(productionRates({ ...nothingBuilt, metalMine: 1 }, 1)).toEqual({ metal: 30, crystal: 15, fuel: 0 });
    const powered = { ...nothingBuilt, metalMine: 1, solarPlant: 1 };
    expect(productionRates(powered, 1).metal).toBe(30 + 33);
    expect(productionRates(powered, 10).metal).toBe((30 + 33) * 10);
  });

  it('stores 5000·⌊2.5·e^(20L/33)⌋ of each resource', () => {
    expect(storageCapacity(0)).toBe(10_000);
    expect(storageCapacity(1)).toBe(20_000);
    expect(storageCapacity(2)).toBe(40_000);
  });

  it('takes (metal + crystal) / (2500 · (1 + command center)) hours to build, divided by game speed', () => {
    expect(buildDuration({ metal: 60, crystal: 15, fuel: 0 }, 0, 1)).toBe(108_000);
    expect(buildDuration({ metal: 60, crystal: 15, fuel: 0 }, 1, 1)).toBe(54_000);
    expect(buildDuration({ metal: 60, crystal: 15, fuel: 0 }, 0, 100)).toBe(1_080);
    expect(buildDuration({ metal: 0, crystal: 0, fuel: 0 }, 0, 1)).toBe(1);
  });
});
