// What access evaluation costs a GET 4 KiB: a bucket with a 10-statement policy against one with
// none, in one gateway, rounds alternating; an anonymous GET the policy lets in; and, with
// --against DIST (another build's dist/, say main's), that build serving the bucket without a
// policy, to show that the check of a plain bucket costs what it did. Also the evaluation alone,
// in process (CPU µs per evaluation of the compiled policy). Run by hand after `npm run build`:
//
//   node bench/policy-cost.js [--seconds S] [--rounds R] [--against DIST]
//
// The requests are signed by a non-admin account that owns the buckets: an admin skips the
// access check, and the owner of a bucket with a policy goes through it (a Deny binds it too).
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { parseArgs } = require('node:util');
const { Buffer } = require('node:buffer');
const { httpLoad, table, median } = require('./support/http-load');
const { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, PutBucketPolicyCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');

const { values: options } = parseArgs({
  options: { seconds: { type: 'string', default: '3' }, rounds: { type: 'string', default: '4' }, against: { type: 'string' } },
});
const ROUND_SECONDS = Number(options.seconds);
const ROUNDS = Number(options.rounds);
const CONNECTIONS = 16;
const ROOT = { access: 'BENCHROOTACCESSKEY00', secret: 'benchRootSecretKey000000000000000000000000' };
const OWNER = { access: 'BENCHOWNERACCESSKEY0', secret: 'benchOwnerSecretKey00000000000000000000000', role: 'userplus' };
const OTHER = { access: 'BENCHOTHERACCESSKEY0', secret: 'benchOtherSecretKey00000000000000000000000', role: 'user' };

/** Ten statements of the kinds sites write; none denies the benchmark's GET, so all ten are evaluated. */
function tenStatements(bucket) {
  const arn = `arn:aws:s3:::${bucket}`;
  const other = { AWS: [OTHER.access] };
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'PublicSite', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn}/public/*` },
      { Sid: 'NoDeletes', Effect: 'Deny', Principal: other, Action: 's3:DeleteObject', Resource: `${arn}/*` },
      { Sid: 'ListHome', Effect: 'Allow', Principal: other, Action: 's3:ListBucket', Resource: arn, Condition: { StringLike: { 's3:prefix': 'home/*' } } },
      { Sid: 'OwnerFull', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${arn}/*`, Condition: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } },
      { Sid: 'LocalOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { NotIpAddress: { 'aws:SourceIp': ['127.0.0.0/8', '10.0.0.0/8'] } } },
      { Sid: 'Shared', Effect: 'Allow', Principal: other, Action: ['s3:GetObject', 's3:GetObjectTagging'], Resource: `${arn}/shared/*` },
      { Sid: 'Secrets', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `${arn}/secret/*` },
      { Sid: 'UntilThen', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn}/object-4k.bin`, Condition: { DateLessThan: { 'aws:CurrentTime': '2100-01-01T00:00:00Z' } } },
      { Sid: 'KeepBucket', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: arn },
      { Sid: 'Inbox', Effect: 'Allow', Principal: other, Action: 's3:PutObject', Resource: `${arn}/inbox/*` },
    ],
  });
}

function config(dist, root) {
  const { resolveGatewayConfig } = require(join(dist, 'config'));
  return resolveGatewayConfig({ flags: { access: ROOT.access, secret: ROOT.secret, quiet: true }, env: {}, dir: root, cwd: root }).config;
}

function client(port, credentials) {
  return new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: credentials.access, secretAccessKey: credentials.secret },
  });
}

/**
 * A gateway of `dist` over a fresh root, its buckets owned by OWNER, each holding one 4 KiB
 * object; `policies` names the buckets that get the ten statements. Presigned GET URLs by bucket.
 */
async function gatewayOf(dist, dir, buckets, policies) {
  const root = mkdtempSync(join(dir, 'gw-'));
  const { createApp } = require(join(dist, 'app.factory'));
  const gateway = await createApp(config(dist, root));
  gateway.services.iam.createAccount(OWNER);
  gateway.services.iam.createAccount(OTHER);
  await gateway.app.listen(0, '127.0.0.1');
  const { port } = gateway.app.getHttpServer().address();
  const owner = client(port, OWNER);
  const urls = {};
  for (const bucket of buckets) {
    await owner.send(new CreateBucketCommand({ Bucket: bucket }));
    await owner.send(new PutObjectCommand({ Bucket: bucket, Key: 'object-4k.bin', Body: Buffer.alloc(4096, 7) }));
    if (policies.includes(bucket)) await owner.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: tenStatements(bucket) }));
    urls[bucket] = await getSignedUrl(owner, new GetObjectCommand({ Bucket: bucket, Key: 'object-4k.bin' }), { expiresIn: 3600 });
  }
  owner.destroy();
  return { gateway, urls, anonymousUrl: (bucket) => `http://127.0.0.1:${port}/${bucket}/object-4k.bin` };
}

