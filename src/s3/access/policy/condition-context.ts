/**
 * The values of the condition keys of one request, looked up by name as a policy's conditions ask
 * for them: undefined when the request has no such key (what ...IfExists and Null test). Names are
 * compared lower-cased, as IAM does, except the tag key after `s3:ExistingObjectTag/`.
 */
export interface ConditionContext {
  values(key: string): readonly string[] | undefined;
}

/** Condition keys are matched case-insensitively; a tag's own key keeps its case. */
export function normalizeConditionKey(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? key.toLowerCase() : key.slice(0, slash).toLowerCase() + key.slice(slash);
}

/** The s3: condition keys tracegw can supply; aws: keys are all accepted (the global ones it lacks are simply absent). */
export const S3_CONDITION_KEYS: ReadonlySet<string> = new Set(
  [
    's3:prefix',
    's3:delimiter',
    's3:max-keys',
    's3:x-amz-acl',
    's3:x-amz-grant-read',
    's3:x-amz-grant-write',
    's3:x-amz-grant-read-acp',
    's3:x-amz-grant-write-acp',
    's3:x-amz-grant-full-control',
    's3:x-amz-copy-source',
    's3:x-amz-metadata-directive',
    's3:x-amz-content-sha256',
    's3:x-amz-server-side-encryption',
    's3:x-amz-storage-class',
    's3:signatureversion',
    's3:authtype',
    's3:versionid',
    's3:object-lock-mode',
    's3:object-lock-retain-until-date',
    's3:object-lock-legal-hold',
  ].map((k) => k.toLowerCase()),
);

/** Keys with a tag name after the slash. */
export const TAG_KEY_PREFIXES: readonly string[] = ['s3:existingobjecttag/', 's3:requestobjecttag/'];

export function isKnownConditionKey(key: string): boolean {
  const normalized = normalizeConditionKey(key);
  if (normalized.startsWith('aws:')) return true;
  if (S3_CONDITION_KEYS.has(normalized)) return true;
  return TAG_KEY_PREFIXES.some((prefix) => normalized.toLowerCase().startsWith(prefix) && normalized.length > prefix.length);
}
