import type { Endpoint, IngestPath } from '@sipflow/sip';
import { countSkip, emptyBatch, type CapturedSip, type IngestBatch, type Rejection } from '../core/captured-sip';
import { matchSipStartLine } from '../sip-stream/sip-start-line';
import type { CapturedPacket } from './captured-packet';
import type { DefragmenterOptions } from './ip-defragmenter';
import { PacketDissector, type TransportPayload } from './packet-dissector';
import { SipStreamConsumer, type StreamSip } from './sip-stream.consumer';
import { SctpReassembler } from './sctp-reassembler';
import { TcpStream } from './tcp-reassembler';

export interface CaptureSipOptions extends DefragmenterOptions {
  /** 'pcap' for capture files (default); the collector may say otherwise for live captures. */
  ingestPath?: IngestPath;
  /** Prefix of formatVariant, e.g. 'pcap' or 'pcapng'. */
  format?: string;
  /** TCP connections followed at once; the least recently used is dropped beyond this. */
  maxStreams?: number;
}

interface Flow {
  stream: TcpStream;
  consumer: SipStreamConsumer;
  layers: string[];
  src: Endpoint;
  dst: Endpoint;
}

/** A frame number with the SIP it produced: lets tests compare with Wireshark frame by frame. */
export interface FramedCapturedSip extends CapturedSip {
  frame: number;
}

/**
 * SIP messages from captured packets, decided by content on any port: UDP datagrams that start
 * with a SIP start line, TCP streams reassembled and framed (SIP or SIP over WebSocket), SCTP
 * DATA chunks. Stateful (IP fragments, TCP streams): one instance per capture; `end` flushes.
 */
export class CaptureSipExtractor {
  private readonly skipped = {};
  private readonly dissector: PacketDissector;
  private readonly flows = new Map<string, Flow>();
  private readonly sctpMessages = new SctpReassembler();
  private readonly ingestPath: IngestPath;
  private readonly format: string;
  private readonly maxStreams: number;

  constructor(options: CaptureSipOptions = {}) {
    this.dissector = new PacketDissector(this.skipped, options);
    this.ingestPath = options.ingestPath ?? 'pcap';
    this.format = options.format ?? 'pcap';
    this.maxStreams = options.maxStreams ?? 10_000;
  }

  push(packet: CapturedPacket): IngestBatch {
    const out = emptyBatch();
    for (const p of this.dissector.dissect(packet)) {
      if (p.protocol === 'udp') this.udp(p, out);
      else if (p.protocol === 'tcp') this.tcp(p, out);
      else this.sctp(p, out);
    }
    return this.withSkips(out);
  }

  /** End of capture: deliver what waits behind TCP gaps, report incomplete messages. */
  end(): IngestBatch {
    const out = emptyBatch();
    for (const key of [...this.flows.keys()]) this.closeFlow(key, out);
    return this.withSkips(out);
  }

  private withSkips(out: IngestBatch): IngestBatch {
    Object.assign(out.skipped, this.skipped);
    for (const k of Object.keys(this.skipped)) delete (this.skipped as Record<string, number>)[k];
    return out;
  }

  private udp(p: TransportPayload, out: IngestBatch): void {
    // RFC 3261 §18.3: over UDP one datagram is one message; kept whole, as captured.
    if (matchSipStartLine(p.payload)) out.records.push(this.record(p.payload, p, p.layers, 'udp', p.frame, p.timeUs));
    else countSkip(out.skipped, 'udp/not-sip');
  }

  private sctp(p: TransportPayload, out: IngestBatch): void {
    const association = `${p.src.address}|${p.src.port}|${p.dst.address}|${p.dst.port}`;
    for (const chunk of p.sctp!.chunks) {
      const m = this.sctpMessages.push(association, chunk);
      if (!m) continue;
      // RFC 4168 §5: each SCTP user message carries one SIP message.
      if (matchSipStartLine(m)) out.records.push(this.record(m, p, p.layers, 'sctp', p.frame, p.timeUs));
      else countSkip(out.skipped, 'sctp/not-sip');
    }
  }

  private tcp(p: TransportPayload, out: IngestBatch): void {
    const seg = p.tcp!;
    const key = `${p.src.address}|${p.src.port}|${p.dst.address}|${p.dst.port}`;
    let flow = this.flows.get(key);
    if (!flow || seg.syn) {
      if (flow) this.closeFlow(key, out);
      flow = {
        stream: new TcpStream(),
        consumer: new SipStreamConsumer(this.skipped),
        layers: p.layers,
        src: p.src,
        dst: p.dst,
      };
      this.flows.set(key, flow);
      if (this.flows.size > this.maxStreams) this.closeFlow(this.flows.keys().next().value!, out);
    } else {
      // Least recently used last.
      this.flows.delete(key);
      this.flows.set(key, flow);
    }
    const found: StreamSip[] = [];
    const rejections: Rejection[] = [];
    for (const chunk of flow.stream.push(seg.seq, seg.syn, { bytes: seg.payload, timeUs: p.timeUs, frame: p.frame })) {
      flow.consumer.push(chunk, found, rejections);
    }
    this.emit(flow, found, rejections, out);
    if (seg.fin || seg.rst) this.closeFlow(key, out);
  }

  private closeFlow(key: string, out: IngestBatch): void {
    const flow = this.flows.get(key);
    if (!flow) return;
    this.flows.delete(key);
    const found: StreamSip[] = [];
    const rejections: Rejection[] = [];
    for (const chunk of flow.stream.end()) flow.consumer.push(chunk, found, rejections);
    flow.consumer.end(rejections);
    this.emit(flow, found, rejections, out);
  }

  private emit(flow: Flow, found: StreamSip[], rejections: Rejection[], out: IngestBatch): void {
    for (const m of found) {
      const layers = m.overWebSocket ? [...flow.layers, 'websocket'] : flow.layers;
      out.records.push(this.record(m.bytes, flow, layers, m.overWebSocket ? 'ws' : 'tcp', m.frame, m.timeUs));
    }
    for (const r of rejections) {
      out.rejections.push({
        ...r,
        ingestPath: this.ingestPath,
        formatVariant: `${this.format}/${flow.layers.join('/')}`,
      });
    }
  }

  private record(
    raw: Uint8Array,
    ends: { src: Endpoint; dst: Endpoint },
    layers: string[],
    transport: CapturedSip['transport'],
    frame: number,
    timeUs: number,
  ): FramedCapturedSip {
    return {
      captureTimeUs: timeUs,
      timePrecision: 'us',
      direction: 'unknown',
      transport,
      source: ends.src,
      destination: ends.dst,
      ingestPath: this.ingestPath,
      raw,
      formatVariant: `${this.format}/${layers.join('/')}`,
      frame,
    };
  }
}
