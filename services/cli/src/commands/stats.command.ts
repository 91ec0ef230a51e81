import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../main';
import { isoOf, parseTime, withStore } from './store-access';

export interface StatsOptions {
  data: string;
  by: string;
  since?: string;
  until?: string;
  json?: boolean;
}

/** `sipflow stats`: SIP response counts by status code, device or minute. */
export async function statsCommand(options: StatsOptions, io: CliIo): Promise<void> {
  if (!['code', 'device', 'minute'].includes(options.by))
    throw new CliError(`--by: code, device or minute, not ${options.by}`, ExitCode.usage);
  const since = parseTime(options.since, '--since') ?? 0;
  const until = parseTime(options.until, '--until') ?? Date.now() * 1000 + 86_400_000_000;
  const rates = await withStore(options.data, 'stats', (store) => store.responseCodeRates(since, until, 'minute'));
  const groups = new Map<string, { key: Record<string, string | number>; count: number }>();
  for (const r of rates) {
    const key: Record<string, string | number> =
      options.by === 'code'
        ? { status: r.status }
        : options.by === 'device'
          ? { device: r.deviceId, status: r.status }
          : { minute: isoOf(r.bucket), status: r.status };
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, count: 0 };
    group.count += r.count;
    groups.set(id, group);
  }
  const rows = [...groups.values()].map((g) => ({ ...g.key, count: g.count }));
  if (options.json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) io.out('no responses in range\n');
  for (const row of rows) io.out(`${Object.values(row).join('  ')}\n`);
}
