// Reads a java.util.HashMap<String, String> written with Java object serialization
// (ObjectOutputStream), which is what FreeOTP 2 writes as its backup file. Only that one shape is
// accepted — HashMap, primitive fields, String keys and values — so nothing in the file can make us
// instantiate or interpret anything else. Format: Java Object Serialization Specification, §6.4.
const STREAM_MAGIC = 0xaced;
const STREAM_VERSION = 5;
const TC_NULL = 0x70;
const TC_REFERENCE = 0x71;
const TC_CLASSDESC = 0x72;
const TC_OBJECT = 0x73;
const TC_STRING = 0x74;
const TC_BLOCKDATA = 0x77;
const TC_ENDBLOCKDATA = 0x78;
const TC_LONGSTRING = 0x7c;
/** Handles are numbered from here in the order objects appear in the stream. */
const BASE_HANDLE = 0x7e0000;
const HASHMAP_CLASS = 'java.util.HashMap';
/** Sizes of the primitive field types a class descriptor may list. */
const PRIMITIVE_SIZES: Record<string, number> = { B: 1, C: 2, D: 8, F: 4, I: 4, J: 8, S: 2, Z: 1 };
/** Most entries we accept: a FreeOTP backup has two per token plus the master key. */
const MAX_ENTRIES = 100_000;

export class JavaSerializationError extends Error {
  override readonly name = 'JavaSerializationError';
}

/** True when the bytes start like a serialized java.util.HashMap. Never throws. */
export function isSerializedHashMap(bytes: Uint8Array): boolean {
  const header = [0xac, 0xed, 0x00, 0x05, TC_OBJECT, TC_CLASSDESC, 0x00, HASHMAP_CLASS.length];
  if (bytes.length < header.length + HASHMAP_CLASS.length || !header.every((b, i) => bytes[i] === b)) return false;
  return Buffer.from(bytes.subarray(header.length, header.length + HASHMAP_CLASS.length)).toString('latin1') === HASHMAP_CLASS;
}

class Reader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  private need(n: number): void {
    if (this.offset + n > this.bytes.length) throw new JavaSerializationError('The file ends too early');
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++]!;
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  u32(): number {
    return ((this.u16() << 16) | this.u16()) >>> 0;
  }

  skip(n: number): void {
    this.need(n);
    this.offset += n;
  }

  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** Java's "modified UTF-8" (DataInput.readUTF): a 2-byte length, then the bytes. */
  utf(): string {
    return decodeModifiedUtf8(this.take(this.u16()));
  }
}

/**
 * Modified UTF-8 differs from UTF-8 in two ways: U+0000 is written as C0 80, and characters outside
 * the BMP as two 3-byte surrogates (CESU-8). Decoding every 1–3 byte sequence to a UTF-16 unit covers both.
 */
export function decodeModifiedUtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i]!;
    if (a < 0x80) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0 && i + 1 < bytes.length && (bytes[i + 1]! & 0xc0) === 0x80) {
      units.push(((a & 0x1f) << 6) | (bytes[i + 1]! & 0x3f));
      i += 2;
    } else if ((a & 0xf0) === 0xe0 && i + 2 < bytes.length && (bytes[i + 1]! & 0xc0) === 0x80 && (bytes[i + 2]! & 0xc0) === 0x80) {
      units.push(((a & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f));
      i += 3;
    } else {
      throw new JavaSerializationError('A string is not valid modified UTF-8');
    }
    if (units.length >= 4096) out += String.fromCharCode(...units.splice(0));
  }
  return out + String.fromCharCode(...units);
}

/** Parses the stream into its entries. Throws JavaSerializationError for anything else. */
export function readSerializedStringMap(bytes: Uint8Array): Map<string, string> {
  const r = new Reader(bytes);
  if (r.u16() !== STREAM_MAGIC || r.u16() !== STREAM_VERSION) throw new JavaSerializationError('Not a Java serialization stream');
  if (r.u8() !== TC_OBJECT || r.u8() !== TC_CLASSDESC) throw new JavaSerializationError('The stream does not start with an object');
  const handles: (string | null)[] = [];
  const className = r.utf();
  if (className !== HASHMAP_CLASS) throw new JavaSerializationError(`Unexpected class ${JSON.stringify(className.slice(0, 60))}`);
  r.skip(8); // serialVersionUID: differs between Java runtimes, and nothing depends on it here.
  handles.push(null); // the class descriptor
  r.u8(); // flags (SC_SERIALIZABLE | SC_WRITE_METHOD)
  const fieldCount = r.u16();
  let fieldBytes = 0;
  for (let i = 0; i < fieldCount; i += 1) {
    const type = String.fromCharCode(r.u8());
    r.utf(); // field name
    const size = PRIMITIVE_SIZES[type];
    if (size === undefined) throw new JavaSerializationError(`Unexpected field type ${JSON.stringify(type)} in HashMap`);
    fieldBytes += size;
  }
  if (r.u8() !== TC_ENDBLOCKDATA) throw new JavaSerializationError('Class annotations are not supported');
  if (r.u8() !== TC_NULL) throw new JavaSerializationError('A HashMap superclass is not supported');
  handles.push(null); // the HashMap object
  r.skip(fieldBytes); // loadFactor, threshold
  // writeObject's block: bucket count and size.
  if (r.u8() !== TC_BLOCKDATA || r.u8() !== 8) throw new JavaSerializationError('Missing HashMap size block');
  r.u32(); // capacity
  const size = r.u32();
  if (size > MAX_ENTRIES) throw new JavaSerializationError(`Too many entries (${size})`);

  const readString = (): string => {
    const tag = r.u8();
    if (tag === TC_STRING || tag === TC_LONGSTRING) {
      let length: number;
      if (tag === TC_STRING) length = r.u16();
      else {
        if (r.u32() !== 0) throw new JavaSerializationError('A string is too long');
        length = r.u32();
      }
      const text = decodeModifiedUtf8(r.take(length));
      handles.push(text);
      return text;
    }
    if (tag === TC_REFERENCE) {
      const target = handles[r.u32() - BASE_HANDLE];
      if (typeof target !== 'string') throw new JavaSerializationError('A reference points to something other than a string');
      return target;
    }
    throw new JavaSerializationError(`Expected a string, found type 0x${tag.toString(16)}`);
  };

  const map = new Map<string, string>();
  for (let i = 0; i < size; i += 1) {
    const key = readString();
    map.set(key, readString());
  }
  // writeObject's data ends with an end-of-block marker; without it the file was cut short.
  if (r.u8() !== TC_ENDBLOCKDATA) throw new JavaSerializationError('The HashMap does not end where it should');
  return map;
}
