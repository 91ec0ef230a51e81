import { redactSipMessage, type RedactionPolicy } from '@sipflow/auth';
import type { SipMessage } from '@sipflow/proto';
import type { StoredMessage } from '@sipflow/store';

/**
 * One stored SIP message as the caller may see it: redacted by libs/auth before anything is
 * parsed out of it, so neither the text nor the header list can carry a secret the policy hides.
 */
export function toSipMessage(message: StoredMessage, policy: RedactionPolicy, deviceName: string): SipMessage {
  const redacted = redactSipMessage(message.raw, policy);
  const text = redacted.text;
  const split = /\r?\n\r?\n/.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const body = split ? text.slice(split.index + split[0].length) : '';
  const [startLine = '', ...lines] = head.split(/\r?\n/);
  const headers: { name: string; value: string }[] = [];
  for (const line of lines) {
    // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header.
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) last.value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
    }
  }
  const counts = new Map<string, number>();
  for (const r of redacted.redactions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const own = policy.level === 'customer';
  return {
    recordId: message.recordId,
    callId: message.callId,
    sipCallId: message.callId,
    tsUs: message.ts,
    timePrecision: message.timePrecision,
    deviceId: message.deviceId,
    deviceName: deviceName || message.deviceName,
    direction: message.direction,
    transport: message.transport,
    // Addresses identify the parties' equipment: customers see them only inside the redacted text.
    src: own ? undefined : { address: message.src.address, port: message.src.port },
    dst: own ? undefined : { address: message.dst.address, port: message.dst.port },
    ingestPath: message.ingestPath,
    isRequest: message.isRequest,
    method: message.method,
    status: message.status,
    reason: message.reason,
    cseq: message.cseq,
    attempt: message.attempt,
    text,
    startLine,
    headers,
    body,
    redactions: [...counts].map(([kind, count]) => ({ kind, count })),
  };
}
