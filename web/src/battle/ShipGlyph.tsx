import type { BattleSide, CombatUnitType } from '@starscape/shared';
import { shapePath, unitFill, unitPalette } from './shapes';

/** A unit drawn as the arena draws it (same outline and colours), for legends and reports. */
export function ShipGlyph({ type, side, size = 18, title }: { type: CombatUnitType; side: BattleSide; size?: number; title?: string }) {
  const palette = unitPalette(side, type);
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden={title ? undefined : true} role={title ? 'img' : undefined} style={{ flex: 'none' }}>
      {title && <title>{title}</title>}
      <path d={shapePath(type, size, side === 'attacker' ? 'right' : 'left')} fill={unitFill(side, type)} stroke={palette.edge} strokeWidth={0.8} strokeLinejoin="round" />
      {type === 'turret' && <circle cx={size / 2} cy={size / 2} r={size * 0.18} fill="none" stroke={unitFill(side, 'fighter')} strokeWidth={1} />}
    </svg>
  );
}
