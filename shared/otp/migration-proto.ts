// Wire format of Google Authenticator's export (otpauth-migration://offline?data=…):
//
//   message MigrationPayload {
//     repeated OtpParameters otp_parameters = 1;
//     int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
//   }
//   message OtpParameters {
//     bytes secret = 1; string name = 2; string issuer = 3;
//     Algorithm algorithm = 4;   // 0 UNSPECIFIED, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
//     DigitCount digits = 5;     // 0 UNSPECIFIED, 1 SIX, 2 EIGHT
//     OtpType type = 6;          // 0 UNSPECIFIED, 1 HOTP, 2 TOTP
//     int64 counter = 7;
//   }
//
// Encoded and decoded with protobufjs's Reader/Writer in the style of its static code generator
// (pbjs -t static), not with reflection (Root.fromJSON/Type): reflection compiles its codecs with
// `new Function`, which the renderer's Content-Security-Policy forbids (no 'unsafe-eval'), and this
// module is shared with the renderer. Enum values are kept as raw numbers here; migration.ts decides
// what an unknown value means.
import { Reader, Writer } from 'protobufjs/minimal.js';

export const ALGORITHM = { UNSPECIFIED: 0, SHA1: 1, SHA256: 2, SHA512: 3, MD5: 4 } as const;
export const DIGIT_COUNT = { UNSPECIFIED: 0, SIX: 1, EIGHT: 2 } as const;
export const OTP_TYPE = { UNSPECIFIED: 0, HOTP: 1, TOTP: 2 } as const;

export interface OtpParametersMessage {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  /** int64 on the wire; a bigint so no value is silently rounded. */
  counter: bigint;
}

export interface MigrationPayloadMessage {
  otpParameters: OtpParametersMessage[];
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

/** Thrown for structurally wrong input; migration.ts turns it into an INVALID_URI message. */
export class ProtobufFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufFormatError';
  }
}

function expectWireType(actual: number, expected: number, field: string): void {
  if (actual !== expected) throw new ProtobufFormatError(`field ${field} has wire type ${actual}, expected ${expected}`);
}

/**
 * A protobufjs Long (or a plain number when long.js is absent) → bigint, keeping the sign. Both print
 * as plain decimal: a Long exactly, a number below 2^64 without exponent notation.
 */
function int64ToBigInt(value: unknown): bigint {
  return BigInt(String(value));
}

function decodeOtpParameters(reader: Reader, length: number): OtpParametersMessage {
  const end = reader.pos + length;
  if (end > reader.len) throw new ProtobufFormatError('an account entry is cut off');
  const message: OtpParametersMessage = {
    secret: new Uint8Array(0),
    name: '',
    issuer: '',
    algorithm: ALGORITHM.UNSPECIFIED,
    digits: DIGIT_COUNT.UNSPECIFIED,
    type: OTP_TYPE.UNSPECIFIED,
    counter: 0n,
  };
  while (reader.pos < end) {
    const tag = reader.tag();
    const wireType = tag & 7;
    switch (tag >>> 3) {
      case 1:
        expectWireType(wireType, WIRE_LENGTH_DELIMITED, 'secret');
        // Copy: in Node the reader hands out Buffer views into the whole payload.
        message.secret = Uint8Array.from(reader.bytes());
        break;
      case 2:
        expectWireType(wireType, WIRE_LENGTH_DELIMITED, 'name');
        message.name = reader.string();
        break;
      case 3:
        expectWireType(wireType, WIRE_LENGTH_DELIMITED, 'issuer');
        message.issuer = reader.string();
        break;
      case 4:
        expectWireType(wireType, WIRE_VARINT, 'algorithm');
        message.algorithm = reader.int32();
        break;
      case 5:
        expectWireType(wireType, WIRE_VARINT, 'digits');
        message.digits = reader.int32();
        break;
      case 6:
        expectWireType(wireType, WIRE_VARINT, 'type');
        message.type = reader.int32();
        break;
      case 7:
        expectWireType(wireType, WIRE_VARINT, 'counter');
        message.counter = int64ToBigInt(reader.int64());
        break;
      default:
        // Unknown fields are skipped, as protobuf requires: newer exports may add some. Passing the
        // field number makes protobufjs reject field 0 and mismatched group end tags.
        reader.skipType(wireType, 0, tag >>> 3);
    }
  }
  if (reader.pos !== end) throw new ProtobufFormatError('an account entry overruns its length');
  return message;
}

