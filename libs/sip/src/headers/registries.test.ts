import { describe, expect, it } from 'vitest';
import { OPTION_TAGS, URI_PARAMS, isKnownSessionBodyType } from './registries';

describe('IANA registries used by the semantic checks', () => {
  it('knows common option tags and URI parameters', () => {
    for (const tag of ['100rel', 'timer', 'replaces', 'path', 'outbound', 'gruu'])
      expect(OPTION_TAGS.has(tag)).toBe(true);
    expect(OPTION_TAGS.has('nothingsupportsthis')).toBe(false);
    for (const param of ['transport', 'lr', 'user', 'maddr', 'ob']) expect(URI_PARAMS.has(param)).toBe(true);
  });

  it('tells session body types SIP endpoints understand', () => {
    expect(isKnownSessionBodyType('application/sdp')).toBe(true);
    expect(isKnownSessionBodyType('multipart/mixed')).toBe(true);
    expect(isKnownSessionBodyType('application/unknownformat')).toBe(false);
  });
});