/** CPU µs of one evaluation of the compiled ten statements, for the owner's GET (all ten evaluated). */
function evaluationCost(dist) {
  const { compilePolicy } = require(join(dist, 's3', 'access', 'policy', 'policy-compiler'));
  const { parsePolicy } = require(join(dist, 's3', 'access', 'policy', 'policy-parser'));
  const { evaluatePolicy } = require(join(dist, 's3', 'access', 'policy', 'policy-evaluator'));
  const { requestConditions } = require(join(dist, 's3', 'access', 'request-conditions'));
  const policy = compilePolicy(parsePolicy(tenStatements('policed'), { bucket: 'policed', accountExists: () => true }));
  const request = {
    operation: 'GetObject',
    resource: { level: 'object', bucket: 'policed', key: 'object-4k.bin' },
    account: OWNER,
    authMethod: 'presigned',
    sourceIp: '127.0.0.1',
    secureTransport: false,
    headers: { host: '127.0.0.1' },
    query: { size: 0, get: () => null, has: () => false },
  };
  const n = 200_000;
  const rounds = [];
  for (let round = 0; round < 7; round++) {
    const before = process.cpuUsage();
    let allowed = 0;
    for (let i = 0; i < n; i++) {
      const decision = evaluatePolicy(policy, { principal: OWNER.access, action: 's3:GetObject', resource: 'policed/object-4k.bin', conditions: requestConditions(request) });
      if (decision === 'allow') allowed++;
    }
    const spent = process.cpuUsage(before);
    if (allowed !== n) throw new Error(`the policy allowed ${allowed} of ${n}`);
    if (round >= 2) rounds.push((spent.user + spent.system) / n);
  }
  return median(rounds);
}

/**
 * CPU ns of the access check alone, in process: the owner's GetObject in a bucket of a real posix
 * backend (its state cached after the first call), with this build's AccessCheck and, given
 * `against`, that build's. Rounds alternate between the builds; `policy` adds the ten statements.
 */
async function accessCheckCosts(dists, dir) {
  const n = 100_000;
  const checks = [];
  for (const dist of dists) {
    const from = (...path) => require(join(dist, ...path));
    const root = mkdtempSync(join(dir, 'check-'));
    const backend = new (from('backends', 'posix', 'posix-backend').PosixBackend)(root, from('backends', 'posix', 'native', 'native-fs').loadNativeFs());
    await backend.createBucket({ bucket: 'plain', owner: OWNER.access });
    const { AccessCheck } = from('s3', 'access', 'access-check');
    const statesModule = optionalRequire(join(dist, 's3', 'access', 'bucket-access-states'));
    const resource = { level: 'object', bucket: 'plain', key: 'object-4k.bin' };
    if (statesModule) {
      const check = new AccessCheck(backend, new statesModule.BucketAccessStates(backend));
      const request = { operation: 'GetObject', resource, account: OWNER, authMethod: 'presigned', sourceIp: '127.0.0.1', secureTransport: false, headers: {}, query: { size: 0, get: () => null, has: () => false } };
      checks.push(() => check.assertAllowed(request));
      if (checks.length === 1) {
        // This build only: the same check in a bucket with the ten statements.
        await backend.createBucket({ bucket: 'policed', owner: OWNER.access });
        await backend.changeBucketAccess({ bucket: 'policed', change: { kind: 'policy', value: tenStatements('policed') } });
        const policed = { ...request, resource: { ...resource, bucket: 'policed' } };
        checks.push(() => check.assertAllowed(policed));
      }
    } else {
      const check = new AccessCheck(backend);
      checks.push(() => check.assertAllowed('GetObject', resource, OWNER));
    }
  }
  const costs = checks.map(() => []);
  for (let round = 0; round < 7; round++) {
    for (let i = 0; i < checks.length; i++) {
      const before = process.cpuUsage();
      for (let j = 0; j < n; j++) await checks[i]();
      const spent = process.cpuUsage(before);
      if (round >= 2) costs[i].push(((spent.user + spent.system) * 1000) / n);
    }
  }
  return costs.map(median);
}

