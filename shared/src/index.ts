/**
 * @starscape/shared: what the server and the web client must agree on. Pure code only: no I/O,
 * no clock, no randomness; time comes in as an argument.
 */
export * from './content/resources';
export * from './content/buildings';
export * from './content/ships';
export * from './errors';
export * from './messages';
export * from './combatMessages';
export * from './galaxyMessages';
export * from './galaxy';
export * from './token';
export * from './town/Town';
export * from './town/economy';
export * from './town/production';
export * from './town/advance';
export * from './town/upgrades';
export * from './town/shipyard';
export * from './town/townStateFields';
export * from './fleet/fleets';
export * from './fleet/cargo';
export * from './fleet/missions';
export * from './fleet/raids';
export * from './fleet/flight';
export * from './random';
export * from './combat';
