import type { ClaimOptions, ClaimedEvent, EventQueue, NewEvent, ScheduledEventRecord } from '../persistence/EventQueue';
import type { Scheduler } from './Scheduler';

/**
 * An event queue that tells the scheduler of each event scheduled through it (`Scheduler.dueBy`), so a
 * scheduler that sleeps until the next known due time (`idlePollMs`) wakes for events scheduled meanwhile.
 * The game server's own services schedule through it; everything else passes straight through.
 */
export class AnnouncingEventQueue implements EventQueue {
  constructor(
    private readonly queue: EventQueue,
    private readonly scheduler: Pick<Scheduler, 'dueBy'>,
  ) {}

  async schedule(event: NewEvent): Promise<{ id: string; created: boolean }> {
    const result = await this.queue.schedule(event);
    if (result.created) this.scheduler.dueBy(event.dueAt);
    return result;
  }

  claimDue(now: Date, options: ClaimOptions): Promise<ClaimedEvent[]> {
    return this.queue.claimDue(now, options);
  }

  nextDueAt(kinds?: readonly string[]): Promise<Date | null> {
    return this.queue.nextDueAt(kinds);
  }

  complete(id: string, workerId: string): Promise<boolean> {
    return this.queue.complete(id, workerId);
  }

  fail(id: string, workerId: string, error: unknown, retryAt?: Date): Promise<boolean> {
    return this.queue.fail(id, workerId, error, retryAt);
  }

  get(id: string): Promise<ScheduledEventRecord | null> {
    return this.queue.get(id);
  }

  pendingCount(): Promise<number> {
    return this.queue.pendingCount();
  }

  prune(doneBefore: Date, failedBefore: Date): Promise<number> {
    return this.queue.prune(doneBefore, failedBefore);
  }
}
