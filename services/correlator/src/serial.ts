/**
 * Runs async work one piece at a time: the batch handler and the clock-driven flush both change
 * the correlation state and write its results, so they must not interleave.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
