import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@sipflow/platform';
import { decodeSpoolRecord, encodeSpoolRecord, FRAME_HEADER, type OutboundEntry } from './spool-record.codec';

export type FsyncPolicy = 'always' | 'interval' | 'never';

export interface DiskSpoolOptions {
  dir: string;
  /** Appends beyond this many bytes on disk are refused (the caller counts them as dropped). */
  maxBytes: number;
  segmentBytes: number;
  fsync: FsyncPolicy;
  fsyncIntervalMs: number;
  logger: Logger;
  /** Records found unreadable on replay (a damaged disk): counted as dropped by the caller. */
  onLoss?: (records: number, reason: string) => void;
}

interface Segment {
  id: number;
  path: string;
  bytes: number;
  records: number;
}

/** Records read from the head of the spool, removed only by `commit` (after the bus took them). */
export interface SpoolRead {
  entries: OutboundEntry[];
  commit(): void;
}

const SEGMENT = /^(\d{16})\.seg$/;
/** Segment ids start mid-range so that a shutdown can put older records before the head (prepend). */
const FIRST_ID = 5_000_000_000_000_000;
const READ_WINDOW = 4 * 1024 * 1024;
const MAX_PAYLOAD = 64 * 1024 * 1024;

const name = (id: number) => `${String(id).padStart(16, '0')}.seg`;

/**
 * The on-disk spool: records the bus could not take yet, in order, in append-only segment files of
 * length-prefixed, CRC-checked records. The head segment's read position is kept in `<segment>.ack`
 * after every commit, so a restart replays from where the last run stopped (a crash between a
 * publish and its ack replays that batch again: at-least-once; record ids make duplicates harmless).
 */
export class DiskSpool {
  private readonly segments: Segment[] = [];
  private writeFd: number | undefined;
  private readFd: number | undefined;
  private readSegmentId: number | undefined;
  /** Read position in the head segment. */
  private cursor = 0;
  private dirty = false;
  private readonly timer: NodeJS.Timeout | undefined;
  private totalBytes = 0;
  private totalRecords = 0;
  private readonly logger: Logger;

  constructor(private readonly options: DiskSpoolOptions) {
    this.logger = options.logger;
    mkdirSync(options.dir, { recursive: true });
    this.recover();
    if (options.fsync === 'interval') {
      this.timer = setInterval(() => this.sync(), options.fsyncIntervalMs);
      this.timer.unref();
    }
  }

  /** Bytes on disk, consumed head records included until their segment is deleted. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Records not yet committed. */
  get records(): number {
    return this.totalRecords;
  }

  get isEmpty(): boolean {
    return this.totalRecords === 0;
  }

  /** Appends in order; returns how many were taken (the rest would pass maxBytes). */
  append(entries: OutboundEntry[]): number {
    return this.write(entries, 'tail');
  }

  /** Puts records before everything spooled (shutdown: the memory buffer is older than the spool). */
  prepend(entries: OutboundEntry[]): number {
    if (this.isEmpty) return this.write(entries, 'tail');
    return this.write(entries, 'head');
  }

  /** Up to `max` records from the head, without removing them (one read outstanding at a time). */
  read(max: number): SpoolRead | undefined {
    for (;;) {
      const head = this.segments[0];
      if (!head) return undefined;
      if (this.cursor >= head.bytes) {
        this.dropHead(); // used up
        continue;
      }
      this.openRead(head);
      const entries: OutboundEntry[] = [];
      let window = Buffer.allocUnsafe(Math.min(READ_WINDOW, head.bytes - this.cursor));
      let got = readSync(this.readFd!, window, 0, window.length, this.cursor);
      let at = 0;
      while (entries.length < max && at < got) {
        const r = decodeSpoolRecord(window.subarray(0, got), at, MAX_PAYLOAD);
        if (r.kind === 'record') {
          entries.push(r.entry);
          at += r.size;
          continue;
        }
        if (r.kind === 'incomplete' && at === 0 && got >= FRAME_HEADER) {
          // One record larger than the window: read it whole.
          window = Buffer.allocUnsafe(window.readUInt32BE(0) + FRAME_HEADER);
          got = readSync(this.readFd!, window, 0, window.length, this.cursor);
          continue;
        }
        if (r.kind === 'corrupt' || at === 0) {
          const lost = head.records - entries.length;
          this.logger.error(
            {
              segment: head.path,
              offset: this.cursor + at,
              reason: r.kind === 'corrupt' ? r.reason : 'truncated',
              lost,
            },
            'spool record unreadable; the rest of the segment is lost',
          );
          this.options.onLoss?.(lost, 'spool-corrupt');
          this.totalRecords -= lost;
          head.records = entries.length;
          head.bytes = this.cursor + at;
        }
        break;
      }
      if (entries.length === 0) continue;
      const end = this.cursor + at;
      const headId = head.id;
      return {
        entries,
        commit: () => {
          const current = this.segments[0];
          if (current?.id !== headId) return;
          this.cursor = end;
          this.totalRecords -= entries.length;
          current.records -= entries.length;
          if (this.cursor >= current.bytes) this.dropHead();
          else writeFileSync(`${current.path}.ack`, String(this.cursor));
        },
      };
    }
  }

