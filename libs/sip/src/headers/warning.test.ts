import { describe, expect, it } from 'vitest';
import { parseWarning } from './warning';

describe('parseWarning (RFC 3261 §20.43)', () => {
  it('reads code, agent and UTF-8 text', () => {
    expect(parseWarning('399 fb.example.com "Call barred by RADIUS"')).toEqual({
      code: 399,
      agent: 'fb.example.com',
      text: 'Call barred by RADIUS',
    });
    expect(parseWarning('307 isi.edu "Session parameter \\"foo\\" not understood"')!.text).toBe(
      'Session parameter "foo" not understood',
    );
  });

  it('gives undefined for a 4-digit code (RFC 4475 §3.1.2.5) or missing text', () => {
    expect(parseWarning('1812 overture "In Progress"')).toBeUndefined();
    expect(parseWarning('399 host')).toBeUndefined();
  });
});
