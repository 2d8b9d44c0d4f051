import 'server-only';
import { placeTown } from '@starscape/prisma';
import { newTown } from '@starscape/shared';
import { db } from './db';
import { env } from './env';

/** The name a new starbase gets. */
export function starbaseName(displayName: string): string {
  return `${displayName}'s Starbase`;
}

interface NewAccount {
  displayName: string;
  email: string | null;
  passwordHash: string | null;
  isGuest: boolean;
}

/**
 * Creates a player and their starbase in one transaction: no account ever exists without a town.
 * Throws `EmailTakenError` when the email belongs to another account.
 */
export async function createAccount(account: NewAccount): Promise<{ userId: string; townId: string }> {
  const now = Date.now();
  let created: { userId: string; townId: string };
  try {
    created = await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: account });
      const town = await tx.town.create({
        data: {
          ownerId: user.id,
          name: starbaseName(account.displayName),
          snapshot: JSON.stringify(newTown(now, env().GAME_SPEED)),
        },
      });
      return { userId: user.id, townId: town.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
  // outside the transaction: a placement race retries on the unique (sector, slot) index, which would abort it
  await placeTown(db(), created.townId);
  return created;
}

/** The player's starbase (their oldest town), created if it is missing. */
export async function townOf(userId: string, displayName: string): Promise<{ id: string; name: string }> {
  const existing = await db().town.findFirst({ where: { ownerId: userId }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true } });
  if (existing) return existing;
  const town = await db().town.create({
    data: { ownerId: userId, name: starbaseName(displayName), snapshot: JSON.stringify(newTown(Date.now(), env().GAME_SPEED)) },
    select: { id: true, name: true },
  });
  await placeTown(db(), town.id);
  return town;
}

export class EmailTakenError extends Error {
  constructor() {
    super('email already registered');
  }
}

/** Prisma's "unique constraint failed" (P2002), without importing the generated error classes. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
