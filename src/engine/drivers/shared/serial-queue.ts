/** Runs tasks one at a time, in call order; a failed task does not stop the ones after it. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One `SerialQueue` per key, dropped when idle: calls for a key run one at a time. */
export class KeyedSerialQueue {
  private readonly queues = new Map<string, { queue: SerialQueue; pending: number }>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let entry = this.queues.get(key);
    if (!entry) {
      entry = { queue: new SerialQueue(), pending: 0 };
      this.queues.set(key, entry);
    }
    entry.pending++;
    try {
      return await entry.queue.run(task);
    } finally {
      if (--entry.pending === 0) this.queues.delete(key);
    }
  }
}
