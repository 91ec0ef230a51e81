/** A parsed SDP session description (RFC 8866), the parts support staff and correlation need. */
export interface Sdp {
  version?: number;
  origin?: SdpOrigin;
  sessionName?: string;
  /** Session-level c= line. */
  connection?: SdpConnection;
  /** Session-level a=sendrecv / sendonly / recvonly / inactive, if present. */
  direction?: SdpDirection;
  media: SdpMedia[];
  /** Every a= line at session level, in order (name, value or null). */
  attributes: SdpAttribute[];
  raw: string;
}

export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface SdpOrigin {
  username: string;
  sessionId: string;
  sessionVersion: string;
  netType: string;
  addrType: string;
  address: string;
}

export interface SdpConnection {
  netType: string;
  /** 'IP4' | 'IP6'. */
  addrType: string;
  address: string;
}

export interface SdpMedia {
  /** audio, video, image (T.38), application… */
  type: string;
  port: number;
  /** RTP/AVP, RTP/SAVP, UDPTL… */
  protocol: string;
  /** Payload type numbers or format names as listed on the m= line. */
  formats: string[];
  connection?: SdpConnection;
  /** Effective direction: media-level attribute, else session-level, else sendrecv (RFC 3264 §5.1). */
  direction: SdpDirection;
  /** Codecs from a=rtpmap (and static payload types 0, 8, 9, 18… when listed without rtpmap). */
  codecs: SdpCodec[];
  /** a=crypto lines (RFC 4568): they carry SRTP master keys, which the API redacts by role. */
  crypto: SdpCrypto[];
  attributes: SdpAttribute[];
}

export interface SdpCodec {
  payloadType: number;
  name: string;
  clockRate?: number;
  channels?: number;
  fmtp?: string;
}

export interface SdpCrypto {
  tag: number;
  suite: string;
  /** The key-params text, e.g. 'inline:<base64 key>|2^20|1:32' — a secret. */
  keyParams: string;
  sessionParams?: string;
}

export interface SdpAttribute {
  name: string;
  value: string | null;
}
