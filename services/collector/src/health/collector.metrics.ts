import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface BufferState {
  memoryRecords: number;
  memoryBytes: number;
  spoolRecords: number;
  spoolBytes: number;
  busAvailable: boolean;
}

type Child = { inc: (n?: number) => void };

/**
 * The collector's Prometheus metrics, in a registry of its own (no global default registry, so
 * two collectors in one process — tests, `sipflow start` — do not collide). Label children are
 * cached per (device, path): label hashing per record would cost more than the record.
 */
export class CollectorMetrics {
  readonly registry = new Registry();
  private readonly receivedCounter: Counter<'listener' | 'ingest_path'>;
  private readonly decodedCounter: Counter<'device' | 'ingest_path'>;
  private readonly publishedCounter: Counter<'device' | 'ingest_path'>;
  private readonly rejectedCounter: Counter<'device' | 'ingest_path'>;
  private readonly spooledCounter: Counter<'device' | 'ingest_path'>;
  private readonly droppedCounter: Counter<'device' | 'ingest_path' | 'reason'>;
  private readonly skippedCounter: Counter<'ingest_path' | 'category'>;
  private readonly connectionsGauge: Gauge<'listener'>;
  private readonly latency: Histogram;
  private readonly children = new Map<string, Child>();
  private state: () => BufferState | undefined = () => undefined;
  private busUp = 1;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'sipflow_collector_' });
    const counter = <L extends string>(what: string, help: string, labelNames: L[]) =>
      new Counter<L>({ name: `sipflow_collector_${what}_total`, help, labelNames, registers });
    const byDevice: ('device' | 'ingest_path')[] = ['device', 'ingest_path'];
    this.receivedCounter = counter('received', 'Datagrams, stream frames and files received, before decoding.', [
      'listener',
      'ingest_path',
    ]);
    this.decodedCounter = counter('decoded', 'SIP messages decoded into records.', byDevice);
    this.publishedCounter = counter('published', 'Messages the bus accepted (records and dead letters).', byDevice);
    this.rejectedCounter = counter('rejected', 'Inputs rejected by the decoders (dead-lettered).', byDevice);
    this.spooledCounter = counter(
      'spooled',
      'Messages written to the disk spool while the bus was slow or down.',
      byDevice,
    );
    this.droppedCounter = counter('dropped', 'Messages dropped because a bound was reached or the bus refused them.', [
      'device',
      'ingest_path',
      'reason',
    ]);
    this.skippedCounter = counter(
      'skipped',
      'Well-formed input that is not SIP (other log lines, HEP RTCP), by category.',
      ['ingest_path', 'category'],
    );
    this.connectionsGauge = new Gauge({
      name: 'sipflow_collector_connections',
      help: 'Open TCP/TLS connections per listener.',
      labelNames: ['listener'],
      registers,
    });
    this.latency = new Histogram({
      name: 'sipflow_collector_publish_latency_seconds',
      help: 'Time the bus took to make one batch durable.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    const gauge = (name: string, help: string, read: (s: BufferState) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect: () => {
          const s = this.state();
          if (s) (this.registry.getSingleMetric(name) as Gauge).set(read(s));
        },
      });
    gauge('sipflow_collector_buffer_records', 'Records in the memory buffer.', (s) => s.memoryRecords);
    gauge('sipflow_collector_buffer_bytes', 'Bytes in the memory buffer.', (s) => s.memoryBytes);
    gauge('sipflow_collector_spool_records', 'Records in the disk spool.', (s) => s.spoolRecords);
    gauge('sipflow_collector_spool_bytes', 'Bytes of the disk spool.', (s) => s.spoolBytes);
    new Gauge({
      name: 'sipflow_collector_bus_available',
      help: '1 while the bus takes publishes, 0 during an outage.',
      registers,
      collect: () => (this.registry.getSingleMetric('sipflow_collector_bus_available') as Gauge).set(this.busUp),
    });
  }

  /** Where the buffer gauges read from (the publisher). */
  observe(state: () => BufferState): void {
    this.state = state;
  }

  private child(kind: string, counter: Counter<string>, labels: string[]): Child {
    const key = `${kind}\u0000${labels.join('\u0000')}`;
    let c = this.children.get(key);
    if (!c) {
      c = counter.labels(...labels);
      this.children.set(key, c);
    }
    return c;
  }

  received(listener: string, ingestPath: string, n = 1): void {
    this.child('received', this.receivedCounter, [listener, ingestPath]).inc(n);
  }
  decoded(device: string, ingestPath: string, n = 1): void {
    this.child('decoded', this.decodedCounter, [device, ingestPath]).inc(n);
  }
  published(device: string, ingestPath: string, n = 1): void {
    this.child('published', this.publishedCounter, [device, ingestPath]).inc(n);
  }
  rejected(device: string, ingestPath: string, n = 1): void {
    this.child('rejected', this.rejectedCounter, [device, ingestPath]).inc(n);
  }
  spooled(device: string, ingestPath: string, n = 1): void {
    this.child('spooled', this.spooledCounter, [device, ingestPath]).inc(n);
  }
  dropped(device: string, ingestPath: string, reason: string, n = 1): void {
    this.child('dropped', this.droppedCounter, [device, ingestPath, reason]).inc(n);
  }
  skipped(ingestPath: string, category: string, n = 1): void {
    this.child('skipped', this.skippedCounter, [ingestPath, category]).inc(n);
  }
  connections(listener: string, delta: number): void {
    this.connectionsGauge.inc({ listener }, delta);
  }
  publishLatency(seconds: number): void {
    this.latency.observe(seconds);
  }
  setBusAvailable(available: boolean): void {
    this.busUp = available ? 1 : 0;
  }

  /** Sum of one counter over all its labels (tests, the import summary). */
  async total(
    name: 'received' | 'decoded' | 'published' | 'rejected' | 'spooled' | 'dropped' | 'skipped',
  ): Promise<number> {
    const metric = await this.registry.getSingleMetric(`sipflow_collector_${name}_total`)?.get();
    return (metric?.values ?? []).reduce((sum, v) => sum + v.value, 0);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
