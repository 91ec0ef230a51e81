import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { can } from '@sipflow/auth';
import { correctionProblem, legByReference, type CallGraph, type Link } from '@sipflow/correlation';
import { buildLadder, shareCall, type ShareFormat as LadderShareFormat, type ShareScope } from '@sipflow/ladder';
import {
  CallEventKind,
  CorrectionAction,
  ShareFormat,
  type CallHold,
  type CorrectCallRequest,
  type CorrectCallResponse,
  type FlowCorrection,
  type FlowLink,
  type GetAccessTrailRequest,
  type GetAccessTrailResponse,
  type HoldCallRequest,
  type HoldCallResponse,
  type ListHoldsRequest,
  type ListHoldsResponse,
  type ReleaseHoldRequest,
  type ReleaseHoldResponse,
  type ShareCallRequest,
  type ShareCallResponse,
  type CreateShareLinkRequest,
  type CreateShareLinkResponse,
  type ListShareLinksRequest,
  type ListShareLinksResponse,
  type OpenShareLinkRequest,
  type OpenShareLinkResponse,
  type RevokeShareLinkRequest,
  type RevokeShareLinkResponse,
  type ShareLink as ShareLinkMessage,
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
import {
  appendAudit,
  applyCorrection,
  auditTrailOf,
  CorrectionStore,
  HoldStore,
  newCorrection,
  type Actor,
  type ApiStore,
  type Hold,
  ShareLinkStore,
  type ShareLink,
  type SipStore,
  type StoredCorrection,
} from '@sipflow/store';
import { concatMap, from, type Observable } from 'rxjs';
import { Audited } from '../audit/audited';
import { callerOf } from '../auth/caller';
import { Allow, Public } from '../auth/rpc-access';
import { ApiError } from '../errors/api-error';
import type { ApiSettings } from '../server/api-settings';
import { API_SETTINGS, API_STORE, SIP_STORE } from '../server/tokens';
import { CallAccess } from './call-access';
import { CallFeed } from './call-feed';
import { decodePageToken, encodePageToken, liveFilter, orderOf, pageSizeOf, searchOf } from './call-filter';
import { adminDeviceNames, toCallFlow, toCallSummary } from './call-flow.mapper';
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
    const [calls, devices] = await Promise.all([
      this.store.searchCalls({
        ...searchOf(request.filter, this.settings.plan, this.store.defaultCountry),
        limit: limit + 1,
        order: orderOf(request.order),
        ...(request.pageToken && { after: decodePageToken(request.pageToken) }),
        ...(allowed && { allowed }),
      }),
      this.apiStore.listDevices(),
    ]);
    const names = adminDeviceNames(devices);
    const page = calls.slice(0, limit);
    const last = page[page.length - 1];
    return {
      calls: page.map((c) => toCallSummary(c, access, names)),
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
    const [call, devices] = await Promise.all([this.visibleCall(request.callId, access), this.apiStore.listDevices()]);
    const messages = await this.store.messagesOf(
      call.sipCallIds,
      call.start - CLOCK_MARGIN_US,
      call.end + CLOCK_MARGIN_US,
    );
    const ladder = buildLadder(call, messages);
    const flow = toCallFlow(call, ladder, access, new Map(devices.map((d) => [d.id, d])), messages);
    // Corrections by hand and holds are staff business; a customer sees the call as it is.
    if (!access.own) {
      flow.corrections = (call.corrections ?? []).map((c) => toFlowCorrection(c, access));
      flow.holds = (await new HoldStore(this.store).list(call.id)).map(toCallHold);
    }
    return { flow };
  }

  @Allow('messages:read')
  @Audited('calls.GetMessage', (r: GetMessageRequest) => `${r.callId}/${r.recordId}`)
  async getMessage(request: GetMessageRequest, metadata?: Metadata): Promise<GetMessageResponse> {
    const access = this.access(metadata);
    if (!request.recordId || request.recordId.length > MAX_ID) throw ApiError.invalid('record_id is required');
    const call = await this.visibleCall(request.callId, access);
    const message = await this.store.getMessage(request.recordId, call.sipCallIds);
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
    const matches = liveFilter(
      searchOf(request.filter, this.settings.plan, this.store.defaultCountry),
      this.store.defaultCountry,
    );
    const seen = new Set<string>();
    let names: ReadonlyMap<string, string> = new Map();
    return this.feed.changes().pipe(
      concatMap(async (changes) => {
        // Read per batch of changes (one small table), so a device renamed meanwhile shows at once;
        // if the store cannot answer, the names last read do: the feed must not stop for a label.
        names = await this.apiStore.listDevices().then(adminDeviceNames, () => names);
        return changes.flatMap((change): WatchCallsResponse[] => {
          if (change.deleted) {
            if (!seen.delete(change.id)) return [];
            return [{ event: CallEventKind.CALL_EVENT_KIND_REMOVED, call: toCallSummary(change, access, names) }];
          }
          if (!access.canSeeFacts(change) || !matches(change)) return [];
          const event = seen.has(change.id)
            ? CallEventKind.CALL_EVENT_KIND_UPDATED
            : CallEventKind.CALL_EVENT_KIND_CREATED;
          if (seen.size > 100_000) seen.clear();
          seen.add(change.id);
          return [{ event, call: toCallSummary(change, access, names) }];
        });
      }),
      concatMap((events) => from(events)),
    );
  }

  // --- Diagnostics (issue 9): corrections by hand, investigation holds, sharing, access trail ---

  private actor(metadata: Metadata | undefined): Actor {
    const caller = callerOf(metadata);
    const { subject, roles, name } = caller.principal;
    return { subject, ...(name && { name }), roles: [...roles], peer: caller.peer };
  }

  @Allow('calls:correct')
  async correctCall(request: CorrectCallRequest, metadata?: Metadata): Promise<CorrectCallResponse> {
    const access = this.access(metadata);
    const actor = this.actor(metadata);
    let correction: StoredCorrection | undefined;
    let mode: 'add' | 'revoke' = 'add';
    if (request.action === CorrectionAction.CORRECTION_ACTION_UNDO) {
      correction = await new CorrectionStore(this.store).get(request.correctionId);
      if (!correction) throw ApiError.notFound(`no correction ${request.correctionId} in force`);
      mode = 'revoke';
    } else if (request.action === CorrectionAction.CORRECTION_ACTION_SPLIT) {
      const call = await this.visibleCall(request.callId, access);
      const leg = legByReference(call, request.leg);
      if (!leg) throw ApiError.invalid(`leg: ${request.leg} is not a leg of call ${call.id} (L1…L${call.legs.length})`);
      correction = newCorrection('split', [call], [leg.id], request.reason, actor.name ?? actor.subject);
    } else if (request.action === CorrectionAction.CORRECTION_ACTION_JOIN) {
      const calls = [
        await this.visibleCall(request.callId, access),
        await this.visibleCall(request.otherCallId, access),
      ];
      if (calls[0]!.id === calls[1]!.id) throw ApiError.invalid('call_id and other_call_id are one call already');
      correction = newCorrection(
        'join',
        calls,
        [calls[0]!.legs[0]!.id, calls[1]!.legs[0]!.id],
        request.reason,
        actor.name ?? actor.subject,
      );
    } else throw ApiError.invalid('action: split, join or undo');
    const problem = mode === 'add' ? correctionProblem(correction) : undefined;
    if (problem) throw ApiError.invalid(problem);
    const result = await applyCorrection(this.store, correction, actor, mode);
    return {
      correction: toFlowCorrection({ ...result.correction, overruled: [] }, access),
      callIds: result.calls.map((c) => c.id),
      removedCallIds: result.removed,
    };
  }

  @Allow('calls:correct')
  async holdCall(request: HoldCallRequest, metadata?: Metadata): Promise<HoldCallResponse> {
    const call = await this.visibleCall(request.callId, this.access(metadata));
    const reason = request.reason.trim();
    if (!reason) throw ApiError.invalid('reason: a hold needs a reason');
    const expires = Math.floor(Number(request.expiresUs) / 1000);
    if (!(expires > Date.now() && expires <= Date.now() + MAX_HOLD_MS))
      throw ApiError.invalid('expires_us: in the future and within ten years');
    const hold = await new HoldStore(this.store).hold(
      call,
      { id: randomUUID(), reason, expires },
      this.actor(metadata),
    );
    return { hold: toCallHold(hold) };
  }

  @Allow('calls:correct')
  async releaseHold(request: ReleaseHoldRequest, metadata?: Metadata): Promise<ReleaseHoldResponse> {
    if (!request.holdId || request.holdId.length > MAX_ID) throw ApiError.invalid('hold_id is required');
    const hold = await new HoldStore(this.store).release(request.holdId, this.actor(metadata));
    if (!hold) throw ApiError.notFound(`no hold ${request.holdId} in force`);
    return { hold: toCallHold(hold) };
  }

  @Allow('calls:read', 'live:watch')
  async listHolds(request: ListHoldsRequest, metadata?: Metadata): Promise<ListHoldsResponse> {
    const callId = request.callId ? (await this.visibleCall(request.callId, this.access(metadata))).id : undefined;
    return { holds: (await new HoldStore(this.store).list(callId)).map(toCallHold) };
  }

  /** Who gets a shared copy: a customer always as themselves; staff choose a customer or support. */
  private shareScope(access: CallAccess, customerNumbers: string[]): ShareScope {
    const own = access.own
      ? (access.principal.scopes.customers ?? []).flatMap((c) => [...c.numbers])
      : customerNumbers.map((n) => n.trim()).filter(Boolean);
    if (access.own && own.length === 0) throw ApiError.denied('no numbers of your own to share a call for');
    if (own.length > MAX_SHARE_NUMBERS || own.some((n) => n.length > 64))
      throw ApiError.invalid(`customer_numbers: at most ${MAX_SHARE_NUMBERS} numbers`);
    return own.length ? { kind: 'customer', numbers: own } : { kind: 'support' };
  }

  /** The call as a file masked for `scope`, rendered from what is stored now. */
  private async render(call: CallGraph, format: LadderShareFormat, scope: ShareScope) {
    const messages = await this.store.messagesOf(
      call.sipCallIds,
      call.start - CLOCK_MARGIN_US,
      call.end + CLOCK_MARGIN_US,
    );
    const shared = shareCall(call, messages, format, scope, this.store.defaultCountry);
    return {
      content: shared.bytes,
      mediaType: shared.mediaType,
      fileName: `sipflow-call-${call.id}.${format === 'text' ? 'txt' : format}`,
      legs: shared.legs,
      messages: shared.messages,
    };
  }

  @Allow('calls:read')
  async shareCall(request: ShareCallRequest, metadata?: Metadata): Promise<ShareCallResponse> {
    const access = this.access(metadata);
    const actor = this.actor(metadata);
    const format = shareFormatOf(request.format);
    const call = await this.visibleCall(request.callId, access);
    const scope = this.shareScope(access, request.customerNumbers);
    const file = await this.render(call, format, scope);
    await appendAudit(this.store, [
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
          legs: file.legs,
          messages: file.messages,
        }),
      },
    ]);
    return file;
  }

  @Allow('calls:read')
  async createShareLink(request: CreateShareLinkRequest, metadata?: Metadata): Promise<CreateShareLinkResponse> {
    const access = this.access(metadata);
    const actor = this.actor(metadata);
    const format = shareFormatOf(request.format);
    const expires = Math.floor(Number(request.expiresUs) / 1000);
    if (!(expires > Date.now() + 1000 && expires <= Date.now() + MAX_SHARE_LINK_MS))
      throw ApiError.invalid('expires_us: in the future and within 30 days');
    const call = await this.visibleCall(request.callId, access);
    const scope = this.shareScope(access, request.customerNumbers);
    // 256 random bits: the secret is the only credential a link has (RFC 4086 §3: from the OS CSPRNG).
    const token = randomBytes(32).toString('base64url');
    const link = await new ShareLinkStore(this.store).create(
      {
        id: randomUUID(),
        callId: call.id,
        format,
        recipient: scope.kind,
        customerNumbers: scope.kind === 'customer' ? [...scope.numbers] : [],
        author: actor.name ?? actor.subject,
        authorSubject: actor.subject,
        expires,
      },
      token,
      actor,
    );
    return { link: toShareLinkMessage(link, true), token };
  }

  /**
   * Public: the link's secret is the credential. Not rate limited per peer: every visitor comes
   * through the portal's one address, and 2^256 secrets cannot be guessed at any rate.
   */
  @Public()
  async openShareLink(
    request: OpenShareLinkRequest,
    _metadata?: Metadata,
    call?: { getPeer?: () => string },
  ): Promise<OpenShareLinkResponse> {
    // One answer for unknown, expired and revoked links: which of them is not the holder's business.
    const gone = () => ApiError.notFound('this share link has expired, was revoked, or never existed');
    if (!SHARE_TOKEN.test(request.token)) throw gone();
    const links = new ShareLinkStore(this.store);
    const link = await links.byToken(request.token);
    if (!link) throw gone();
    const graph = await this.store.getCall(link.callId);
    if (!graph) throw gone();
    const scope: ShareScope =
      link.recipient === 'customer' ? { kind: 'customer', numbers: link.customerNumbers } : { kind: 'support' };
    const file = await this.render(graph, shareFormatOf(SHARE_FORMAT_OF_NAME.get(link.format)), scope);
    await links.opened(link, call?.getPeer?.() ?? '', { legs: file.legs, messages: file.messages });
    return file;
  }

  @Allow('calls:read')
  async revokeShareLink(request: RevokeShareLinkRequest, metadata?: Metadata): Promise<RevokeShareLinkResponse> {
    if (!request.linkId || request.linkId.length > MAX_ID) throw ApiError.invalid('link_id is required');
    const access = this.access(metadata);
    const actor = this.actor(metadata);
    const links = new ShareLinkStore(this.store);
    const link = await links.get(request.linkId);
    if (!link || !mayRevoke(link, actor.subject, access))
      throw ApiError.notFound(`no share link ${request.linkId} in force that you may revoke`);
    await links.revoke(link, actor);
    return { link: toShareLinkMessage(link, false) };
  }

  @Allow('calls:read')
  async listShareLinks(request: ListShareLinksRequest, metadata?: Metadata): Promise<ListShareLinksResponse> {
    const access = this.access(metadata);
    const call = await this.visibleCall(request.callId, access);
    const subject = this.actor(metadata).subject;
    const links = await new ShareLinkStore(this.store).list(call.id);
    // A customer sees only the links they made.
    return {
      links: links
        .filter((l) => !access.own || l.authorSubject === subject)
        .map((l) => toShareLinkMessage(l, mayRevoke(l, subject, access))),
    };
  }

  @Allow('calls:read', 'live:watch')
  async getAccessTrail(request: GetAccessTrailRequest, metadata?: Metadata): Promise<GetAccessTrailResponse> {
    const call = await this.visibleCall(request.callId, this.access(metadata));
    const trail = await auditTrailOf(this.store, call.id);
    return {
      entries: trail.map((e) => ({
        tsUs: e.ts * 1000,
        subject: e.subject,
        action: e.action,
        peer: e.peer,
        outcome: e.outcome,
        detail: e.detail,
      })),
    };
  }
}

