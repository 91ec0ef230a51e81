import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<boolean>;

/** Components register a check (store reachable, bus connected); the health service asks them all. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks];
  }
}
