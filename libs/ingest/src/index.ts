// @sipflow/ingest: pure decoders for every way SIP reaches sipflow. Bytes in → CapturedSip records,
// rejections (values, never exceptions) and counts of well-formed non-SIP input out.
export type { CapturedSip, IngestBatch, IngestRejection, Rejection, Result, SkipTally } from './core/captured-sip';
export { emptyBatch, mergeBatch } from './core/captured-sip';
export { completeSipRecord, type CompleteOptions } from './core/complete-sip-record';

// SIP framing on streams and content detection
export {
  SipStreamFramer,
  type FramedSip,
  type FramerOutput,
  type SipStreamFramerOptions,
} from './sip-stream/sip-stream.framer';
export { matchSipStartLine, startsWithSip, type SipStartLine } from './sip-stream/sip-start-line';
export { lookupCallId, lookupHeader } from './sip-stream/sip-header-lookup';

// Syslog
export type { SdElement, SyslogMessage } from './syslog/syslog-message';
export { parseSyslog } from './syslog/syslog.parser';
export { parseSyslog5424 } from './syslog/syslog-5424.parser';
export { parseSyslog3164, type Syslog3164Options } from './syslog/syslog-3164.parser';
export { frameSyslogDatagram, MAX_SYSLOG_DATAGRAM } from './syslog/syslog-udp.framer';
export {
  SyslogTcpFramer,
  type FramedSyslog,
  type SyslogFraming,
  type SyslogTcpFramerOptions,
} from './syslog/syslog-tcp.framer';
export { unescapeControlChars } from './syslog/control-escapes';

// FireBrick
export { parseFireBrickHeader, type FireBrickHeader } from './firebrick/firebrick-header.parser';
export type { FireBrickCapturedSip } from './firebrick/firebrick-record';
export type { PeerSource } from './firebrick/firebrick-peer';
export {
  FireBrickSyslogDecoder,
  type FireBrickSyslogOptions,
  type SyslogContext,
} from './firebrick/firebrick-syslog.decoder';
export { decodeFireBrickFile, type FireBrickFileOptions } from './firebrick/firebrick-file.decoder';

// Time
export { londonLocalToUtcMs, isBritishSummerTime } from './time/europe-london.time';

// Capture files (pcap, pcapng) and packets
export type { CaptureFile, CapturedPacket } from './capture/captured-packet';
export { readPcap } from './capture/pcap.reader';
export { readPcapng } from './capture/pcapng.reader';
export { readCaptureFile } from './capture/capture-file.reader';
export { PacketDissector, type TransportPayload } from './capture/packet-dissector';
export { CaptureSipExtractor, type CaptureSipOptions, type FramedCapturedSip } from './capture/capture-sip.extractor';
export { decodeCaptureFile, type CaptureFileBatch } from './capture/capture-file.decoder';
export { writePcap, type PcapMessage } from './capture/pcap.writer';
export { TcpStream, type StreamChunk } from './capture/tcp-reassembler';
export { IpDefragmenter, type DefragmenterOptions } from './capture/ip-defragmenter';
export { WebSocketFramer, type WebSocketMessage } from './capture/websocket.framer';

// HEP (Homer encapsulation)
export type { HepPacket } from './hep/hep-packet';
export { decodeHep, decodeHepPacket, type HepOptions } from './hep/hep.decoder';
export { decodeHep3, type Hep3Options, type Inflate } from './hep/hep3.decoder';
export { decodeHep2 } from './hep/hep2.decoder';
export { HepStreamFramer } from './hep/hep-stream.framer';
export { encodeHep3, type Hep3Capture } from './hep/hep3.encoder';

// Replays of recorded FireBrick syslog (demo traffic, scale tests)
export { firebrickCallCopy, firebrickFrames, isoMicros } from './firebrick/firebrick-replay';
