import { listCorpus, readCorpusFile } from '@sipflow/corpus';
import { describe, expect, it } from 'vitest';
import { lookupCallId } from '../sip-stream/sip-header-lookup';
import { decodeCaptureFile } from './capture-file.decoder';

/**
 * Every capture in the shared corpus (corpus/SOURCES.md, "pcap/") against the SIP messages TShark
 * 4.0.17 shows: `tshark -r F -Y sip` (with `-d tcp.port==6060,sip` for the fragmented TCP trunk, as
 * SOURCES.md says), counted once and written down here so the test runs without TShark. The
 * integration test test/tshark-oracle.test.ts compares message by message when TShark is present.
 */
const TSHARK: Record<string, { messages: number; callIds: number; variant: string }> = {
  'arkime_gtp-iphone.pcap': { messages: 17, callIds: 4, variant: 'pcap/sll/ipv4/udp/gtpu/ipv6/tcp' },
  'heplify_FAX-Call-t38-CA-TDM-SIP-FB-1.pcap': { messages: 92, callIds: 3, variant: 'pcap/ethernet/ipv4/udp' },
  // Despite its name, GRE transparent Ethernet bridging (0x6558, with a key), not ERSPAN.
  'heplify_erspan_sip_ipv4_udp.pcapng': {
    messages: 140,
    callIds: 7,
    variant: 'pcapng/ethernet/ipv4/gre/ethernet/ipv4/udp',
  },
  'heplify_ipip0.pcap': { messages: 8, callIds: 3, variant: 'pcap/raw/ipv4/udp' },
  'heplify_rtp_rtcp_sip_ipv4_udp.pcap': { messages: 14, callIds: 4, variant: 'pcap/ethernet/ipv4/udp' },
  'heplify_sip_ipv4_tcp.pcap': { messages: 7, callIds: 1, variant: 'pcap/ethernet/ipv4/tcp' },
  'heplify_sip_ipv4_tcp_fragmented.pcap': { messages: 406, callIds: 70, variant: 'pcap/ethernet/ipv4/tcp' },
  'heplify_sip_ipv4_tcp_retrans.pcap': { messages: 8, callIds: 1, variant: 'pcap/sll/ipv4/tcp' },
  'heplify_sip_ipv6_udp.pcap': { messages: 6, callIds: 1, variant: 'pcap/ethernet/ipv6/udp' },
  'heplify_sip_sctp.pcap': { messages: 4, callIds: 1, variant: 'pcap/sll/ipv4/sctp' },
  'heplify_sip_tcp_websocket.pcap': { messages: 39, callIds: 3, variant: 'pcap/ethernet/ipv4/tcp/websocket' },
  'ndpi_sip_hello.pcapng': { messages: 8, callIds: 1, variant: 'pcapng/ethernet/ipv4/udp' },
  'pcapplusplus_sip_reqs.pcap': { messages: 4, callIds: 3, variant: 'pcap/ethernet/pppoe/ipv4/udp' },
  'pcapplusplus_sip_resp.pcap': { messages: 7, callIds: 5, variant: 'pcap/ethernet/ipv4/tcp' },
  'sngrep_aaa.pcap': { messages: 81, callIds: 6, variant: 'pcap/ethernet/ipv4/udp' },
  'sngrep_ipip.pcap': { messages: 4, callIds: 1, variant: 'pcap/ethernet/ipv4/ipv4/tcp' },
  'sngrep_ipv6frag.pcap': { messages: 32, callIds: 1, variant: 'pcap/sll/ipv6-reassembled/udp' },
  'suricata_sip-body-large.pcap': { messages: 2, callIds: 1, variant: 'pcap/null/ipv4/tcp' },
  'suricata_sip_compact_form.pcap': { messages: 1, callIds: 1, variant: 'pcap/ethernet/ipv4/udp' },
  'wireshark_Asterisk_ZFONE_XLITE.pcap': { messages: 27, callIds: 5, variant: 'pcap/ethernet/ipv4/udp' },
  'wireshark_DTMFsipinfo.pcap': { messages: 32, callIds: 1, variant: 'pcap/ethernet/pppoe/ipv4/udp' },
  'wireshark_MagicJack-_short_call.pcap': { messages: 11, callIds: 1, variant: 'pcap/ethernet/ipv4/udp' },
  'wireshark_SIP_DTMF2.cap': { messages: 29, callIds: 5, variant: 'pcap/ethernet/ipv4/udp' },
  'wireshark_c07-sip-r2.cap': { messages: 12, callIds: 12, variant: 'netmon/ethernet/ipv4/udp' },
  'wireshark_h263-over-rtp.pcap': { messages: 4, callIds: 1, variant: 'pcap/null/ipv4/udp' },
  'wireshark_metasploit-sip-invite-spoof.pcap': { messages: 2, callIds: 1, variant: 'pcap/ethernet/ipv4/udp' },
  'wireshark_sip-rtp-g711.pcap': { messages: 10, callIds: 2, variant: 'pcap/ethernet/ipv4/udp' },
  'zeek_invalid-content-length.pcap': { messages: 2, callIds: 1, variant: 'pcap/ethernet/ipv4/udp' },
  'zeek_sip-junk-before-request.pcap': { messages: 1, callIds: 0, variant: 'pcap/ethernet/ipv4/udp' },
  'zeek_sip-long-request-response-paths.pcap': { messages: 2, callIds: 1, variant: 'pcap/raw/ipv4/udp' },
};

describe('corpus captures decode to the SIP messages TShark shows (corpus/SOURCES.md)', () => {
  it('covers every capture in the corpus', () => {
    expect(listCorpus('pcap')).toEqual(Object.keys(TSHARK).sort());
  });

  it.each(Object.entries(TSHARK))('%s', (file, expected) => {
    const batch = decodeCaptureFile(new Uint8Array(readCorpusFile('pcap', file)));
    expect(batch.records).toHaveLength(expected.messages);
    expect(new Set(batch.records.map((r) => lookupCallId(r.raw)).filter(Boolean)).size).toBe(expected.callIds);
    expect(batch.records.map((r) => r.formatVariant)).toContain(expected.variant);
    expect(batch.rejections).toEqual([]);
    for (const r of batch.records) {
      expect(r.captureTimeUs).toBeGreaterThan(Date.UTC(2000, 0, 1) * 1000);
      expect(r.source?.port).toBeGreaterThan(0);
    }
  });
});
