import { describe, expect, it } from 'vitest';
import { canonicalNumber, numbersMatch } from './numbers';

describe('canonicalNumber', () => {
  it.each([
    ['+441632960123', '441632960123'],
    ['01632960123', '441632960123'],
    ['00441632960123', '441632960123'],
    ['+44-1632-960123', '441632960123'],
    ['+44 (0)1632 960123'.replace('(0)', ''), '441632960123'],
    ['07700900123', '447700900123'],
    ['+447700900123;npdi', '447700900123'],
    ['201', '201'],
    ['0800', '0800'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalNumber(input)).toBe(expected);
  });

  it('is undefined for users that are not numbers', () => {
    expect(canonicalNumber('alice')).toBeUndefined();
    expect(canonicalNumber('record')).toBeUndefined();
    expect(canonicalNumber('')).toBeUndefined();
    expect(canonicalNumber(undefined)).toBeUndefined();
  });

  it('uses the configured country code', () => {
    expect(canonicalNumber('0612345678', { countryCode: '31', minNationalLength: 9 })).toBe('31612345678');
  });
});

describe('numbersMatch', () => {
  it('matches equal numbers and suffixes of at least six digits', () => {
    expect(numbersMatch('441632960999', '441632960999')).toBe(true);
    expect(numbersMatch('1632960999', '441632960999')).toBe(true);
    expect(numbersMatch('201', '441632960201')).toBe(false);
    expect(numbersMatch(undefined, '1')).toBe(false);
  });
});
