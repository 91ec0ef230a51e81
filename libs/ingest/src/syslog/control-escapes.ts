/**
 * Undo the control-character escaping that syslog relays apply to line breaks inside a message:
 * rsyslog writes "#012" (octal, `$EscapeControlCharactersOnReceive`, the default), some tools write
 * "\012" or "\n". Only LF (012), CR (015) and TAB (011) are restored: those are the ones a SIP message
 * contains, and restoring others would turn ordinary text like "#123" into garbage.
 */
const ESCAPES: Record<string, number> = { '012': 0x0a, '015': 0x0d, '011': 0x09 };

export interface Unescaped {
  bytes: Uint8Array;
  /** How many escapes were replaced (0: the input came back unchanged). */
  replaced: number;
}

export function unescapeControlChars(b: Uint8Array): Unescaped {
  let first = -1;
  for (let i = 0; i + 3 < b.length; i++) {
    if ((b[i] === 0x23 || b[i] === 0x5c) && b[i + 1] === 0x30 && b[i + 2] === 0x31) {
      first = i;
      break;
    }
  }
  if (first === -1) return { bytes: b, replaced: 0 };
  const out = new Uint8Array(b.length);
  out.set(b.subarray(0, first));
  let o = first;
  let replaced = 0;
  for (let i = first; i < b.length;) {
    const c = b[i]!;
    if ((c === 0x23 || c === 0x5c) && i + 3 < b.length) {
      const code = ESCAPES[String.fromCharCode(b[i + 1]!, b[i + 2]!, b[i + 3]!)];
      if (code !== undefined) {
        out[o++] = code;
        i += 4;
        replaced++;
        continue;
      }
    }
    out[o++] = c;
    i++;
  }
  return { bytes: out.subarray(0, o), replaced };
}