function optionalRequire(path) {
  try {
    return require(path);
  } catch {
    return undefined;
  }
}

async function main() {
  const thisDist = join(__dirname, '..', 'dist');
  const dir = mkdtempSync(join(tmpdir(), 'tracegw-bench-policy-'));
  try {
    const evaluation = evaluationCost(thisDist);
    const checkCosts = await accessCheckCosts([thisDist, ...(options.against ? [resolve(options.against)] : [])], dir);
    const ours = await gatewayOf(thisDist, dir, ['plain', 'policed'], ['policed']);
    const modes = [
      ['no policy (owner, presigned)', ours.urls.plain],
      ['10-statement policy (owner, presigned)', ours.urls.policed],
      ['10-statement policy (anonymous, let in by it)', ours.anonymousUrl('policed')],
    ];
    let theirs;
    if (options.against) {
      theirs = await gatewayOf(resolve(options.against), dir, ['plain'], []);
      modes.unshift([`--against build, no policy (owner, presigned)`, theirs.urls.plain]);
    }
    for (const [, url] of modes) await httpLoad(url, 1, CONNECTIONS); // warm-up
    const totals = modes.map(() => ({ done: 0, errors: 0, p50: [], p99: [] }));
    for (let round = 0; round < ROUNDS; round++) {
      const order = modes.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order) {
        const result = await httpLoad(modes[i][1], ROUND_SECONDS, CONNECTIONS);
        totals[i].done += result.done;
        totals[i].errors += result.errors;
        totals[i].p50.push(result.p50);
        totals[i].p99.push(result.p99);
      }
    }
    await ours.gateway.close();
    if (theirs) await theirs.gateway.close();
    const rate = (i) => totals[i].done / (ROUNDS * ROUND_SECONDS);
    const base = modes.findIndex(([name]) => name.startsWith('no policy'));
    process.stdout.write(
      `\nGET 4 KiB, ${CONNECTIONS} keep-alive connections, ${ROUNDS} x ${ROUND_SECONDS} s per row, rounds alternating\n\n` +
        table([
          ['bucket', 'req/s', 'vs no policy', 'p50 ms', 'p99 ms', 'errors'],
          ...modes.map(([name], i) => [
            name,
            rate(i).toFixed(0),
            `${rate(i) >= rate(base) ? '+' : ''}${(((rate(i) - rate(base)) / rate(base)) * 100).toFixed(1)} %`,
            median(totals[i].p50).toFixed(2),
            median(totals[i].p99).toFixed(2),
            String(totals[i].errors),
          ]),
        ]) +
        `\n\nEvaluation of the compiled 10-statement policy alone (conditions included): ${evaluation.toFixed(2)} µs CPU per request\n` +
        `The access check alone, owner's GetObject: ${checkCosts[0].toFixed(0)} ns CPU without a policy, ${checkCosts[1].toFixed(0)} ns with the ten statements` +
        (checkCosts.length > 2 ? ` (--against build, without: ${checkCosts[2].toFixed(0)} ns)` : '') +
        '\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
