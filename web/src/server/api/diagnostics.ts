import 'server-only';
import {
  CallServiceService,
  CorrectionAction,
  ShareFormat,
  type AccessTrailEntry,
  type CorrectCallResponse,
  type CreateShareLinkResponse,
  type OpenShareLinkResponse,
  type ShareCallResponse,
  type ShareLink,
} from '@sipflow/proto';
import type { PortalSession } from '../session-seal';
import { api } from './api';

// Issue 9 from the portal: corrections by hand, investigation holds, sharing, the access trail.
// Each is one CallService RPC; the API authorises and audits, the portal only asks.

export type ShareFormatName = 'text' | 'json' | 'pcap' | 'svg';

export const SHARE_FORMATS: Record<ShareFormatName, ShareFormat> = {
  text: ShareFormat.SHARE_FORMAT_TEXT,
  json: ShareFormat.SHARE_FORMAT_JSON,
  pcap: ShareFormat.SHARE_FORMAT_PCAP,
  svg: ShareFormat.SHARE_FORMAT_SVG,
};

export const isShareFormat = (value: string): value is ShareFormatName => value in SHARE_FORMATS;

export function splitLeg(s: PortalSession, callId: string, leg: string, reason: string): Promise<CorrectCallResponse> {
  return api().unary(
    CallServiceService.correctCall,
    { action: CorrectionAction.CORRECTION_ACTION_SPLIT, callId, otherCallId: '', leg, reason, correctionId: '' },
    s.accessToken,
  );
}

export function joinCalls(
  s: PortalSession,
  callId: string,
  other: string,
  reason: string,
): Promise<CorrectCallResponse> {
  return api().unary(
    CallServiceService.correctCall,
    { action: CorrectionAction.CORRECTION_ACTION_JOIN, callId, otherCallId: other, leg: '', reason, correctionId: '' },
    s.accessToken,
  );
}

export function undoCorrection(s: PortalSession, correctionId: string): Promise<CorrectCallResponse> {
  return api().unary(
    CallServiceService.correctCall,
    {
      action: CorrectionAction.CORRECTION_ACTION_UNDO,
      callId: '',
      otherCallId: '',
      leg: '',
      reason: '',
      correctionId,
    },
    s.accessToken,
  );
}

export async function holdCall(s: PortalSession, callId: string, reason: string, expiresMs: number): Promise<void> {
  await api().unary(CallServiceService.holdCall, { callId, reason, expiresUs: expiresMs * 1000 }, s.accessToken);
}

export async function releaseHold(s: PortalSession, holdId: string): Promise<void> {
  await api().unary(CallServiceService.releaseHold, { holdId }, s.accessToken);
}

export function shareFile(
  s: PortalSession,
  callId: string,
  format: ShareFormatName,
  customerNumbers: string[],
): Promise<ShareCallResponse> {
  return api().unary(
    CallServiceService.shareCall,
    { callId, format: SHARE_FORMATS[format], customerNumbers },
    s.accessToken,
  );
}

export function createShareLink(
  s: PortalSession,
  callId: string,
  format: ShareFormatName,
  customerNumbers: string[],
  expiresMs: number,
): Promise<CreateShareLinkResponse> {
  return api().unary(
    CallServiceService.createShareLink,
    { callId, format: SHARE_FORMATS[format], customerNumbers, expiresUs: expiresMs * 1000 },
    s.accessToken,
  );
}

export async function revokeShareLink(s: PortalSession, linkId: string): Promise<void> {
  await api().unary(CallServiceService.revokeShareLink, { linkId }, s.accessToken);
}

export async function shareLinks(s: PortalSession, callId: string): Promise<ShareLink[]> {
  return (await api().unary(CallServiceService.listShareLinks, { callId }, s.accessToken)).links;
}

/** A share link opened by whoever holds it: no session, the link's secret is the credential. */
export function openShareLink(token: string): Promise<OpenShareLinkResponse> {
  return api().unary(CallServiceService.openShareLink, { token });
}

export async function accessTrail(s: PortalSession, callId: string): Promise<AccessTrailEntry[]> {
  return (await api().unary(CallServiceService.getAccessTrail, { callId }, s.accessToken)).entries;
}