/** Longest investigation hold: ten years. */
const MAX_HOLD_MS = 3650 * 86_400_000;

/** Longest a share link lives: thirty days. */
const MAX_SHARE_LINK_MS = 30 * 86_400_000;
const MAX_SHARE_NUMBERS = 100;
/** A link's secret: 32 random bytes, base64url without padding. */
const SHARE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const SHARE_FORMATS = new Map<ShareFormat, LadderShareFormat>([
  [ShareFormat.SHARE_FORMAT_TEXT, 'text'],
  [ShareFormat.SHARE_FORMAT_JSON, 'json'],
  [ShareFormat.SHARE_FORMAT_PCAP, 'pcap'],
  [ShareFormat.SHARE_FORMAT_SVG, 'svg'],
]);
const SHARE_FORMAT_OF_NAME = new Map([...SHARE_FORMATS].map(([k, v]) => [v as string, k]));

function shareFormatOf(format: ShareFormat | undefined): LadderShareFormat {
  const name = format === undefined ? undefined : SHARE_FORMATS.get(format);
  if (!name) throw ApiError.invalid('format: text, json, pcap or svg');
  return name;
}

/** Staff who correct calls may revoke any link; anyone else only their own. */
function mayRevoke(link: ShareLink, subject: string, access: CallAccess): boolean {
  return link.authorSubject === subject || can(access.principal, 'calls:correct');
}

