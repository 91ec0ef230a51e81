import type { SdpCodec } from '../model/sdp';

/**
 * Static RTP payload types (RFC 3551 §6, Tables 4 and 5): an m= line may list them without an
 * a=rtpmap line, e.g. `m=audio 49170 RTP/AVP 0 8 18`.
 */
const STATIC: ReadonlyArray<readonly [number, string, number, number?]> = [
  [0, 'PCMU', 8000, 1],
  [3, 'GSM', 8000, 1],
  [4, 'G723', 8000, 1],
  [5, 'DVI4', 8000, 1],
  [6, 'DVI4', 16000, 1],
  [7, 'LPC', 8000, 1],
  [8, 'PCMA', 8000, 1],
  [9, 'G722', 8000, 1],
  [10, 'L16', 44100, 2],
  [11, 'L16', 44100, 1],
  [12, 'QCELP', 8000, 1],
  [13, 'CN', 8000, 1],
  [14, 'MPA', 90000],
  [15, 'G728', 8000, 1],
  [16, 'DVI4', 11025, 1],
  [17, 'DVI4', 22050, 1],
  [18, 'G729', 8000, 1],
  [25, 'CelB', 90000],
  [26, 'JPEG', 90000],
  [28, 'nv', 90000],
  [31, 'H261', 90000],
  [32, 'MPV', 90000],
  [33, 'MP2T', 90000],
  [34, 'H263', 90000],
];

const BY_TYPE = new Map(STATIC.map(([pt, name, clockRate, channels]) => [pt, { name, clockRate, channels }]));

/** The codec a static payload type stands for, or undefined for dynamic/unassigned numbers. */
export function staticCodec(payloadType: number): SdpCodec | undefined {
  const known = BY_TYPE.get(payloadType);
  return known && { payloadType, name: known.name, clockRate: known.clockRate, channels: known.channels };
}
