import { randomInt } from 'node:crypto';

/** A display name for a guest, like "Pilot-4821". Not unique: display names never are. */
export function guestName(random: (min: number, max: number) => number = randomInt): string {
  return `Pilot-${random(1000, 10000)}`;
}
