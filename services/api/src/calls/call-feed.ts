import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '@sipflow/platform';
import type { CallChange, SipStore } from '@sipflow/store';
import { Observable } from 'rxjs';
import type { ApiSettings } from '../server/api-settings';
import { API_LOGGER, API_SETTINGS, SIP_STORE } from '../server/tokens';

type Listener = (changes: CallChange[]) => void;

/**
 * Calls created and updated, as they are written: one poller per API process reads the calls
 * whose row version (the writer's µs clock) is above the last one seen, and fans them out to every
 * live-tail subscriber. Polling the table works the same whether the correlator runs in this
 * process or in another, against chDB or a ClickHouse server. It runs only while someone watches.
 */
@Injectable()
export class CallFeed implements OnModuleDestroy {
  private readonly listeners = new Set<Listener>();
  private timer?: NodeJS.Timeout;
  private cursor?: number;
  private polling = false;

  constructor(
    @Inject(SIP_STORE) private readonly store: SipStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    @Inject(API_LOGGER) private readonly logger: Logger,
  ) {}

  /** Changes from the moment of subscription on (the current version is the starting point). */
  changes(): Observable<CallChange[]> {
    return new Observable<CallChange[]>((subscriber) => {
      const listener: Listener = (changes) => subscriber.next(changes);
      this.listeners.add(listener);
      this.start();
      return () => {
        this.listeners.delete(listener);
        if (this.listeners.size === 0) this.stop();
      };
    });
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.settings.watchPollMs);
    void this.poll();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.cursor = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if (this.cursor === undefined) {
        this.cursor = await this.store.latestCallVersion();
        return;
      }
      for (;;) {
        const changes = await this.store.callsChangedSince(this.cursor, 1000);
        if (changes.length === 0) break;
        this.cursor = changes[changes.length - 1]!.version;
        for (const listener of this.listeners) listener(changes);
        if (changes.length < 1000) break;
      }
    } catch (error) {
      // The store being away is not the watchers' fault: keep the cursor and try again next tick.
      this.logger.warn({ err: error }, 'live tail: polling the calls failed');
    } finally {
      this.polling = false;
    }
  }

  onModuleDestroy(): void {
    this.listeners.clear();
    this.stop();
  }
}
