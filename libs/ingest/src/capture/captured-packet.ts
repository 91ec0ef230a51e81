/** One packet as a capture file stored it. */
export interface CapturedPacket {
  /** 1-based position in the file (Wireshark's frame.number). */
  frame: number;
  /** µs since the epoch (UTC). */
  timeUs: number;
  /** LINKTYPE_* value (tcpdump.org link-layer header types). */
  linkType: number;
  /** The captured bytes (a view into the file). */
  data: Uint8Array;
  /** Length on the wire; more than data.length when the capture was cut at the snap length. */
  originalLength: number;
}

export interface CaptureFile {
  format: 'pcap' | 'pcapng' | 'netmon';
  packets: CapturedPacket[];
}
