/** Number and time formatting for the game view. Amounts are shown floored: a stock is whole units. */

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** 12480.7 → "12,480"; one million and up → "1.2M". */
export function formatAmount(value: number): string {
  const floored = Math.floor(value);
  return Math.abs(floored) >= 1_000_000 ? compact.format(floored) : whole.format(floored);
}

/** A stat or total, short enough for a chip: "4,000", "27K", "1.2M". */
export function formatCompact(value: number): string {
  const floored = Math.floor(value);
  return Math.abs(floored) >= 10_000 ? compact.format(floored) : whole.format(floored);
}

/** A rate per hour: "+96/h", "+2.5/h", "0/h". */
export function formatRate(perHour: number): string {
  if (perHour === 0) return '0/h';
  const digits = Math.abs(perHour) < 10 ? 1 : 0;
  const text = Math.abs(perHour) >= 1_000_000 ? compact.format(perHour) : perHour.toLocaleString('en-US', { maximumFractionDigits: digits });
  return `${perHour > 0 ? '+' : ''}${text}/h`;
}

/** A build time: "45s", "3m 05s", "1h 02m", "2d 04h". Rounds up, so "0s" never shows for time left. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days}d ${pad(hours)}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** A countdown clock: "4:07", "1:02:09". */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** 0.734 → "73 %"-style percentage without the space: "73%". */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
