/** A target picked outside the raid panel (on the galaxy map, on a profile), with what is known of it. */
export interface PreselectedTarget {
  townId: string;
  name: string | null;
  ownerName: string | null;
}

/** What the raid panel needs of a target, listed or picked elsewhere. */
export interface RaidPick {
  townId: string;
  name: string;
  ownerName: string | null;
}

/**
 * The raid panel's target. The list of open targets holds only the newest raidable starbases, so a starbase
 * picked on the map may be missing from it: then it is offered on its own (`outside`), by the name the map showed
 * (or a plain description when the player came by link), and the server checks it when the raid is launched.
 */
export function resolveRaidTarget(
  listed: readonly { townId: string; name: string; ownerName: string }[],
  pickedId: string | null,
  preselected: PreselectedTarget | null,
): { target: RaidPick | null; outside: RaidPick | null } {
  const inList = listed.find((t) => t.townId === pickedId) ?? null;
  const outside =
    preselected && !listed.some((t) => t.townId === preselected.townId)
      ? { townId: preselected.townId, name: preselected.name ?? 'the starbase you picked', ownerName: preselected.ownerName }
      : null;
  const target = inList ? { townId: inList.townId, name: inList.name, ownerName: inList.ownerName } : outside && pickedId === outside.townId ? outside : null;
  return { target, outside };
}
