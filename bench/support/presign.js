// SigV4 pre-signed request targets (path + query) for an S3 server, made with
// @aws-sdk/s3-request-presigner, so that wrk replays requests that the server must verify.
'use strict';
const { URL } = require('node:url');
const { S3RequestPresigner } = require('@aws-sdk/s3-request-presigner');
const { HttpRequest } = require('@smithy/core/protocols');
const { S3Client } = require('@aws-sdk/client-s3');

// Long enough for a whole run, well under SigV4's 7-day limit.
const EXPIRES_SECONDS = 3 * 3600;

/** An SDK client for a server ({ origin, credentials }), path-style, checksums only where required. */
function clientFor(server) {
  return new S3Client({
    endpoint: server.origin,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: server.credentials,
    // s3rver predates the SDK's default CRC32 on every upload; the bench measures the servers, not checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The presigner's RFC 3986 escaping of a query value (as it signs it). */
const escape = (value) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A signer for `server`: `await sign(method, path, query)` resolves the request target
 * ("/bucket/key?X-Amz-..."), signed for host 127.0.0.1:<port>. The presigner is used directly,
 * without an SDK command per target: it signs tens of thousands of PUT keys in a few seconds.
 */
function presignerFor(server) {
  const { hostname, port } = new URL(server.origin);
  const presigner = new S3RequestPresigner({ ...clientFor(server).config });
  return async (method, path, query = {}) => {
    const request = new HttpRequest({ method, protocol: 'http:', hostname, port: Number(port), path, query, headers: {} });
    const signed = await presigner.presign(request, { expiresIn: EXPIRES_SECONDS });
    const search = Object.entries(signed.query)
      .map(([name, value]) => `${escape(name)}=${escape(value)}`)
      .join('&');
    return `${signed.path}?${search}`;
  };
}

module.exports = { clientFor, presignerFor };
