import type { OperationPosition } from '../../journal/history/operation-filter';
import { AdminError } from '../admin-error';

/** Opaque to clients (base64url), so the position it holds can change shape without breaking them. */
export function encodeCursor(position: OperationPosition): string {
  return Buffer.from(`${position.startedAt}.${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): OperationPosition {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match) throw AdminError.invalidParameter('cursor', 'cursor must be the nextCursor of an earlier page');
  return { startedAt: Number(match[1]), id: Number(match[2]) };
}
