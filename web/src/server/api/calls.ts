import 'server-only';
import {
  CallServiceService,
  NumberMatch,
  SortOrder,
  type CallFilter,
  type CallFlow,
  type SearchCallsResponse,
  type SipMessage,
  type WatchCallsResponse,
} from '@sipflow/proto';
import type { CallQuery } from '../../lib/call-query';
import type { PortalSession } from '../session-seal';
import { api } from './api';

// A whole number goes as UNSPECIFIED: the API reads it in any written form (+44…, 0…, digits).
const MATCH: Record<CallQuery['match'], NumberMatch> = {
  exact: NumberMatch.NUMBER_MATCH_UNSPECIFIED,
  prefix: NumberMatch.NUMBER_MATCH_PREFIX,
  suffix: NumberMatch.NUMBER_MATCH_SUFFIX,
};

/** The search form's query as the API's filter. */
export function callFilter(query: CallQuery, nowMs: number): CallFilter {
  const since = query.since ?? (query.preset ? nowMs - query.preset * 60_000 : undefined);
  return {
    number: query.number,
    numberMatch: MATCH[query.match],
    sinceUs: since ? since * 1000 : 0,
    untilUs: query.until ? query.until * 1000 : 0,
    device: query.device,
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.statusClass !== undefined ? { statusClass: query.statusClass } : {}),
    finding: query.finding,
    sipCallId: query.sipCallId,
    kind: query.kind,
    outcome: query.outcome,
  };
}

export function searchCalls(session: PortalSession, query: CallQuery, nowMs: number): Promise<SearchCallsResponse> {
  return api().unary(
    CallServiceService.searchCalls,
    {
      filter: callFilter(query, nowMs),
      pageSize: query.pageSize,
      pageToken: query.page,
      order: query.oldestFirst ? SortOrder.SORT_ORDER_OLDEST_FIRST : SortOrder.SORT_ORDER_NEWEST_FIRST,
    },
    session.accessToken,
  );
}

export async function callFlow(session: PortalSession, callId: string): Promise<CallFlow | undefined> {
  const response = await api().unary(CallServiceService.getCallFlow, { callId }, session.accessToken);
  return response.flow;
}

export async function sipMessage(
  session: PortalSession,
  callId: string,
  recordId: string,
): Promise<SipMessage | undefined> {
  const response = await api().unary(CallServiceService.getMessage, { callId, recordId }, session.accessToken);
  return response.message;
}

export function watchCalls(
  session: PortalSession,
  query: CallQuery,
  nowMs: number,
  signal: AbortSignal,
): AsyncGenerator<WatchCallsResponse> {
  return api().stream(
    CallServiceService.watchCalls,
    { filter: { ...callFilter(query, nowMs), sinceUs: 0, untilUs: 0 } },
    session.accessToken,
    signal,
  );
}
