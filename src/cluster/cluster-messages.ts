import type { GatewayConfig } from '../config/gateway-config';
import type { MultipartRecoveryReport } from '../multipart/recovery/recovery-report';

/**
 * What the primary and a worker say to each other over the cluster's IPC channel. The worker
 * speaks first: a message sent to it before its listener exists would be lost, so the primary
 * only answers.
 */

/** worker → primary, first thing: ready to be told what to serve. */
export interface HelloMessage {
  readonly tracegw: 'hello';
}

/**
 * primary → worker: the configuration the primary resolved (root credentials generated once, by
 * it) and the report of the start-up recovery it ran, which every worker's admin API shows.
 */
export interface StartMessage {
  readonly tracegw: 'start';
  /** 1 to --workers; a replacement takes the number of the worker it replaces. */
  readonly index: number;
  readonly config: GatewayConfig;
  readonly recoveryReport?: MultipartRecoveryReport;
}

/** worker → primary: every port listens. */
export interface ServingMessage {
  readonly tracegw: 'serving';
}

/** worker → primary, just before it exits 1: why it could not start. */
export interface FailedMessage {
  readonly tracegw: 'failed';
  readonly reason: string;
}

export type WorkerMessage = HelloMessage | ServingMessage | FailedMessage;

const WORKER_MESSAGES: ReadonlySet<string> = new Set<WorkerMessage['tracegw']>(['hello', 'serving', 'failed']);

function tagOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { tracegw?: unknown }).tracegw : undefined;
}

export function isWorkerMessage(message: unknown): message is WorkerMessage {
  const tag = tagOf(message);
  return typeof tag === 'string' && WORKER_MESSAGES.has(tag);
}

export function isStartMessage(message: unknown): message is StartMessage {
  return tagOf(message) === 'start';
}
