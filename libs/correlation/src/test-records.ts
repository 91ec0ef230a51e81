import { computeRecordId, type SipRecord } from '@sipflow/sip';

/**
 * Hand-written traffic for unit tests: SIP text (LF line ends allowed, converted to CRLF) seen by a
 * probe between two addresses. Content-Length is computed from the body.
 */
export function sipRecord(
  text: string,
  hop: { from: string; to: string },
  timeUs: number,
  observer = 'probe',
): SipRecord {
  const normalised = text.replace(/\r?\n/g, '\r\n');
  const split = normalised.indexOf('\r\n\r\n');
  const head = split < 0 ? normalised.replace(/(\r\n)*$/, '') : normalised.slice(0, split);
  const body = split < 0 ? '' : normalised.slice(split + 4);
  const raw = new Uint8Array(
    Buffer.from(`${head}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, 'latin1'),
  );
  const callId = /^Call-ID:\s*(\S+)/im.exec(head)?.[1] ?? '';
  return {
    recordId: computeRecordId(observer, timeUs, raw),
    captureTimeUs: timeUs,
    timePrecision: 'us',
    device: { id: observer, name: observer },
    direction: 'unknown',
    transport: 'udp',
    source: { address: hop.from, port: 5060 },
    destination: { address: hop.to, port: 5060 },
    ingestPath: 'pcap',
    raw,
    callId,
  };
}

/** A minimal request line + headers for a dialog between two UAs. */
export function request(
  method: string,
  opts: {
    callId: string;
    fromTag: string;
    toTag?: string;
    cseq: number;
    branch: string;
    from?: string;
    to?: string;
    ruri?: string;
    extra?: string[];
    body?: string;
  },
): string {
  const ruri = opts.ruri ?? 'sip:bob@192.0.2.2';
  return [
    `${method} ${ruri} SIP/2.0`,
    `Via: SIP/2.0/UDP 192.0.2.1:5060;branch=${opts.branch}`,
    'Max-Forwards: 70',
    `From: <${opts.from ?? 'sip:alice@192.0.2.1'}>;tag=${opts.fromTag}`,
    `To: <${opts.to ?? 'sip:bob@192.0.2.2'}>${opts.toTag ? `;tag=${opts.toTag}` : ''}`,
    `Call-ID: ${opts.callId}`,
    `CSeq: ${opts.cseq} ${method}`,
    'Contact: <sip:alice@192.0.2.1>',
    ...(opts.extra ?? []),
    ...(opts.body ? ['Content-Type: application/sdp'] : []),
    '',
    opts.body ?? '',
  ].join('\n');
}

export function response(
  status: string,
  opts: {
    callId: string;
    fromTag: string;
    toTag?: string;
    cseq: number;
    method: string;
    branch: string;
    extra?: string[];
    body?: string;
  },
): string {
  return [
    `SIP/2.0 ${status}`,
    `Via: SIP/2.0/UDP 192.0.2.1:5060;branch=${opts.branch}`,
    `From: <sip:alice@192.0.2.1>;tag=${opts.fromTag}`,
    `To: <sip:bob@192.0.2.2>${opts.toTag ? `;tag=${opts.toTag}` : ''}`,
    `Call-ID: ${opts.callId}`,
    `CSeq: ${opts.cseq} ${opts.method}`,
    ...(opts.extra ?? []),
    ...(opts.body ? ['Content-Type: application/sdp'] : []),
    '',
    opts.body ?? '',
  ].join('\n');
}
