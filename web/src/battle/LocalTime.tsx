'use client';

import { useEffect, useState } from 'react';

const utc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const local = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", "yesterday"... for times within a week; null beyond. */
export function relativeTime(ms: number, now: number): string | null {
  const seconds = Math.round((ms - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return null;
}

/**
 * A moment in the reader's own time zone. The server renders it in UTC (it does not know the reader's zone);
 * the browser swaps in local time, and a relative one for recent moments, once it runs.
 */
export function LocalTime({ ms, relativeFirst = false }: { ms: number; relativeFirst?: boolean }) {
  const [text, setText] = useState(`${utc.format(ms)} UTC`);
  useEffect(() => {
    const absolute = local.format(ms);
    const recent = relativeFirst ? relativeTime(ms, Date.now()) : null;
    setText(recent ?? absolute);
  }, [ms, relativeFirst]);
  return (
    <time dateTime={new Date(ms).toISOString()} title={`${utc.format(ms)} UTC`}>
      {text}
    </time>
  );
}
