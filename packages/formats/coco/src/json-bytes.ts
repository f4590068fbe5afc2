// A growable UTF-8 byte buffer that COCO output is printed into directly (ASCII literals, integers and
// Python-style floats as digits), so writing a big file builds no per-annotation strings and leaves nothing for
// the sink to encode.
import { formatFloat } from './numbers.js';

const encoder = new TextEncoder();
const DOT = 0x2e;
const ZERO = 0x30;
const MINUS = 0x2d;
const COMMA = 0x2c;

export class JsonBytes {
  private buffer: Uint8Array;
  length = 0;

  constructor(private readonly capacity: number) {
    this.buffer = new Uint8Array(capacity);
  }

  /** The bytes printed so far, handed over (the builder continues in a fresh buffer). */
  take(): Uint8Array {
    const out = this.buffer.subarray(0, this.length);
    this.buffer = new Uint8Array(Math.max(this.capacity, this.buffer.length));
    this.length = 0;
    return out;
  }

  private room(bytes: number): Uint8Array {
    if (this.length + bytes > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    return this.buffer;
  }

  byte(value: number): void {
    this.room(1)[this.length++] = value;
  }

  /** Any string, UTF-8 encoded (ASCII copied byte by byte, the rest through TextEncoder). */
  text(value: string): void {
    const n = value.length;
    const buffer = this.room(n * 3);
    let at = this.length;
    for (let index = 0; index < n; index++) {
      const code = value.charCodeAt(index);
      if (code >= 0x80) {
        this.length = at + encoder.encodeInto(value.slice(index), buffer.subarray(at)).written;
        return;
      }
      buffer[at++] = code;
    }
    this.length = at;
  }

  /** A number as JavaScript prints it; integers (ids, counts, sizes) as digits without a string. */
  int(value: number): void {
    if (!Number.isSafeInteger(value)) {
      this.text(String(value));
      return;
    }
    const buffer = this.room(17);
    if (value < 0) {
      buffer[this.length++] = MINUS;
      value = -value;
    }
    this.digits(buffer, value);
  }

  private digits(buffer: Uint8Array, value: number): void {
    let size = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) size++;
    let at = this.length + size - 1;
    for (let index = 0; index < size; index++) {
      const next = Math.floor(value / 10);
      buffer[at--] = ZERO + (value - next * 10);
      value = next;
    }
    this.length += size;
  }

  /** A float exactly as `formatFloat` prints it (Python's JSON writer), grid values printed digit by digit. */
  float(value: number): void {
    const hundredths = Math.round(value * 100);
    if (hundredths / 100 === value && hundredths < 1e15 && hundredths > -1e15) {
      const buffer = this.room(20);
      if (hundredths < 0 || Object.is(value, -0)) buffer[this.length++] = MINUS;
      const magnitude = Math.abs(hundredths);
      const whole = Math.floor(magnitude / 100);
      const fraction = magnitude - whole * 100;
      this.digits(buffer, whole);
      buffer[this.length++] = DOT;
      if (fraction % 10 === 0) buffer[this.length++] = ZERO + fraction / 10;
      else {
        const tens = Math.floor(fraction / 10);
        buffer[this.length++] = ZERO + tens;
        buffer[this.length++] = ZERO + (fraction - tens * 10);
      }
      return;
    }
    this.text(formatFloat(value));
  }

  /** `[a,b,…]` of floats. */
  floatArray(values: ArrayLike<number>): void {
    this.byte(0x5b);
    for (let index = 0; index < values.length; index++) {
      if (index > 0) this.byte(COMMA);
      this.float(values[index]!);
    }
    this.byte(0x5d);
  }
}
