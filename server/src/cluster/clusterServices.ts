import { LocalPresence, type Presence, type matchMaker } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import type { Logger } from '../logger';
import { LocalClaims, type ClusterClaims } from './ClusterClaims';
import { FastLocalDriver } from './FastLocalDriver';
import { advertisedAddress } from './machineRouting';
import { RedisClaims } from './RedisClaims';

/** How this game process takes part in a cluster (or runs alone). */
export interface ClusterServices {
  /** Colyseus presence and driver: in-process when alone, Redis when clustered */
  presence?: Presence;
  driver?: matchMaker.MatchMakerDriver;
  claims: ClusterClaims;
  /** the address browsers use for this process's WebSockets (none: the one they matchmake on) */
  publicAddress?: string;
  /** this machine's id (Fly's FLY_MACHINE_ID): upgrades naming another machine are replayed there */
  machineId?: string;
}

export interface ClusterSettings {
  redisUrl?: string;
  publicAddress?: string;
  machineId?: string;
}

/**
 * Every sector room subscribes to the same presence channels (who is online, galaxy chat), one listener each:
 * past ten live sectors Node would warn of a listener leak where there is none.
 */
function withListenersPerRoom<P extends LocalPresence | RedisPresence>(presence: P): P {
  if (presence instanceof LocalPresence) presence.subscriptions.setMaxListeners(0);
  else presence.setMaxListeners(0);
  return presence;
}

/** One process alone (no Redis): Colyseus's local presence, a faster local room listing, in-memory claims. */
export function standalone(): ClusterServices {
  return { presence: withListenersPerRoom(new LocalPresence()), driver: new FastLocalDriver(), claims: new LocalClaims() };
}

/**
 * Redis presence, driver and claims when `redisUrl` is set, so rooms are found, joined and called from any
 * process; else `standalone()`. With Redis every process needs its own public address (else a client joining
 * a room held by another process gets "seat reservation expired").
 */
export function clusterServices(settings: ClusterSettings, logger: Logger): ClusterServices {
  if (!settings.redisUrl) return { ...standalone(), publicAddress: advertisedAddress(settings.publicAddress, settings.machineId), machineId: settings.machineId };
  return {
    presence: withListenersPerRoom(new RedisPresence(settings.redisUrl)),
    driver: new RedisDriver(settings.redisUrl),
    claims: new RedisClaims(settings.redisUrl, logger),
    publicAddress: advertisedAddress(settings.publicAddress, settings.machineId),
    machineId: settings.machineId,
  };
}