  /** Makes appended records durable now (the 'interval' policy calls this on a timer). */
  sync(): void {
    if (!this.dirty || this.writeFd === undefined) return;
    fsyncSync(this.writeFd);
    this.dirty = false;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.writeFd !== undefined) {
      if (this.options.fsync !== 'never') this.sync();
      closeSync(this.writeFd);
      this.writeFd = undefined;
    }
    this.closeRead();
  }

  private write(entries: OutboundEntry[], where: 'tail' | 'head'): number {
    if (entries.length === 0) return 0;
    const frames: Buffer[] = [];
    let bytes = 0;
    for (const entry of entries) {
      const frame = encodeSpoolRecord(entry);
      if (this.totalBytes + bytes + frame.length > this.options.maxBytes) break;
      frames.push(frame);
      bytes += frame.length;
    }
    if (frames.length === 0) return 0;
    if (where === 'head') {
      // A new segment before the head; the head's read position moves to it.
      const id = this.segments[0]!.id - 1;
      const path = join(this.options.dir, name(id));
      const fd = openSync(path, 'w');
      writeSync(fd, Buffer.concat(frames));
      if (this.options.fsync !== 'never') fsyncSync(fd);
      closeSync(fd);
      this.closeRead();
      const oldHead = this.segments[0]!;
      if (this.cursor > 0) writeFileSync(`${oldHead.path}.ack`, String(this.cursor));
      this.cursor = 0;
      this.segments.unshift({ id, path, bytes, records: frames.length });
    } else {
      // Fill the tail segment; start a new one once it reaches segmentBytes (whole records only).
      let at = 0;
      while (at < frames.length) {
        const tail = this.writableTail();
        const chunk: Buffer[] = [];
        let chunkBytes = 0;
        while (at < frames.length && (chunk.length === 0 || tail.bytes + chunkBytes < this.options.segmentBytes)) {
          chunk.push(frames[at]!);
          chunkBytes += frames[at++]!.length;
        }
        writeSync(this.writeFd!, chunk.length === 1 ? chunk[0]! : Buffer.concat(chunk));
        tail.bytes += chunkBytes;
        tail.records += chunk.length;
      }
      if (this.options.fsync === 'always') fsyncSync(this.writeFd!);
      else this.dirty = true;
    }
    this.totalBytes += bytes;
    this.totalRecords += frames.length;
    return frames.length;
  }

  /** The segment appends go to: the last one while it has room, else a new one. */
  private writableTail(): Segment {
    const tail = this.segments[this.segments.length - 1];
    if (tail && tail.bytes < this.options.segmentBytes) {
      this.writeFd ??= openSync(tail.path, 'a');
      return tail;
    }
    if (this.writeFd !== undefined) {
      if (this.options.fsync !== 'never') fsyncSync(this.writeFd);
      closeSync(this.writeFd);
    }
    const id = tail ? tail.id + 1 : FIRST_ID;
    const next = { id, path: join(this.options.dir, name(id)), bytes: 0, records: 0 };
    this.segments.push(next);
    this.writeFd = openSync(next.path, 'a');
    return next;
  }

  private openRead(segment: Segment): void {
    if (this.readSegmentId === segment.id) return;
    this.closeRead();
    this.readFd = openSync(segment.path, 'r');
    this.readSegmentId = segment.id;
  }

  private closeRead(): void {
    if (this.readFd !== undefined) closeSync(this.readFd);
    this.readFd = undefined;
    this.readSegmentId = undefined;
  }

  private dropHead(): void {
    const head = this.segments.shift();
    if (!head) return;
    if (this.readSegmentId === head.id) this.closeRead();
    if (this.segments.length === 0 && this.writeFd !== undefined) {
      closeSync(this.writeFd);
      this.writeFd = undefined;
    }
    this.totalBytes -= head.bytes;
    this.totalRecords -= Math.max(0, head.records);
    this.cursor = 0;
    rmSync(head.path, { force: true });
    rmSync(`${head.path}.ack`, { force: true });
    if (this.segments.length === 0) {
      this.totalBytes = 0;
      this.totalRecords = 0;
    } else if (existsSync(`${this.segments[0]!.path}.ack`)) {
      this.cursor = Number(readFileSync(`${this.segments[0]!.path}.ack`, 'utf8')) || 0;
    }
  }

  /**
   * Start-up: finds the segments a previous run left, checks every record, cuts a torn tail off
   * (the crash happened mid-append) and counts what is still to be replayed.
   */
  private recover(): void {
    const ids = readdirSync(this.options.dir)
      .map((f) => SEGMENT.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    for (const id of ids) {
      const path = join(this.options.dir, name(id));
      const ackFile = `${path}.ack`;
      const start = this.segments.length === 0 && existsSync(ackFile) ? Number(readFileSync(ackFile, 'utf8')) || 0 : 0;
      const data = readFileSync(path);
      let at = 0;
      let records = 0;
      for (;;) {
        const r = decodeSpoolRecord(data, at, MAX_PAYLOAD);
        if (r.kind !== 'record') break;
        if (at >= start) records++;
        at += r.size;
      }
      if (at < data.length) {
        this.logger.warn(
          { segment: path, validBytes: at, size: data.length },
          'spool segment has a torn or corrupt tail; cut off',
        );
        truncateSync(path, at);
      }
      if (records === 0) {
        rmSync(path, { force: true });
        rmSync(ackFile, { force: true });
        continue;
      }
      if (this.segments.length === 0) this.cursor = start;
      this.segments.push({ id, path, bytes: at, records });
      this.totalBytes += at;
      this.totalRecords += records;
    }
    if (this.totalRecords > 0) {
      this.logger.info(
        { dir: this.options.dir, records: this.totalRecords, bytes: this.totalBytes, segments: this.segments.length },
        'spool holds records from an earlier run; replaying them first',
      );
    }
  }
}
