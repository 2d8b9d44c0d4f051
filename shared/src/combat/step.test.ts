import { describe, expect, it } from 'vitest';
import { SHIP_INFO } from '../content/ships';
import type { BattleState } from './Battle';
import { arena } from './fixtures';
import { RETARGET_STEPS, step, stepInPlace } from './step';
import { battleView } from './view';

/** Advances `state` in place `n` steps and returns it. */
function run(state: BattleState, n: number): BattleState {
  for (let i = 0; i < n; i++) stepInPlace(state);
  return state;
}

/** A fixed pair: `a` (attacker) and `b` (defender) that do not move. */
function fixedPair(a: Parameters<typeof arena>[0][number]['type'], b: Parameters<typeof arena>[0][number]['type'], distance: number): BattleState {
  const state = arena([
    { side: 'attacker', type: a, x: 1000, y: 3000 },
    { side: 'defender', type: b, x: 1000 + distance, y: 3000 },
  ]);
  state.stats[a] = { ...state.stats[a], speed: 0 };
  state.stats[b] = { ...state.stats[b], speed: 0 };
  return state;
}

describe('movement', () => {
  it('a ship flies straight at its target at its arena speed per step', () => {
    const state = step(arena([
      { side: 'attacker', type: 'fighter', x: 1000, y: 3000 },
      { side: 'defender', type: 'frigate', x: 5000, y: 3000 },
    ]));
    expect(state.ships[0]).toMatchObject({ x: 1000 + SHIP_INFO.fighter.combat.arenaSpeed, y: 3000, target: 1 });
    expect(state.ships[1]).toMatchObject({ x: 5000 - SHIP_INFO.frigate.combat.arenaSpeed, y: 3000, target: 0 });
  });

  it('a diagonal move is normalised with sqrt and truncated toward zero to whole units', () => {
    const state = step(arena([
      { side: 'attacker', type: 'fighter', x: 1000, y: 1000 },
      { side: 'defender', type: 'frigate', x: 4000, y: 5000 },
    ]));
    // 3-4-5 triangle: the fighter (45 a step) moves exactly (27, 36); the frigate (28) moves (-16.8, -22.4).
    expect(state.ships[0]).toMatchObject({ x: 1027, y: 1036 });
    expect(state.ships[1]).toMatchObject({ x: 4000 - 16, y: 5000 - 22 });
  });

  it('a ship closes in only until its target is within reach, then holds', () => {
    const state = arena([
      { side: 'attacker', type: 'fighter', x: 1000, y: 3000 },
      { side: 'defender', type: 'frigate', x: 1370, y: 3000 },
    ]);
    state.stats.frigate = { ...state.stats.frigate, speed: 0 };
    // reach = fighter range 320 + frigate radius 40; it stops 10 inside: 20 units to go, not a full 45.
    run(state, 1);
    expect(state.ships[0]!.x).toBe(1020);
    expect(state.ships[0]!.shot).toBe(1);
    run(state, 3);
    expect(state.ships[0]!.x).toBe(1020);
  });

  it('turrets never move', () => {
    const state = run(arena([
      { side: 'attacker', type: 'cruiser', x: 2000, y: 3000 },
      { side: 'defender', type: 'turret', x: 8500, y: 3000 },
    ]), 20);
    expect(state.ships[1]).toMatchObject({ x: 8500, y: 3000 });
    expect(state.ships[0]!.x).toBeGreaterThan(2000);
  });

  it('ships on the same spot are pushed apart, one up and one down', () => {
    const state = run(arena([
      { side: 'attacker', type: 'fighter', x: 1000, y: 3000 },
      { side: 'attacker', type: 'fighter', x: 1000, y: 3000 },
      { side: 'defender', type: 'scout', x: 8000, y: 3000 },
    ]), 3);
    const [a, b] = state.ships;
    expect(a!.x).toBe(b!.x);
    expect(a!.y).toBeLessThan(3000);
    expect(b!.y).toBeGreaterThan(3000);
  });

  it('positions stay whole numbers inside the arena', () => {
    const state = run(arena([
      { side: 'attacker', type: 'fighter', x: 0, y: 0 },
      { side: 'attacker', type: 'fighter', x: 0, y: 0 },
      { side: 'defender', type: 'fighter', x: 9000, y: 6000 },
      { side: 'defender', type: 'cruiser', x: 8990, y: 5990 },
    ]), 200);
    for (const s of state.ships) {
      expect(Number.isInteger(s.x) && Number.isInteger(s.y)).toBe(true);
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.x).toBeLessThanOrEqual(state.width);
      expect(s.y).toBeGreaterThanOrEqual(0);
      expect(s.y).toBeLessThanOrEqual(state.height);
    }
  });
});

