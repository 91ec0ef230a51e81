import { Command, CommanderError } from 'commander';
import { ConfigError } from '@sipflow/platform';
import { CliError, ExitCode } from './cli-error';
import { callsCommand, type CallsOptions } from './commands/calls.command';
import { flowCommand, type FlowOptions } from './commands/flow.command';
import { type ParseOptions, parseCommand } from './commands/parse.command';
import { importCommand, type ImportOptions } from './commands/import.command';
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
