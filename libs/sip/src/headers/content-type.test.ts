import { describe, expect, it } from 'vitest';
import { mediaType, mediaTypeParams } from './content-type';

describe('Content-Type (RFC 3261 §20.15)', () => {
  it('gives the lower-cased media type without parameters', () => {
    expect(mediaType('Application/SDP')).toBe('application/sdp');
    expect(mediaType('multipart/mixed;boundary=7a9cbec02ceef655')).toBe('multipart/mixed');
    expect(mediaType('text / plain ; charset=utf-8')).toBe('text/plain');
  });

  it('gives the parameters, quoted or not, and {} when they do not parse', () => {
    expect(mediaTypeParams('multipart/mixed; boundary="unique-boundary-1"').boundary).toBe('unique-boundary-1');
    expect(mediaTypeParams('message/sipfrag;version=2.0')).toEqual({ version: '2.0' });
    expect(mediaTypeParams('a/b;;')).toEqual({});
  });
});
