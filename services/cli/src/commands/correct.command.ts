import { correctionProblem, legByReference, type CallGraph, type LegSummary } from '@sipflow/correlation';
import { applyCorrection, CorrectionStore, newCorrection, type SipStore, type StoredCorrection } from '@sipflow/store';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../main';
import { cliActor, findCall, isoOf, withStore } from './store-access';

export interface CorrectOptions {
  data: string;
  reason?: string;
  author?: string;
  leg?: string;
  json?: boolean;
}

async function callOrFail(store: SipStore, ref: string): Promise<CallGraph> {
  const call = await findCall(store, ref);
  if (!call)
    throw new CliError(
      `no call ${ref} (neither a sipflow call id nor a SIP Call-ID in the store)`,
      ExitCode.invalidInput,
    );
  return call;
}

function legOf(call: CallGraph, ref: string): LegSummary {
  const leg = legByReference(call, ref);
  if (!leg)
    throw new CliError(
      `--leg ${ref}: not a leg of call ${call.id} (use L1…L${call.legs.length} as sipflow flow --text labels them, a leg id, or a SIP Call-ID of one leg)`,
      ExitCode.usage,
    );
  return leg;
}

function report(
  io: CliIo,
  json: boolean | undefined,
  result: { correction: StoredCorrection; calls: CallGraph[]; removed: string[] },
) {
  if (json) {
    io.out(
      `${JSON.stringify(
        {
          correction: { ...result.correction, at: isoOf(result.correction.at) },
          calls: result.calls.map((c) => ({ id: c.id, legs: c.legs.length, sipCallIds: c.sipCallIds })),
          removed: result.removed,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  io.out(`correction ${result.correction.id} (${result.correction.action}) recorded\n`);
  for (const c of result.calls) io.out(`  call ${c.id}: ${c.legs.length} legs\n`);
  for (const id of result.removed) io.out(`  call ${id}: no longer exists\n`);
}

/**
 * `sipflow correct split CALL --leg L3 --reason …` / `sipflow correct join CALL CALL --reason …`:
 * corrections by hand, stored, audited and applied at once; they survive re-correlation.
 * `sipflow correct undo ID` withdraws one.
 */
export async function correctCommand(
  action: string,
  refs: string[],
  options: CorrectOptions,
  io: CliIo,
): Promise<void> {
  const actor = cliActor(options.author);
  const reason = options.reason?.trim() ?? '';
  if (action === 'undo') {
    if (refs.length !== 1) throw new CliError('sipflow correct undo: give one correction id', ExitCode.usage);
    const result = await withStore(options.data, 'correct', async (store) => {
      const correction = await new CorrectionStore(store).get(refs[0]!);
      if (!correction) throw new CliError(`no correction ${refs[0]} in force`, ExitCode.invalidInput);
      return applyCorrection(store, correction, actor, 'revoke');
    });
    report(io, options.json, result);
    return;
  }
  if (action !== 'split' && action !== 'join')
    throw new CliError(`sipflow correct: unknown action ${action} (split, join or undo)`, ExitCode.usage);
  if (action === 'split' && (refs.length !== 1 || !options.leg))
    throw new CliError('sipflow correct split: give one call and --leg', ExitCode.usage);
  if (action === 'join' && refs.length !== 2)
    throw new CliError('sipflow correct join: give two calls', ExitCode.usage);
  const result = await withStore(options.data, 'correct', async (store) => {
    const calls = await Promise.all(refs.map((ref) => callOrFail(store, ref)));
    if (action === 'join' && calls[0]!.id === calls[1]!.id)
      throw new CliError(`sipflow correct join: ${refs[0]} and ${refs[1]} are one call already`, ExitCode.invalidInput);
    const legs = action === 'split' ? [legOf(calls[0]!, options.leg!).id] : calls.map((c) => c.legs[0]!.id);
    const correction = newCorrection(action, calls, legs, reason, actor.subject);
    const problem = correctionProblem(correction);
    if (problem) throw new CliError(`sipflow correct ${action}: ${problem} (--reason)`, ExitCode.usage);
    return applyCorrection(store, correction, actor);
  });
  report(io, options.json, result);
}
