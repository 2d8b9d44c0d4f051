import type { IncomingMessage } from 'node:http';

/**
 * Several game machines behind one public host (Fly.io): each machine advertises the public address
 * `<GAME_PUBLIC_ADDRESS>/m/<its machine id>` to Colyseus, so the WebSocket URL a client gets after
 * matchmaking names the machine holding its room: `wss://host/m/<machine>/<process>/<room>?…`. Fly's proxy
 * sends the upgrade to any machine; one that is not the named machine answers with `fly-replay:
 * instance=<machine>`, and the proxy replays the request on the right one.
 */
export const MACHINE_PATH_PREFIX = '/m/';

/** Machine ids as Fly writes them (hex); anything else in the path is no routing request. */
const MACHINE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The public address this process advertises: `<address>/m/<machineId>` on a known machine, else the address. */
export function advertisedAddress(publicAddress: string | undefined, machineId: string | undefined): string | undefined {
  if (!publicAddress) return undefined;
  const base = publicAddress.replace(/\/+$/, '');
  return machineId ? `${base}${MACHINE_PATH_PREFIX}${machineId}` : base;
}

/** The machine an upgrade request's path names (`/m/<id>/…`), or null when it names none. */
export function machineInPath(url: string | undefined): string | null {
  if (!url?.startsWith(MACHINE_PATH_PREFIX)) return null;
  const id = url.slice(MACHINE_PATH_PREFIX.length).split(/[/?]/, 1)[0] ?? '';
  return MACHINE_ID.test(id) ? id : null;
}

/** What to do with an upgrade: serve it here, or have the proxy replay it on another machine. */
export type UpgradeRoute = { serve: true } | { serve: false; replayOn: string };

export function routeUpgrade(url: string | undefined, thisMachine: string | undefined): UpgradeRoute {
  const named = machineInPath(url);
  if (!named || !thisMachine || named === thisMachine) return { serve: true };
  return { serve: false, replayOn: named };
}

type VerifyCallback = (result: boolean, code?: number, message?: string, headers?: Record<string, string>) => void;

/**
 * The `verifyClient` hook of the WebSocket server: upgrades meant for another machine are refused with a
 * `fly-replay` header (Fly's proxy replays them there; a client never sees this answer).
 */
export function replayUpgradesForOtherMachines(thisMachine: string | undefined) {
  return (info: { req: IncomingMessage }, done: VerifyCallback): void => {
    const route = routeUpgrade(info.req.url, thisMachine);
    if (route.serve) return done(true);
    done(false, 307, 'Replay on another machine', { 'fly-replay': `instance=${route.replayOn}` });
  };
}
