import type { RedactionPolicy } from './redaction-policy';
import { type TextEdit, maskSameLength } from './text-edits';
import { findPasswordParams, findUriPasswords } from './uri-redaction';

/**
 * Key material in message bodies, masked character for character so that Content-Length, multipart
 * boundaries and every offset stay valid. The lengths this keeps visible are fixed by the crypto
 * suite or protocol, so they give nothing away.
 *
 * Bodies are scanned line by line whatever their Content-Type, so the SDP part of a
 * multipart/mixed or multipart/alternative body is covered without parsing MIME; a part sent with
 * Content-Transfer-Encoding: base64 is not looked into.
 */
const SDP_KEY_LINES: ReadonlyArray<{ attribute: string; value: RegExp }> = [
  // RFC 4568 §9.1 SDES: a=crypto:<tag> <suite> <key-params> [<session-params>]; handled below.
  // RFC 4567 §3.1 MIKEY: a=key-mgmt:<prot-id> <keymgmt-data>, the whole key-management message.
  { attribute: 'key-mgmt', value: /^(\S+\s+)(\S+)/ },
  // RFC 6189 §8.1 ZRTP: a=zrtp-hash:<version> <hash>, the commitment to the ZRTP Hello.
  { attribute: 'zrtp-hash', value: /^(\S+\s+)(\S+)/ },
  // RFC 8839 §5.4 ICE: a=ice-pwd:<password>, the short-term credential of connectivity checks.
  { attribute: 'ice-pwd', value: /^()(\S+)/ },
];

/** SDES key-info after `inline:`: the base64 master key||salt, before `|lifetime|MKI:length`. */
const INLINE_KEY = /inline:([^|;\s]+)/gi;

export function findBodyEdits(body: string, policy: RedactionPolicy): TextEdit[] {
  if (policy.level === 'none') return [];
  const edits: TextEdit[] = [
    ...findUriPasswords(body, { where: 'body', sameLength: true }),
    ...findPasswordParams(body, { where: 'body', sameLength: true }),
  ];
  for (const line of body.matchAll(/^a=([a-z0-9-]+):([^\r\n]*)/gim)) {
    const attribute = (line[1] ?? '').toLowerCase();
    const value = line[2] ?? '';
    const valueAt = (line.index ?? 0) + 3 + attribute.length;
    if (attribute === 'crypto') edits.push(...cryptoEdits(value, valueAt));
    const rule = SDP_KEY_LINES.find((candidate) => candidate.attribute === attribute);
    const match = rule?.value.exec(value);
    if (match) {
      const start = valueAt + (match[1] ?? '').length;
      const secret = match[2] ?? '';
      edits.push(sdpKeyEdit(start, secret, attribute));
    }
  }
  return edits;
}

/**
 * Every `inline:` key of an a=crypto line: in the key-params, and in FEC_KEY session parameters
 * (RFC 4568 §6.3.7). Key-params of a method other than inline are masked whole.
 */
function cryptoEdits(value: string, valueAt: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const key of value.matchAll(INLINE_KEY)) {
    edits.push(sdpKeyEdit(valueAt + (key.index ?? 0) + 'inline:'.length, key[1] ?? '', 'crypto'));
  }
  const keyParams = /^(\s*\S+\s+\S+\s+)(\S+)/.exec(value);
  if (keyParams && !/^inline:/i.test(keyParams[2] ?? '')) {
    edits.push(sdpKeyEdit(valueAt + (keyParams[1] ?? '').length, keyParams[2] ?? '', 'crypto'));
  }
  return edits;
}

function sdpKeyEdit(start: number, secret: string, attribute: string): TextEdit {
  return {
    start,
    end: start + secret.length,
    replacement: maskSameLength(secret),
    redaction: { kind: 'sdp-key', where: 'body', name: attribute },
  };
}
