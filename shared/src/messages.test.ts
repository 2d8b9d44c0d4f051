import { describe, expect, it } from 'vitest';
import { cancelUpgradeSchema, clockRequestSchema, startUpgradeSchema, townJoinOptionsSchema } from './messages';

describe('message validators', () => {
  it('accept the documented payloads', () => {
    expect(startUpgradeSchema.safeParse({ building: 'metalMine' }).success).toBe(true);
    expect(cancelUpgradeSchema.safeParse(undefined).success).toBe(true);
    expect(cancelUpgradeSchema.safeParse({}).success).toBe(true);
    expect(clockRequestSchema.safeParse({ clientTime: 1 }).success).toBe(true);
    expect(townJoinOptionsSchema.safeParse({ townId: 'abc' }).success).toBe(true);
  });

  it('refuse wrong types, unknown buildings, extra fields and non-finite numbers', () => {
    for (const bad of [null, 42, 'metalMine', [], {}, { building: 'deathStar' }, { building: 'metalMine', extra: 1 }, { building: ['metalMine'] }]) {
      expect(startUpgradeSchema.safeParse(bad).success).toBe(false);
    }
    for (const bad of [null, 0, 'x', { now: true }]) expect(cancelUpgradeSchema.safeParse(bad).success).toBe(false);
    for (const bad of [{}, { clientTime: '1' }, { clientTime: Infinity }, { clientTime: NaN }]) {
      expect(clockRequestSchema.safeParse(bad).success).toBe(false);
    }
    for (const bad of [{}, { townId: '' }, { townId: 'x'.repeat(65) }, { townId: 7 }]) {
      expect(townJoinOptionsSchema.safeParse(bad).success).toBe(false);
    }
  });
});
