/**
 * Runs async tasks one after another per key, and tasks of different keys freely. Used where a
 * read-modify-write must not interleave with another one for the same row in this process (appending to one
 * battle's order log); across processes the write itself is a compare-and-set.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` once every task queued before it under `key` has settled; resolves or rejects as it does. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    // The tail never rejects, so one failed task does not fail the ones queued after it.
    const tail = result.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** How many keys have tasks queued or running (for tests). */
  get activeKeys(): number {
    return this.tails.size;
  }
}
