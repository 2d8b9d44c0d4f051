import type { BuildingId, ResourceId, ShipId } from '@starscape/shared';

/** Small line-art glyphs for resources and buildings (24×24, currentColor). */

const RESOURCE_PATHS: Record<ResourceId | 'energy', string> = {
  metal: 'M12 3 20 7.5v9L12 21l-8-4.5v-9L12 3Zm0 0v9m8-4.5L12 12 4 7.5',
  crystal: 'M12 2 18 9l-6 13L6 9l6-7Zm-6 7h12M12 2l-2 7 2 13 2-13-2-7',
  fuel: 'M12 3s6 6.6 6 11a6 6 0 0 1-12 0c0-4.4 6-11 6-11Zm-2.5 12a2.5 2.5 0 0 0 2.5 2.5',
  energy: 'M13 2 5 13.5h6L10 22l8-11.5h-6L13 2Z',
};

export function ResourceIcon({ resource, size = 20 }: { resource: ResourceId | 'energy'; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinejoin="round" strokeLinecap="round" aria-hidden="true">
      <path d={RESOURCE_PATHS[resource]} />
    </svg>
  );
}

const BUILDING_PATHS: Record<BuildingId, string> = {
  metalMine: 'M3 20h18M5 20l3-9h8l3 9M9 11V6l3-3 3 3v5M12 11v9M8 15h8',
  crystalMine: 'M3 20h18M7 20l2-8 3-7 3 7 2 8M9 12h6M12 5v15',
  fuelRefinery: 'M3 20h18M5 20V9h5v11M14 20V5h5v15M10 13h4M7 6V4M16.5 3V2M5 9l2.5-3L10 9',
  solarPlant: 'M3 20h18M12 20v-5M4 15h16l-2-8H6l-2 8Zm5-8-1 8m8-8 1 8M5 11h14',
  storage: 'M4 8h16v12H4V8Zm0 0 2-4h12l2 4M9 12h6M4 16h16',
  commandCenter: 'M3 20h18M6 20V10l6-4 6 4v10M10 20v-5h4v5M12 6V2m0 0 3 1.5L12 5',
  shipyard: 'M3 20h18M4 20V8h4v12M16 20V8h4v12M8 8h8M6 8V4h12v4M10 14l2-3 2 3-2 3-2-3Z',
  defenseGrid: 'M12 2 20 5v6c0 5-3.4 9-8 11-4.6-2-8-6-8-11V5l8-3Zm0 5v8m-4-4h8',
};

export function BuildingIcon({ building, size = 28 }: { building: BuildingId; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" aria-hidden="true">
      <path d={BUILDING_PATHS[building]} />
    </svg>
  );
}

export function ClockIcon({ size = 14 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" style={{ verticalAlign: '-2px' }}>
      <circle cx="12" cy="13" r="8" />
      <path d="M12 9v4l2.5 2.5M9 2h6" />
    </svg>
  );
}

/** Ships seen from above, bow up: the silhouette grows with the hull class. */
const SHIP_PATHS: Record<ShipId, string> = {
  scout: 'M12 2.5 15 13l-3-1.8L9 13l3-10.5ZM12 14.5v2M12 19v2.5M7.5 9 5 11.5M16.5 9l2.5 2.5',
  fighter: 'M12 2.5 14 9l7 6v2.5l-7-2-1 3.5 2.5 2H8.5l2.5-2-1-3.5-7 2V15l7-6 2-6.5ZM12 9v6',
  frigate: 'M12 2 15 6v12l-3 4-3-4V6l3-4ZM9 9H5.5v7L9 15M15 9h3.5v7L15 15M12 7v8',
  cruiser: 'M12 1.5 16.5 8v9l-1.5 4.5H9L7.5 17V8L12 1.5ZM7.5 10.5 4 12.5v6l3.5-1.5M16.5 10.5l3.5 2v6L16.5 17M10 21.5V18h4v3.5M12 5.5v8.5',
  hauler: 'M9.5 2.5h5L16 5H8l1.5-2.5ZM6 5h12v13H6V5Zm0 4.5h12M6 13.5h12M8.5 18v3M15.5 18v3M12 18v2.5',
};

export function ShipIcon({ ship, size = 28 }: { ship: ShipId; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" aria-hidden="true">
      <path d={SHIP_PATHS[ship]} />
    </svg>
  );
}

export type StatId = 'attack' | 'shield' | 'hull' | 'speed' | 'cargo';

const STAT_PATHS: Record<StatId, string> = {
  attack: 'M12 2.5v5M12 16.5v5M2.5 12h5M16.5 12h5M12 7.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9Z',
  shield: 'M12 3 19 6v5.5c0 4.4-3 7.9-7 9.5-4-1.6-7-5.1-7-9.5V6l7-3Z',
  hull: 'M4 6h16v12H4V6Zm5 0v12m6-12v12M4 12h5m6 0h5',
  speed: 'M4 6l6 6-6 6M12 6l6 6-6 6',
  cargo: 'M4 8l8-4 8 4v8l-8 4-8-4V8Zm0 0 8 4 8-4M12 12v8',
};

export function StatIcon({ stat, size = 14 }: { stat: StatId; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" aria-hidden="true">
      <path d={STAT_PATHS[stat]} />
    </svg>
  );
}
