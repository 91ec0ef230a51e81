import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import type { CallGraph } from '@sipflow/correlation';
import { buildLadder } from '@sipflow/ladder';
import {
  CallEventKind,
  CallServiceControllerMethods,
  type CallServiceController,
  type GetCallFlowRequest,
  type GetCallFlowResponse,
  type GetMessageRequest,
  type GetMessageResponse,
  type SearchCallsRequest,
  type SearchCallsResponse,
  type WatchCallsRequest,
  type WatchCallsResponse,
} from '@sipflow/proto';
import type { ApiStore, SipStore } from '@sipflow/store';
import { concatMap, from, type Observable } from 'rxjs';
import { Audited } from '../audit/audited';
import { callerOf } from '../auth/caller';
import { Allow } from '../auth/rpc-access';
import { ApiError } from '../errors/api-error';
import type { ApiSettings } from '../server/api-settings';
import { API_SETTINGS, API_STORE, SIP_STORE } from '../server/tokens';
import { CallAccess } from './call-access';
import { CallFeed } from './call-feed';
import { decodePageToken, encodePageToken, matchesSearch, orderOf, pageSizeOf, searchOf } from './call-filter';
import { toCallFlow, toCallSummary } from './call-flow.mapper';
import { toSipMessage } from './message-view';

/** Observations carry their own device clocks: messages are read with this margin around a call. */
const CLOCK_MARGIN_US = 60_000_000;
const MAX_ID = 256;

@Controller()
@CallServiceControllerMethods()
export class CallsController implements CallServiceController {
  constructor(
    @Inject(SIP_STORE) private readonly store: SipStore,
    @Inject(API_STORE) private readonly apiStore: ApiStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly feed: CallFeed,
  ) {}

  private access(metadata: Metadata | undefined): CallAccess {
    return new CallAccess(callerOf(metadata).principal, this.settings.plan);
  }

  @Allow('calls:search')
  async searchCalls(request: SearchCallsRequest, metadata?: Metadata): Promise<SearchCallsResponse> {
    const access = this.access(metadata);
    const allowed = access.allowed();
    if (allowed === 'none') return { calls: [], nextPageToken: '' };
    const limit = pageSizeOf(request.pageSize);
    const calls = await this.store.searchCalls({
      ...searchOf(request.filter, this.settings.plan),
      limit: limit + 1,
      order: orderOf(request.order),
      ...(request.pageToken && { after: decodePageToken(request.pageToken) }),
      ...(allowed && { allowed }),
    });
    const page = calls.slice(0, limit);
    const last = page[page.length - 1];
    return {
      calls: page.map((c) => toCallSummary(c, access)),
      nextPageToken: calls.length > limit && last ? encodePageToken({ start: last.start, callId: last.id }) : '',
    };
  }

  /** The call by sipflow id or SIP Call-ID, if this caller may see it; else NOT_FOUND either way. */
  private async visibleCall(ref: string, access: CallAccess): Promise<CallGraph> {
    if (!ref || ref.length > MAX_ID) throw ApiError.invalid('call_id: a sipflow call id or a SIP Call-ID');
    let call = await this.store.getCall(ref);
    if (!call) {
      const allowed = access.allowed();
      if (allowed !== 'none') {
        const [hit] = await this.store.searchCalls({ limit: 1, sipCallId: ref, ...(allowed && { allowed }) });
        if (hit) call = await this.store.getCall(hit.id);
      }
    }
    // Not distinguishing "not yours" from "not there": existence is itself information.
    if (!call || !access.canSee(call)) throw ApiError.notFound(`no call ${ref} that you may see`);
    return call;
  }

  @Allow('calls:read')
  @Audited('calls.GetCallFlow', (r: GetCallFlowRequest) => r.callId)
  async getCallFlow(request: GetCallFlowRequest, metadata?: Metadata): Promise<GetCallFlowResponse> {
    const access = this.access(metadata);
    const call = await this.visibleCall(request.callId, access);
    const [messages, devices] = await Promise.all([
      this.store.messagesOf(call.sipCallIds, call.start - CLOCK_MARGIN_US, call.end + CLOCK_MARGIN_US),
      this.apiStore.listDevices(),
    ]);
    const ladder = buildLadder(call, messages);
    return { flow: toCallFlow(call, ladder, access, new Map(devices.map((d) => [d.id, d])), messages) };
  }

  @Allow('messages:read')
  @Audited('calls.GetMessage', (r: GetMessageRequest) => `${r.callId}/${r.recordId}`)
  async getMessage(request: GetMessageRequest, metadata?: Metadata): Promise<GetMessageResponse> {
    const access = this.access(metadata);
    if (!request.recordId || request.recordId.length > MAX_ID) throw ApiError.invalid('record_id is required');
    const call = await this.visibleCall(request.callId, access);
    const message = await this.store.getMessage(request.recordId);
    // A message is shown only as part of a call the caller may see.
    if (!message || !call.sipCallIds.includes(message.callId)) {
      throw ApiError.notFound(`no message ${request.recordId} in call ${request.callId}`);
    }
    const device = (await this.apiStore.listDevices()).find((d) => d.id === message.deviceId);
    return { message: toSipMessage(message, access.redaction, device?.name ?? '') };
  }

  @Allow('live:watch')
  watchCalls(request: WatchCallsRequest, metadata?: Metadata): Observable<WatchCallsResponse> {
    const access = this.access(metadata);
    const search = searchOf(request.filter, this.settings.plan);
    const seen = new Set<string>();
    return this.feed.changes().pipe(
      concatMap((changes) =>
        from(
          changes.flatMap((change): WatchCallsResponse[] => {
            if (change.deleted) {
              if (!seen.delete(change.id)) return [];
              return [{ event: CallEventKind.CALL_EVENT_KIND_REMOVED, call: toCallSummary(change, access) }];
            }
            if (!access.canSeeFacts(change) || !matchesSearch(change, search)) return [];
            const event = seen.has(change.id)
              ? CallEventKind.CALL_EVENT_KIND_UPDATED
              : CallEventKind.CALL_EVENT_KIND_CREATED;
            if (seen.size > 100_000) seen.clear();
            seen.add(change.id);
            return [{ event, call: toCallSummary(change, access) }];
          }),
        ),
      ),
    );
  }
}
