import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { shareCall, type ShareFormat, type ShareScope } from '@sipflow/ladder';
import { appendAudit, auditTrailOf, ShareLinkStore, type SipStore } from '@sipflow/store';
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
  /** Make an expiring link instead of a file, living this long (30m, 24h, 7d; at most 30 days). */
  link?: boolean;
  expires?: string;
  /** Where the portal is, for the link's URL. */
  portal?: string;
  /** Revoke this link (of the call named) instead. */
  revoke?: string;
}

const MAX_LINK_MS = 30 * 86_400_000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30m`, `24h`, `7d` as milliseconds, or a usage error. */
function lifetime(text: string): number {
  const match = /^(\d+)([mhd])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2]!]! : NaN;
  if (!(ms > 0 && ms <= MAX_LINK_MS))
    throw new CliError(`--expires: like 30m, 24h or 7d, at most 30 days, not ${text}`, ExitCode.usage);
  return ms;
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
  if (options.link || options.revoke) return shareLinkCommand(ref, options, format, scope, io);
  if (format === 'pcap' && !options.out) throw new CliError('--format pcap: give --out FILE', ExitCode.usage);
  const actor = cliActor(options.author);
  const shared = await withStore(options.data, 'share', async (store) => {
    const call = await requireCall(store, ref);
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

async function requireCall(store: SipStore, ref: string) {
  const call = await findCall(store, ref);
  if (!call)
    throw new CliError(
      `no call ${ref} (neither a sipflow call id nor a SIP Call-ID in the store)`,
      ExitCode.invalidInput,
    );
  return call;
}

/**
 * `sipflow share CALL --link [--expires 24h] [--portal URL]`: an expiring link the portal opens
 * without an account (its secret printed once, only its hash stored); `--revoke LINK` ends one.
 */
async function shareLinkCommand(
  ref: string,
  options: ShareOptions,
  format: ShareFormat,
  scope: ShareScope,
  io: CliIo,
): Promise<void> {
  const actor = cliActor(options.author);
  const expires = options.revoke ? 0 : Date.now() + lifetime(options.expires ?? '24h');
  await withStore(options.data, 'share', async (store) => {
    const call = await requireCall(store, ref);
    const links = new ShareLinkStore(store);
    if (options.revoke) {
      const link = await links.get(options.revoke);
      if (!link || link.callId !== call.id)
        throw new CliError(`no share link ${options.revoke} of call ${call.id} in force`, ExitCode.invalidInput);
      await links.revoke(link, actor);
      io.out(`revoked ${link.id}\n`);
      return;
    }
    const token = randomBytes(32).toString('base64url');
    const link = await links.create(
      {
        id: randomUUID(),
        callId: call.id,
        format,
        recipient: scope.kind,
        customerNumbers: scope.kind === 'customer' ? [...scope.numbers] : [],
        author: actor.subject,
        authorSubject: actor.subject,
        expires,
      },
      token,
      actor,
    );
    const portal = (options.portal ?? process.env.SIPFLOW_PORTAL_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
    io.err(`link ${link.id} for ${link.recipient} (${format}) until ${new Date(link.expires).toISOString()}\n`);
    io.out(`${portal}/shared/${token}\n`);
  });
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
