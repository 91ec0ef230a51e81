/** One response-code count, as StatsService.ResponseCodeRates returns it (times in µs). */
export interface Rate {
  bucketStartUs: number;
  device: string;
  status: number;
  statusClass: number;
  count: number;
}

export interface StackedSeries {
  /** Category axis: bucket starts (ms) or device names. */
  categories: (number | string)[];
  /** One series per stack member ('4xx', '486', …), values aligned with `categories`. */
  series: { name: string; values: number[] }[];
}

const classLabel = (c: number) => `${c}xx`;

/**
 * Counts stacked over time: by status class, or — drilled into one class — by code within it.
 * Every bucket between the first and last is present (zeros), so gaps read as silence.
 */
export function ratesOverTime(rates: readonly Rate[], bucketMs: number, drillClass?: number): StackedSeries {
  const selected = drillClass === undefined ? rates : rates.filter((r) => r.statusClass === drillClass);
  const key = (r: Rate) => (drillClass === undefined ? classLabel(r.statusClass) : String(r.status));
  const starts = selected.map((r) => Math.floor(r.bucketStartUs / 1000 / bucketMs) * bucketMs);
  if (starts.length === 0) return { categories: [], series: [] };
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  const categories: number[] = [];
  for (let t = first; t <= last; t += bucketMs) categories.push(t);
  const index = new Map(categories.map((t, i) => [t, i]));
  const series = new Map<string, number[]>();
  selected.forEach((r, i) => {
    const name = key(r);
    let values = series.get(name);
    if (!values) series.set(name, (values = categories.map(() => 0)));
    values[index.get(starts[i]!)!]! += r.count;
  });
  return {
    categories,
    series: [...series.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => ({ name, values })),
  };
}

/** Counts per device, stacked by status class; devices with the most failures (4xx–6xx) first. */
export function ratesByDevice(rates: readonly Rate[], deviceName: (id: string) => string): StackedSeries {
  const devices = new Map<string, Map<string, number>>();
  const classes = new Set<string>();
  for (const r of rates) {
    const perClass = devices.get(r.device) ?? new Map<string, number>();
    devices.set(r.device, perClass);
    const name = classLabel(r.statusClass);
    classes.add(name);
    perClass.set(name, (perClass.get(name) ?? 0) + r.count);
  }
  const failures = (m: Map<string, number>) =>
    [...m.entries()].filter(([c]) => c >= '4').reduce((sum, [, n]) => sum + n, 0);
  const order = [...devices.entries()].sort(([a, x], [b, y]) => failures(y) - failures(x) || a.localeCompare(b));
  return {
    categories: order.map(([id]) => deviceName(id)),
    series: [...classes].sort().map((name) => ({ name, values: order.map(([, m]) => m.get(name) ?? 0) })),
  };
}
