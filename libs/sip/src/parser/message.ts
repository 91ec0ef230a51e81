import { splitMultipart } from '../body/multipart';
import { mediaTypeParams } from '../headers/content-type';
import { parseDigest } from '../headers/digest';
import { parseNameAddr } from '../headers/name-addr';
import { parseReason } from '../headers/reason';
import { parseWarning } from '../headers/warning';
import type { BodyPart } from '../model/body';
import type { DigestHeader, ReasonValue, SipRequest, SipResponse, WarningValue } from '../model/message';
import type { Sdp } from '../model/sdp';
import type { NameAddr, PartyHeader, SipUri } from '../model/sip-uri';
import { parseSdp } from '../sdp/sdp';
import { headerName } from './header-names';
import { utf8 } from './text';

/** The fields every parsed message has, filled by the parser (plus the Contacts it parsed while validating). */
export type MessageFields = Pick<
  SipRequest,
  | 'headers'
  | 'callId'
  | 'from'
  | 'to'
  | 'cseq'
  | 'via'
  | 'maxForwards'
  | 'contentLength'
  | 'contentType'
  | 'body'
  | 'issues'
  | 'raw'
  | 'trailing'
> & { contacts: Array<PartyHeader | undefined> };

/** A header that fails to parse is skipped: lazy accessors never throw. */
function parsedElements<T>(values: string[], parse: (value: string) => T | undefined): T[] {
  const out: T[] = [];
  for (const value of values) {
    try {
      const parsed = parse(value);
      if (parsed !== undefined) out.push(parsed);
    } catch {
      // Malformed optional header: skipped (the message itself is still valid).
    }
  }
  return out;
}

/**
 * Common part of requests and responses: structured fields as own properties (so they survive
 * JSON.stringify and spreading), the rest parsed on first use and cached.
 */
// Declaration merging: the class has every field of MessageFields without listing them twice.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
interface ParsedMessage extends Omit<MessageFields, 'contacts'> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
abstract class ParsedMessage {
  #contacts: Array<PartyHeader | undefined>;
  #sdp: Sdp | null | undefined;
  #parts: BodyPart[] | undefined;

  constructor(f: MessageFields) {
    this.headers = f.headers;
    this.callId = f.callId;
    this.from = f.from;
    this.to = f.to;
    this.cseq = f.cseq;
    this.via = f.via;
    this.maxForwards = f.maxForwards;
    this.contentLength = f.contentLength;
    this.contentType = f.contentType;
    this.body = f.body;
    this.issues = f.issues;
    this.raw = f.raw;
    this.trailing = f.trailing;
    this.#contacts = f.contacts;
  }

  sdp(): Sdp | undefined {
    if (this.#sdp === undefined) {
      let bytes: Uint8Array | undefined;
      if (this.contentType === 'application/sdp') bytes = this.body;
      else if (this.contentType?.startsWith('multipart/')) {
        bytes = this.bodyParts().find((part) => part.contentType === 'application/sdp')?.body;
      }
      this.#sdp = bytes && bytes.length > 0 ? (parseSdp(utf8(bytes)) ?? null) : null;
    }
    return this.#sdp ?? undefined;
  }

  bodyParts(): BodyPart[] {
    if (this.#parts === undefined) {
      this.#parts = [];
      if (this.contentType?.startsWith('multipart/')) {
        const boundary = mediaTypeParams(this.headers.get('content-type') ?? '').boundary;
        if (boundary) this.#parts = splitMultipart(this.body, boundary);
      }
    }
    return this.#parts;
  }

  nameAddrs(name: string): NameAddr[] {
    const canonical = headerName(name).canonical;
    if (canonical === 'contact') return this.#contacts.filter((c): c is PartyHeader => c !== undefined);
    if (canonical === 'from' || canonical === 'to') {
      const party = canonical === 'from' ? this.from : this.to;
      return party.raw.length > 0 ? [party] : [];
    }
    return parsedElements(this.headers.all(name), (value) => parseNameAddr(value, canonical));
  }

  digest(name: string): DigestHeader[] {
    return parsedElements(this.headers.all(name), parseDigest);
  }

  warnings(): WarningValue[] {
    return parsedElements(this.headers.all('warning'), parseWarning);
  }

  reasons(): ReasonValue[] {
    return parsedElements(this.headers.all('reason'), parseReason);
  }
}

export class ParsedRequest extends ParsedMessage implements SipRequest {
  readonly kind = 'request' as const;
  constructor(
    fields: MessageFields,
    public method: string,
    public requestUri: SipUri,
  ) {
    super(fields);
  }
}

export class ParsedResponse extends ParsedMessage implements SipResponse {
  readonly kind = 'response' as const;
  constructor(
    fields: MessageFields,
    public status: number,
    public reason: string,
  ) {
    super(fields);
  }
}
