/** The battle simulation: pure, deterministic, fixed-step (10 steps a simulated second). */
export * from './Battle';
export * from './createBattle';
export * from './orders';
export * from './step';
export * from './outcome';
export * from './resolve';
export * from './loot';
export * from './view';
export * from './storedOutcome';
