import { SECTOR_SLOTS } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { cardPlacement, isRaidable, mapLabel, markerRadius, protectionLeft, sectorSummary, shortName, slotCenter, VIEW } from './mapLayout';

describe('the sector map’s layout', () => {
  it('puts every slot in its own cell around the star, none on it', () => {
    const centres = Array.from({ length: SECTOR_SLOTS }, (_, slot) => slotCenter(slot));
    expect(new Set(centres.map((c) => `${c.x},${c.y}`)).size).toBe(SECTOR_SLOTS);
    expect(centres).not.toContainEqual({ x: VIEW / 2, y: VIEW / 2 });
    expect(slotCenter(0)).toEqual({ x: 50, y: 50 });
    expect(slotCenter(12)).toEqual({ x: 350, y: 250 });
  });

  it('draws bigger markers for more points, within bounds', () => {
    expect(markerRadius(0)).toBe(10);
    expect(markerRadius(100)).toBeGreaterThan(markerRadius(10));
    expect(markerRadius(1e12)).toBe(24);
    expect(markerRadius(Number.NaN)).toBe(10);
  });

  it('shortens long names with an ellipsis', () => {
    expect(shortName('Vega')).toBe('Vega');
    expect(shortName("Admiral Vega's Starbase")).toBe('Admiral Vega…');
    expect([...shortName('🚀'.repeat(20))]).toHaveLength(14);
  });

  it('labels a starbase still named after its commander by the commander', () => {
    expect(mapLabel("Admiral Vega's Starbase")).toBe('Admiral Vega');
    expect(mapLabel('Rex’s starbase')).toBe('Rex');
    expect(mapLabel('Fortress Obsidian Prime')).toBe('Fortress Obsi…');
    expect(mapLabel("'s Starbase")).toBe("'s Starbase");
  });

  it('opens a card towards the middle of the map', () => {
    expect(cardPlacement(0)).toMatchObject({ side: 'right', vertical: 'down', left: 10, top: 10 });
    expect(cardPlacement(23)).toMatchObject({ side: 'left', vertical: 'up', left: 90, top: 90 });
  });

  it('tells a protected newcomer from a raidable starbase, and never offers one’s own', () => {
    const town = { townId: 't-rex', protectedUntil: 10_000 };
    expect(protectionLeft(town, 4_000)).toBe(6_000);
    expect(isRaidable(town, 't-me', 4_000)).toBe(false);
    expect(isRaidable(town, 't-me', 10_000)).toBe(true);
    expect(isRaidable(town, 't-rex', 20_000)).toBe(false);
  });

  it('counts the starbases and who is online', () => {
    expect(sectorSummary([{ online: true }, { online: false }, { online: true }])).toEqual({ count: 3, online: 2 });
  });
});
