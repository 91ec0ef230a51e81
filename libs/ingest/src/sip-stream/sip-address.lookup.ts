import type { Endpoint, Transport } from '@sipflow/sip';

/**
 * Addresses read out of SIP header text for ingest's own needs (peer derivation, FIREBRICK.md);
 * not a URI parser. Hosts that are names, not IP literals, give no Endpoint: an Endpoint holds an
 * address, and ingest does no DNS.
 */

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

export function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || IPV6.test(host);
}

/** "host", "host:port", "[v6]", "[v6]:port" → host (no brackets) and port, if any. */
export function splitHostPort(text: string): { host: string; port?: number } | null {
  const t = text.trim();
  if (t.startsWith('[')) {
    const close = t.indexOf(']');
    if (close < 0) return null;
    const host = t.slice(1, close);
    const rest = t.slice(close + 1);
    if (rest === '') return { host };
    return /^:\d{1,5}$/.test(rest) ? { host, port: Number(rest.slice(1)) } : null;
  }
  const colon = t.lastIndexOf(':');
  if (colon > 0 && t.indexOf(':') === colon) {
    const port = t.slice(colon + 1);
    return /^\d{1,5}$/.test(port) ? { host: t.slice(0, colon), port: Number(port) } : null;
  }
  return t ? { host: t } : null;
}

export function endpoint(host: string | undefined, port: number | undefined): Endpoint | undefined {
  if (!host || !isIpLiteral(host) || port === undefined || port > 65535) return undefined;
  return { address: host, port };
}

export interface ViaValue {
  transport: Transport;
  host: string;
  port?: number;
  params: Map<string, string>;
}

/** The first via-parm of a Via header value (RFC 3261 §20.42): "SIP/2.0/UDP host:port;params". */
export function parseTopVia(value: string): ViaValue | null {
  const m = /^\s*SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z-]+)\s+([^;,\s]+)\s*([^,]*)/i.exec(value);
  if (!m) return null;
  const hp = splitHostPort(m[2]!);
  if (!hp) return null;
  const params = new Map<string, string>();
  for (const p of m[3]!.split(';')) {
    const [k, v = ''] = p.split('=');
    if (k?.trim()) params.set(k.trim().toLowerCase(), v.trim());
  }
  return { transport: transportName(m[1]!), ...hp, params };
}

export function transportName(token: string): Transport {
  switch (token.toLowerCase()) {
    case 'udp':
      return 'udp';
    case 'tcp':
      return 'tcp';
    case 'tls':
      return 'tls';
    case 'sctp':
    case 'tls-sctp':
      return 'sctp';
    case 'ws':
      return 'ws';
    case 'wss':
      return 'wss';
    default:
      return 'unknown';
  }
}

/**
 * host and port of a SIP URI, bare or in <…> (RFC 3261 §19.1.1): the part after "@" (or after the
 * scheme) up to ";", "?" or ">". The port defaults to 5060 (5061 for sips:, RFC 3261 §19.1.2).
 */
export function uriHostPort(uri: string): { host: string; port: number } | null {
  const lt = uri.indexOf('<');
  const inner = lt >= 0 ? uri.slice(lt + 1, uri.indexOf('>', lt) >>> 0) : uri.trim();
  const m = /^(sips?):(?:[^@;?>]*@)?([^;?>\s]+)/i.exec(inner);
  if (!m) return null;
  const hp = splitHostPort(m[2]!);
  if (!hp) return null;
  return { host: hp.host, port: hp.port ?? (m[1]!.toLowerCase() === 'sips' ? 5061 : 5060) };
}
