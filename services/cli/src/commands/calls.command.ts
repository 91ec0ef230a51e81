import { bareNumber } from '@sipflow/sip';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../main';
import { isoOf, parseTime, withStore } from './store-access';

export interface CallsOptions {
  data: string;
  number?: string;
  since?: string;
  until?: string;
  limit: string;
  json?: boolean;
  /** Follow this number live: print every call touching it as it is written, until Ctrl-C. */
  follow?: string;
  /** Stop following after this many seconds (scripts, tests). */
  followSeconds?: string;
}

/**
 * `sipflow calls`: calls, registrations and out-of-dialog requests, newest first. A full number
 * (01632 960123, +44 1632 960123, 441632960123: national forms in NUMBER_DEFAULT_COUNTRY) matches
 * exactly in any of its forms; fewer digits match number endings.
 */
export async function callsCommand(options: CallsOptions, io: CliIo): Promise<void> {
  if (options.follow !== undefined) return followCommand(options, io);
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError(`--limit: not a positive integer: ${options.limit}`, ExitCode.usage);
  const since = parseTime(options.since, '--since');
  const until = parseTime(options.until, '--until');
  const number = options.number?.trim();
  if (number !== undefined && !bareNumber(number))
    throw new CliError(`--number: not a telephone number: ${options.number}`, ExitCode.usage);
  const calls = await withStore(options.data, 'calls', (store) =>
    store.searchCalls({
      limit,
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
      ...(number ? { number } : {}),
    }),
  );
  const rows = calls.map((c) => ({
    id: c.id,
    kind: c.kind,
    start: isoOf(c.start),
    end: isoOf(c.end),
    caller: c.caller,
    callee: c.callee,
    legs: c.legs,
    devices: c.deviceNames,
    sipCallIds: c.sipCallIds,
    outcome: c.outcome,
    finalStatus: c.finalStatus,
    findings: c.findings,
    open: c.open,
  }));
  if (options.json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    io.out('no calls\n');
    return;
  }
  for (const r of rows) {
    io.out(
      `${r.start}  ${r.kind.padEnd(12)} ${`${r.caller} → ${r.callee}`.padEnd(34)} ${r.outcome.padEnd(11)} ${String(r.legs).padStart(2)} legs  ` +
        `${r.findings ? `${r.findings} findings  ` : ''}${r.id}\n`,
    );
  }
}

/**
 * `sipflow calls --follow NUMBER`: every call touching the number, on every device, as the
 * correlator writes it (created or updated), newest change last; the number is matched as the call
 * search matches it. The store is polled; share an embedded one with the running services through
 * CLICKHOUSE_URL (a ClickHouse server or services/store-host).
 */
async function followCommand(options: CallsOptions, io: CliIo): Promise<void> {
  const number = options.follow!.trim();
  if (!bareNumber(number)) throw new CliError(`--follow: not a telephone number: ${options.follow}`, ExitCode.usage);
  const seconds = options.followSeconds === undefined ? Infinity : Number(options.followSeconds);
  if (!(seconds > 0))
    throw new CliError(`--follow-seconds: not a positive number: ${options.followSeconds}`, ExitCode.usage);
  await withStore(options.data, 'calls', async (store) => {
    let version = await store.latestCallVersion();
    const seen = new Set<string>();
    let stopped = false;
    const stop = () => (stopped = true);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const until = Date.now() + seconds * 1000;
    io.err(`following ${number}; Ctrl-C to stop\n`);
    try {
      while (!stopped && Date.now() < until) {
        for (const c of await store.callsChangedSince(version, 1000, number)) {
          version = Math.max(version, c.version);
          const event = seen.has(c.id) ? 'updated' : 'created';
          seen.add(c.id);
          const row = {
            event,
            id: c.id,
            start: isoOf(c.start),
            caller: c.caller,
            callee: c.callee,
            legs: c.legs,
            devices: c.deviceNames,
            outcome: c.outcome,
            open: c.open,
          };
          io.out(
            options.json
              ? `${JSON.stringify(row)}\n`
              : `${row.start}  ${event.padEnd(8)} ${`${c.caller} → ${c.callee}`.padEnd(34)} ${c.outcome.padEnd(11)} ${String(c.legs).padStart(2)} legs  ${c.id}\n`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  });
}
