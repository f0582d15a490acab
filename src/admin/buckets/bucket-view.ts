/** A bucket as the admin API lists it (and the CLI prints it). */
export interface BucketView {
  name: string;
  owner: string;
  creationDate: string;
}
