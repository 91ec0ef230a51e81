import { SipflowError } from '@sipflow/platform';

/** Exit codes of the sipflow command. */
export const ExitCode = {
  ok: 0,
  /** Some input was invalid (e.g. `parse` found an invalid message). */
  invalidInput: 1,
  /** Usage error or a command that is not implemented yet. */
  usage: 2,
  /** The environment or a dependency failed (configuration, store, bus). */
  failure: 3,
} as const;

/** The CLI's one error type: a message for the user and the exit code to leave with. */
export class CliError extends SipflowError {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failure,
  ) {
    super(message);
  }
}

export const notImplemented = (command: string, issue: string) =>
  new CliError(`sipflow ${command}: not yet implemented (tracked in ${issue})`, ExitCode.usage);
