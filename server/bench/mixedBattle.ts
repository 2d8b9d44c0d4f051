import type { BattleSetup } from '@starscape/shared';

/** A mixed battle of `ships` ships, half a side: 15% cruisers, 30% frigates, the rest fighters. */
export function setup(ships: number, seed: number): BattleSetup {
  const side = ships / 2;
  const cruiser = Math.floor(side * 0.15);
  const frigate = Math.floor(side * 0.3);
  const fighter = side - cruiser - frigate;
  const fleet = { fighter, frigate, cruiser };
  return { seed, attacker: { ships: fleet }, defender: { ships: fleet } };
}
