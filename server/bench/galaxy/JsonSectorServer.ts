import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { z } from 'zod';
import {
  CHAT_HISTORY,
  ERROR_MESSAGES,
  chatSendSchema,
  chatText,
  protectedUntil,
  type ChatLine,
  type ErrorCode,
  type GalaxyTown,
  type Player,
} from '@starscape/shared';
import type { GameTokenVerifier } from '../../src/auth/GameTokenVerifier';
import type { UserDirectory } from '../../src/auth/UserDirectory';
import { channelKey, type ChatRepository } from '../../src/persistence/ChatRepository';
import type { TownRepository } from '../../src/persistence/TownRepository';
import { ChatLimiter } from '../../src/presence/ChatLimiter';
import { authenticate } from '../../src/rooms/authenticate';

/** What a JSON client sends: `{ type: 'chat:send', message: { channel, text } }`. */
const clientMessageSchema = z.object({ type: z.literal('chat:send'), message: z.unknown() });

const protectionFacts = z.object({ foundedAt: z.number().finite(), speed: z.number().finite().positive() });

export interface JsonSectorServerOptions {
  sector: number;
  tokens: GameTokenVerifier;
  users: UserDirectory;
  towns: TownRepository;
  chat: ChatRepository;
  now: () => number;
  /** how often the sector's starbases are re-read, like the galaxy room's refresh (default 5 s) */
  refreshMs?: number;
}

/**
 * The baseline of the galaxy bench: the design most WebSocket tutorials show. One sector's facts in a plain
 * object; a joining socket gets all of them as JSON, then every chat message and every presence change is
 * `JSON.stringify`-ed once and sent to every connected socket. Same rules as the galaxy room (token, chat
 * validation, rate limit, stored history), so the two differ only in how changes reach the players.
 */
export class JsonSectorServer {
  readonly httpServer = http.createServer();
  readonly wss = new WebSocketServer({ server: this.httpServer });
  private readonly joined = new Set<WebSocket>();
  private readonly connections = new Map<string, number>();
  private readonly towns = new Map<string, GalaxyTown>();
  private readonly names = new Map<string, string>();
  private readonly limiter = new ChatLimiter();
  private sectorChat: ChatLine[] = [];
  private galaxyChat: ChatLine[] = [];
  private sectorCount = 0;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: JsonSectorServerOptions) {
    this.wss.on('connection', (socket, req) => void this.onConnection(socket, req));
  }

  /** Loads the sector and listens on a free loopback port; returns the endpoint. */
  async listen(): Promise<string> {
    const { chat, sector } = this.options;
    [this.sectorChat, this.galaxyChat] = await Promise.all([chat.recent(channelKey('sector', sector), CHAT_HISTORY), chat.recent('galaxy', CHAT_HISTORY)]);
    await this.refresh();
    this.refreshTimer = setInterval(() => void this.refresh(), this.options.refreshMs ?? 5000);
    await new Promise<void>((resolve) => this.httpServer.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(this.httpServer.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    clearInterval(this.refreshTimer);
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
  }

  private async onConnection(socket: WebSocket, req: http.IncomingMessage): Promise<void> {
    socket.on('error', () => {});
    let player: Player;
    try {
      const token = new URL(req.url ?? '/', 'ws://server').searchParams.get('token') ?? undefined;
      player = await authenticate(token ?? '', this.options);
    } catch {
      socket.close(4401, 'auth');
      return;
    }
    const home = await this.options.towns.homeOf(player.userId);
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.send(
      JSON.stringify({
        type: 'snapshot',
        sector: this.options.sector,
        sectorCount: this.sectorCount,
        towns: [...this.towns.values()],
        sectorChat: this.sectorChat,
        galaxyChat: this.galaxyChat,
        you: { userId: player.userId, townId: home?.id ?? null, sector: home?.sector ?? null },
        serverTime: this.options.now(),
      }),
    );
    this.joined.add(socket);
    socket.on('message', (data) => void this.onMessage(socket, player, data));
    socket.on('close', () => {
      this.joined.delete(socket);
      const left = (this.connections.get(player.userId) ?? 1) - 1;
      if (left > 0) return this.connections.set(player.userId, left);
      this.connections.delete(player.userId);
      this.presenceChanged(player.userId, false);
    });
    const count = (this.connections.get(player.userId) ?? 0) + 1;
    this.connections.set(player.userId, count);
    if (count === 1) this.presenceChanged(player.userId, true);
  }

  private async onMessage(socket: WebSocket, player: Player, data: RawData): Promise<void> {
    let envelope: z.infer<typeof clientMessageSchema>;
    try {
      envelope = clientMessageSchema.parse(JSON.parse(String(data)));
    } catch {
      return this.refuse(socket, 'message/invalid');
    }
    const parsed = chatSendSchema.safeParse(envelope.message);
    if (!parsed.success) return this.refuse(socket, 'message/invalid');
    const text = chatText(parsed.data.text);
    if (!text.ok) return this.refuse(socket, text.code);
    const { chat, sector, now } = this.options;
    if (!this.limiter.take(player.userId, now())) return this.refuse(socket, 'chat/rate-limited');
    const { channel } = parsed.data;
    const line = await chat.append(channelKey(channel, sector), { channel, authorId: player.userId, authorName: player.name, text: text.value, sentAt: now() });
    const list = channel === 'galaxy' ? this.galaxyChat : this.sectorChat;
    list.push(line);
    while (list.length > CHAT_HISTORY) list.shift();
    this.broadcast({ type: 'chat', line });
  }

  /** Every presence change goes to everyone, as tutorials do (the client finds out whether it matters). */
  private presenceChanged(userId: string, online: boolean): void {
    for (const town of this.towns.values()) if (town.ownerId === userId) town.online = online;
    this.broadcast({ type: 'online', userId, online });
  }

  /** Re-reads the sector's starbases (names, points, new ones), like the galaxy room; sends the ones that changed. */
  private async refresh(): Promise<void> {
    const { towns, users, sector } = this.options;
    const [list, sectorCount] = await Promise.all([towns.listSector(sector), towns.sectorCount()]);
    this.sectorCount = sectorCount;
    for (const town of list) {
      if (!this.names.has(town.ownerId)) this.names.set(town.ownerId, (await users.find(town.ownerId))?.displayName ?? 'Unknown commander');
      const facts = protectionFacts.safeParse(town.snapshot);
      const next: GalaxyTown = {
        townId: town.id,
        name: town.name,
        ownerId: town.ownerId,
        ownerName: this.names.get(town.ownerId) ?? '',
        slot: town.slot,
        points: town.points,
        online: (this.connections.get(town.ownerId) ?? 0) > 0,
        protectedUntil: facts.success ? protectedUntil(facts.data) : 0,
      };
      const before = this.towns.get(town.id);
      this.towns.set(town.id, next);
      if (before && JSON.stringify(before) !== JSON.stringify(next)) this.broadcast({ type: 'town', town: next });
    }
  }

  /** `JSON.stringify` once, then the same string to every socket (the `ws` README's broadcast). */
  private broadcast(event: unknown): void {
    const data = JSON.stringify(event);
    for (const socket of this.joined) if (socket.readyState === WebSocket.OPEN) socket.send(data);
  }

  private refuse(socket: WebSocket, code: ErrorCode): void {
    socket.send(JSON.stringify({ type: 'error', code, message: ERROR_MESSAGES[code], request: 'chat:send' }));
  }
}
