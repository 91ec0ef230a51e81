import { describe, expect, it } from 'vitest';
import { decodeGre, decodeGtpU } from './tunnel.decoder';

const eth = [...new Array(12).fill(0), 0x08, 0x00, 0x45, 0, 0, 20];

describe('tunnels', () => {
  it('opens GRE: ERSPAN type II and III, transparent Ethernet bridging, plain IP', () => {
    const erspan2 = decodeGre(Uint8Array.from([0x10, 0, 0x88, 0xbe, 0, 0, 0, 1, ...new Array(8).fill(0), ...eth]));
    expect(erspan2).toMatchObject({ kind: 'ipv4', layers: ['gre', 'erspan2', 'ethernet'] });
    const erspan3 = decodeGre(Uint8Array.from([0x10, 0, 0x22, 0xeb, 0, 0, 0, 1, ...new Array(12).fill(0), ...eth]));
    expect(erspan3).toMatchObject({ kind: 'ipv4', layers: ['gre', 'erspan3', 'ethernet'] });
    const teb = decodeGre(Uint8Array.from([0x20, 0, 0x65, 0x58, 0, 0, 0, 9, ...eth]));
    expect(teb).toMatchObject({ kind: 'ipv4', layers: ['gre', 'ethernet'] });
    expect(decodeGre(Uint8Array.from([0, 0, 0x86, 0xdd, 0x60]))).toMatchObject({ kind: 'ipv6' });
  });

  it('opens GTP-U G-PDUs with and without the optional fields', () => {
    expect(decodeGtpU(Uint8Array.from([0x30, 0xff, 0, 4, 0, 0, 0, 1, 0x45, 0, 0, 4]))).toMatchObject({ kind: 'ipv4' });
    expect(decodeGtpU(Uint8Array.from([0x32, 0xff, 0, 8, 0, 0, 0, 1, 0, 1, 0, 0, 0x60, 0, 0, 0]))).toMatchObject({
      kind: 'ipv6',
    });
    expect(decodeGtpU(Uint8Array.from([0x30, 0x01, 0, 0, 0, 0, 0, 0]))).toBeNull(); // echo request
  });
});
