import { IsString, Length } from 'class-validator';
import { MAX_ACCESS_KEY_LENGTH } from '../../iam/account-validation';

/** `?bucket=&owner=` of /change-bucket-owner. */
export class ChangeBucketOwnerQuery {
  @IsString({ message: 'bucket is required' })
  @Length(1, 255, { message: 'bucket must be 1 to 255 characters' })
  bucket!: string;

  @IsString({ message: 'owner is required' })
  @Length(1, MAX_ACCESS_KEY_LENGTH, { message: `owner must be 1 to ${MAX_ACCESS_KEY_LENGTH} characters` })
  owner!: string;
}
