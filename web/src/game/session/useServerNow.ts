'use client';

import { useEffect, useRef, useState } from 'react';
import { useGame, useGameStoreApi } from './GameProvider';

/**
 * Server time, refreshed every `periodMs` (re-renders the caller at that rate). With `enabled` false it
 * stops ticking (for a view with nothing counting down); it catches up when turned back on.
 */
export function useServerNow(periodMs = 250, enabled = true): number {
  const offset = useGame((s) => s.clock.offset);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(id);
  }, [periodMs, enabled]);
  return now + offset;
}

/**
 * Calls `onFrame(serverNow)` on every animation frame without re-rendering: for live counters that
 * write straight into the DOM through refs.
 */
export function useServerFrame(onFrame: (serverNow: number) => void): void {
  const store = useGameStoreApi();
  const callback = useRef(onFrame);
  useEffect(() => {
    callback.current = onFrame;
  });
  useEffect(() => {
    let id = 0;
    const loop = () => {
      callback.current(Date.now() + store.getState().clock.offset);
      id = requestAnimationFrame(loop);
    };
    id = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(id);
  }, [store]);
}
