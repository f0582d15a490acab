import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { AccessControlList, BucketAccessChange, BucketAccessConfig, TracedInput } from '../backend.types';
import { S3Error } from '../../s3/errors/s3-error';
import type { Upstream } from './upstream-client';

/**
 * What tracegw keeps about a bucket besides its objects (owner and ACL, ownership controls, public
 * access block, policy, CORS), as objects of the meta bucket, named as VersityGW's s3proxy names
 * them: `vgw-meta-acl-<bucket>`, `vgw-meta-policy-<bucket>`, `vgw-meta-cors-<bucket>`. The ACL
 * object holds tracegw's access settings as JSON. Without a meta bucket nothing is kept: every
 * bucket belongs to the root account, with no grants, and changing a setting is NotImplemented.
 */
const PREFIX = { access: 'vgw-meta-acl-', policy: 'vgw-meta-policy-', cors: 'vgw-meta-cors-' } as const;
type MetaKind = keyof typeof PREFIX;

/** The ACL object's JSON: everything of BucketAccessConfig but the policy, which has its own object. */
type StoredAccess = Omit<BucketAccessConfig, 'policy'>;

export class BucketMeta {
  constructor(
    private readonly upstream: Upstream,
    private readonly metaBucket: string | undefined,
    private readonly rootAccess: string,
  ) {}

  /** The meta bucket is no bucket of tracegw's clients: it is neither listed nor reachable. */
  isMetaBucket(bucket: string): boolean {
    return bucket === this.metaBucket;
  }

  private async read(bucket: string, kind: MetaKind, trace: TracedInput): Promise<Buffer | undefined> {
    if (this.metaBucket === undefined) return undefined;
    try {
      const out = await this.upstream.send(new GetObjectCommand({ Bucket: this.metaBucket, Key: PREFIX[kind] + bucket }), 'object', trace);
      return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
    } catch (error) {
      if (S3Error.is(error, 'NoSuchKey')) return undefined;
      throw error;
    }
  }

  private requireMetaBucket(what: string): string {
    if (this.metaBucket === undefined) throw new S3Error('NotImplemented', `${what} needs a meta bucket (--meta-bucket) with the s3proxy backend`);
    return this.metaBucket;
  }

  private async write(bucket: string, kind: MetaKind, data: Buffer | undefined, trace: TracedInput): Promise<void> {
    const metaBucket = this.requireMetaBucket(`Storing a bucket's ${kind}`);
    const Key = PREFIX[kind] + bucket;
    if (data === undefined) await this.upstream.send(new DeleteObjectCommand({ Bucket: metaBucket, Key }), 'object', trace);
    else await this.upstream.send(new PutObjectCommand({ Bucket: metaBucket, Key, Body: data, ContentLength: data.length }), 'object', trace);
  }

  private defaultAccess(owner: string): StoredAccess {
    return { acl: { owner, grants: [{ grantee: { type: 'CanonicalUser', id: owner }, permission: 'FULL_CONTROL' }] } };
  }

  private async storedAccess(bucket: string, trace: TracedInput): Promise<StoredAccess | undefined> {
    const raw = await this.read(bucket, 'access', trace);
    return raw === undefined ? undefined : (JSON.parse(raw.toString('utf8')) as StoredAccess);
  }

  /** The bucket's owner: from its ACL object, the root account when there is none. */
  async owner(bucket: string, trace: TracedInput = {}): Promise<string> {
    return (await this.storedAccess(bucket, trace))?.acl.owner ?? this.rootAccess;
  }

  /** Whose the bucket is, when its ACL object exists already (a bucket made through this gateway). */
  async recordedOwner(bucket: string, trace: TracedInput = {}): Promise<string | undefined> {
    return (await this.storedAccess(bucket, trace))?.acl.owner;
  }

  async access(bucket: string, trace: TracedInput = {}): Promise<BucketAccessConfig> {
    const [stored, policy] = await Promise.all([this.storedAccess(bucket, trace), this.read(bucket, 'policy', trace)]);
    return { ...(stored ?? this.defaultAccess(this.rootAccess)), ...(policy !== undefined ? { policy: policy.toString('utf8') } : {}) };
  }

  /** A new bucket's settings; nothing without a meta bucket (the bucket is the root account's then). */
  async created(bucket: string, owner: string, acl: AccessControlList | undefined, ownership: BucketAccessConfig['ownership'], trace: TracedInput = {}): Promise<void> {
    if (this.metaBucket === undefined) return;
    const stored: StoredAccess = { ...this.defaultAccess(owner), ...(acl ? { acl } : {}), ...(ownership !== undefined ? { ownership } : {}) };
    await this.write(bucket, 'access', Buffer.from(JSON.stringify(stored)), trace);
  }

  async change(bucket: string, change: BucketAccessChange, trace: TracedInput = {}): Promise<void> {
    this.requireMetaBucket('Changing bucket access settings');
    if (change.kind === 'policy') return this.write(bucket, 'policy', change.value === undefined ? undefined : Buffer.from(change.value), trace);
    const stored = (await this.storedAccess(bucket, trace)) ?? this.defaultAccess(this.rootAccess);
    const next: StoredAccess = { ...stored };
    if (change.kind === 'acl') next.acl = change.value;
    else if (change.value === undefined) delete next[change.kind];
    else Object.assign(next, { [change.kind]: change.value });
    await this.write(bucket, 'access', Buffer.from(JSON.stringify(next)), trace);
  }

  /** VersityGW's ChangeBucketOwner: the new owner's default ACL, and no policy of the old owner's. */
  async changeOwner(bucket: string, owner: string, trace: TracedInput = {}): Promise<void> {
    const stored = (await this.storedAccess(bucket, trace)) ?? {};
    await this.write(bucket, 'access', Buffer.from(JSON.stringify({ ...stored, ...this.defaultAccess(owner) })), trace);
    await this.write(bucket, 'policy', undefined, trace);
  }

  async cors(bucket: string, trace: TracedInput = {}): Promise<Buffer | undefined> {
    return this.read(bucket, 'cors', trace);
  }

  async setCors(bucket: string, cors: Buffer | undefined, trace: TracedInput = {}): Promise<void> {
    if (cors === undefined && this.metaBucket === undefined) return;
    await this.write(bucket, 'cors', cors, trace);
  }

  /** A deleted bucket's settings go with it: a bucket made again by that name starts afresh. */
  async removed(bucket: string, trace: TracedInput = {}): Promise<void> {
    if (this.metaBucket === undefined) return;
    for (const kind of Object.keys(PREFIX) as MetaKind[]) await this.write(bucket, kind, undefined, trace);
  }
}
