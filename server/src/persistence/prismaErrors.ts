import { Prisma } from '@starscape/prisma';

/** Whether a Prisma call failed on a unique constraint (P2002), the same code on SQLite and PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** Whether an `update` found no row matching its `where` (P2025): gone, or a compare-and-set condition failed. */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}
