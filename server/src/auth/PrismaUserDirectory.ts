import type { PrismaClient } from '@starscape/prisma';
import type { UserDirectory, UserSummary } from './UserDirectory';

export class PrismaUserDirectory implements UserDirectory {
  constructor(private readonly prisma: PrismaClient) {}
  async find(userId: string): Promise<UserSummary | null> {
    return this.prisma.user.findUnique({ where: { id: userId }, select: { id: true, displayName: true } });
  }
}
