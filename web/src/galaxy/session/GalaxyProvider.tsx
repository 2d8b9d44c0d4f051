'use client';

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useRoomConnection } from '../../game/session/useRoomConnection';
import { GalaxyConnection, type SectorTarget } from './GalaxyConnection';
import { createGalaxyStore, type GalaxyStore, type GalaxyStoreApi } from './galaxyStore';

interface GalaxyContextValue {
  store: GalaxyStoreApi;
  /** null until the connection is set up (after mount) */
  connection: GalaxyConnection | null;
}

const GalaxyContext = createContext<GalaxyContextValue | null>(null);

/**
 * The galaxy for one game page: a store of its own and a connection that lives as long as this component,
 * linked to the player's own sector (the chat) and to `viewing`, the sector the map shows (null: no map open).
 */
export function GalaxyProvider({ viewing, children }: { viewing: SectorTarget; children: ReactNode }) {
  const [store] = useState(createGalaxyStore);
  // the first connection is made with the target of the first render; later targets go through `view`
  const target = useRef(viewing);
  const connection = useRoomConnection(() => {
    const next = new GalaxyConnection(store);
    // told before it starts, so its first join can be the sector asked for
    next.view(target.current);
    return next;
  }, [store]);
  useEffect(() => connection?.view(viewing), [connection, viewing]);

  return <GalaxyContext.Provider value={{ store, connection }}>{children}</GalaxyContext.Provider>;
}

/** Reads a slice of the galaxy store; keep selectors narrow. Needs a `GalaxyProvider` above. */
export function useGalaxy<T>(selector: (state: GalaxyStore) => T): T {
  const value = useContext(GalaxyContext);
  if (!value) throw new Error('useGalaxy needs a <GalaxyProvider> above it');
  return useStore(value.store, selector);
}

/** Chat and mute commands; null before the connection exists. */
export function useGalaxyCommands(): GalaxyConnection | null {
  return useContext(GalaxyContext)?.connection ?? null;
}
