import { describe, expect, it } from 'vitest';
import { HitTargets } from './hitTargets';

describe('what a click on the battle canvas hits', () => {
  // a melee: the commander's own fighter is drawn 4 px from the click, the enemy frigate 10 px from it
  const melee = () => {
    const hits = new HitTargets();
    hits.add(0, 104, 100, 'attacker');
    hits.add(7, 110, 100, 'defender');
    hits.add(9, 300, 300, 'defender');
    return hits;
  };

  it('takes the nearest unit of the side asked for, even with another side\'s unit nearer', () => {
    expect(melee().nearest(100, 100, 22, 'defender')).toBe(7);
    expect(melee().nearest(100, 100, 22, 'attacker')).toBe(0);
  });

  it('takes the nearest unit of either side without one', () => {
    expect(melee().nearest(100, 100, 22)).toBe(0);
  });

  it('hits nothing beyond reach, or after the units are cleared', () => {
    expect(melee().nearest(200, 200, 22, 'defender')).toBe(-1);
    const hits = melee();
    hits.clear();
    expect(hits.nearest(100, 100, 22)).toBe(-1);
  });
});
