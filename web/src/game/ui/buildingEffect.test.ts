import { describe, expect, it } from 'vitest';
import { buildingEffects } from './buildingEffect';

describe('what the next level does', () => {
  it('shows a mine’s output (with game speed) and energy use', () => {
    expect(buildingEffects('metalMine', 0, 1)).toEqual([
      { label: 'Max metal output', now: '0/h', next: '+33/h', tone: 'gain' },
      { label: 'Energy use', now: '0', next: '11', tone: 'cost' },
    ]);
    expect(buildingEffects('metalMine', 0, 10)[0]!.next).toBe('+330/h');
  });

  it('shows the solar plant’s supply and storage capacity', () => {
    expect(buildingEffects('solarPlant', 1, 1)).toEqual([{ label: 'Energy supply', now: '22', next: '48', tone: 'gain' }]);
    expect(buildingEffects('storage', 0, 1)).toEqual([{ label: 'Capacity', now: '10,000', next: '20,000', tone: 'gain' }]);
  });

  it('shows build speed for the command center and shipyard', () => {
    expect(buildingEffects('commandCenter', 2, 1)).toEqual([{ label: 'Build speed', now: '×3', next: '×4', tone: 'gain' }]);
    expect(buildingEffects('shipyard', 0, 1)).toEqual([{ label: 'Ship build speed', now: 'None', next: '×2', tone: 'gain' }]);
  });

  it('has nothing numeric to say about the defense grid yet', () => {
    expect(buildingEffects('defenseGrid', 0, 1)).toEqual([]);
  });
});
