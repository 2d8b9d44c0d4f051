import { Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import {
  CombatClientMessage,
  CombatServerMessage,
  LIVE_BATTLE_PATCH_MS,
  PROTOCOL_VERSION,
  STEPS_PER_SECOND,
  battleStateSchema,
  checkOrder,
  cloneBattle,
  combatClientMessageSchemas,
  combatOrderSchema,
  ordersByStep,
  stepInPlace,
  toOrder,
  type BattleSide,
  type BattleState,
  type CombatOrder,
  type CombatRole,
  type CombatWelcomeMessage,
  type Player,
} from '@starscape/shared';
import { z } from 'zod';
import { BattleStateError } from '../persistence/BattleRepository';
import { authenticate } from './authenticate';
import { guardIncoming } from './incomingGuard';
import type { CombatRoomServices } from './CombatRoomServices';
import { battleClaimKey } from '../battles/battleIds';
import { createClaimed } from '../cluster/roomClaims';
import { joinError } from './gameError';
import { onClock, onValidated, refuse, refuseUnknownTypes } from './roomMessages';
import { CombatState } from './schema/CombatState';
import { appendOrderState, writeCombatState } from './schema/writeCombatState';
import { setSizedState } from './sizedState';

interface Seat {
  role: CombatRole;
  player: Player;
}

/** How the server creates a combat room (`LiveBattles.open`); clients join an existing one by its id. */
export const combatRoomOptionsSchema = z.object({ battleId: z.string().min(1).max(64) }).strict();

/** Orders one side may give in one battle: far more than a person gives, few enough to keep the record small. */
export const MAX_ORDERS_PER_SIDE = 300;
const STEP_MS = 1000 / STEPS_PER_SECOND;
const NO_ORDERS: readonly CombatOrder[] = [];

/**
 * One battle, live. The simulation (the shared step function) advances in real time, 10 steps a second,
 * whether or not anyone watches: step `s` is due at `startedAt + s × 100 ms`, so a room that starts late (a
 * restart) first catches up from the record, and a room that starts after the battle's end finishes at once.
 *
 * An order is written to the battle record before it takes effect: the room stamps it with the next step and
 * does not simulate that step until the write is done. So the record always holds every order at the step it
 * applied, and replaying the record gives exactly the battle watchers saw. At the end the room asks for the
 * results to be applied (idempotent; a scheduled event does the same later if the process dies first).
 */
export class CombatRoom extends Room<CombatState, unknown, Seat, Player> {
  static services: CombatRoomServices;

  /** runs with nobody connected; disposes itself a little after the end */
  override autoDispose = false;
  private claimed = false;
  private battle!: BattleState;
  private orders = new Map<number, CombatOrder[]>();
  private startedAt = 0;
  private commanders: Record<BattleSide, string | null> = { attacker: null, defender: null };
  private ordersGiven: Record<BattleSide, number> = { attacker: 0, defender: 0 };
  /** order writes in flight: no step runs until they are stored */
  private writes = 0;
  /** the step and order count last copied into the state */
  private written = -1;
  private syncedOrders = 0;
  private ended = false;
  private stepTimer: NodeJS.Timeout | undefined;
  private patchTimer: NodeJS.Timeout | undefined;
  private lingerTimer: NodeJS.Timeout | undefined;

  private get services(): CombatRoomServices {
    return (this.constructor as typeof CombatRoom).services;
  }

  static override onAuth(token: string, _options: unknown, _context: AuthContext): Promise<Player> {
    return authenticate(token, this.services);
  }

  override async onCreate(options: unknown): Promise<void> {
    guardIncoming(this, { limits: this.services.messageLimits, logger: this.services.logger });
    const parsed = combatRoomOptionsSchema.safeParse(options);
    if (!parsed.success) throw joinError('combat/not-found');
    const { battleId } = parsed.data;
    this.roomId = battleId;
    this.patchRate = 0; // patches go out on our own timer, a few per second, only when something changed
    // one room per battle in the whole cluster: the claim is held until onDispose
    await createClaimed(this.services.claims, battleClaimKey(battleId), () => this.begin(battleId));
    this.claimed = true;
  }

  /** Loads the record and starts the battle clock. */
  private async begin(battleId: string): Promise<void> {
    const { battles, towns, logger } = this.services;
    const record = await battles.get(battleId);
    if (!record || record.status !== 'running') throw joinError('combat/not-found');
    const initial = battleStateSchema.safeParse(record.initial);
    const orders = z.array(combatOrderSchema).safeParse(record.orders);
    if (!initial.success || !orders.success) {
      logger.error('battle record is invalid; not running it', { battleId });
      throw joinError('combat/not-found');
    }
    this.battle = cloneBattle(initial.data);
    this.orders = ordersByStep(orders.data);
    this.startedAt = record.startedAt.getTime();

    const [attacker, defender] = await Promise.all([towns.load(record.attackerTownId), record.defenderTownId ? towns.load(record.defenderTownId) : null]);
    this.commanders = { attacker: attacker?.ownerId ?? null, defender: defender?.ownerId ?? null };
    const state = new CombatState();
    state.battleId = battleId;
    state.kind = record.kind;
    state.startedAt = this.startedAt;
    state.stepMs = STEP_MS;
    state.attacker.townId = record.attackerTownId;
    state.attacker.name = attacker?.name ?? 'Unknown starbase';
    state.defender.townId = record.defenderTownId ?? '';
    state.defender.name = defender?.name ?? (record.defenderTownId ? 'Unknown starbase' : 'Pirates');
    for (const order of orders.data) {
      appendOrderState(state, order);
      this.ordersGiven[order.side]++;
    }
    setSizedState(this, state, 4096 + this.battle.ships.length * 64); // the full state of a big battle
    this.setMetadata({ battleId, kind: record.kind });
    this.registerMessages();

    this.tick(); // catch up to now (a room resumed after a restart)
    this.sync();
    if (!this.ended) {
      this.stepTimer = setInterval(() => this.guard('step', () => this.tick()), STEP_MS);
      this.patchTimer = setInterval(() => this.guard('patch', () => this.sync()), this.services.patchMs ?? LIVE_BATTLE_PATCH_MS);
    }
    logger.info('combat room created', { battleId, step: this.battle.step, ships: this.battle.ships.length });
  }

  override onJoin(client: Client<Seat, Player>, _options: unknown, player: Player): void {
    const role: CombatRole = player.userId === this.commanders.attacker ? 'attacker' : player.userId === this.commanders.defender ? 'defender' : 'spectator';
    client.userData = { role, player };
    void this.services.online.connected(player.userId);
    const welcome: CombatWelcomeMessage = { protocol: PROTOCOL_VERSION, battleId: this.roomId, role, serverTime: this.services.now() };
    client.send(CombatServerMessage.Welcome, welcome);
  }

  override async onLeave(client: Client<Seat, Player>, consented: boolean): Promise<void> {
    const userId = client.userData?.player.userId;
    // after the end there is nothing to come back to: the room closes soon
    if (userId) await this.services.online.leave(this, client, userId, consented, this.ended ? 0 : this.services.reconnectGraceSeconds);
  }

  override async onDispose(): Promise<void> {
    clearInterval(this.stepTimer);
    clearInterval(this.patchTimer);
    clearTimeout(this.lingerTimer);
    // a battle still running stays `running` in its record: the next start resumes it from there
    this.services.logger.info('combat room disposed', { battleId: this.roomId, step: this.battle?.step, ended: this.ended });
    if (this.claimed) await this.services.claims.release(battleClaimKey(this.roomId));
  }

  override onUncaughtException(error: Error, methodName: string): void {
    if (error.cause instanceof ServerError) {
      this.services.logger.debug('combat room refused a join', { methodName, reason: error.cause.message });
      return;
    }
    this.services.logger.error('combat room error', { battleId: this.roomId, methodName, error: error.stack ?? String(error) });
  }

  private registerMessages(): void {
    onValidated(this, CombatClientMessage.Order, combatClientMessageSchemas[CombatClientMessage.Order], (client: Client<Seat, Player>, command) => this.order(client, command));
    onClock(this, combatClientMessageSchemas[CombatClientMessage.Clock], this.services.now);
    refuseUnknownTypes(this);
  }

  /** A commander's order: side from the seat, step = the next one; stored, then applied at that step. */
  private order(client: Client<Seat, Player>, command: Parameters<typeof toOrder>[0]): void {
    const role = client.userData?.role;
    if (role !== 'attacker' && role !== 'defender') return refuse(client, 'combat/not-a-combatant', CombatClientMessage.Order);
    if (this.ended) return refuse(client, 'combat/over', CombatClientMessage.Order);
    const order = toOrder(command, role, this.battle.step);
    const problem = checkOrder(this.battle, order);
    if (problem) return refuse(client, problem, CombatClientMessage.Order);
    if (this.ordersGiven[role] >= MAX_ORDERS_PER_SIDE) return refuse(client, 'message/rate-limited', CombatClientMessage.Order);
    this.ordersGiven[role]++;
    this.writes++;
    this.services.battles
      .appendOrders(this.roomId, [order])
      .then(() => {
        const group = this.orders.get(order.step);
        if (group) group.push(order);
        else this.orders.set(order.step, [order]);
        appendOrderState(this.state, order);
      })
      .catch((error: unknown) => {
        this.ordersGiven[role]--;
        if (error instanceof BattleStateError) return refuse(client, 'combat/over', CombatClientMessage.Order);
        this.services.logger.error('could not store a battle order; it was not applied', { battleId: this.roomId, error: String(error) });
        refuse(client, 'combat/past-step', CombatClientMessage.Order);
      })
      .finally(() => {
        this.writes--;
        this.guard('step', () => this.tick()); // the step it waited for may be overdue
      });
  }

  /** Simulates every step due by now (none while an order is being stored), and ends the battle at its end. */
  private tick(): void {
    if (this.ended || this.writes > 0) return;
    const due = Math.floor((this.services.now() - this.startedAt) / STEP_MS);
    const battle = this.battle;
    while (battle.winner === null && battle.step < due) stepInPlace(battle, this.orders.get(battle.step) ?? NO_ORDERS);
    if (battle.winner !== null) this.end();
  }

  /** Copies the simulation into the state and patches watchers, if anything moved since the last patch. */
  private sync(): void {
    if (this.written === this.battle.step && this.state.orders.length === this.syncedOrders) return;
    writeCombatState(this.state, this.battle);
    this.written = this.battle.step;
    this.syncedOrders = this.state.orders.length;
    this.broadcastPatch();
  }

  private end(): void {
    this.ended = true;
    clearInterval(this.stepTimer);
    clearInterval(this.patchTimer);
    this.sync();
    const { logger, settle, lingerMs } = this.services;
    logger.info('battle ended', { battleId: this.roomId, winner: this.battle.winner, steps: this.battle.step });
    settle(this.roomId)
      .catch((error: unknown) => logger.error('could not apply battle results now; the scheduled settlement will', { battleId: this.roomId, error: String(error) }))
      .finally(() => {
        // watchers see the end; the room then closes (their clients go to the report)
        this.lingerTimer = setTimeout(() => void this.disconnect(), lingerMs ?? 8000);
      });
  }

  private guard(methodName: string, task: () => void): void {
    try {
      task();
    } catch (error) {
      this.onUncaughtException(error as Error, methodName);
    }
  }
}

/** The combat room type bound to its services, ready for `server.define('combat', ...)`. */
export function defineCombatRoom(services: CombatRoomServices): typeof CombatRoom {
  return class BoundCombatRoom extends CombatRoom {
    static override services = services;
  };
}
