// Growable module-level scratch buffers, so hot loops reuse memory instead of allocating per call, per pixel or
// per run. Each buffer is owned by one function family; JavaScript is single-threaded, and no function hands a
// scratch buffer to its caller (results are always copied out with `slice`).

export class ScratchUint32 {
  buffer = new Uint32Array(0);

  /** A buffer with room for at least `length` values (contents unspecified). */
  get(length: number): Uint32Array {
    if (this.buffer.length < length) this.buffer = new Uint32Array(Math.max(length, this.buffer.length * 2));
    return this.buffer;
  }
}

export class ScratchInt32 {
  buffer = new Int32Array(0);

  get(length: number): Int32Array {
    if (this.buffer.length < length) this.buffer = new Int32Array(Math.max(length, this.buffer.length * 2));
    return this.buffer;
  }
}

export class ScratchFloat64 {
  buffer = new Float64Array(0);

  get(length: number): Float64Array {
    if (this.buffer.length < length) this.buffer = new Float64Array(Math.max(length, this.buffer.length * 2));
    return this.buffer;
  }
}
