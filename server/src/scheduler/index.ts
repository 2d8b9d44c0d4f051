/** The scheduler: runs due events from the EventQueue on time, once per event, in any number of processes. */
export { Scheduler, type EventHandler, type SchedulerOptions, type SchedulerTimers } from './Scheduler';
export { announceScheduled } from './announceScheduled';
export { exponentialBackoff } from './retryDelay';
export { createWorkerId } from './workerId';
