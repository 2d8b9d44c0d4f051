/** @starscape/server: the game server, for the start script, tests and benchmarks. */
export { createGameServer, type GameServer, type GameServerOptions } from './createGameServer';
export { createGameTokenVerifier, type GameTokenVerifier } from './auth/GameTokenVerifier';
export { MemoryUserDirectory, type UserDirectory } from './auth/UserDirectory';
export { PrismaUserDirectory } from './auth/PrismaUserDirectory';
export { readServerEnv, type ServerEnv } from './env';
export { createLogger, type Logger } from './logger';
export * from './persistence';
