/**
 * SIP domains as access control compares them. Host names are case-insensitive (RFC 3261 §19.1.4);
 * a customer's domain also covers its subdomains (`pbx.customer.example` is within
 * `customer.example`), but IP literals match only exactly, since "subdomain" means nothing there.
 * Anything that is not plainly a host name or address yields `undefined` and matches nothing.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_REFERENCE = /^\[[0-9a-f:.]+\]$/;
const MAX_HOST_LENGTH = 253;

/** Lower-cased host, without a trailing root dot; undefined when not a host name or address. */
export function normaliseDomain(raw: string): string | undefined {
  let host = withoutPort(raw.trim().toLowerCase());
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0 || host.length > MAX_HOST_LENGTH) return undefined;
  if (IPV6_REFERENCE.test(host)) return host;
  if (IPV4.test(host)) return host;
  const labels = host.split('.');
  // Internationalised names arrive as A-labels (xn--…); raw Unicode, '*', '%' or '_' are refused.
  return labels.every((label) => LABEL.test(label)) ? host : undefined;
}

/** `host:5060` → `host`, `[2001:db8::1]:5061` → `[2001:db8::1]` (RFC 3261 §19.1.1 hostport). */
function withoutPort(hostport: string): string {
  const match = /^(\[[^\]]*\]|[^:]*):\d{1,5}$/.exec(hostport);
  return match?.[1] ?? hostport;
}

export function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || IPV6_REFERENCE.test(host);
}

/**
 * Does `host` lie within the customer's `domain` (both already normalised)? A customer domain of a
 * single label (`com`, `example`) would cover half the world, so such entries match only exactly.
 */
export function domainWithin(host: string, domain: string): boolean {
  if (host === domain) return true;
  if (isIpLiteral(domain) || !domain.includes('.')) return false;
  return host.endsWith(`.${domain}`) && !isIpLiteral(host);
}
