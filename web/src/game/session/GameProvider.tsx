'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { GameConnection } from './GameConnection';
import { createGameStore, type GameStore, type GameStoreApi } from './gameStore';
import { useRoomConnection } from './useRoomConnection';

interface GameContextValue {
  store: GameStoreApi;
  /** null until the connection is set up (after mount) */
  connection: GameConnection | null;
}

const GameContext = createContext<GameContextValue | null>(null);

/**
 * One game session: a store of its own (never a module singleton, so two sessions never share state)
 * and a connection that lives as long as this component.
 */
export function GameProvider({ townId, children }: { townId?: string; children: ReactNode }) {
  const [store] = useState(createGameStore);
  const connection = useRoomConnection(() => new GameConnection(store, { townId }), [store, townId]);

  return <GameContext.Provider value={{ store, connection }}>{children}</GameContext.Provider>;
}

function useGameContext(): GameContextValue {
  const value = useContext(GameContext);
  if (!value) throw new Error('useGame* hooks need a <GameProvider> above them');
  return value;
}

/** Reads a slice of the game store; keep selectors narrow (a field, not the whole state). */
export function useGame<T>(selector: (state: GameStore) => T): T {
  return useStore(useGameContext().store, selector);
}

/** The store itself, for reading outside render (animation frames). */
export function useGameStoreApi(): GameStoreApi {
  return useGameContext().store;
}

/** Commands to the game server; null before the connection exists. */
export function useGameCommands(): GameConnection | null {
  return useGameContext().connection;
}
