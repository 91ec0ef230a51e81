import { splitList } from '../headers/list';
import {
  AUTH_SCHEMES,
  CONTACT_PARAMS,
  OPTION_TAGS,
  REQUEST_URI_SCHEMES,
  SIP_SCHEMES,
  URI_PARAMS,
  isKnownSessionBodyType,
} from '../headers/registries';
import { EMPTY_HEADERS } from '../headers/uri';
import type { SemanticIssue, SemanticIssueSeverity } from '../model/message';
import type { PartyHeader, SipUri } from '../model/sip-uri';
import type { CoreHeaders } from './core-headers';
import type { HeaderBlock } from './header-block';
import { HeaderId } from './header-names';
import { issue } from './issues';
import type { StartLine } from './start-line';

/** RFC 3261 §8.1.1.7: a branch starting with this cookie is an RFC 3261 transaction id. */
const MAGIC_COOKIE = 'z9hG4bK';
const SESSION_METHODS = new Set(['INVITE', 'ACK', 'PRACK', 'UPDATE']);

/**
 * Semantic problems (RFC 4475 §3.2-3.4 and RFC 3261 §8.1.1): the message parses, but an element
 * would refuse it or treat it specially. Each becomes an issue in plain words.
 */
export function checkSemantics(start: StartLine, core: CoreHeaders, block: HeaderBlock, issues: SemanticIssue[]): void {
  checkRequired(start, core, issues);
  checkVia(start, core, issues);
  if (start.kind === 'request') {
    checkRequest(start.method, start.requestUri, core, issues);
  }
  for (const party of [core.from, core.to]) if (party) checkScheme(party, 'warning', issues);
  // A Contact may legitimately name another scheme (RFC 3261 §10.2.1: mailto: in a REGISTER).
  for (const contact of core.contacts) if (contact) checkScheme(contact, 'info', issues);
  checkUnbracketedIpv6(start, core, issues);
  for (const i of core.checkLater) checkOther(block, i, start, core, issues);
  if (core.contentLengths.length > 1) {
    issues.push(
      issue(
        'multiple-content-length',
        'error',
        `Content-Length appears ${core.contentLengths.length} times (${core.contentLengths.join(', ')}): the body length is unknown`,
      ),
    );
  }
  if (block.bareLf) {
    issues.push(issue('bare-line-feed', 'info', 'lines end in a bare LF instead of CRLF (RFC 3261 §7)'));
  }
}

function checkRequired(start: StartLine, core: CoreHeaders, issues: SemanticIssue[]): void {
  const missing: string[] = [];
  if (!core.to) missing.push('To');
  if (!core.from) missing.push('From');
  if (!core.cseq) missing.push('CSeq');
  if (core.callId === undefined) missing.push('Call-ID');
  if (start.kind === 'request' && core.maxForwards === undefined) missing.push('Max-Forwards');
  if (core.via.length === 0) missing.push('Via');
  if (missing.length > 0) {
    issues.push(
      issue(
        'missing-required-header',
        'error',
        `missing required header${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (RFC 3261 §8.1.1)`,
      ),
    );
  }
}

function checkVia(start: StartLine, core: CoreHeaders, issues: SemanticIssue[]): void {
  const top = core.via[0];
  if (top) {
    const branch = top.branch;
    if (branch === undefined || branch.length === 0) {
      issues.push(
        issue('missing-branch', 'warning', `top Via (${top.host}) has no branch parameter (RFC 3261 §8.1.1.7)`),
      );
    } else if (branch === MAGIC_COOKIE) {
      issues.push(
        issue(
          'missing-branch',
          'error',
          `top Via branch is only the magic cookie ${MAGIC_COOKIE}, with no transaction id (RFC 3261 §8.1.1.7)`,
        ),
      );
    } else if (!branch.startsWith(MAGIC_COOKIE)) {
      issues.push(
        issue(
          'branch-without-magic-cookie',
          'info',
          `top Via branch "${branch.slice(0, 40)}" does not start with ${MAGIC_COOKIE} (RFC 2543-style transaction)`,
        ),
      );
    }
    if (start.kind === 'request' && !branch?.startsWith(MAGIC_COOKIE) && core.from && core.from.tag === undefined) {
      issues.push(
        issue(
          'rfc2543-syntax',
          'warning',
          'RFC 2543 syntax: no z9hG4bK branch in the top Via and no From tag (RFC 3261 §8.1.1.3, §8.1.1.7)',
        ),
      );
    }
  }
  for (const via of core.via) {
    if (via.host === '255.255.255.255' || via.received === '255.255.255.255') {
      issues.push(
        issue(
          'broadcast-address',
          'error',
          'a Via names the broadcast address 255.255.255.255; responses must not be sent there',
        ),
      );
      break;
    }
  }
}

