import type { CorsAllowance } from '../../../cors/cors-policy';
import type { CorsMethod } from '../../../cors/cors-rule';
import { s3Command } from '../../s3-command';

/** An OPTIONS preflight, its headers read: what the bucket's CORS rules are asked. */
export interface PreflightRequestInput {
  bucket: string;
  /** AWS names the resource type in its refusal: an object's path or the bucket's. */
  resourceType: 'OBJECT' | 'BUCKET';
  origin: string;
  method: CorsMethod;
  /** Access-Control-Request-Headers' names. */
  requestHeaders: string[];
}

export class PreflightRequestCommand extends s3Command<PreflightRequestInput, CorsAllowance>('PreflightRequest') {}
