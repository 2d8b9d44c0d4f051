import { CHAT_BURST, CHAT_REFILL_MS, spendChat, type ChatAllowance } from '@starscape/shared';

/**
 * Each player's chat allowance in this process (the shared token bucket: CHAT_BURST at once, then one per
 * CHAT_REFILL_MS), across every galaxy room they write in. Allowances that have filled up again are dropped
 * now and then, so the map holds only players who chatted lately.
 */
export class ChatLimiter {
  private readonly allowances = new Map<string, ChatAllowance>();
  private takes = 0;

  /** Whether `userId` may send a message at `now` (and if so, it is counted). */
  take(userId: string, now: number): boolean {
    if (++this.takes % 1000 === 0) this.forgetIdle(now);
    const next = spendChat(this.allowances.get(userId), now);
    if (!next) return false;
    this.allowances.set(userId, next);
    return true;
  }

  private forgetIdle(now: number): void {
    for (const [userId, allowance] of this.allowances) {
      if (allowance.tokens + (now - allowance.at) / CHAT_REFILL_MS >= CHAT_BURST) this.allowances.delete(userId);
    }
  }
}
