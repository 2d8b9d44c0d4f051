import { matchMaker } from '@colyseus/core';
import { monitor, type MonitorOptions } from '@colyseus/monitor';
import express, { type Express } from 'express';
import type { Logger } from '../logger';
import { basicAuth } from './basicAuth';
import { loopbackOnly } from './loopbackOnly';
import { processMetrics, type ProcessMetrics } from './metrics';

export interface HttpAppOptions {
  /** the Colyseus monitor is mounted at /colyseus only when both are given */
  monitor?: { username: string; password: string };
  logger: Logger;
  startedAt: number;
  /** the numbers behind /metrics (default: the process's one, see `processMetrics`) */
  metrics?: ProcessMetrics;
  /** this process is one of several (it has a public address of its own): the monitor says where each room lives */
  clustered?: boolean;
}

/**
 * The monitor's room list: Colyseus's columns, how many towns a town host holds (its `towns` metadata: its
 * clients alone do not say), and in a cluster the process and public address holding each room.
 */
export function monitorColumns(clustered: boolean): MonitorOptions['columns'] {
  return ['roomId', 'name', 'clients', { metadata: 'towns' }, 'maxClients', 'locked', 'elapsedTime', ...(clustered ? (['processId', 'publicAddress'] as const) : [])];
}

/**
 * The game server's HTTP side: health check, process metrics and the developers' monitor. Matchmaking is
 * Colyseus's own. /metrics holds process numbers only (event-loop delay, memory, CPU, room and client
 * counts); when monitor credentials are configured it asks for them too, else it answers only requests from
 * this machine (a local benchmark or scraper), never an anonymous one from the network.
 */
export function createHttpApp({ monitor: credentials, logger, startedAt, metrics = processMetrics(), clustered = false }: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({
      status: matchMaker.state === matchMaker.MatchMakerState.READY ? 'ok' : 'starting',
      rooms: matchMaker.stats.local.roomCount,
      clients: matchMaker.stats.local.ccu,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  });

  const guard = credentials ? [basicAuth(credentials.username, credentials.password, 'Starscape monitor')] : [];
  app.get('/metrics', ...(credentials ? guard : [loopbackOnly()]), (_req, res) => {
    res.set('Cache-Control', 'no-store').json(metrics.report({ rooms: matchMaker.stats.local.roomCount, clients: matchMaker.stats.local.ccu }));
  });

  if (credentials) {
    app.use('/colyseus', ...guard, monitor({ columns: monitorColumns(clustered) }));
    logger.info('Colyseus monitor mounted at /colyseus (basic auth)');
  } else {
    logger.info('Colyseus monitor not mounted: set MONITOR_USERNAME and MONITOR_PASSWORD to enable it at /colyseus');
  }
  return app;
}
