import { matchMaker } from '@colyseus/core';
import { monitor } from '@colyseus/monitor';
import express, { type Express } from 'express';
import type { Logger } from '../logger';
import { basicAuth } from './basicAuth';

export interface HttpAppOptions {
  /** the Colyseus monitor is mounted at /colyseus only when both are given */
  monitor?: { username: string; password: string };
  logger: Logger;
  startedAt: number;
}

/** The game server's HTTP side: health check and the developers' monitor. Matchmaking is Colyseus's own. */
export function createHttpApp({ monitor: credentials, logger, startedAt }: HttpAppOptions): Express {
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

  if (credentials) {
    app.use('/colyseus', basicAuth(credentials.username, credentials.password, 'Starscape monitor'), monitor());
    logger.info('Colyseus monitor mounted at /colyseus (basic auth)');
  } else {
    logger.info('Colyseus monitor not mounted: set MONITOR_USERNAME and MONITOR_PASSWORD to enable it at /colyseus');
  }
  return app;
}
