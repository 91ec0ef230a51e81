import { isIP } from 'node:net';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { frameSyslogDatagram, type FireBrickSyslogDecoder } from '@sipflow/ingest';
import type { Listener, ListenerDeps } from './listener';

export interface UdpListenerOptions {
  host: string;
  port: number;
  /** SO_RCVBUF; bursts wait in the kernel while the reader is busy. 0 keeps the default. */
  recvBufferBytes: number;
  /** Datagram bytes the reader holds for the main thread at most; beyond, drops are counted. */
  maxPendingBytes?: number;
}

/**
 * Binds a UDP socket (IPv4 or IPv6 by the address) read by a worker thread (udp-reader.worker.cjs)
 * and resolves once it is listening. Datagrams reach `onMessage` on this thread, in order, with the
 * time the reader took them off the socket.
 */
export async function bindUdp(
  options: UdpListenerOptions,
  onMessage: (msg: Buffer, address: string, port: number, receivedTimeUs: number) => void,
  deps: ListenerDeps,
  name: string,
): Promise<Listener> {
  const logger = deps.logger.child({ component: name });
  const ingestPath = name.startsWith('hep') ? 'hep' : 'syslog';
  const worker = new Worker(join(__dirname, 'udp-reader.worker.cjs'), {
    workerData: {
      type: isIP(options.host) === 6 ? 'udp6' : 'udp4',
      host: options.host,
      port: options.port,
      recvBufferBytes: options.recvBufferBytes,
      maxPendingBytes: options.maxPendingBytes ?? 64 * 1024 * 1024,
      flushMs: 2,
      maxBatch: 512,
    },
  });
  let closed: (() => void) | undefined;
  const bound = new Promise<{ port: number; recvBuffer: number; recvBufferError?: string }>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: ReaderMessage) => {
      switch (m.kind) {
        case 'bound':
          worker.off('error', reject);
          worker.on('error', (err) => logger.error({ err }, 'UDP reader failed'));
          resolve(m);
          break;
        case 'batch': {
          let at = 0;
          const data = Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
          for (let i = 0; i < m.lengths.length; i++) {
            const msg = data.subarray(at, at + m.lengths[i]!);
            at += m.lengths[i]!;
            try {
              onMessage(msg, m.addresses[i]!, m.ports[i]!, m.times[i]!);
            } catch (err) {
              // A decoder bug must not stop the listener: log it with the sender, keep going.
              logger.error(
                { err, source: `${m.addresses[i]}:${m.ports[i]}`, bytes: msg.length },
                'datagram handling failed',
              );
            }
          }
          worker.postMessage({ kind: 'ack', bytes: m.data.byteLength });
          break;
        }
        case 'dropped':
          deps.metrics.dropped('unknown', ingestPath, 'udp-reader-full', m.count);
          logger.error(
            { dropped: m.count },
            'datagrams dropped: the main thread is behind by more than the reader bound',
          );
          break;
        case 'error':
          if (!closed) reject(new Error(m.message));
          logger.error({ err: m.message }, 'socket error');
          break;
        case 'closed':
          closed?.();
          break;
      }
    });
  });
  const { port, recvBuffer, recvBufferError } = await bound.catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });
  if (recvBufferError)
    logger.warn({ err: recvBufferError, wanted: options.recvBufferBytes }, 'could not set the UDP receive buffer');
  logger.info({ address: options.host, port, recvBuffer }, 'listening');
  return {
    name,
    port,
    close: async () => {
      const done = new Promise<void>((resolve) => (closed = resolve));
      worker.postMessage({ kind: 'close' });
      await Promise.race([done, new Promise((r) => setTimeout(r, 2_000))]);
      await worker.terminate();
    },
  };
}

type ReaderMessage =
  | { kind: 'bound'; port: number; recvBuffer: number; recvBufferError?: string }
  | {
      kind: 'batch';
      data: Uint8Array;
      lengths: Uint32Array;
      ports: Uint16Array;
      times: Float64Array;
      addresses: string[];
    }
  | { kind: 'dropped'; count: number }
  | { kind: 'error'; message: string }
  | { kind: 'closed' };

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
    (msg, address, port, receivedTimeUs) => {
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
