'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { CorrectCallResponse } from '@sipflow/proto';
import type { ActionState } from '../../../components/shell/action-form';
import { ApiError } from '../../../server/api/api-error';
import * as diagnostics from '../../../server/api/diagnostics';
import { requireSession, type PortalSession } from '../../../server/session';
import { portalSettings } from '../../../server/settings';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const callPath = (id: string) => `/calls/${encodeURIComponent(id)}`;

/** A customer's numbers as typed, one or more, separated by commas or spaces. */
const numbers = (form: FormData) =>
  text(form, 'recipient') === 'customer'
    ? text(form, 'numbers')
        .split(/[,;\s]+/)
        .filter(Boolean)
    : [];

/**
 * Runs one change on the call the form belongs to; the API checks the role and audits. Refusals come
 * back in the API's words; success re-renders the call page.
 */
async function onCall(
  form: FormData,
  work: (session: PortalSession, callId: string) => Promise<ActionState>,
): Promise<ActionState> {
  const callId = text(form, 'callId');
  const session = await requireSession(callPath(callId));
  let state: ActionState;
  try {
    state = await work(session, callId);
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
  revalidatePath(callPath(callId));
  return state;
}

/** After a correction the call may have a new id (a join keeps one of two): go where it now is. */
function followCorrection(callId: string, result: CorrectCallResponse, done: string): ActionState {
  if (result.removedCallIds.includes(callId) && result.callIds[0]) redirect(callPath(result.callIds[0]));
  return { message: done };
}

export async function splitLegAction(_: ActionState, form: FormData): Promise<ActionState> {
  return onCall(form, async (s, callId) => {
    const leg = text(form, 'leg');
    const result = await diagnostics.splitLeg(s, callId, leg, text(form, 'reason'));
    return followCorrection(callId, result, `Split ${leg} out of this call.`);
  });
}

export async function joinCallsAction(_: ActionState, form: FormData): Promise<ActionState> {
  return onCall(form, async (s, callId) => {
    const other = text(form, 'other');
    const result = await diagnostics.joinCalls(s, callId, other, text(form, 'reason'));
    return followCorrection(callId, result, `Joined ${other} to this call.`);
  });
}

export async function undoCorrectionAction(_: ActionState, form: FormData): Promise<ActionState> {
  return onCall(form, async (s, callId) => {
    const result = await diagnostics.undoCorrection(s, text(form, 'correctionId'));
    return followCorrection(callId, result, 'Correction withdrawn.');
  });
}

/** A date from an <input type=date> as the end of that day (UTC): a hold lasts the whole last day. */
const endOfDay = (date: string) => Date.parse(`${date}T23:59:59Z`);

export async function holdCallAction(_: ActionState, form: FormData): Promise<ActionState> {
  return onCall(form, async (s, callId) => {
    const until = text(form, 'until');
    const expires = endOfDay(until);
    if (!Number.isFinite(expires)) return { error: 'Keep until: a date, e.g. 2027-01-31.' };
    await diagnostics.holdCall(s, callId, text(form, 'reason'), expires);
    return { message: `Held until ${until} 23:59:59 UTC.` };
  });
}

export async function releaseHoldAction(_: ActionState, form: FormData): Promise<ActionState> {
  return onCall(form, async (s) => {
    await diagnostics.releaseHold(s, text(form, 'holdId'));
    return { message: 'Hold released.' };
  });
}

/** How long a new share link lives, as offered by the form. */
const LINK_LIFETIMES_H = new Set([1, 24, 24 * 7, 24 * 30]);

/**
 * This portal's address for links handed to someone else: as configured (SIPFLOW_PORTAL_URL), else
 * as the browser reached it (through a proxy: its forwarded host and scheme).
 */
async function portalOrigin(): Promise<string> {
  const configured = portalSettings().SIPFLOW_PORTAL_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto.split(',')[0]}://${host.split(',')[0]}`;
}

export async function createShareLinkAction(_: ActionState, form: FormData): Promise<ActionState> {
  return onCall(form, async (s, callId) => {
    const format = text(form, 'format');
    const hours = Number(text(form, 'hours'));
    if (!diagnostics.isShareFormat(format)) return { error: 'Format: text, JSON, pcap or SVG.' };
    if (!LINK_LIFETIMES_H.has(hours)) return { error: 'Expires: 1 hour, 1 day, 7 days or 30 days.' };
    const { link, token } = await diagnostics.createShareLink(
      s,
      callId,
      format,
      numbers(form),
      Date.now() + hours * 3_600_000,
    );
    const expires = new Date((link?.expiresUs ?? 0) / 1000).toISOString().replace('T', ' ').slice(0, 16);
    return {
      message: `Link for ${link?.recipient ?? 'support'} (${format}), works until ${expires} UTC:`,
      href: `${await portalOrigin()}/shared/${token}`,
    };
  });
}

export async function revokeShareLinkAction(_: ActionState, form: FormData): Promise<ActionState> {
  return onCall(form, async (s) => {
    await diagnostics.revokeShareLink(s, text(form, 'linkId'));
    return { message: 'Link revoked.' };
  });
}
