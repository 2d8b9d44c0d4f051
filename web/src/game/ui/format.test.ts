import { describe, expect, it } from 'vitest';
import { formatAmount, formatCompact, formatCountdown, formatDuration, formatPercent, formatRate } from './format';

describe('game number formats', () => {
  it('shows stocks as whole, grouped units', () => {
    expect(formatAmount(12_480.97)).toBe('12,480');
    expect(formatAmount(0.4)).toBe('0');
    expect(formatAmount(2_345_678)).toBe('2.3M');
  });

  it('shows stats and totals short', () => {
    expect(formatCompact(4_000)).toBe('4,000');
    expect(formatCompact(27_000)).toBe('27K');
    expect(formatCompact(12_500)).toBe('12.5K');
  });

  it('shows rates per hour with a sign', () => {
    expect(formatRate(96.4)).toBe('+96/h');
    expect(formatRate(2.46)).toBe('+2.5/h');
    expect(formatRate(0)).toBe('0/h');
  });

  it('shows build times with their two largest units, rounded up', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(44_100)).toBe('45s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2d 04h');
  });

  it('shows countdowns as a clock', () => {
    expect(formatCountdown(247_000)).toBe('4:07');
    expect(formatCountdown(3_729_000)).toBe('1:02:09');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('shows fractions as whole percents', () => {
    expect(formatPercent(0.734)).toBe('73%');
  });
});
