/** The battle id of a fleet's fight: derived, so a repeated arrival finds the same battle. */
export const battleIdOf = (fleetId: string) => `b-${fleetId}`;

/** The attacking fleet of a battle made by `battleIdOf`, or null for an id of another form. */
export function fleetIdOf(battleId: string): string | null {
  return battleId.startsWith('b-') && battleId.length > 2 ? battleId.slice(2) : null;
}

/** The cluster claim of a battle's one live room. */
export const battleClaimKey = (battleId: string) => `battle:${battleId}`;
