/**
 * The addon's checksums (native/src/checksums.c), S3's reflected CRCs continued from a previous
 * value as zlib's crc32(data, value) is: `value` is the checksum of all the data before `data`
 * (0 to start), and the result the checksum of it all.
 */
export interface NativeChecksums {
  /** CRC-32C (Castagnoli), with the CPU's crc32 instruction where it has one. */
  crc32c(data: Uint8Array, value: number): number;
  /** CRC-64/NVME. */
  crc64nvme(data: Uint8Array, value: bigint): bigint;
}
