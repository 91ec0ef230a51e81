import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import { frameSyslogDatagram, type FireBrickSyslogDecoder } from '@sipflow/ingest';
import { nowUs, type Listener, type ListenerDeps } from './listener';

export interface UdpListenerOptions {
  host: string;
  port: number;
  /** SO_RCVBUF; bursts wait in the kernel while the event loop is busy. 0 keeps the default. */
  recvBufferBytes: number;
}

/** Binds a UDP socket (IPv4 or IPv6 by the address) and resolves once it is listening. */
export async function bindUdp(
  options: UdpListenerOptions,
  onMessage: (msg: Buffer, address: string, port: number) => void,
  deps: ListenerDeps,
  name: string,
): Promise<Listener> {
  const socket = createSocket({ type: isIP(options.host) === 6 ? 'udp6' : 'udp4', reuseAddr: false });
  const logger = deps.logger.child({ component: name });
  socket.on('message', (msg, rinfo) => {
    try {
      onMessage(msg, rinfo.address, rinfo.port);
    } catch (err) {
      // A decoder bug must not stop the listener: log it with the sender, keep going.
      logger.error({ err, source: `${rinfo.address}:${rinfo.port}`, bytes: msg.length }, 'datagram handling failed');
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', (err) => logger.error({ err }, 'socket error'));
  if (options.recvBufferBytes > 0) {
    try {
      socket.setRecvBufferSize(options.recvBufferBytes);
    } catch (err) {
      logger.warn({ err, wanted: options.recvBufferBytes }, 'could not set the UDP receive buffer');
    }
  }
  const port = socket.address().port;
  logger.info({ address: options.host, port, recvBuffer: socket.getRecvBufferSize() }, 'listening');
  return {
    name,
    port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/**
 * Syslog over UDP, RFC 5426: one message per datagram (up to 65,507 bytes), never split at LF —
 * a FireBrick sends a whole SIP message, line breaks and all, in one datagram.
 */
export function startSyslogUdpListener(
  options: UdpListenerOptions,
  decoder: FireBrickSyslogDecoder,
  deps: ListenerDeps,
): Promise<Listener> {
  const { pipeline, metrics } = deps;
  return bindUdp(
    options,
    (msg, address, port) => {
      const receivedTimeUs = nowUs();
      metrics.received('syslog-udp', 'syslog');
      const source = {
        listener: 'syslog-udp',
        ingestPath: 'syslog' as const,
        address,
        port,
        name: `${address}:${port}`,
      };
      const framed = frameSyslogDatagram(msg);
      if (!framed.ok) {
        pipeline.reject(framed, source, receivedTimeUs);
        return;
      }
      pipeline.accept(decoder.decode(framed.value, { receivedTimeUs, sourceAddress: address }), source, receivedTimeUs);
    },
    deps,
    'syslog-udp',
  );
}
