import { parseCSeq } from '../headers/cseq';
import { checkDate } from '../headers/date';
import { mediaType } from '../headers/content-type';
import { splitList } from '../headers/list';
import { parseNameAddr } from '../headers/name-addr';
import { parseContentLength, parseDigits, parseMaxForwards } from '../headers/scalar';
import { EMPTY_PARAMS, opaqueUri } from '../headers/uri';
import { parseVia } from '../headers/via';
import type { CSeq, SemanticIssue } from '../model/message';
import { SipParseError } from '../model/parse-result';
import type { PartyHeader, SipUri } from '../model/sip-uri';
import type { Via } from '../model/via';
import { isWs } from './chars';
import type { HeaderBlock } from './header-block';
import { HeaderId } from './header-names';
import { issue } from './issues';

/** The headers read eagerly: what correlation needs, and what decides validity (RFC 4475 §3.1.2). */
export interface CoreHeaders {
  callId?: string;
  from?: PartyHeader;
  to?: PartyHeader;
  cseq?: CSeq;
  via: Via[];
  maxForwards?: number;
  contentLengths: number[];
  contentType?: string;
  /** Contact values (parsed to validate them, RFC 4475 §3.1.2.13); '*' is kept as undefined. */
  contacts: Array<PartyHeader | undefined>;
  /** Indexes of Require, Proxy-Require, Accept, authorization headers for the semantic checks. */
  checkLater: number[];
}

const EMPTY_URI: SipUri = Object.freeze(opaqueUri('', ''));

/** Stands in for a missing From or To (flagged as an issue): empty raw text, no URI. */
export const MISSING_PARTY: PartyHeader = Object.freeze({
  displayName: undefined,
  uri: EMPTY_URI,
  params: EMPTY_PARAMS,
  raw: '',
  tag: undefined,
});

const NAMES: Record<number, string> = {
  [HeaderId.CallId]: 'Call-ID',
  [HeaderId.From]: 'From',
  [HeaderId.To]: 'To',
  [HeaderId.CSeq]: 'CSeq',
  [HeaderId.MaxForwards]: 'Max-Forwards',
  [HeaderId.ContentType]: 'Content-Type',
};

/** Reads the core headers; throws SipParseError on a syntax error in one of them. */
export function readCoreHeaders(block: HeaderBlock, issues: SemanticIssue[]): CoreHeaders {
  const core: CoreHeaders = { via: [], contentLengths: [], contacts: [], checkLater: [] };
  const { names, values, offsets } = block;
  let seen = 0;
  for (let i = 0; i < names.length; i++) {
    const id = names[i]!.id;
    if (id === HeaderId.Other) continue;
    const value = values[i]!;
    const offset = offsets[i]!;
    // Single-valued headers given twice (RFC 4475 §3.3.8): the first one counts, the rest are flagged.
    if (id <= HeaderId.CSeq || id === HeaderId.MaxForwards || id === HeaderId.ContentType) {
      const bit = 1 << id;
      if ((seen & bit) !== 0) {
        issues.push(issue('duplicate-header', 'error', `${NAMES[id]} appears more than once; the first one is used`));
        continue;
      }
      seen |= bit;
    }
    switch (id) {
      case HeaderId.CallId:
        core.callId = checkCallId(value, offset);
        break;
      case HeaderId.From:
        core.from = parseNameAddr(value, 'From', offset);
        break;
      case HeaderId.To:
        core.to = parseNameAddr(value, 'To', offset);
        break;
      case HeaderId.CSeq:
        core.cseq = parseCSeq(value, offset);
        break;
      case HeaderId.Via:
        readVias(value, offset, core.via);
        break;
      case HeaderId.MaxForwards: {
        const mf = parseMaxForwards(value);
        if ('value' in mf) core.maxForwards = mf.value;
        else issues.push(issue('value-out-of-range', 'warning', mf.problem));
        break;
      }
      case HeaderId.ContentLength:
        core.contentLengths.push(parseContentLength(value, offset));
        break;
      case HeaderId.ContentType:
        core.contentType = mediaType(value);
        break;
      case HeaderId.Contact:
        readContacts(value, offset, core.contacts);
        break;
      case HeaderId.Date:
        checkDate(value, offset);
        break;
      case HeaderId.Expires:
        if (parseDigits(value) < 0) {
          issues.push(
            issue('value-out-of-range', 'warning', `Expires "${value.slice(0, 40)}" is not a number up to 2^32-1`),
          );
        }
        break;
      default:
        core.checkLater.push(i);
    }
  }
  return core;
}

/** Call-ID = callid = word [ "@" word ] (§25.1): no whitespace; never empty. */
function checkCallId(value: string, offset: number): string {
  if (value.length === 0) throw new SipParseError('Call-ID is empty', offset);
  for (let i = 0; i < value.length; i++) {
    if (isWs(value.charCodeAt(i))) throw new SipParseError('Call-ID contains whitespace', offset + i);
  }
  return value;
}

function readVias(value: string, offset: number, out: Via[]): void {
  if (value.indexOf(',') === -1) {
    out.push(parseVia(value, offset));
    return;
  }
  for (const element of splitList(value)) out.push(parseVia(element, offset));
}

function readContacts(value: string, offset: number, out: Array<PartyHeader | undefined>): void {
  for (const element of value.indexOf(',') === -1 ? [value] : splitList(value)) {
    if (element === '*') out.push(undefined);
    else if (element.length === 0) throw new SipParseError('Contact has an empty element (extra comma)', offset);
    else out.push(parseNameAddr(element, 'Contact', offset));
  }
}
