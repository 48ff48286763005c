// spawn's answer when a task cannot be taken: a value, not a throw.

import { Code, FlagpollError } from './errors.ts';

/** spawn's answer when the task cannot be taken. */
export class SpawnError extends FlagpollError {
  readonly kind: 'busy' | 'stopped';
  readonly task: string;
  constructor(kind: 'busy' | 'stopped', task: string, capacity: number) {
    super(kind === 'busy' ? Code.SpawnBusy : Code.SpawnAfterStop, kind === 'busy' ? capacity : task, task);
    this.name = 'SpawnError';
    this.kind = kind;
    this.task = task;
  }
}
