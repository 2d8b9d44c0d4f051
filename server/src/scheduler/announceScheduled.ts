import type { EventQueue } from '../persistence/EventQueue';
import type { Scheduler } from './Scheduler';

/**
 * `queue.schedule`, telling the scheduler of each event it creates (`Scheduler.dueBy`), so a scheduler that sleeps
 * until the next known due time (`idlePollMs`) wakes for events scheduled meanwhile. The game server's services
 * (fleet arrivals, battle settlements) schedule through it.
 */
export function announceScheduled(queue: Pick<EventQueue, 'schedule'>, scheduler: Pick<Scheduler, 'dueBy'>): Pick<EventQueue, 'schedule'> {
  return {
    async schedule(event) {
      const result = await queue.schedule(event);
      if (result.created) scheduler.dueBy(event.dueAt);
      return result;
    },
  };
}
