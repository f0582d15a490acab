import type { Credentials, RunningGateway } from '../support/gateway';
import { signedRequest, type RawResponse } from '../support/signed-request';

export interface AdminCall {
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as is, for bodies JSON.stringify cannot make (broken JSON). */
  rawBody?: string;
  credentials?: Credentials;
  anonymous?: boolean;
  method?: string;
  freshConnection?: boolean;
}

export interface AdminResponse extends RawResponse {
  json: unknown;
}

/** A SigV4-signed admin API call (PATCH, JSON) against a test gateway, as root unless told otherwise. */
export async function adminCall(gw: Pick<RunningGateway, 'port' | 'rootCredentials'>, path: string, call: AdminCall = {}): Promise<AdminResponse> {
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const response = await signedRequest(gw.port, gw.rootCredentials, {
    method: call.method ?? 'PATCH',
    path,
    query: call.query,
    body,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    credentials: call.credentials,
    anonymous: call.anonymous,
    freshConnection: call.freshConnection,
  });
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  return { ...response, json };
}

/** The `error` object of an admin JSON error. */
export function adminError(response: AdminResponse): { code: string; message: string; parameter?: string; requestId: string } {
  return (response.json as { error: { code: string; message: string; parameter?: string; requestId: string } }).error;
}
