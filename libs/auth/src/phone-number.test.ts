import { describe, expect, it } from 'vitest';
import { normaliseNumber } from './index';

const uk = { countryCode: '44' };

describe('normaliseNumber', () => {
  it('gives one form for E.164, international prefix, national and bare international numbers', () => {
    for (const raw of [
      '+44 20 7946 0000',
      '+442079460000',
      '0044 20 7946 0000',
      '020 7946 0000',
      '(020) 7946-0000',
      '442079460000',
    ]) {
      expect(normaliseNumber(raw, uk)).toBe('442079460000');
    }
  });

  it('ignores URI user parameters', () => {
    expect(normaliseNumber('+442079460000;npdi;rn=+442079460999', uk)).toBe('442079460000');
    expect(normaliseNumber('02079460000;phone-context=example.com', uk)).toBe('442079460000');
  });

  it('uses the plan given', () => {
    expect(normaliseNumber('0612345678', { countryCode: '33' })).toBe('33612345678');
    expect(normaliseNumber('011 1 555 0100', { countryCode: '1', trunkPrefix: '1', internationalPrefix: '011' })).toBe(
      '15550100',
    );
  });

  it('refuses what is not plainly a number', () => {
    for (const raw of [
      '',
      ' ',
      '+',
      '0',
      '00',
      '+0442079460000', // no country code starts with 0
      '%',
      '4420%',
      '4420*',
      '*',
      '_',
      '4420_',
      'alice',
      '+44 20 7946 000x',
      '٤٤٢٠٧٩٤٦٠٠٠٠', // Arabic-Indic digits
      '４４２０７９４６００００', // fullwidth digits
      '4420794600001234', // 16 digits: longer than E.164 allows
      '9'.repeat(10_000),
    ]) {
      expect(normaliseNumber(raw, uk), JSON.stringify(raw.slice(0, 20))).toBeUndefined();
    }
  });

  it('refuses a plan whose country code is not digits', () => {
    expect(normaliseNumber('02079460000', { countryCode: '+44' })).toBeUndefined();
    expect(normaliseNumber('02079460000', { countryCode: '' })).toBeUndefined();
  });
});
