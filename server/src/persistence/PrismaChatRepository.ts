import type { PrismaClient } from '@starscape/prisma';
import type { ChatLine } from '@starscape/shared';
import type { ChatRepository, NewChatLine } from './ChatRepository';

/** Chat in the `ChatMessage` and `Mute` tables. */
export class PrismaChatRepository implements ChatRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async append(channelKey: string, line: NewChatLine): Promise<ChatLine> {
    const row = await this.prisma.chatMessage.create({
      data: { channel: channelKey, authorId: line.authorId, authorName: line.authorName, text: line.text, sentAt: new Date(line.sentAt) },
    });
    return { ...line, id: row.id };
  }

  async recent(channelKey: string, limit: number): Promise<ChatLine[]> {
    const rows = await this.prisma.chatMessage.findMany({ where: { channel: channelKey }, orderBy: [{ sentAt: 'desc' }, { id: 'desc' }], take: Math.max(0, limit) });
    const channel: ChatLine['channel'] = channelKey === 'galaxy' ? 'galaxy' : 'sector';
    return rows.reverse().map((r) => ({ id: r.id, channel, authorId: r.authorId, authorName: r.authorName, text: r.text, sentAt: r.sentAt.getTime() }));
  }

  async mutes(userId: string): Promise<string[]> {
    const rows = await this.prisma.mute.findMany({ where: { userId }, select: { mutedId: true }, orderBy: { mutedId: 'asc' } });
    return rows.map((r) => r.mutedId);
  }

  async setMute(userId: string, mutedId: string, muted: boolean): Promise<string[]> {
    if (muted) await this.prisma.mute.upsert({ where: { userId_mutedId: { userId, mutedId } }, create: { userId, mutedId }, update: {} });
    else await this.prisma.mute.deleteMany({ where: { userId, mutedId } });
    return this.mutes(userId);
  }
}
