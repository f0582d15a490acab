import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IAM_STORE, IamStore } from '../../iam/iam.port';
import { S3_SETTINGS, S3Settings } from '../../operations/s3-settings';
import type { RequestTimings } from '../../request/request-context';
import { traceAuthentication } from '../../telemetry/auth-span';
import { recorded } from '../../telemetry/with-span';
import { AccessCheck } from '../access/access-check';
import { admitUnauthenticated, authenticateHttpRequest, authenticatePostRequest, usesSigV2 } from '../auth/authenticate-http-request';
import type { AuthOptions, AuthResult } from '../auth/auth.types';
import { type PostFormInput, postFormSignature } from '../auth/post-form-auth';
import { postFormOf } from './post-object/post-form';
import { S3Error } from '../errors/s3-error';
import type { S3Operation } from '../s3-operations';
import { WRITE_OPERATIONS } from '../write-operations';
import { accessRequestOf } from './access-request-of';
import { readCopySource } from './headers/copy-source';
import { resolveS3Request } from './resolve-request';
import { ROUTE_TABLE } from './route-table.token';
import type { RouteTable } from './routes/route-table';

/** Operations that read another object: its bucket's rules must let the caller read it too. */
const COPIES: ReadonlySet<S3Operation> = new Set(['CopyObject', 'UploadPartCopy']);

function copySourceIfValid(headers: FastifyRequest['headers']): { bucket: string; key: string } | undefined {
  try {
    return readCopySource(headers);
  } catch {
    return undefined;
  }
}

/**
 * Lets a request in or refuses it before any storage is touched: resolve the operation,
 * verify the SigV4 signature, check access, and only then answer NotImplemented for operations
 * tracegw does not have (so anonymous callers learn nothing). Runs inside the request's root span.
 */
@Injectable()
export class S3Admission {
  private readonly lookup: (access: string) => ReturnType<IamStore['getAccount']>;
  private readonly isRoot: (access: string) => boolean;
  /** --readonly: the operations refused, decided once here; empty otherwise, so the check is one Set lookup. */
  private readonly refused: ReadonlySet<S3Operation>;

  /** The authentication options, made once: every request but CompleteMultipartUpload takes the first. */
  private readonly authOptions: AuthOptions;
  /** CompleteMultipartUpload's checksum headers are the assembled object's, not its XML body's. */
  private readonly completeAuthOptions: AuthOptions;

  constructor(
    @Inject(IAM_STORE) iam: IamStore,
    @Inject(S3_SETTINGS) private readonly settings: S3Settings,
    @Inject(ROUTE_TABLE) private readonly routes: RouteTable,
    private readonly access: AccessCheck,
  ) {
    this.lookup = (access) => iam.getAccount(access);
    this.isRoot = (access) => iam.isRoot(access);
    this.refused = settings.readOnly ? WRITE_OPERATIONS : new Set();
    const options = (checksumHeadersDescribeBody: boolean): AuthOptions => ({ region: settings.region, checksumHeadersDescribeBody, sigV2: settings.sigV2 });
    this.authOptions = options(true);
    this.completeAuthOptions = options(false);
  }


  /** A browser upload's form (PostObject), else the request's header or query signature. */
  private authenticate(request: FastifyRequest, form: PostFormInput | undefined, options: AuthOptions, timings: RequestTimings): AuthResult {
    return form ? authenticatePostRequest(request, form, this.lookup, options, timings) : authenticateHttpRequest(request, this.lookup, options, timings);
  }

  async admit(request: FastifyRequest): Promise<void> {
    const started = performance.now();
    const state = resolveS3Request(request, this.settings.virtualDomain);
    const timings: RequestTimings = {};
    if (state.operation === 'PreflightRequest') {
      // S3 answers a preflight from the bucket's CORS rules alone, before (and without) authentication.
      admitUnauthenticated(request, timings);
      return;
    }
    const options = state.operation === 'CompleteMultipartUpload' ? this.completeAuthOptions : this.authOptions;
    // A browser upload carries its credentials in the form, before the file.
    const form = state.operation === 'PostObject' ? await postFormOf(request, state.target.resource) : undefined;
    // An untraced request authenticates without the closures its span needs.
    const { rootSpan } = request.s3;
    const auth = recorded(rootSpan)
      ? traceAuthentication(
          rootSpan,
          this.isRoot,
          () => this.authenticate(request, form, options, timings),
          () => (form ? postFormSignature(form.fields) === 'v2-post' : usesSigV2(request)),
        )
      : this.authenticate(request, form, options, timings);
    // After authentication, before the access check, as VersityGW's VerifyAccess does: every
    // account, root included, is refused.
    if (this.refused.has(state.operation)) throw new S3Error('AccessDenied');
    const access = accessRequestOf(request, state.operation, state.target, auth);
    await this.access.assertAllowed(access);
    if (COPIES.has(state.operation)) {
      const source = copySourceIfValid(request.headers);
      // A malformed x-amz-copy-source is the route's InvalidArgument, raised when it reads it.
      if (source) await this.access.assertSourceReadable(access, source);
    }
    timings.authMs = performance.now() - started;
    if (!this.routes.has(state.operation)) {
      throw new S3Error('NotImplemented', `${state.operation} is not implemented by tracegw`);
    }
  }
}
