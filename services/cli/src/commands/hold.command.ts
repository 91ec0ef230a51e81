import { randomUUID } from 'node:crypto';
import { HoldStore, type Hold } from '@sipflow/store';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../main';
import { cliActor, findCall, isoOf, parseTime, withStore } from './store-access';

export interface HoldOptions {
  data: string;
  reason?: string;
  author?: string;
  days?: string;
  until?: string;
  json?: boolean;
}

/** Longest hold: ten years; anything longer is a typo, not an investigation. */
const MAX_HOLD_DAYS = 3650;

const holdJson = (h: Hold) => ({
  id: h.id,
  call: h.callId,
  sipCallIds: h.sipCallIds,
  reason: h.reason,
  author: h.author,
  created: isoOf(h.created),
  expires: new Date(h.expires).toISOString(),
});

function expiryOf(options: HoldOptions, now: number): number {
  if ((options.days === undefined) === (options.until === undefined))
    throw new CliError('sipflow hold add: give --days N or --until TIME', ExitCode.usage);
  const expires =
    options.days !== undefined ? now + Number(options.days) * 86_400_000 : parseTime(options.until, '--until')! / 1000;
  if (!Number.isFinite(expires) || expires <= now || expires > now + MAX_HOLD_DAYS * 86_400_000)
    throw new CliError(
      `sipflow hold add: the expiry must be in the future and within ${MAX_HOLD_DAYS} days`,
      ExitCode.usage,
    );
  return expires;
}

/**
 * `sipflow hold add CALL --reason … --days N|--until T`, `sipflow hold release HOLD`, `sipflow hold list`:
 * keep one call past its retention for an investigation; everything else still expires by TTL.
 */
export async function holdCommand(action: string, refs: string[], options: HoldOptions, io: CliIo): Promise<void> {
  const actor = cliActor(options.author);
  const print = (holds: Hold[], verb: string) => {
    if (options.json) io.out(`${JSON.stringify(holds.map(holdJson), null, 2)}\n`);
    else if (holds.length === 0) io.out('no holds\n');
    else
      for (const h of holds)
        io.out(
          `${verb}${h.id}  call ${h.callId}  until ${new Date(h.expires).toISOString()}  by ${h.author}: ${h.reason}\n`,
        );
  };
  if (action === 'list') {
    print(await withStore(options.data, 'hold', (store) => new HoldStore(store).list(refs[0])), '');
    return;
  }
  if (action === 'release') {
    if (refs.length !== 1) throw new CliError('sipflow hold release: give one hold id', ExitCode.usage);
    const released = await withStore(options.data, 'hold', (store) => new HoldStore(store).release(refs[0]!, actor));
    if (!released) throw new CliError(`no hold ${refs[0]} in force`, ExitCode.invalidInput);
    print([released], 'released ');
    return;
  }
  if (action !== 'add')
    throw new CliError(`sipflow hold: unknown action ${action} (add, release or list)`, ExitCode.usage);
  if (refs.length !== 1) throw new CliError('sipflow hold add: give one call', ExitCode.usage);
  const reason = options.reason?.trim();
  if (!reason) throw new CliError('sipflow hold add: a hold needs a reason (--reason)', ExitCode.usage);
  const expires = expiryOf(options, Date.now());
  const hold = await withStore(options.data, 'hold', async (store) => {
    const call = await findCall(store, refs[0]!);
    if (!call)
      throw new CliError(
        `no call ${refs[0]} (neither a sipflow call id nor a SIP Call-ID in the store)`,
        ExitCode.invalidInput,
      );
    return new HoldStore(store).hold(call, { id: randomUUID(), reason, expires }, actor);
  });
  print([hold], 'held ');
}
