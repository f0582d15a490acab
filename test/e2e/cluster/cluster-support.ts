import { Agent } from 'node:http';
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { until } from '../multipart/crash-support';
import type { ChildGateway } from '../support/child-gateway';
import type { Credentials } from '../support/gateway';

/** A line of the gateway's log, with the pid Nest's console logger writes at its start. */
export interface LogLine {
  pid: number;
  text: string;
}

/** Every line any process of the cluster logged so far, colours removed. */
export function logLines(child: ChildGateway): LogLine[] {
  // eslint-disable-next-line no-control-regex
  const plain = child.output().replace(/\x1b\[[0-9;]*m/g, '');
  return [...plain.matchAll(/^\[Nest\] (\d+)\s+-\s+(.*)$/gm)].map((match) => ({ pid: Number(match[1]), text: match[2] }));
}

/** The lines that contain `text`. */
export function linesWith(child: ChildGateway, text: string): LogLine[] {
  return logLines(child).filter((line) => line.text.includes(text));
}

/**
 * The workers alive now, by their number: as the primary named them when all served, then as it
 * said it replaced them ("worker 2 serving again (pid …)").
 */
export function workerPids(child: ChildGateway): number[] {
  const lines = logLines(child);
  const first = lines.map((line) => / \d+ workers \(pids ([\d, ]+)\)/.exec(line.text)).find((match) => match !== null);
  if (!first) throw new Error(`the primary never said its workers serve:\n${child.output()}`);
  const pids = first[1].split(', ').map(Number);
  for (const line of lines) {
    const again = /worker (\d+) serving again \(pid (\d+)\)/.exec(line.text);
    if (again) pids[Number(again[1]) - 1] = Number(again[2]);
  }
  return pids;
}

/**
 * The pid of the worker that answered the request with this x-amz-request-id: --debug logs one
 * line per S3 request with its request id, once the response has gone out.
 */
export async function servedBy(child: ChildGateway, requestId: string | undefined): Promise<number> {
  if (!requestId) throw new Error('the response had no x-amz-request-id');
  const find = () => logLines(child).find((line) => line.text.includes(`request_id=${requestId}`));
  await until(() => find() !== undefined, `the log line of request ${requestId}`);
  return find()!.pid;
}

export interface FreshConnectionsOptions {
  /** 1 unless told: a retry would hide which worker answered. */
  maxAttempts?: number;
  /** An answer that takes longer fails the attempt (5 s unless told). */
  requestTimeoutMs?: number;
}

/**
 * An S3 client that opens a new connection for every request (no keep-alive): the primary deals
 * connections out to the workers in turn, so consecutive requests reach different workers.
 */
export function freshConnectionsClient(child: ChildGateway, credentials: Credentials, options: FreshConnectionsOptions = {}): S3Client {
  return new S3Client({
    endpoint: child.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    maxAttempts: options.maxAttempts ?? 1,
    credentials: { accessKeyId: credentials.access, secretAccessKey: credentials.secret },
    requestHandler: { httpAgent: new Agent({ keepAlive: false }), requestTimeout: options.requestTimeoutMs ?? 5000, throwOnRequestTimeout: true },
  });
}

/** The request id of an SDK call's answer, and the error code when it was refused. */
export async function answerOf(call: Promise<{ $metadata: { requestId?: string } }>): Promise<{ requestId?: string; error?: string }> {
  try {
    return { requestId: (await call).$metadata.requestId };
  } catch (error) {
    if (error instanceof S3ServiceException) return { requestId: error.$metadata.requestId, error: error.name };
    throw error;
  }
}
