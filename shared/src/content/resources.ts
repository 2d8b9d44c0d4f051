/** The stored resources. Energy is a balance (supply − use), never stored. */
export const RESOURCES = ['metal', 'crystal', 'fuel'] as const;
export type ResourceId = (typeof RESOURCES)[number];

/** An amount of each stored resource (a price, a refund, a haul). */
export type Cost = Record<ResourceId, number>;

export const RESOURCE_INFO: Record<ResourceId, { name: string }> = {
  metal: { name: 'Metal' },
  crystal: { name: 'Crystal' },
  fuel: { name: 'Fuel' },
};

/** Production every town has without any mine, per hour at game speed 1; it needs no energy. */
export const BASE_PRODUCTION: Cost = { metal: 30, crystal: 15, fuel: 0 };

/** What a new starbase starts with. */
export const STARTING_STOCK: Cost = { metal: 500, crystal: 300, fuel: 100 };

export function zeroCost(): Cost {
  return { metal: 0, crystal: 0, fuel: 0 };
}
