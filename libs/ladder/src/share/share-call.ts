import type { CallGraph } from '@sipflow/correlation';
import { writePcap } from '@sipflow/ingest';
import type { LadderMessage } from '../ladder-message';
import { buildLadder } from '../ladder-model';
import { renderLadderSvg } from '../render-svg';
import { renderLadderText } from '../render-text';
import { maskForeignNumbers, scopeCall, scopeMessages, shareAudience, type ShareScope } from './share-scope';

export type ShareFormat = 'text' | 'json' | 'pcap' | 'svg';

export const SHARE_MEDIA_TYPES: Record<ShareFormat, string> = {
  text: 'text/plain; charset=utf-8',
  json: 'application/json',
  pcap: 'application/vnd.tcpdump.pcap',
  svg: 'image/svg+xml',
};

export interface SharedCall {
  bytes: Uint8Array;
  mediaType: string;
  /** Legs and messages the recipient gets. */
  legs: number;
  messages: number;
}

const iso = (us: number) => new Date(Math.floor(us / 1000)).toISOString();

/**
 * One call as a file for someone outside the support team: the ladder as text or SVG, the call as
 * JSON, or its SIP messages as a pcap — masked for the recipient's scope (shareAudience) before
 * anything is rendered, so no format can leak what another hides.
 */
export function shareCall(
  call: CallGraph,
  messages: readonly LadderMessage[],
  format: ShareFormat,
  scope: ShareScope,
  defaultCountry: string,
): SharedCall {
  const audience = shareAudience(scope, defaultCountry);
  const shared = scopeCall(call, audience);
  const visible = scopeMessages(shared, messages, audience);
  const ladder = buildLadder(shared, visible);
  const title = `sipflow call ${shared.id}, ${iso(shared.start)}`;
  const text = (body: string) => new TextEncoder().encode(maskForeignNumbers(body, audience));
  let bytes: Uint8Array;
  if (format === 'pcap') {
    // Syslog records often carry no addresses: a device's mapped address stands in, else a stable
    // one from the benchmarking range (RFC 2544, 198.18.0.0/15) so the capture still reads as a flow.
    const devices = shared.devices.map((d) => d.id);
    const endpoint = (side: LadderMessage['src']) =>
      side.address
        ? { address: side.address, port: side.port || 5060 }
        : {
            address:
              shared.devices.find((d) => d.id === side.device)?.address ??
              `198.18.${Math.floor((devices.indexOf(side.device) + 1) / 250)}.${((devices.indexOf(side.device) + 1) % 250) + 1}`,
            port: side.port || 5060,
          };
    bytes = writePcap(
      [...visible]
        .filter((m) => m.raw)
        .sort((a, b) => a.ts - b.ts)
        .map((m) => ({ timeUs: m.ts, src: endpoint(m.src), dst: endpoint(m.dst), payload: m.raw! })),
    );
  } else if (format === 'svg') {
    bytes = text(renderLadderSvg(ladder, { title }));
  } else if (format === 'text') {
    bytes = text(`${title}\n\n${renderLadderText(ladder)}`);
  } else {
    const decoder = new TextDecoder('latin1');
    bytes = text(
      `${JSON.stringify(
        {
          id: shared.id,
          kind: shared.kind,
          start: iso(shared.start),
          end: iso(shared.end),
          outcome: shared.outcome,
          devices: ladder.columns.map((c) => ({ id: c.id, name: c.name })),
          legs: ladder.legs.map((l) => ({
            label: l.label,
            sipCallId: l.callId,
            from: ladder.columns[l.from]?.id,
            to: ladder.columns[l.to]?.id,
            method: l.method,
            outcome: l.outcome,
          })),
          messages: visible.map((m) => ({
            ts: iso(m.ts),
            observer: m.deviceId,
            src: m.src.device,
            dst: m.dst.device,
            summary: m.isRequest ? m.method : `${m.status} ${m.reason}`.trim(),
            ...(m.raw ? { raw: decoder.decode(m.raw) } : {}),
          })),
          evidence: ladder.evidence,
          findings: ladder.findings,
        },
        null,
        2,
      )}\n`,
    );
  }
  return { bytes, mediaType: SHARE_MEDIA_TYPES[format], legs: shared.legs.length, messages: visible.length };
}