function toShareLinkMessage(l: ShareLink, revocable: boolean): ShareLinkMessage {
  return {
    id: l.id,
    callId: l.callId,
    format: SHARE_FORMAT_OF_NAME.get(l.format) ?? ShareFormat.SHARE_FORMAT_UNSPECIFIED,
    recipient: l.recipient,
    customerNumbers: l.customerNumbers,
    author: l.author,
    createdUs: l.created,
    expiresUs: l.expires * 1000,
    revocable,
  };
}

function toFlowLink(link: Link, access: CallAccess): FlowLink {
  return {
    legIds: [...link.legs],
    kind: link.kind,
    device: link.device ?? '',
    confidence: link.confidence,
    evidence: link.evidence.map((e) => ({ signal: e.signal, detail: access.text(e.detail), values: {} })),
  };
}

function toFlowCorrection(
  c: StoredCorrection | (Omit<StoredCorrection, 'calls'> & { overruled: Link[] }),
  access: CallAccess,
): FlowCorrection {
  return {
    id: c.id,
    action: c.action,
    legIds: [...c.legs],
    author: c.author,
    reason: c.reason,
    atUs: c.at,
    overruled: ('overruled' in c ? c.overruled : []).map((l) => toFlowLink(l, access)),
  };
}

function toCallHold(h: Hold): CallHold {
  return {
    id: h.id,
    callId: h.callId,
    reason: h.reason,
    author: h.author,
    createdUs: h.created,
    expiresUs: h.expires * 1000,
  };
}
