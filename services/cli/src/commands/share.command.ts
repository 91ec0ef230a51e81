import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { shareCall, type ShareFormat, type ShareScope } from '@sipflow/ladder';
import { appendAudit, auditTrailOf } from '@sipflow/store';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../main';
import { cliActor, findCall, withStore } from './store-access';

export interface ShareOptions {
  data: string;
  format: string;
  for: string;
  own?: string[];
  out?: string;
  author?: string;
}

const FORMATS: ShareFormat[] = ['text', 'json', 'pcap', 'svg'];

/**
 * `sipflow share CALL --format text|json|pcap|svg [--for support|customer --own NUMBER…] [--out FILE]`:
 * one call as a file for someone else, masked for their scope, recorded in the call's access trail.
 */
export async function shareCommand(ref: string, options: ShareOptions, io: CliIo): Promise<void> {
  const format = options.format as ShareFormat;
  if (!FORMATS.includes(format))
    throw new CliError(`--format: one of ${FORMATS.join(', ')}, not ${options.format}`, ExitCode.usage);
  let scope: ShareScope;
  if (options.for === 'support') scope = { kind: 'support' };
  else if (options.for === 'customer') {
    if (!options.own?.length)
      throw new CliError('--for customer: name the customer’s own numbers with --own (one or more)', ExitCode.usage);
    scope = { kind: 'customer', numbers: options.own };
  } else throw new CliError(`--for: support or customer, not ${options.for}`, ExitCode.usage);
  if (format === 'pcap' && !options.out) throw new CliError('--format pcap: give --out FILE', ExitCode.usage);
  const actor = cliActor(options.author);
  const shared = await withStore(options.data, 'share', async (store) => {
    const call = await findCall(store, ref);
    if (!call)
      throw new CliError(
        `no call ${ref} (neither a sipflow call id nor a SIP Call-ID in the store)`,
        ExitCode.invalidInput,
      );
    const messages = await store.messagesOf(call.sipCallIds, call.start - 60_000_000, call.end + 60_000_000);
    const result = shareCall(call, messages, format, scope, store.defaultCountry);
    await appendAudit(store, [
      {
        ts: Date.now(),
        subject: actor.subject,
        roles: actor.roles,
        action: 'call.share',
        target: call.id,
        peer: actor.peer,
        outcome: 'ok',
        detail: JSON.stringify({
          share: randomUUID(),
          format,
          for: scope.kind,
          ...(scope.kind === 'customer' ? { own: scope.numbers } : {}),
          legs: result.legs,
          messages: result.messages,
          ...(options.out ? { file: options.out } : {}),
        }),
      },
    ]);
    return result;
  });
  if (options.out) {
    writeFileSync(options.out, shared.bytes);
    io.err(`wrote ${options.out} (${shared.mediaType}, ${shared.legs} legs, ${shared.messages} messages)\n`);
  } else io.out(new TextDecoder().decode(shared.bytes));
}

export interface TrailOptions {
  data: string;
  json?: boolean;
}

/** `sipflow trail CALL`: the call's access trail — who corrected, held or shared it, when, from where. */
export async function trailCommand(ref: string, options: TrailOptions, io: CliIo): Promise<void> {
  const trail = await withStore(options.data, 'trail', async (store) => {
    const call = await findCall(store, ref);
    return auditTrailOf(store, call?.id ?? ref);
  });
  if (options.json) {
    io.out(
      `${JSON.stringify(
        trail.map((e) => ({ ...e, ts: new Date(e.ts).toISOString() })),
        null,
        2,
      )}\n`,
    );
    return;
  }
  if (trail.length === 0) io.out('no recorded access\n');
  for (const e of trail)
    io.out(
      `${new Date(e.ts).toISOString()}  ${e.subject.padEnd(12)} ${e.action.padEnd(20)} ${e.peer.padEnd(8)} ${e.detail}\n`,
    );
}
