import { excerpt } from '../parser/text';
import { SipParseError } from '../model/parse-result';

/**
 * Date = rfc1123-date: wkday "," SP date1 SP time SP "GMT" (RFC 3261 §20.17, §25.1). The zone must
 * be GMT (RFC 4475 §3.1.2.12); the day may have one digit, which real devices send.
 */
const RFC1123 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), {1,2}(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([A-Za-z]+)$/;

/** Throws SipParseError when the Date header is not an RFC 1123 date in GMT. */
export function checkDate(value: string, offset = 0): void {
  // Bounded input for the regular expression: a valid date is 29 characters.
  const m = value.length <= 40 ? RFC1123.exec(value) : null;
  if (m === null)
    throw new SipParseError(`Date "${excerpt(value, 40)}" is not an RFC 1123 date (RFC 3261 §20.17)`, offset);
  if (m[8] !== 'GMT') {
    throw new SipParseError(
      `Date "${excerpt(value, 40)}" has time zone ${m[8]}; SIP dates must be in GMT (RFC 3261 §20.17)`,
      offset,
    );
  }
}
