/** Protobuf wire types used by OTLP. */
export const WIRE = { varint: 0, fixed64: 1, len: 2, fixed32: 5 } as const;

const INITIAL_BYTES = 64 * 1024;
const TWO_32 = 0x1_0000_0000;
/** Strings this short (in UTF-16 units) encode in at most 126 bytes: their length fits one varint byte. */
const ONE_BYTE_LENGTH_CHARS = 42;

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    size++;
  }
  return size;
}

/**
 * A protobuf encoder into one growing buffer, in a single pass: a length-delimited field is opened
 * with one byte kept for its length, and the rare body of 128 bytes or more is moved up by the
 * extra length bytes when it is closed, so no size is computed ahead. Strings go in through
 * Buffer.write (native UTF-8), not a character at a time. The output is canonical protobuf (minimal
 * varints), byte for byte what any other encoder writes for the same fields in the same order.
 */
export class ProtobufWriter {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private pos = 0;

  /** Starts a new message, keeping the buffer (grown to the largest message so far). */
  reset(): void {
    this.pos = 0;
  }

  /** A copy of what was written: the buffer itself is reused by the next message. */
  finish(): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buffer, 0, this.pos);
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.pos + bytes) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** A non-negative integer below 2^53, or a negative int64 (ten bytes, two's complement). */
  varint(value: number): void {
    this.ensure(10);
    if (value < 0) {
      this.negativeVarint(value);
      return;
    }
    while (value >= 0x80) {
      this.buffer[this.pos++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.pos++] = value;
  }

  private negativeVarint(value: number): void {
    let big = BigInt.asUintN(64, BigInt(value));
    while (big >= 0x80n) {
      this.buffer[this.pos++] = Number(big & 0x7fn) | 0x80;
      big >>= 7n;
    }
    this.buffer[this.pos++] = Number(big);
  }

  fixed32(value: number): void {
    this.ensure(4);
    this.buffer.writeUInt32LE(value >>> 0, this.pos);
    this.pos += 4;
  }

  /** A 64-bit value as its low and high 32 bits. */
  fixed64(low: number, high: number): void {
    this.ensure(8);
    this.buffer.writeUInt32LE(low >>> 0, this.pos);
    this.buffer.writeUInt32LE(high >>> 0, this.pos + 4);
    this.pos += 8;
  }

  double(value: number): void {
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  /** A length-delimited string: its length, then its UTF-8. */
  string(value: string): void {
    if (value.length <= ONE_BYTE_LENGTH_CHARS) {
      this.ensure(1 + value.length * 3);
      const written = this.buffer.write(value, this.pos + 1);
      this.buffer[this.pos] = written;
      this.pos += 1 + written;
      return;
    }
    const bytes = Buffer.byteLength(value);
    this.varint(bytes);
    this.ensure(bytes);
    this.pos += this.buffer.write(value, this.pos);
  }

  /** Length-delimited bytes given as hex digits (trace and span ids). */
  hexBytes(hex: string): void {
    const bytes = hex.length >>> 1;
    this.varint(bytes);
    this.ensure(bytes);
    this.pos += this.buffer.write(hex, this.pos, 'hex');
  }

  bytes(value: Uint8Array): void {
    this.varint(value.length);
    this.raw(value);
  }

  /** Bytes already encoded (a field or several, cached). */
  raw(encoded: Uint8Array): void {
    this.ensure(encoded.length);
    this.buffer.set(encoded, this.pos);
    this.pos += encoded.length;
  }

  /** Opens a length-delimited field's body; `close` with what it returns. */
  open(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Writes the length of the body opened at `start`, moving the body up if the length takes more than a byte. */
  close(start: number): void {
    const length = this.pos - start - 1;
    if (length < 0x80) {
      this.buffer[start] = length;
      return;
    }
    const extra = varintSize(length) - 1;
    this.ensure(extra);
    this.buffer.copyWithin(start + 1 + extra, start + 1, this.pos);
    this.pos += extra;
    let at = start;
    let rest = length;
    while (rest >= 0x80) {
      this.buffer[at++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[at] = rest;
  }

  /** An HrTime ([seconds, nanoseconds]) as fixed64 nanoseconds, exactly (the product passes 2^53). */
  hrTimeNanos(time: readonly [number, number]): void {
    // seconds × 10^9 = (seconds × 15625) × 64000; seconds × 15625 stays below 2^53 for any date.
    const scaled = time[0] * 15625;
    const scaledHigh = Math.floor(scaled / TWO_32);
    const low = (scaled - scaledHigh * TWO_32) * 64000 + time[1];
    const carry = Math.floor(low / TWO_32);
    this.fixed64(low - carry * TWO_32, scaledHigh * 64000 + carry);
  }
}

const scratch = new ProtobufWriter();

/** Encodes once what `write` writes, for bytes that are the same in every message (names, keys). */
export function encodeOnce(write: (writer: ProtobufWriter) => void): Uint8Array {
  scratch.reset();
  write(scratch);
  return scratch.finish();
}
