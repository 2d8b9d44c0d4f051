import { describe, expect, it } from 'vitest';
import { clampSector, parseSectorInput, stepSector } from './sectorNav';

describe('browsing sectors', () => {
  it('steps to the previous and next sector, never past either end', () => {
    expect(stepSector(2, 1, 3)).toBe(3);
    expect(stepSector(2, -1, 3)).toBe(1);
    expect(stepSector(3, 1, 3)).toBeNull();
    expect(stepSector(1, -1, 3)).toBeNull();
    expect(stepSector(1, 1, 1)).toBeNull();
  });

  it('steps back into the galaxy from a sector beyond it', () => {
    expect(stepSector(9, -1, 3)).toBe(3);
    expect(stepSector(9, 1, 3)).toBeNull();
  });

  it('keeps a sector within 1..count', () => {
    expect(clampSector(0, 5)).toBe(1);
    expect(clampSector(7, 5)).toBe(5);
    expect(clampSector(2.6, 5)).toBe(3);
    expect(clampSector(Number.NaN, 5)).toBe(1);
    expect(clampSector(4, 0)).toBe(1);
  });

  it('jumps to a typed sector, pulled into the galaxy; ignores what is no number', () => {
    expect(parseSectorInput(' 4 ', 5)).toBe(4);
    expect(parseSectorInput('#2', 5)).toBe(2);
    expect(parseSectorInput('12', 5)).toBe(5);
    expect(parseSectorInput('0', 5)).toBe(1);
    expect(parseSectorInput('', 5)).toBeNull();
    expect(parseSectorInput('-1', 5)).toBeNull();
    expect(parseSectorInput('2.5', 5)).toBeNull();
    expect(parseSectorInput('three', 5)).toBeNull();
  });
});
