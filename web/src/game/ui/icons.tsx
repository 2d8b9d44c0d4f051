import type { BuildingId, ResourceId } from '@starscape/shared';

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
