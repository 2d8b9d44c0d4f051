import { RESOURCES, RESOURCE_INFO, shipTotal, type FleetInFlight } from '@starscape/shared';

/** One line the player should hear about a fleet that left the list between two states. */
export interface FleetNews {
  fleetId: string;
  tone: 'info' | 'error';
  text: string;
}

/**
 * What happened to fleets between two room states: a returning fleet that is gone has landed (its ships
 * and cargo are home); an outbound or fighting fleet that is gone was wiped out (the rules drop a fleet
 * with no survivors). A fleet that is still listed has no news.
 */
export function fleetNews(previous: readonly FleetInFlight[], next: readonly FleetInFlight[]): FleetNews[] {
  if (previous.length === 0) return [];
  const still = new Set(next.map((f) => f.id));
  return previous
    .filter((f) => !still.has(f.id))
    .map((f): FleetNews => {
      if (f.status !== 'returning') return { fleetId: f.id, tone: 'error', text: `Fleet lost: nobody came back from “${f.mission.title}”.` };
      const ships = shipTotal(f.ships);
      const haul = RESOURCES.filter((r) => f.cargo[r] >= 1).map((r) => `+${Math.floor(f.cargo[r]).toLocaleString('en-US')} ${RESOURCE_INFO[r].name.toLowerCase()}`);
      const docked = `${ships.toLocaleString('en-US')} ${ships === 1 ? 'ship' : 'ships'} docked`;
      return { fleetId: f.id, tone: 'info', text: `Fleet home: ${haul.length > 0 ? `${haul.join(', ')}, ` : ''}${docked}.` };
    });
}