/** Decode a MigrationPayload. Throws (ProtobufFormatError or protobufjs's RangeError/Error) on malformed bytes. */
export function decodeMigrationPayload(bytes: Uint8Array): MigrationPayloadMessage {
  const reader = Reader.create(bytes);
  const payload: MigrationPayloadMessage = { otpParameters: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
  while (reader.pos < reader.len) {
    const tag = reader.tag();
    const wireType = tag & 7;
    switch (tag >>> 3) {
      case 1:
        expectWireType(wireType, WIRE_LENGTH_DELIMITED, 'otp_parameters');
        payload.otpParameters.push(decodeOtpParameters(reader, reader.size()));
        break;
      case 2:
        expectWireType(wireType, WIRE_VARINT, 'version');
        payload.version = reader.int32();
        break;
      case 3:
        expectWireType(wireType, WIRE_VARINT, 'batch_size');
        payload.batchSize = reader.int32();
        break;
      case 4:
        expectWireType(wireType, WIRE_VARINT, 'batch_index');
        payload.batchIndex = reader.int32();
        break;
      case 5:
        expectWireType(wireType, WIRE_VARINT, 'batch_id');
        payload.batchId = reader.int32();
        break;
      default:
        reader.skipType(wireType, 0, tag >>> 3);
    }
  }
  return payload;
}

const tagOf = (field: number, wireType: number) => ((field << 3) | wireType) >>> 0;

/** Encode a MigrationPayload. Zero/empty scalars are omitted, as proto3 does. */
export function encodeMigrationPayload(payload: MigrationPayloadMessage): Uint8Array {
  const writer = Writer.create();
  for (const p of payload.otpParameters) {
    writer.uint32(tagOf(1, WIRE_LENGTH_DELIMITED)).fork();
    if (p.secret.length > 0) writer.uint32(tagOf(1, WIRE_LENGTH_DELIMITED)).bytes(p.secret);
    if (p.name !== '') writer.uint32(tagOf(2, WIRE_LENGTH_DELIMITED)).string(p.name);
    if (p.issuer !== '') writer.uint32(tagOf(3, WIRE_LENGTH_DELIMITED)).string(p.issuer);
    if (p.algorithm !== 0) writer.uint32(tagOf(4, WIRE_VARINT)).int32(p.algorithm);
    if (p.digits !== 0) writer.uint32(tagOf(5, WIRE_VARINT)).int32(p.digits);
    if (p.type !== 0) writer.uint32(tagOf(6, WIRE_VARINT)).int32(p.type);
    // Safe integers go in as numbers (exact without long.js); anything larger as a decimal string,
    // which protobufjs converts through long.js without loss.
    if (p.counter !== 0n) {
      const safe = p.counter >= BigInt(Number.MIN_SAFE_INTEGER) && p.counter <= BigInt(Number.MAX_SAFE_INTEGER);
      writer.uint32(tagOf(7, WIRE_VARINT)).int64(safe ? Number(p.counter) : p.counter.toString());
    }
    writer.ldelim();
  }
  if (payload.version !== 0) writer.uint32(tagOf(2, WIRE_VARINT)).int32(payload.version);
  if (payload.batchSize !== 0) writer.uint32(tagOf(3, WIRE_VARINT)).int32(payload.batchSize);
  if (payload.batchIndex !== 0) writer.uint32(tagOf(4, WIRE_VARINT)).int32(payload.batchIndex);
  if (payload.batchId !== 0) writer.uint32(tagOf(5, WIRE_VARINT)).int32(payload.batchId);
  // Plain Uint8Array: in Node the writer returns a Buffer, which would leak into callers' equality checks.
  return Uint8Array.from(writer.finish());
}
