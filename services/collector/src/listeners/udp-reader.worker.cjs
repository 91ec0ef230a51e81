'use strict';
// The UDP socket reader of the collector's UDP listeners (udp-reader.ts), in a worker thread of its
// own: it only drains the socket into memory and hands datagrams to the main thread in batches, so
// that a busy main thread (decoding, publishing, garbage collection) does not leave datagrams to
// overflow the kernel's receive buffer. Memory is bounded: beyond maxPendingBytes not yet processed
// by the main thread, datagrams are dropped here and counted (reported to the main thread).
const { parentPort, workerData } = require('node:worker_threads');
const { createSocket } = require('node:dgram');

const { type, host, port, recvBufferBytes, maxPendingBytes, flushMs, maxBatch } = workerData;
const socket = createSocket({ type, reuseAddr: false });
let pending = 0; // bytes posted and not yet acknowledged
let batch = [];
let batchBytes = 0;
let dropped = 0;
let timer;
const origin = performance.timeOrigin;

function flush() {
  clearTimeout(timer);
  timer = undefined;
  if (dropped > 0) {
    parentPort.postMessage({ kind: 'dropped', count: dropped });
    dropped = 0;
  }
  if (batch.length === 0) return;
  const data = new Uint8Array(batchBytes);
  const lengths = new Uint32Array(batch.length);
  const ports = new Uint16Array(batch.length);
  const times = new Float64Array(batch.length);
  const addresses = new Array(batch.length);
  let at = 0;
  for (let i = 0; i < batch.length; i++) {
    const [msg, address, p, us] = batch[i];
    data.set(msg, at);
    at += msg.length;
    lengths[i] = msg.length;
    ports[i] = p;
    times[i] = us;
    addresses[i] = address;
  }
  pending += batchBytes;
  parentPort.postMessage({ kind: 'batch', data, lengths, ports, times, addresses }, [
    data.buffer,
    lengths.buffer,
    ports.buffer,
    times.buffer,
  ]);
  batch = [];
  batchBytes = 0;
}

socket.on('message', (msg, rinfo) => {
  if (pending + batchBytes + msg.length > maxPendingBytes) {
    dropped++;
    timer ??= setTimeout(flush, flushMs);
    return;
  }
  batch.push([msg, rinfo.address, rinfo.port, Math.round((origin + performance.now()) * 1000)]);
  batchBytes += msg.length;
  if (batch.length >= maxBatch) flush();
  else timer ??= setTimeout(flush, flushMs);
});
socket.on('error', (err) => parentPort.postMessage({ kind: 'error', message: err.message }));
parentPort.on('message', (m) => {
  if (m.kind === 'ack') pending -= m.bytes;
  else if (m.kind === 'close') {
    flush();
    socket.close(() => parentPort.postMessage({ kind: 'closed' }));
  }
});
socket.bind(port, host, () => {
  let recvBuffer;
  let recvBufferError;
  if (recvBufferBytes > 0) {
    try {
      socket.setRecvBufferSize(recvBufferBytes);
    } catch (err) {
      recvBufferError = err.message;
    }
  }
  recvBuffer = socket.getRecvBufferSize();
  parentPort.postMessage({ kind: 'bound', port: socket.address().port, recvBuffer, recvBufferError });
});
