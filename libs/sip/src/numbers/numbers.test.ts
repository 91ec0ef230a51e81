import { describe, expect, it } from 'vitest';
import { countryCallingCode, normaliseNumber } from './normalise-number';
import { numberForms, numberKeys, numberMatcher, numberSearch } from './number-search';

// Numbers of the seed call (samples/seed-call/README.md): Ofcom's drama ranges, so libphonenumber
// must accept them as possible even though they are never valid for a real subscriber.
describe('normaliseNumber', () => {
  it('reads the seed caller in every way support staff type it', () => {
    for (const typed of ['01632 960123', '+44 1632 960123', '441632960123', '0044 1632 960123', 'tel:+44-1632-960123'])
      expect(normaliseNumber(typed, 'GB')).toEqual({
        e164: '+441632960123',
        international: '441632960123',
        national: '01632960123',
        countryCallingCode: '44',
      });
  });

  it('uses the default country for national forms', () => {
    expect(normaliseNumber('07700 900123', 'GB')?.international).toBe('447700900123');
    expect(normaliseNumber('(201) 555-0123', 'US')).toMatchObject({
      international: '12015550123',
      national: '2015550123',
    });
    expect(normaliseNumber('+1 201 555 0123', 'GB')?.national).toBe('2015550123');
  });

  it('is not a number: extensions, letters, wildcards, Unicode digits', () => {
    for (const typed of ['201', 'alice', '0163%', '٤٤١٦٣٢٩٦٠١٢٣', '', '+'])
      expect(normaliseNumber(typed, 'GB')).toBeUndefined();
  });

  it('ignores an unknown default country instead of guessing one', () => {
    expect(normaliseNumber('01632 960123', 'XX')).toBeUndefined();
    expect(normaliseNumber('+44 1632 960123', 'XX')?.international).toBe('441632960123');
    expect(countryCallingCode('gb')).toBe('44');
    expect(countryCallingCode('XX')).toBeUndefined();
  });
});

describe('numberSearch', () => {
  it('turns every full form into the same exact forms', () => {
    for (const typed of ['01632 960123', '+44 1632 960123', '441632960123'])
      expect(numberSearch(typed, 'GB')).toEqual({
        match: 'exact',
        forms: expect.arrayContaining(['441632960123', '01632960123']),
      });
  });

  it('searches the last digits, or bare national digits, as a suffix', () => {
    expect(numberSearch('960123', 'GB')).toEqual({ match: 'suffix', digits: '960123' });
    expect(numberSearch('1632 960123', 'GB')).toEqual({ match: 'suffix', digits: '1632960123' });
    expect(numberSearch('201', 'GB')).toEqual({ match: 'suffix', digits: '201' });
    expect(numberSearch("0' OR 1=1", 'GB')).toBeUndefined();
  });
});

describe('numberForms and numberKeys', () => {
  it('indexes a stored number under international and national forms, reversed for suffixes', () => {
    expect(numberForms('441632960123', 'GB')).toEqual(['441632960123', '01632960123']);
    expect(numberKeys('447700900123', 'GB')).toEqual([
      'n:447700900123',
      'r:321009007744',
      'n:07700900123',
      'r:32100900770',
    ]);
  });

  it('keeps an extension as it is', () => {
    expect(numberForms('201', 'GB')).toEqual(['201']);
    expect(numberForms('sip-user', 'GB')).toEqual([]);
  });
});

describe('numberMatcher', () => {
  // The parties of the seed call as the correlator stores them (international digits, extensions).
  const seedNumbers = ['441632960123', '441632960999', '447700900123', '201', '202'];

  it('follows a number typed in any form, or its last digits, as the store search finds it', () => {
    for (const typed of ['01632 960123', '+44 1632 960123', '441632960123', '960123', '07700 900123'])
      expect(numberMatcher(typed, 'GB')!(seedNumbers), typed).toBe(true);
    expect(numberMatcher('01632 960124', 'GB')!(seedNumbers)).toBe(false);
    expect(numberMatcher('201', 'GB')!(seedNumbers)).toBe(true);
    expect(numberMatcher('not a number', 'GB')).toBeUndefined();
  });
});
