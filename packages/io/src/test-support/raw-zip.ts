// Builds zip archives byte by byte for tests, so that they can hold what honest tools refuse to write: unsafe
// names, sizes that lie, symbolic links. Not exported from the package.
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** The entry's content; deflated unless `stored`. */
  data?: Uint8Array;
  /** Already-compressed bytes to store as is (with `method` 8), for entries whose content is never built. */
  compressed?: Uint8Array;
  stored?: boolean;
  /** Overrides the uncompressed size written in both headers. */
  declaredSize?: number;
  /** Unix mode for the external attributes (e.g. 0o120777 for a link); marks the archive as made on Unix. */
  unixMode?: number;
}

export function buildRawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf-8');
    const data = entry.data ?? new Uint8Array(0);
    const method = entry.stored ? 0 : 8;
    const body = entry.compressed ? Buffer.from(entry.compressed) : entry.stored ? Buffer.from(data) : deflateRawSync(data);
    const crc = entry.compressed ? 0 : crc32(data);
    const size = entry.declaredSize ?? data.byteLength;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.unixMode !== undefined ? 0x0314 : 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(entry.unixMode !== undefined ? (entry.unixMode << 16) >>> 0 : 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
