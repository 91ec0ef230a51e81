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
}

/**
 * `sipflow calls`: calls, registrations and out-of-dialog requests, newest first. A full number
 * (01632 960123, +44 1632 960123, 441632960123: national forms in NUMBER_DEFAULT_COUNTRY) matches
 * exactly in any of its forms; fewer digits match number endings.
 */
export async function callsCommand(options: CallsOptions, io: CliIo): Promise<void> {
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
