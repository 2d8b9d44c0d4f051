import { z } from 'zod';
import type { Cost } from '../content/resources';
import { SHIPS, type ShipId } from '../content/ships';
import type { BattleOutcome } from './outcome';

/** What a finished battle record stores: the outcome, and what the winner carried off (absent in older records). */
export type StoredBattleOutcome = BattleOutcome & { loot?: Cost };

const count = z.number().int().min(0);
const amount = z.number().finite().min(0);
const counts = z.object(Object.fromEntries(SHIPS.map((s) => [s, count])) as Record<ShipId, typeof count>).strict();
const sideCounts = z.object({ attacker: counts, defender: counts }).strict();

/** Validates a battle record's stored outcome (the `outcome` column). */
export const storedBattleOutcomeSchema: z.ZodType<StoredBattleOutcome> = z
  .object({
    winner: z.enum(['attacker', 'defender', 'draw']).nullable(),
    steps: count,
    survivors: sideCounts,
    losses: sideCounts,
    escaped: sideCounts,
    turrets: z.object({ total: count, destroyed: count }).strict(),
    loot: z.object({ metal: amount, crystal: amount, fuel: amount }).strict().optional(),
  })
  .strict();
