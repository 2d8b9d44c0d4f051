import { Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import {
  CHAT_HISTORY,
  CHAT_MAX_LENGTH,
  GalaxyClientMessage,
  GalaxyServerMessage,
  PROTOCOL_VERSION,
  SECTOR_SLOTS,
  chatText,
  galaxyClientMessageSchemas,
  galaxyJoinOptionsSchema,
  protectedUntil,
  type ChatLine,
  type GalaxyMutesMessage,
  type GalaxyWelcomeMessage,
  type Player,
} from '@starscape/shared';
import type { ArraySchema } from '@colyseus/schema';
import { z } from 'zod';
import { channelKey } from '../persistence/ChatRepository';
import type { SectorTown } from '../persistence/TownRepository';
import { createClaimed } from '../cluster/roomClaims';
import { authenticate } from './authenticate';
import { guardIncoming } from './incomingGuard';
import type { GalaxyRoomServices } from './GalaxyRoomServices';
import { joinError } from './gameError';
import { onClock, onValidated, refuse, refuseUnknownTypes } from './roomMessages';
import { ChatLineState, GalaxyState, GalaxyTownState } from './schema/GalaxyState';
import { setSizedState } from './sizedState';

/** Room id of a sector's room: deterministic, one per sector. */
export const galaxyRoomId = (sector: number) => `galaxy-${sector}`;

/** The cluster claim of a sector's one live room. */
export const galaxyClaimKey = (sector: number) => `galaxy:${sector}`;

/** Presence channel carrying every galaxy-wide chat message to every sector room, in every process. */
export const GALAXY_CHAT_CHANNEL = 'starscape:chat:galaxy';

/** What the room reads of a stored snapshot: only the public facts of newcomer protection. */
const protectionFacts = z.object({ foundedAt: z.number().finite(), speed: z.number().finite().positive() });

interface Seat {
  player: Player;
}

/**
 * One sector of the galaxy, while anyone looks at it: its starbases (public facts only), who of their owners
 * is online, and chat (the sector's channel and the galaxy-wide one). Made on the first join, closed when the
 * last viewer leaves. Online flips arrive through presence at once; names, points and new starbases are
 * re-read from the database every few seconds. Patches go out right after a change, batched over a few ms.
 */
export class GalaxyRoom extends Room<GalaxyState, unknown, Seat, Player> {
  static services: GalaxyRoomServices;

  override autoDispose = true;
  private sector = 0;
  private claimed = false;
  private names = new Map<string, string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private patchTimer: NodeJS.Timeout | undefined;
  private unsubscribes: Array<() => void> = [];

  private get services(): GalaxyRoomServices {
    return (this.constructor as typeof GalaxyRoom).services;
  }

  static override onAuth(token: string, _options: unknown, _context: AuthContext): Promise<Player> {
    return authenticate(token, this.services);
  }

  override async onCreate(options: unknown): Promise<void> {
    guardIncoming(this, { limits: this.services.messageLimits, logger: this.services.logger });
    const parsed = galaxyJoinOptionsSchema.safeParse(options);
    if (!parsed.success) throw joinError('galaxy/invalid-options');
    this.sector = parsed.data.sector;
    this.roomId = galaxyRoomId(this.sector);
    this.patchRate = 0;
    // one room per sector in the whole cluster: the claim is held until onDispose
    await createClaimed(this.services.claims, galaxyClaimKey(this.sector), () => this.begin());
    this.claimed = true;
  }

  /** Loads the sector, the chat histories and subscribes to presence and galaxy chat. */
  private async begin(): Promise<void> {
    const { chat, online, presence } = this.services;

    const state = new GalaxyState();
    state.sector = this.sector;
    // the sector's starbases and two full chat histories: up to ~4 bytes a character of a 280-character line
    setSizedState(this, state, 8192 + SECTOR_SLOTS * 256 + 2 * CHAT_HISTORY * (CHAT_MAX_LENGTH * 4 + 160));
    const [sectorLines, galaxyLines] = await Promise.all([chat.recent(channelKey('sector', this.sector), CHAT_HISTORY), chat.recent('galaxy', CHAT_HISTORY)]);
    for (const line of sectorLines) this.pushLine(state.sectorChat, line);
    for (const line of galaxyLines) this.pushLine(state.galaxyChat, line);
    await this.refresh();

    this.unsubscribes.push(
      online.subscribe(({ userId, online: isOnline }) => {
        state.towns.forEach((town) => {
          if (town.ownerId === userId && town.online !== isOnline) {
            town.online = isOnline;
            this.patchSoon();
          }
        });
      }),
    );
    const onGalaxyLine = (line: ChatLine) => {
      this.pushLine(state.galaxyChat, line);
      this.patchSoon();
    };
    void presence().subscribe(GALAXY_CHAT_CHANNEL, onGalaxyLine);
    this.unsubscribes.push(() => presence().unsubscribe(GALAXY_CHAT_CHANNEL, onGalaxyLine));
    this.refreshTimer = setInterval(() => void this.refresh().catch((error: unknown) => this.onUncaughtException(error as Error, 'refresh')), this.services.refreshMs ?? 5000);
    this.registerMessages();
  }

  override async onJoin(client: Client<Seat, Player>, _options: unknown, player: Player): Promise<void> {
    client.userData = { player };
    void this.services.online.connected(player.userId);
    const { towns, chat, now } = this.services;
    const [home, mutes] = await Promise.all([towns.homeOf(player.userId), chat.mutes(player.userId)]);
    const welcome: GalaxyWelcomeMessage = {
      protocol: PROTOCOL_VERSION,
      sector: this.sector,
      you: { userId: player.userId, townId: home?.id ?? null, sector: home?.sector ?? null },
      mutes,
      serverTime: now(),
    };
    client.send(GalaxyServerMessage.Welcome, welcome);
  }

  override async onLeave(client: Client<Seat, Player>, consented: boolean): Promise<void> {
    const userId = client.userData?.player.userId;
    if (userId) await this.services.online.leave(this, client, userId, consented, this.services.reconnectGraceSeconds);
  }

  override async onDispose(): Promise<void> {
    clearInterval(this.refreshTimer);
    clearTimeout(this.patchTimer);
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    if (this.claimed) await this.services.claims.release(galaxyClaimKey(this.sector));
  }

  override onUncaughtException(error: Error, methodName: string): void {
    if (error.cause instanceof ServerError) return;
    this.services.logger.error('galaxy room error', { sector: this.sector, methodName, error: error.stack ?? String(error) });
  }

  /** Re-reads the sector's starbases (new ones, names, points) and how many sectors there are. */
  private async refresh(): Promise<void> {
    const { towns, users, online } = this.services;
    const [list, sectorCount] = await Promise.all([towns.listSector(this.sector), towns.sectorCount()]);
    const owners = [...new Set(list.map((t) => t.ownerId))];
    await Promise.all(
      owners
        .filter((id) => !this.names.has(id))
        .map(async (id) => {
          const user = await users.find(id);
          this.names.set(id, user?.displayName ?? 'Unknown commander');
        }),
    );
    const onlineNow = await online.whoIsOnline(owners);
    const state = this.state;
    const ids = new Set(list.map((t) => t.id));
    for (const id of [...state.towns.keys()]) if (!ids.has(id)) state.towns.delete(id);
    for (const town of list) this.writeTown(town, onlineNow.has(town.ownerId));
    if (state.sectorCount !== sectorCount) state.sectorCount = sectorCount;
    this.patchSoon();
  }

  private writeTown(town: SectorTown, isOnline: boolean): void {
    const existing = this.state.towns.get(town.id);
    const entry = existing ?? new GalaxyTownState();
    const values: Partial<GalaxyTownState> = {
      townId: town.id,
      name: town.name,
      ownerId: town.ownerId,
      ownerName: this.names.get(town.ownerId) ?? '',
      slot: town.slot,
      points: town.points,
    };
    if (!existing) {
      // founding time and speed never change: protection is read once, online flips come through presence
      const facts = protectionFacts.safeParse(town.snapshot);
      values.protectedUntil = facts.success ? protectedUntil(facts.data) : 0;
      values.online = isOnline;
    }
    for (const [key, value] of Object.entries(values) as Array<[keyof GalaxyTownState, never]>) if (entry[key] !== value) entry[key] = value;
    if (!existing) this.state.towns.set(town.id, entry);
  }

  private registerMessages(): void {
    const schemas = galaxyClientMessageSchemas;
    onValidated(this, GalaxyClientMessage.Chat, schemas[GalaxyClientMessage.Chat], (client: Client<Seat, Player>, { channel, text }) => void this.say(client, channel, text));
    onValidated(this, GalaxyClientMessage.Mute, schemas[GalaxyClientMessage.Mute], (client: Client<Seat, Player>, { userId, muted }) => void this.mute(client, userId, muted));
    onClock(this, schemas[GalaxyClientMessage.Clock], this.services.now);
    refuseUnknownTypes(this);
  }

  /** A chat message: normalized, rate-limited per player, stored, then shown (galaxy-wide ones in every sector room). */
  private async say(client: Client<Seat, Player>, channel: ChatLine['channel'], raw: string): Promise<void> {
    const player = client.userData!.player;
    const text = chatText(raw);
    if (!text.ok) return refuse(client, text.code, GalaxyClientMessage.Chat);
    const { chat, chatLimiter, presence, now, logger } = this.services;
    if (!chatLimiter.take(player.userId, now())) return refuse(client, 'chat/rate-limited', GalaxyClientMessage.Chat);
    let line: ChatLine;
    try {
      line = await chat.append(channelKey(channel, this.sector), { channel, authorId: player.userId, authorName: player.name, text: text.value, sentAt: now() });
    } catch (error) {
      logger.error('could not store a chat message', { sector: this.sector, error: String(error) });
      return refuse(client, 'server/unavailable', GalaxyClientMessage.Chat);
    }
    if (channel === 'galaxy') {
      presence().publish(GALAXY_CHAT_CHANNEL, line); // this room hears it too
      return;
    }
    this.pushLine(this.state.sectorChat, line);
    this.patchSoon();
  }

  private async mute(client: Client<Seat, Player>, userId: string, muted: boolean): Promise<void> {
    const player = client.userData!.player;
    if (userId === player.userId) return refuse(client, 'chat/mute-self', GalaxyClientMessage.Mute);
    try {
      if (muted && !(await this.services.users.find(userId))) return refuse(client, 'chat/no-such-player', GalaxyClientMessage.Mute);
      const mutes = await this.services.chat.setMute(player.userId, userId, muted);
      const message: GalaxyMutesMessage = { mutes };
      client.send(GalaxyServerMessage.Mutes, message);
    } catch (error) {
      this.services.logger.error('could not store a mute', { error: String(error) });
      refuse(client, 'server/unavailable', GalaxyClientMessage.Mute);
    }
  }

  private pushLine(list: ArraySchema<ChatLineState>, line: ChatLine): void {
    const entry = new ChatLineState();
    entry.id = line.id;
    entry.channel = line.channel;
    entry.authorId = line.authorId;
    entry.authorName = line.authorName;
    entry.text = line.text;
    entry.sentAt = line.sentAt;
    list.push(entry);
    while (list.length > CHAT_HISTORY) list.shift();
  }

  /** One patch for a burst of changes (a chat flurry, a refresh), a few ms after the first. */
  private patchSoon(): void {
    if (this.patchTimer) return;
    this.patchTimer = setTimeout(() => {
      this.patchTimer = undefined;
      this.broadcastPatch();
    }, 20);
  }
}

/** The galaxy room type bound to its services, ready for `server.define('galaxy', ...)`. */
export function defineGalaxyRoom(services: GalaxyRoomServices): typeof GalaxyRoom {
  return class BoundGalaxyRoom extends GalaxyRoom {
    static override services = services;
  };
}
