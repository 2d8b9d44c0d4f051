'use client';

import { useEffect, useState, type DependencyList } from 'react';

/** What a room connection offers the page: started on mount, stopped on unmount, retried when the browser is back online. */
export interface StartableConnection {
  start(): void;
  stop(): void;
  retryNow(): unknown;
}

/**
 * Runs one connection for the component's life (a new one whenever `deps` change): `create` makes it, it is
 * started at once, told to retry when the browser comes back online, and stopped on unmount. Null until the
 * first effect ran.
 */
export function useRoomConnection<C extends StartableConnection>(create: () => C, deps: DependencyList): C | null {
  const [connection, setConnection] = useState<C | null>(null);
  useEffect(() => {
    const next = create();
    setConnection(next);
    next.start();
    const online = () => next.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      next.stop();
    };
    // `create` is a new closure each render; `deps` say when it makes a different connection
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return connection;
}
