import { Client, type Room } from 'colyseus.js';
import { WebSocket } from 'ws';
import { RoomName, type ChatChannel } from '@starscape/shared';
import { sleep } from '../support/async';
import { BENCH_SECTOR, type BenchPlayer } from './ipc';

/** One player looking at the bench sector, through either design: what the workload needs of it. */
export interface SectorClient {
  readonly userId: string;
  readonly owner: boolean;
  /** true from the moment the sector's state has arrived until `leave` is called */
  readonly joined: boolean;
  /** messages the server refused (rate limit, validation): should stay 0 */
  readonly refusals: number;
  /** Connects and resolves once the sector's state (starbases and chat) has arrived. */
  join(): Promise<void>;
  leave(): Promise<void>;
  say(channel: ChatChannel, text: string): void;
  /** the newest sector chat line this client has */
  lastSectorText(): string | undefined;
}

/** A colyseus.js client in the galaxy room: decodes every patch, as a browser would. */
export class ColyseusSectorClient implements SectorClient {
  readonly userId: string;
  readonly owner: boolean;
  joined = false;
  refusals = 0;
  private readonly client: Client;
  private room: Room | undefined;

  constructor(endpoint: string, player: BenchPlayer) {
    this.userId = player.userId;
    this.owner = player.owner;
    this.client = new Client(endpoint);
    this.client.auth.token = player.token;
  }

  async join(): Promise<void> {
    const room = await this.client.joinOrCreate(RoomName.Galaxy, { sector: BENCH_SECTOR });
    room.onMessage('*', (type) => {
      if (type === 'error') this.refusals++;
    });
    const deadline = Date.now() + 15_000;
    while (!(room.state?.towns?.size > 0)) {
      if (Date.now() > deadline) throw new Error(`${this.userId}: no galaxy state after joining`);
      await sleep(5);
    }
    this.room = room;
    this.joined = true;
  }

  async leave(): Promise<void> {
    this.joined = false;
    await this.room?.leave(true);
    this.room = undefined;
  }

  say(channel: ChatChannel, text: string): void {
    this.room?.send('chat:send', { channel, text });
  }

  lastSectorText(): string | undefined {
    return this.room?.state.sectorChat.at(-1)?.text;
  }
}

/** A plain `ws` client of the JSON baseline: parses every message, as a browser would. */
export class JsonSectorClient implements SectorClient {
  readonly userId: string;
  readonly owner: boolean;
  joined = false;
  refusals = 0;
  private socket: WebSocket | undefined;
  private last: string | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly player: BenchPlayer,
  ) {
    this.userId = player.userId;
    this.owner = player.owner;
  }

  join(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${this.endpoint}/?token=${encodeURIComponent(this.player.token)}`);
      socket.on('error', reject);
      socket.on('close', () => reject(new Error(`${this.userId}: closed before the snapshot`)));
      socket.on('message', (data) => {
        const event = JSON.parse(String(data)) as { type: string; sectorChat?: Array<{ text: string }>; line?: { channel: string; text: string } };
        if (event.type === 'snapshot') {
          this.last = event.sectorChat?.at(-1)?.text;
          this.socket = socket;
          this.joined = true;
          resolve();
        } else if (event.type === 'chat' && event.line?.channel === 'sector') this.last = event.line.text;
        else if (event.type === 'error') this.refusals++;
      });
    });
  }

  async leave(): Promise<void> {
    this.joined = false;
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close();
    });
  }

  say(channel: ChatChannel, text: string): void {
    this.socket?.send(JSON.stringify({ type: 'chat:send', message: { channel, text } }));
  }

  lastSectorText(): string | undefined {
    return this.last;
  }
}
