import type { CombatUnitType } from '@starscape/shared';
import type { ArenaView } from './starfield';

/** What the drawing functions (units, shots, effects) need from `BattleRenderer` for the frame being drawn. */
export interface Painter {
  readonly ctx: CanvasRenderingContext2D;
  /** the UI scale in device pixels per CSS pixel at 1000 CSS pixels of width */
  readonly ui: number;
  readonly dpr: number;
  /** arena units to device pixels */
  readonly view: ArenaView;
  /** each unit's heading, by id, in radians */
  readonly angles: readonly number[];
  /** half the length of a unit type, in device pixels */
  size(type: CombatUnitType): number;
  /** a soft round glow of `color` (rgba), 64 px, cached */
  sprite(color: string): HTMLCanvasElement;
  /** adds a unit's outline to the current path */
  outline(type: CombatUnitType, x: number, y: number, angle: number, size: number): void;
}
