/** DI token of the BucketCorsConfigurations: the CORS handlers and the S3 controller's response headers use it. */
export const BUCKET_CORS = Symbol('BucketCorsConfigurations');
