import { describe, expect, it } from 'vitest';
import { parseFireBrickHeader } from './firebrick-header.parser';

describe('FireBrick record header (FIREBRICK.md layer B)', () => {
  it('reads the observed shapes', () => {
    expect(parseFireBrickHeader('VoIP Rx 17>')).toEqual({ direction: 'rx', ref: '17', trailer: '' });
    expect(parseFireBrickHeader('VoIP Tx 17> Try 0 319')).toEqual({
      direction: 'tx',
      ref: '17',
      attempt: 0,
      length: 319,
      trailer: '',
    });
  });

  it('finds a peer address where a device writes one (guessed shapes)', () => {
    expect(parseFireBrickHeader('VoIP Rx 192.0.2.7:5060>')?.peer).toEqual({ address: '192.0.2.7', port: 5060 });
    expect(parseFireBrickHeader('VoIP Tx 3 [2001:db8::5]:5062> Try 2 800')).toMatchObject({
      attempt: 2,
      peer: { address: '2001:db8::5', port: 5062 },
    });
    expect(parseFireBrickHeader('VoIP Tx 4> Try 0 10 to 198.51.100.1:5060')?.peer).toEqual({
      address: '198.51.100.1',
      port: 5060,
    });
  });

  it('is null for other log lines', () => {
    expect(parseFireBrickHeader('Registration ext4000 expired')).toBeNull();
    expect(parseFireBrickHeader('VoIP Rxx 1>')).toBeNull();
    expect(parseFireBrickHeader('VoIP Rx 17')).toBeNull();
  });
});
