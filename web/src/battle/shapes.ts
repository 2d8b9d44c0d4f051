import type { BattleSide, CombatUnitType } from '@starscape/shared';

/**
 * How each unit looks in the arena: an outline with its bow along +x, in units of its size (−1…1), and its size
 * in CSS pixels on a 1000-pixel-wide arena. The canvas and the legend's SVG glyphs both draw from this table.
 */
export interface UnitShape {
  points: readonly (readonly [number, number])[];
  /** half its length, in CSS pixels at UI scale 1 */
  size: number;
  name: string;
}

export const UNIT_SHAPES: Record<CombatUnitType, UnitShape> = {
  scout: {
    name: 'Scout',
    size: 4.2,
    points: [
      [1, 0],
      [-0.8, 0.5],
      [-0.35, 0],
      [-0.8, -0.5],
    ],
  },
  fighter: {
    name: 'Fighter',
    size: 5.6,
    points: [
      [1, 0],
      [-0.75, 0.8],
      [-0.35, 0],
      [-0.75, -0.8],
    ],
  },
  frigate: {
    name: 'Frigate',
    size: 8,
    points: [
      [1, 0],
      [0.3, 0.46],
      [-0.9, 0.46],
      [-0.65, 0],
      [-0.9, -0.46],
      [0.3, -0.46],
    ],
  },
  cruiser: {
    name: 'Cruiser',
    size: 12,
    points: [
      [1, 0],
      [0.45, 0.32],
      [0.1, 0.62],
      [-0.85, 0.62],
      [-1, 0.28],
      [-0.8, 0],
      [-1, -0.28],
      [-0.85, -0.62],
      [0.1, -0.62],
      [0.45, -0.32],
    ],
  },
  hauler: {
    name: 'Hauler',
    size: 8,
    points: [
      [1, 0.22],
      [1, -0.22],
      [0.72, -0.6],
      [-0.95, -0.6],
      [-0.95, 0.6],
      [0.72, 0.6],
    ],
  },
  turret: {
    name: 'Turret',
    size: 10,
    points: Array.from({ length: 8 }, (_, i) => {
      const a = ((i + 0.5) * Math.PI) / 4;
      return [Math.cos(a), Math.sin(a)] as const;
    }),
  },
};

/** Side colours: the attacker in cyan and blue, the defender in red and orange, the defense grid's turrets in gold. */
export interface SidePalette {
  fill: string;
  edge: string;
  shot: string;
  glow: string;
  /** r, g, b of `fill`, for translucent variants */
  rgb: readonly [number, number, number];
}

export const SIDE_PALETTE: Record<BattleSide, SidePalette> = {
  attacker: { fill: '#38d6ff', edge: '#c9f6ff', shot: '#8ff4ff', glow: 'rgba(56, 214, 255, 0.55)', rgb: [56, 214, 255] },
  defender: { fill: '#ff5a6e', edge: '#ffd2c2', shot: '#ffab6b', glow: 'rgba(255, 90, 110, 0.55)', rgb: [255, 90, 110] },
};

/** Big hulls of each side take the second tone, so a fleet reads as a mix at a glance. */
export const HEAVY_FILL: Record<BattleSide, string> = { attacker: '#4b8dff', defender: '#ff8f3f' };

export const TURRET_PALETTE: SidePalette = { fill: '#ffc94a', edge: '#fff1c2', shot: '#ffe27a', glow: 'rgba(255, 201, 74, 0.55)', rgb: [255, 201, 74] };

/** The fill of one unit type on one side. */
export function unitFill(side: BattleSide, type: CombatUnitType): string {
  if (type === 'turret') return TURRET_PALETTE.fill;
  return type === 'cruiser' || type === 'hauler' ? HEAVY_FILL[side] : SIDE_PALETTE[side].fill;
}

export function unitPalette(side: BattleSide, type: CombatUnitType): SidePalette {
  return type === 'turret' ? TURRET_PALETTE : SIDE_PALETTE[side];
}

/** The outline as an SVG path in a box of `box` pixels, bow pointing `facing` (right for the attacker). */
export function shapePath(type: CombatUnitType, box: number, facing: 'right' | 'left' = 'right'): string {
  const half = box / 2;
  const r = half * 0.88;
  const flip = facing === 'left' ? -1 : 1;
  return (
    UNIT_SHAPES[type].points
      .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${(half + flip * x * r).toFixed(2)} ${(half + y * r).toFixed(2)}`)
      .join(' ') + ' Z'
  );
}