describe('range and cooldown', () => {
  it('a ship fires when its target is within its range plus the target radius, not one unit further', () => {
    const reach = SHIP_INFO.fighter.combat.range + SHIP_INFO.cruiser.combat.radius;
    expect(step(fixedPair('fighter', 'cruiser', reach)).ships[0]!.shot).toBe(1);
    expect(step(fixedPair('fighter', 'cruiser', reach + 1)).ships[0]!.shot).toBe(-1);
  });

  it('a gun with a cooldown of 2 fires every second step', () => {
    const state = fixedPair('fighter', 'cruiser', 300);
    const shots: number[] = [];
    for (let i = 0; i < 6; i++) shots.push(stepInPlace(state).ships[0]!.shot);
    expect(SHIP_INFO.fighter.combat.cooldown).toBe(2);
    expect(shots).toEqual([1, -1, 1, -1, 1, -1]);
  });

  it('a ready gun with nothing in reach stays ready', () => {
    const state = run(fixedPair('fighter', 'cruiser', 3000), 5);
    expect(state.ships.map((s) => [s.shot, s.cooldown])).toEqual([[-1, 0], [-1, 0]]);
  });
});

describe('damage', () => {
  it('a hit drains the shield first, then the hull, by the attack give or take 20%', () => {
    const state = fixedPair('cruiser', 'fighter', 500); // the fighter cannot reach back
    state.stats.fighter = { ...state.stats.fighter, evasion: 0 };
    const fighter = step(state).ships[1]!;
    expect(fighter.shield).toBe(0);
    const damage = 200 + (4000 - fighter.hull); // shield pool 10 × 20 = 200
    expect(damage).toBeGreaterThanOrEqual(320);
    expect(damage).toBeLessThanOrEqual(480);
  });

  it('a shot smaller than the shield pool leaves the hull whole, and the pool regains shield ÷ 5 per step', () => {
    const state = fixedPair('fighter', 'frigate', 300);
    run(state, 1);
    const frigate = state.ships[1]!;
    expect(frigate.hull).toBe(10_000);
    expect(frigate.shield).toBeGreaterThanOrEqual(500 - 60);
    expect(frigate.shield).toBeLessThanOrEqual(500 - 40);
    const drained = frigate.shield;
    run(state, 1); // the fighter reloads this step
    expect(state.ships[0]!.shot).toBe(-1);
    expect(state.ships[1]!.shield).toBe(drained + 25 / 5);
  });

  it('fire is simultaneous: a ship destroyed in a step still fires in it', () => {
    const state = fixedPair('frigate', 'frigate', 500);
    state.ships[1]!.hull = 1;
    state.ships[1]!.shield = 0;
    run(state, 1);
    expect(state.ships[1]).toMatchObject({ status: 'destroyed', hull: 0, shot: 0, hit: true });
    expect(state.ships[0]!.shield).toBeLessThan(500);
    expect(state.winner).toBe('attacker');
  });

  it('evasion makes shots miss; the shooter tracking cancels it', () => {
    const dodging = fixedPair('cruiser', 'fighter', 500);
    dodging.stats.fighter = { ...dodging.stats.fighter, evasion: 100 };
    run(dodging, 10);
    expect(dodging.ships[1]).toMatchObject({ hull: 4000, shield: 200, shot: -1 });
    expect(dodging.ships[0]).toMatchObject({ hit: false });

    const tracked = fixedPair('cruiser', 'fighter', 500);
    tracked.stats.fighter = { ...tracked.stats.fighter, evasion: 100 };
    tracked.stats.cruiser = { ...tracked.stats.cruiser, tracking: 100 };
    run(tracked, 1);
    expect(tracked.ships[0]!.hit).toBe(true);
    expect(tracked.ships[1]!.hull).toBeLessThan(4000);
  });

  it('broken hulls are destroyed and count for the other side', () => {
    const state = fixedPair('cruiser', 'scout', 500);
    state.stats.scout = { ...state.stats.scout, evasion: 0 };
    run(state, 10);
    expect(state.ships[1]!.status).toBe('destroyed');
    expect(state.winner).toBe('attacker');
  });
});