function checkRequest(method: string, requestUri: SipUri, core: CoreHeaders, issues: SemanticIssue[]): void {
  if (!REQUEST_URI_SCHEMES.has(requestUri.scheme)) {
    issues.push(
      issue(
        'unknown-uri-scheme',
        'error',
        `Request-URI scheme "${requestUri.scheme}" is not one a SIP element handles (416 Unsupported URI Scheme)`,
      ),
    );
  }
  if (core.maxForwards === 0) {
    issues.push(
      issue(
        'max-forwards-zero',
        method === 'OPTIONS' ? 'info' : 'warning',
        'Max-Forwards is 0: a proxy may not forward this request (483 Too Many Hops, RFC 3261 §16.3)',
      ),
    );
  }
  if (core.contentType !== undefined && SESSION_METHODS.has(method) && !isKnownSessionBodyType(core.contentType)) {
    issues.push(
      issue(
        'unknown-content-type',
        'warning',
        `body type ${core.contentType} is not one SIP endpoints usually understand (415 Unsupported Media Type)`,
      ),
    );
  }
  if (method === 'REGISTER') checkRegisterContacts(core.contacts, issues);
}

function checkScheme(party: PartyHeader, severity: SemanticIssueSeverity, issues: SemanticIssue[]): void {
  const scheme = party.uri.scheme;
  if (!SIP_SCHEMES.has(scheme)) {
    issues.push(
      issue(
        'unknown-uri-scheme',
        severity,
        `URI scheme "${scheme}" in ${party.raw.slice(0, 60)} is not sip, sips or tel`,
      ),
    );
  }
}

/** URIs whose IPv6 host the parser read leniently without brackets (see parseUri). */
function checkUnbracketedIpv6(start: StartLine, core: CoreHeaders, issues: SemanticIssue[]): void {
  const where: string[] = [];
  if (start.kind === 'request' && start.requestUri.unbracketedIpv6) where.push('Request-URI');
  if (core.via.some((v) => v.unbracketedIpv6)) where.push('Via');
  if (core.from?.uri.unbracketedIpv6) where.push('From');
  if (core.to?.uri.unbracketedIpv6) where.push('To');
  if (core.contacts.some((c) => c?.uri.unbracketedIpv6)) where.push('Contact');
  if (where.length === 0) return;
  issues.push(
    issue(
      'unbracketed-ipv6',
      'warning',
      `${where.join(', ')} writes an IPv6 address without [brackets] (RFC 3261 §25.1); a port after it is ambiguous (RFC 5118 §4.1) and strict elements reject it with 400`,
    ),
  );
}

/** RFC 4475 §3.3.12-3.3.14: how a registrar will read the Contact it is asked to bind. */
function checkRegisterContacts(contacts: Array<PartyHeader | undefined>, issues: SemanticIssue[]): void {
  for (const contact of contacts) {
    if (!contact) continue;
    const bracketed = contact.raw.indexOf('<') !== -1;
    for (const name of Object.keys(contact.params)) {
      if (!bracketed && !CONTACT_PARAMS.has(name)) {
        issues.push(
          issue(
            'contact-param',
            'info',
            `Contact ${contact.raw.slice(0, 60)} has no <>, so ";${name}" is a header parameter, not part of the registered URI (RFC 3261 §20.10)`,
          ),
        );
      }
    }
    for (const name of Object.keys(contact.uri.params)) {
      if (!URI_PARAMS.has(name)) {
        issues.push(
          issue(
            'contact-param',
            'info',
            `Contact URI parameter ";${name}" is unknown; the registrar stores it as part of the URI (RFC 3261 §10.3)`,
          ),
        );
      }
    }
    if (contact.uri.headers !== EMPTY_HEADERS) {
      issues.push(
        issue(
          'uri-headers',
          'warning',
          `Contact URI carries headers (${Object.keys(contact.uri.headers).join(', ')}); a registrar should not store them (RFC 3261 §10.3)`,
        ),
      );
    }
  }
}

function checkOther(block: HeaderBlock, i: number, start: StartLine, core: CoreHeaders, issues: SemanticIssue[]): void {
  const name = block.names[i]!;
  const value = block.values[i]!;
  switch (name.id) {
    case HeaderId.Require:
    case HeaderId.ProxyRequire: {
      const unknown = splitList(value).filter((tag) => tag.length > 0 && !OPTION_TAGS.has(tag.toLowerCase()));
      if (unknown.length > 0) {
        issues.push(
          issue(
            'unknown-option-tag',
            'warning',
            `${block.written[i]} lists option tags no registered extension defines: ${unknown.join(', ')} (420 Bad Extension)`,
          ),
        );
      }
      break;
    }
    case HeaderId.Accept:
      if (start.kind === 'request' && core.contentType === 'application/sdp' && !accepts(value, 'application/sdp')) {
        issues.push(
          issue(
            'body-unacceptable',
            'warning',
            `the body is SDP but Accept (${value.slice(0, 60)}) does not allow an SDP answer (RFC 3261 §20.1)`,
          ),
        );
      }
      break;
    case HeaderId.Authorization: {
      const scheme = value.split(/[ \t]/, 1)[0]!;
      if (!AUTH_SCHEMES.has(scheme.toLowerCase())) {
        issues.push(
          issue(
            'unknown-auth-scheme',
            'warning',
            `${block.written[i]} uses the unknown authentication scheme "${scheme.slice(0, 30)}"`,
          ),
        );
      }
      break;
    }
  }
}

function accepts(accept: string, type: string): boolean {
  const slash = type.indexOf('/');
  for (const range of splitList(accept)) {
    const media = range.split(';', 1)[0]!.trim().toLowerCase();
    if (media === type || media === '*/*' || media === `${type.slice(0, slash)}/*`) return true;
  }
  return accept.trim().length === 0;
}
