import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { OperationRecord } from '../journal/history/operation-record';

/** VersityGW's metric prefix and names, so that a dashboard made for its statsd metrics reads ours. */
const PREFIX = 'versitygw.';
/** What go-statsd (VersityGW's client) keeps a datagram under: it fits an Ethernet MTU with room to spare. */
const MAX_PACKET_BYTES = 1432;
/** go-statsd's flush interval: counters of a quiet gateway leave within this. */
const FLUSH_MS = 100;
/** VersityGW's name for a request whose operation was never told (authentication or URL failures). */
const UNDETECTED = { api: 'unknown', action: 'ActionUnDetected' };

export interface StatsdServer {
  host: string;
  port: number;
}

/** An InfluxDB-style tag value: commas, spaces and equals signs escaped (bucket names have none, but a tag must never break a line). */
const tagValue = (value: string): string => value.replace(/[ ,=\\]/g, (c) => `\\${c}`);

/**
 * Each request's counters as StatsD lines, sent over UDP to every --metrics-statsd-servers entry,
 * as VersityGW sends them (its metrics package: `versitygw.<name>,service=…,method=…,api=…,
 * action=…,bucket=…,status=…:<value>|c`, InfluxDB tag style): success_count or failed_count for
 * every request, bytes_written for PutObject and UploadPart, bytes_read for GetObject,
 * object_created_count for PutObject and CompleteMultipartUpload, object_removed_count for
 * DeleteObject. Lines are batched into datagrams of at most 1,432 bytes, sent when one is full or
 * within 100 ms; a send fails silently and nothing waits for it, so a StatsD server that is down
 * or away never slows or fails a request.
 */
export class StatsdSink {
  /** One socket per address family the servers need (a UDP socket sends to one family). */
  private readonly sockets = new Map<'udp4' | 'udp6', Socket>();
  private pending = '';
  private timer: NodeJS.Timeout | undefined;
  private readonly serviceTag: string;

  constructor(
    private readonly servers: readonly StatsdServer[],
    serviceName: string,
  ) {
    this.serviceTag = `,service=${tagValue(serviceName)}`;
    for (const server of servers) {
      const family = isIPv6(server.host) ? 'udp6' : 'udp4';
      if (this.sockets.has(family)) continue;
      const socket = createSocket(family);
      // A refused datagram (nothing listening) is reported here; metrics are best effort.
      socket.on('error', () => undefined);
      socket.unref();
      this.sockets.set(family, socket);
    }
  }

  enqueue(record: OperationRecord, request: FastifyRequest): void {
    const failed = record.errorCode !== null || record.httpStatus >= 400;
    const { api, action } = record.operation === null ? UNDETECTED : { api: 's3', action: record.operation };
    const bucket = record.bucket === null ? '' : `,bucket=${tagValue(record.bucket)}`;
    const tags = `${this.serviceTag},method=${request.method},api=${api},action=${tagValue(action)}${bucket},status=${record.httpStatus}`;
    this.add(failed ? 'failed_count' : 'success_count', 1, tags);
    switch (record.operation) {
      case 'PutObject':
        this.add('bytes_written', record.bytesIn, tags);
        this.add('object_created_count', 1, tags);
        break;
      case 'UploadPart':
        this.add('bytes_written', record.bytesIn, tags);
        break;
      case 'CompleteMultipartUpload':
        this.add('object_created_count', 1, tags);
        break;
      case 'GetObject':
        this.add('bytes_read', record.bytesOut, tags);
        break;
      case 'DeleteObject':
        this.add('object_removed_count', 1, tags);
        break;
    }
  }

  /** Sends what is pending and lets the socket go (after the last request). */
  close(): Promise<void> {
    this.flush();
    return Promise.all([...this.sockets.values()].map((socket) => new Promise<void>((resolve) => socket.close(() => resolve())))).then(() => undefined);
  }

  private add(name: string, value: number, tags: string): void {
    const line = `${PREFIX}${name}${tags}:${value}|c`;
    if (this.pending.length > 0 && this.pending.length + 1 + line.length > MAX_PACKET_BYTES) this.flush();
    this.pending = this.pending.length === 0 ? line : `${this.pending}\n${line}`;
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  private flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const datagram = Buffer.from(this.pending);
    this.pending = '';
    for (const server of this.servers) this.sockets.get(isIPv6(server.host) ? 'udp6' : 'udp4')?.send(datagram, server.port, server.host, () => undefined);
  }
}