describe('targeting', () => {
  it('each armed ship goes for the nearest enemy, the lowest id on ties', () => {
    const tie = step(arena([
      { side: 'attacker', type: 'fighter', x: 3000, y: 3000 },
      { side: 'defender', type: 'scout', x: 3600, y: 3000 },
      { side: 'defender', type: 'scout', x: 3000, y: 3600 },
    ]));
    expect(tie.ships[0]!.target).toBe(1);
    const nearer = step(arena([
      { side: 'attacker', type: 'fighter', x: 3000, y: 3000 },
      { side: 'defender', type: 'scout', x: 3600, y: 3000 },
      { side: 'defender', type: 'scout', x: 3000, y: 3600 },
      { side: 'defender', type: 'scout', x: 3000, y: 2500 },
    ]));
    expect(nearer.ships[0]!.target).toBe(3);
  });

  it(`a ship keeps its target until its next re-pick (every ${RETARGET_STEPS} steps), even if another enemy comes closer`, () => {
    const state = arena([
      { side: 'attacker', type: 'fighter', x: 3000, y: 3000 },
      { side: 'defender', type: 'hauler', x: 3500, y: 3000 },
      { side: 'defender', type: 'hauler', x: 3000, y: 3700 },
    ]);
    state.stats.hauler = { ...state.stats.hauler, evasion: 100, speed: 0 };
    run(state, 1);
    expect(state.ships[0]!.target).toBe(1);
    state.ships[2]!.y = 3100; // now nearest
    run(state, RETARGET_STEPS - 1);
    expect(state.ships[0]!.target).toBe(1);
    run(state, 1); // step 10 is ship 0's re-pick
    expect(state.ships[0]!.target).toBe(2);
  });

  it('when its target is destroyed a ship picks the next one at once', () => {
    const state = arena([
      { side: 'attacker', type: 'fighter', x: 3000, y: 3000 },
      { side: 'defender', type: 'hauler', x: 3300, y: 3000 },
      { side: 'defender', type: 'hauler', x: 3000, y: 4000 },
    ]);
    state.ships[1]!.hull = 1;
    state.ships[1]!.shield = 0;
    run(state, 1);
    expect(state.ships[1]!.status).toBe('destroyed');
    expect(state.ships[0]!.target).toBe(-1);
    run(state, 1);
    expect(state.ships[0]!.target).toBe(2);
  });

  it('unarmed ships pick no target and hold their position while their side has a gun', () => {
    const state = run(arena([
      { side: 'attacker', type: 'scout', x: 3000, y: 3000 },
      { side: 'attacker', type: 'cruiser', x: 1000, y: 1000 },
      { side: 'defender', type: 'hauler', x: 8000, y: 3000 },
    ]), 5);
    expect(state.ships[0]).toMatchObject({ x: 3000, y: 3000, target: -1 });
    expect(state.ships[2]!.target).toBe(0);
  });

  it('unarmed ships of a side with no gun left run for their own edge and escape', () => {
    const state = arena([
      { side: 'attacker', type: 'scout', x: 3000, y: 3000 },
      { side: 'defender', type: 'turret', x: 8500, y: 3000 },
    ]);
    run(state, 1);
    expect(state.ships[0]!.x).toBe(3000 - SHIP_INFO.scout.combat.arenaSpeed);
    run(state, 60);
    expect(state.ships[0]!.status).toBe('escaped');
    expect(state.winner).toBe('defender');
  });
});

describe('the end of a battle', () => {
  it('a side with no unit left in the arena loses; both gone is a draw', () => {
    const mutual = fixedPair('frigate', 'frigate', 500);
    for (const s of mutual.ships) {
      s.hull = 1;
      s.shield = 0;
    }
    expect(step(mutual).winner).toBe('draw');
  });

  it('a battle where no unit can fire is a draw at once', () => {
    const state = arena([
      { side: 'attacker', type: 'scout', x: 3000, y: 3000 },
      { side: 'defender', type: 'scout', x: 6000, y: 3000 },
    ]);
    expect(step(state)).toMatchObject({ winner: 'draw', step: 1 });
  });

  it('at the step limit the battle is a draw', () => {
    const state = run(arena([
      { side: 'attacker', type: 'cruiser', x: 1000, y: 3000 },
      { side: 'defender', type: 'cruiser', x: 8000, y: 3000 },
    ], { maxSteps: 30 }), 30);
    expect(state).toMatchObject({ winner: 'draw', step: 30 });
  });

  it('stepping a finished battle changes nothing', () => {
    const state = run(fixedPair('cruiser', 'scout', 500), 1);
    state.winner = 'attacker';
    const copy = structuredClone(state);
    expect(step(state)).toBe(state);
    expect(stepInPlace(state)).toEqual(copy);
  });
});

describe('purity', () => {
  it('step never changes its input; stepInPlace gives the same next state', () => {
    const state = arena([
      { side: 'attacker', type: 'fighter', x: 1000, y: 3000 },
      { side: 'attacker', type: 'cruiser', x: 800, y: 3200 },
      { side: 'defender', type: 'frigate', x: 1500, y: 3000 },
      { side: 'defender', type: 'turret', x: 1600, y: 2800 },
    ]);
    const copy = structuredClone(state);
    const next = step(state);
    expect(state).toEqual(copy);
    expect(stepInPlace(structuredClone(state))).toEqual(next);
  });
});

describe('the client view', () => {
  it('lists every unit with its position, hull and shield against their maximums, target and last shot', () => {
    const state = run(fixedPair('cruiser', 'fighter', 500), 1);
    const view = battleView(state);
    expect(view).toMatchObject({ step: 1, maxSteps: 3000, winner: null, width: 9000, height: 6000 });
    expect(view.ships[0]).toEqual({
      id: 0, side: 'attacker', type: 'cruiser', x: 1000, y: 3000, hull: 27_000, maxHull: 27_000,
      shield: 1000, maxShield: 1000, target: 1, status: 'active', shot: 1, hit: state.ships[0]!.hit,
    });
    expect(view.ships[1]).toMatchObject({ maxHull: 4000, maxShield: 200, target: 0, shot: -1 });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});
