/**
 * Ids ordered by a number (a leg's start time), with range queries by binary search. Insertion and
 * removal shift an array: fine for the tens of thousands of legs a device holds at once.
 */
export class SortedIndex {
  private readonly keys: number[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  private lowerBound(key: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(key: number, id: string): void {
    const at = this.lowerBound(key);
    this.keys.splice(at, 0, key);
    this.ids.splice(at, 0, id);
  }

  remove(key: number, id: string): boolean {
    for (let i = this.lowerBound(key); i < this.keys.length && this.keys[i] === key; i++) {
      if (this.ids[i] === id) {
        this.keys.splice(i, 1);
        this.ids.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  /** Ids with from ≤ key ≤ to. */
  range(from: number, to: number): string[] {
    const out: string[] = [];
    for (let i = this.lowerBound(from); i < this.keys.length && this.keys[i]! <= to; i++) out.push(this.ids[i]!);
    return out;
  }
}
