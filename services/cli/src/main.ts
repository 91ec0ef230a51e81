import { Command, CommanderError } from 'commander';
import { ConfigError } from '@sipflow/platform';
import { CliError, ExitCode } from './cli-error';
import { callsCommand, type CallsOptions } from './commands/calls.command';
import { correctCommand, type CorrectOptions } from './commands/correct.command';
import { flowCommand, type FlowOptions } from './commands/flow.command';
import { holdCommand, type HoldOptions } from './commands/hold.command';
import { type ParseOptions, parseCommand } from './commands/parse.command';
import { importCommand, type ImportOptions } from './commands/import.command';
import { shareCommand, trailCommand, type ShareOptions, type TrailOptions } from './commands/share.command';
import { startCommand } from './commands/start.command';
import { statsCommand, type StatsOptions } from './commands/stats.command';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether the output is a colour terminal (ladder colours). */
  colour?: boolean;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
};

export function buildProgram(io: CliIo = defaultIo): Command {
  const program = new Command('sipflow')
    .description('See a whole VoIP call at a glance: SIP from a fleet of devices, correlated into one ladder diagram.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  program
    .command('start')
    .description('run everything in one process on embedded defaults; prints the portal URL and every port bound')
    .option('--data <dir>', 'data directory of the embedded store', './data')
    .option('--demo', 'replay sample traffic into the running collector')
    .option('--syslog-port <port>', 'syslog port (UDP and TCP); 0 picks a free one')
    .option('--hep-port <port>', 'HEP v3 port (UDP and TCP); 0 picks a free one')
    .option('--grpc-port <port>', 'gRPC API port; 0 picks a free one')
    .option('--http-port <port>', 'portal port; 0 picks a free one')
    .action((options) => startCommand(options, io));

  program
    .command('import')
    .description('ingest files through the same pipeline as live traffic; prints counts')
    .option('--data <dir>', 'data directory of the embedded store', './data')
    .option('--format <format>', 'auto|firebrick|syslog|hep|pcap', 'auto')
    .argument('<file...>')
    .action((files: string[], options: ImportOptions) => importCommand(files, options, io));

  program
    .command('calls')
    .description('list calls, registrations and out-of-dialog requests')
    .option('--data <dir>', 'data directory of the embedded store', './data')
    .option('--number <n>', 'any party number as typed (01632 960123, +44 1632 960123) or its last digits')
    .option('--since <time>', 'ISO 8601 start of the time range')
    .option('--until <time>', 'ISO 8601 end of the time range')
    .option('--limit <k>', 'most calls to list', '50')
    .option('--follow <number>', 'follow a number live: every call touching it as it is written (Ctrl-C stops)')
    .option('--follow-seconds <s>', 'stop following after this many seconds')
    .option('--json', 'print a JSON array')
    .action((options: CallsOptions) => callsCommand(options, io));

  program
    .command('flow')
    .description('one call graph: devices, legs, messages, links, findings')
    .option('--data <dir>', 'data directory of the embedded store', './data')
    .argument('<call>')
    .option('--json', 'print JSON')
    .option('--text', 'draw a ladder in the terminal')
    .action((call: string, options: FlowOptions) => flowCommand(call, options, io, io.colour ?? false));

  program
    .command('correct')
    .description(
      'correct the correlation by hand: split CALL --leg L3, join CALL CALL, undo ID; with --reason; stored, audited, kept through re-correlation',
    )
    .option('--data <dir>', 'data directory of the embedded store', './data')
    .argument('<action>', 'split | join | undo')
    .argument('<refs...>', 'call ids or SIP Call-IDs (undo: the correction id)')
    .option(
      '--leg <leg>',
      'split: the leg to take out (L1… as sipflow flow --text labels them, a leg id or its SIP Call-ID)',
    )
    .option('--reason <text>', 'why (required; kept with the correction and in the audit log)')
    .option('--author <name>', 'who (default: SIPFLOW_USER or the login name)')
    .option('--json', 'print JSON')
    .action((action: string, refs: string[], options: CorrectOptions) => correctCommand(action, refs, options, io));

  program
    .command('hold')
    .description(
      'investigation hold: add CALL --reason … --days N|--until T keeps one call past its retention; release HOLD; list [CALL]',
    )
    .option('--data <dir>', 'data directory of the embedded store', './data')
    .argument('<action>', 'add | release | list')
    .argument('[refs...]', 'add: a call id or SIP Call-ID; release: the hold id; list: optionally a call id')
    .option('--reason <text>', 'why (required; kept with the hold and in the audit log)')
    .option('--days <n>', 'keep it this many days from now')
    .option('--until <time>', 'keep it until this ISO 8601 time')
    .option('--author <name>', 'who (default: SIPFLOW_USER or the login name)')
    .option('--json', 'print JSON')
    .action((action: string, refs: string[], options: HoldOptions) => holdCommand(action, refs, options, io));

  program
    .command('share')
    .description('one call as a file for someone else, masked for their scope, recorded in the access trail')
    .option('--data <dir>', 'data directory of the embedded store', './data')
    .argument('<call>', 'a call id or SIP Call-ID')
    .option('--format <format>', 'text|json|pcap|svg', 'text')
    .option(
      '--for <scope>',
      'support (secrets masked) | customer (their legs only; other parties and secrets masked)',
      'support',
    )
    .option('--own <number...>', 'for a customer: their own numbers, as typed')
    .option('--out <file>', 'write to this file (required for pcap) instead of standard output')
    .option('--author <name>', 'who shares it (default: SIPFLOW_USER or the login name)')
    .option('--link', 'print an expiring link the portal opens without an account, instead of a file')
    .option('--expires <duration>', 'with --link: how long it works, e.g. 30m, 24h, 7d (at most 30d)', '24h')
    .option('--portal <url>', 'with --link: the portal address (default: SIPFLOW_PORTAL_URL or http://localhost:3000)')
    .option('--revoke <link>', 'revoke this share link of the call instead')
    .action((call: string, options: ShareOptions) => shareCommand(call, options, io));

  program
    .command('trail')
    .description("a call's access trail: corrections, holds and shares, by whom, when, from where")
    .option('--data <dir>', 'data directory of the embedded store', './data')
    .argument('<call>', 'a call id or SIP Call-ID')
    .option('--json', 'print JSON')
    .action((call: string, options: TrailOptions) => trailCommand(call, options, io));

  program
    .command('stats')
    .description('response-code statistics')
    .option('--data <dir>', 'data directory of the embedded store', './data')
    .option('--by <what>', 'code|device|minute', 'code')
    .option('--since <time>', 'ISO 8601 start of the time range')
    .option('--until <time>', 'ISO 8601 end of the time range')
    .option('--json', 'print JSON')
    .action((options: StatsOptions) => statsCommand(options, io));

  program
    .command('parse')
    .description('validate SIP messages, one per file; exit 0 if all valid, 1 if any invalid')
    .argument('<file...>')
    .option('--json', 'print [{file, valid, reason, method|status, callId, issues}]')
    .action((files: string[], options: ParseOptions) => parseCommand(files, options, io));

  return program;
}

/** Runs the command line; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof CliError) {
      io.err(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return ExitCode.failure;
    }
    io.err(`sipflow: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return ExitCode.failure;
  }
}
