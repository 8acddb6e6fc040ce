// Just enough of the ZIP format (PKWARE APPNOTE 6.3) to read an export file: the central directory,
// stored or deflated entries (inflated with fflate), and the traditional PKWARE ("ZipCrypto")
// encryption that Authenticator Plus's zip library uses. ZipCrypto is weak, but reading it is all we
// do; WinZip AES and PKWARE strong encryption are reported as unsupported rather than misread.
import { inflateSync } from 'fflate';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_LENGTH = 22;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const METHOD_WINZIP_AES = 99;
const ZIPCRYPTO_HEADER = 12;
/** Most entries listed and largest entry inflated: an export holds one small text file. */
const MAX_ENTRIES = 1000;
const MAX_ENTRY_SIZE = 16 * 1024 * 1024;

/** The archive is damaged or uses something we do not read. */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

/** The password does not decrypt the entry. */
export class ZipPasswordError extends Error {
  override readonly name = 'ZipPasswordError';
}

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  modTime: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  encrypted: boolean;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

const crcStep = (crc: number, byte: number) => (CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)) >>> 0;

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcStep(crc, b);
  return (crc ^ 0xffffffff) >>> 0;
}

export function isZipFile(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndOfCentralDirectory(bytes: Uint8Array, dv: DataView): number {
  const lowest = Math.max(0, bytes.length - EOCD_LENGTH - MAX_COMMENT);
  for (let at = bytes.length - EOCD_LENGTH; at >= lowest; at -= 1) {
    if (dv.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw new ZipFormatError('The zip file has no central directory (truncated?)');
}

/** Every entry of the central directory. Throws ZipFormatError for a damaged or ZIP64 archive. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  if (bytes.length < EOCD_LENGTH) throw new ZipFormatError('The zip file is truncated');
  const dv = view(bytes);
  const eocd = findEndOfCentralDirectory(bytes, dv);
  const count = dv.getUint16(eocd + 10, true);
  const offset = dv.getUint32(eocd + 16, true);
  if (count > MAX_ENTRIES) throw new ZipFormatError(`The zip file has too many entries (${count})`);
  if (offset === 0xffffffff || count === 0xffff) throw new ZipFormatError('ZIP64 archives are not supported');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > eocd || dv.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new ZipFormatError('The zip central directory is damaged');
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    if (at + 46 + nameLength > eocd) throw new ZipFormatError('The zip central directory is damaged');
    const flags = dv.getUint16(at + 8, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags,
      method: dv.getUint16(at + 10, true),
      modTime: dv.getUint16(at + 12, true),
      crc: dv.getUint32(at + 16, true),
      compressedSize: dv.getUint32(at + 20, true),
      size: dv.getUint32(at + 24, true),
      localOffset: dv.getUint32(at + 42, true),
      encrypted: (flags & FLAG_ENCRYPTED) !== 0,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The traditional PKWARE stream cipher: three 32-bit keys updated with each plaintext byte. */
class ZipCrypto {
  private k0 = 0x12345678;
  private k1 = 0x23456789;
  private k2 = 0x34567890;

  constructor(password: Uint8Array) {
    for (const b of password) this.update(b);
  }

  private update(byte: number): void {
    this.k0 = crcStep(this.k0, byte);
    this.k1 = (Math.imul((this.k1 + (this.k0 & 0xff)) >>> 0, 134775813) + 1) >>> 0;
    this.k2 = crcStep(this.k2, this.k1 >>> 24);
  }

  decrypt(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i += 1) {
      const t = (this.k2 | 2) & 0xffff;
      const plain = (data[i]! ^ ((t * (t ^ 1)) >>> 8)) & 0xff;
      this.update(plain);
      out[i] = plain;
    }
    return out;
  }
}

/**
 * The entry's uncompressed content. `password` is needed for an encrypted entry. Throws
 * ZipPasswordError when it is wrong, ZipFormatError when the archive is damaged or unsupported.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, password: string | null): Uint8Array {
  if (entry.encrypted && (entry.method === METHOD_WINZIP_AES || (entry.flags & FLAG_STRONG_ENCRYPTION) !== 0)) {
    throw new ZipFormatError('The zip file uses AES or strong encryption, which is not supported (only traditional zip encryption is)');
  }
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    throw new ZipFormatError(`The zip entry uses compression method ${entry.method}, which is not supported`);
  }
  if (entry.size > MAX_ENTRY_SIZE) throw new ZipFormatError(`The zip entry is too large (${entry.size} bytes)`);
  const dv = view(bytes);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || dv.getUint32(local, true) !== LOCAL_SIGNATURE) throw new ZipFormatError('The zip entry header is damaged');
  const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ZipFormatError('The zip file is truncated');
  let data = bytes.subarray(start, start + entry.compressedSize);

  if (entry.encrypted) {
    if (password === null) throw new ZipPasswordError('A password is needed');
    if (data.length < ZIPCRYPTO_HEADER) throw new ZipFormatError('The zip entry is truncated');
    const decrypted = new ZipCrypto(new TextEncoder().encode(password)).decrypt(data);
    // The header's last byte repeats the CRC's high byte, or the time's when sizes follow the data;
    // it rules out most wrong passwords before any inflating.
    const check = (entry.flags & FLAG_DATA_DESCRIPTOR) !== 0 ? entry.modTime >>> 8 : entry.crc >>> 24;
    if (decrypted[ZIPCRYPTO_HEADER - 1] !== check) throw new ZipPasswordError('Wrong password');
    data = decrypted.subarray(ZIPCRYPTO_HEADER);
  }

  let content: Uint8Array;
  try {
    content = entry.method === METHOD_DEFLATE ? inflateSync(data, { out: new Uint8Array(entry.size) }) : data;
  } catch {
    content = new Uint8Array(0);
  }
  if (content.length !== entry.size || crc32(content) !== entry.crc) {
    // The check byte lets 1 in 256 wrong passwords through; those fail here, like real damage does.
    if (entry.encrypted) throw new ZipPasswordError('Wrong password or damaged entry');
    throw new ZipFormatError('The zip entry is damaged (checksum mismatch)');
  }
  return content;
}
