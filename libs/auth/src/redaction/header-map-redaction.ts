import { findHeaderEdits, findRequestUriEdits } from './header-redaction';
import type { RedactionPolicy } from './redaction-policy';
import { findBodyEdits } from './sdp-redaction';
import { canonicalHeaderName } from './sip-header-names';
import { type Redaction, applyEdits } from './text-edits';

/**
 * Headers as a parsed view holds them: name (any case, full or compact) → unfolded values in
 * order. The same value redactors as for raw messages apply, so both views hide the same things.
 */
export type SipHeaderMap = Readonly<Record<string, readonly string[]>>;

/** The parts of a parsed message a portal shows beside the raw text. */
export interface SipMessageView {
  requestUri?: string;
  headers: SipHeaderMap;
  /** Body text (e.g. the SDP), if shown. */
  body?: string;
}

export function redactHeaderMap(
  headers: SipHeaderMap,
  policy: RedactionPolicy,
): { headers: Record<string, string[]>; redactions: Redaction[] } {
  const out: Record<string, string[]> = {};
  const redactions: Redaction[] = [];
  for (const [name, values] of Object.entries(headers)) {
    const canonical = canonicalHeaderName(name);
    out[name] = values.map((value) => {
      const result = applyEdits(value, findHeaderEdits(canonical, value, policy));
      redactions.push(...result.redactions);
      return result.text;
    });
  }
  return { headers: out, redactions };
}

export function redactSipView(
  view: SipMessageView,
  policy: RedactionPolicy,
): { view: SipMessageView; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  const headers = redactHeaderMap(view.headers, policy);
  const result: SipMessageView = { headers: headers.headers };
  if (view.requestUri !== undefined) {
    const uri = applyEdits(view.requestUri, findRequestUriEdits(view.requestUri, policy));
    result.requestUri = uri.text;
    redactions.push(...uri.redactions);
  }
  redactions.push(...headers.redactions);
  if (view.body !== undefined) {
    const body = applyEdits(view.body, findBodyEdits(view.body, policy));
    result.body = body.text;
    redactions.push(...body.redactions);
  }
  return { view: result, redactions };
}
