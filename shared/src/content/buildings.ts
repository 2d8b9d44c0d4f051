import type { Cost, ResourceId } from './resources';

export const BUILDINGS = [
  'metalMine',
  'crystalMine',
  'fuelRefinery',
  'solarPlant',
  'storage',
  'commandCenter',
  'shipyard',
  'defenseGrid',
] as const;
export type BuildingId = (typeof BUILDINGS)[number];

/** Levels of every building; 0 means not built. */
export type BuildingLevels = Record<BuildingId, number>;

/** Highest level any building can reach; keeps every number far inside float precision. */
export const MAX_BUILDING_LEVEL = 40;

export interface BuildingInfo {
  name: string;
  description: string;
  /** cost of reaching level 1; level L+1 costs baseCost × costFactor^L (each part floored) */
  baseCost: Cost;
  costFactor: number;
  /** what a level of this building produces per hour at game speed 1 (with full energy) */
  produces?: ResourceId;
  /** per-level production coefficient c in c·L·1.1^L */
  productionPerLevel?: number;
  /** per-level energy coefficient: use for mines (c·L·1.1^L), supply for the solar plant */
  energyUsePerLevel?: number;
  energySupplyPerLevel?: number;
}

/** The building table from DESIGN.md, kept as data so it can be tuned in one place. */
export const BUILDING_INFO: Record<BuildingId, BuildingInfo> = {
  metalMine: {
    name: 'Metal Mine',
    description: 'Strips asteroid ore into refined metal, the backbone of every hull and structure.',
    baseCost: { metal: 60, crystal: 15, fuel: 0 },
    costFactor: 1.5,
    produces: 'metal',
    productionPerLevel: 30,
    energyUsePerLevel: 10,
  },
  crystalMine: {
    name: 'Crystal Mine',
    description: 'Grows lattice crystal for electronics, shields and sensors.',
    baseCost: { metal: 48, crystal: 24, fuel: 0 },
    costFactor: 1.6,
    produces: 'crystal',
    productionPerLevel: 20,
    energyUsePerLevel: 10,
  },
  fuelRefinery: {
    name: 'Fuel Refinery',
    description: 'Cracks gas-giant vapour into starship fuel. Power hungry.',
    baseCost: { metal: 225, crystal: 75, fuel: 0 },
    costFactor: 1.5,
    produces: 'fuel',
    productionPerLevel: 10,
    energyUsePerLevel: 20,
  },
  solarPlant: {
    name: 'Solar Plant',
    description: 'Collector arrays that power the mines. Without energy, mines slow down.',
    baseCost: { metal: 75, crystal: 30, fuel: 0 },
    costFactor: 1.5,
    energySupplyPerLevel: 20,
  },
  storage: {
    name: 'Storage',
    description: 'Silos and tanks. Production stops when a resource reaches its capacity.',
    baseCost: { metal: 1000, crystal: 500, fuel: 0 },
    costFactor: 2,
  },
  commandCenter: {
    name: 'Command Center',
    description: 'Coordinates construction crews: every level shortens build times.',
    baseCost: { metal: 400, crystal: 120, fuel: 200 },
    costFactor: 2,
  },
  shipyard: {
    name: 'Shipyard',
    description: 'Docks and assembly lines for starships. Every level shortens ship build times.',
    baseCost: { metal: 400, crystal: 200, fuel: 100 },
    costFactor: 2,
  },
  defenseGrid: {
    name: 'Defense Grid',
    description: 'Turrets and shield projectors that defend the starbase in battle.',
    baseCost: { metal: 500, crystal: 500, fuel: 250 },
    costFactor: 2,
  },
};
