import { z } from 'zod';
import { BUILDINGS } from './content/buildings';
import { SHIPS } from './content/ships';
import type { ErrorCode } from './errors';

/** Version of the room protocol below; bump on any breaking change to a message or the state shape. */
export const PROTOCOL_VERSION = 1;

/** Room names a client can join. */
export const RoomName = { Town: 'town', Combat: 'combat', Galaxy: 'galaxy' } as const;

/** Messages a client sends to a town room. */
export const ClientMessage = {
  /** owner only: start raising a building one level */
  StartUpgrade: 'upgrade:start',
  /** owner only: cancel the running upgrade, refunding its cost */
  CancelUpgrade: 'upgrade:cancel',
  /** owner only: order ships at the shipyard */
  OrderShips: 'shipyard:order',
  /** owner only: cancel a shipyard order, refunding its unbuilt ships */
  CancelShipOrder: 'shipyard:cancel',
  /** owner only: send docked ships on a mission of the board */
  DispatchFleet: 'fleet:dispatch',
  /** owner only: send docked ships to raid another player's starbase */
  RaidTown: 'fleet:raid',
  /** anyone: ask for the server clock, to estimate the offset */
  Clock: 'clock',
} as const;
export type ClientMessageType = (typeof ClientMessage)[keyof typeof ClientMessage];

/** Messages a town room sends to a client. */
export const ServerMessage = {
  /** once, right after joining */
  Welcome: 'welcome',
  /** a request of this client was refused; nothing changed */
  Error: 'error',
  /** the answer to a Clock request */
  Clock: 'clock',
} as const;

/** Largest message payload a room accepts, in bytes; anything larger is refused unread. */
export const MAX_MESSAGE_BYTES = 4096;

/** Join options of the `town` room. */
export const townJoinOptionsSchema = z.object({ townId: z.string().min(1).max(64) });
export type TownJoinOptions = z.infer<typeof townJoinOptionsSchema>;

export const startUpgradeSchema = z.object({ building: z.enum(BUILDINGS) }).strict();
/** Cancel carries no fields; an absent payload is the same as `{}`. */
export const cancelUpgradeSchema = z.union([z.undefined(), z.object({}).strict()]);
export const clockRequestSchema = z.object({ clientTime: z.number().finite() }).strict();
export const orderShipsSchema = z.object({ ship: z.enum(SHIPS), count: z.number().int().min(1).max(1000) }).strict();
export const cancelShipOrderSchema = z.object({ orderId: z.number().int().min(1).max(1_000_000_000) }).strict();
const shipCount = z.number().int().min(0).max(1_000_000);
export const dispatchFleetSchema = z
  .object({
    missionId: z.string().min(1).max(64),
    ships: z.object(Object.fromEntries(SHIPS.map((s) => [s, shipCount.optional()])) as Record<(typeof SHIPS)[number], z.ZodOptional<typeof shipCount>>).strict(),
  })
  .strict();

export const raidTownSchema = z
  .object({
    targetTownId: z.string().min(1).max(64),
    ships: dispatchFleetSchema.shape.ships,
  })
  .strict();

export type StartUpgradeMessage = z.infer<typeof startUpgradeSchema>;
export type ClockRequestMessage = z.infer<typeof clockRequestSchema>;

/** Each client message type with the validator of its payload. */
export const clientMessageSchemas = {
  [ClientMessage.StartUpgrade]: startUpgradeSchema,
  [ClientMessage.CancelUpgrade]: cancelUpgradeSchema,
  [ClientMessage.OrderShips]: orderShipsSchema,
  [ClientMessage.CancelShipOrder]: cancelShipOrderSchema,
  [ClientMessage.DispatchFleet]: dispatchFleetSchema,
  [ClientMessage.RaidTown]: raidTownSchema,
  [ClientMessage.Clock]: clockRequestSchema,
} as const satisfies Record<ClientMessageType, z.ZodType>;

export type Role = 'owner' | 'visitor';

export interface WelcomeMessage {
  protocol: number;
  role: Role;
  townId: string;
  /** server clock (ms since epoch) when this was sent */
  serverTime: number;
}
export interface ErrorMessage {
  code: ErrorCode;
  message: string;
  /** the client message type that was refused, when there was one */
  request?: string;
}
export interface ClockMessage {
  clientTime: number;
  serverTime: number;
}
