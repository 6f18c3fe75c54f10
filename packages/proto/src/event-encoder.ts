import type { PropertyValue, TrackedEvent } from '@tidemark/core';
import { transportToWire } from './transport-wire.ts';

/**
 * tidemark.v1.Event's encoder for the ingest hot path: a whole batch goes into one buffer, and each event
 * is a view of it. The bytes are those the generated `Event.encode` writes (event-encoder.test.ts compares
 * them), without its per-field writer operations, forks and per-event buffers, which made protobuf
 * encoding an eighth of ingest's CPU. Field numbers are those of tidemark/v1/event.proto.
 */
export function encodeTrackedEvents(events: readonly TrackedEvent[]): Uint8Array[] {
  const writer = new BatchWriter(events.length * 512);
  const ends: number[] = [];
  for (const event of events) {
    writeEvent(writer, event);
    ends.push(writer.pos);
  }
  let start = 0;
  return ends.map((end) => {
    const view = writer.buf.subarray(start, end);
    start = end;
    return view;
  });
}

function writeEvent(w: BatchWriter, event: TrackedEvent): void {
  w.string(0x0a, event.id);
  w.string(0x12, event.tenant);
  w.string(0x1a, event.name);
  w.int64(0x20, event.timestamp);
  w.int64(0x28, event.sentAt);
  w.int64(0x30, event.receivedAt);
  w.string(0x3a, event.userId);
  w.string(0x42, event.anonymousId);
  w.string(0x4a, event.sessionId);
  const { properties, context } = event;
  for (const key of Object.keys(properties)) {
    // map<string, Value> entry: key = 1, value = 2 (a Value whose oneof is always written).
    const entry = w.begin(0x52);
    w.string(0x0a, key);
    writeValue(w, properties[key] as PropertyValue);
    w.end(entry);
  }
  const nested = w.begin(0x5a);
  w.string(0x0a, context.userAgent);
  w.string(0x12, context.ip);
  w.string(0x1a, context.sdkName);
  w.string(0x22, context.sdkVersion);
  w.int64(0x28, transportToWire[context.transport]);
  w.end(nested);
}

function writeValue(w: BatchWriter, value: PropertyValue): void {
  const nested = w.begin(0x12);
  if (typeof value === 'string') w.stringAlways(0x0a, value);
  else if (typeof value === 'number') w.double(0x11, value);
  else w.bool(0x18, value);
  w.end(nested);
}

/** Appends protobuf fields to one growing buffer; proto3 defaults (empty strings, zeros) are left out. */
class BatchWriter {
  buf: Buffer;
  pos = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  string(tag: number, value: string | undefined): void {
    if (value) this.stringAlways(tag, value);
  }

  stringAlways(tag: number, value: string): void {
    const length = value.length;
    this.ensure(length * 3 + 6);
    const buf = this.buf;
    buf[this.pos++] = tag;
    if (length < 0x80) {
      // ASCII is copied here (cheaper than a call into the UTF-8 encoder for short strings); the length
      // then fits one byte. Below 43 UTF-16 units any text does (at most 3 bytes each).
      const start = this.pos + 1;
      let i = 0;
      for (; i < length; i++) {
        const code = value.charCodeAt(i);
        if (code >= 0x80) break;
        buf[start + i] = code;
      }
      if (i === length || length < 43) {
        const bytes = i === length ? length : buf.write(value, start);
        buf[this.pos] = bytes;
        this.pos = start + bytes;
        return;
      }
    }
    this.uint(Buffer.byteLength(value));
    this.pos += buf.write(value, this.pos);
  }

  int64(tag: number, value: number): void {
    if (value === 0) return;
    this.ensure(11);
    this.buf[this.pos++] = tag;
    if (value > 0) this.uint(value);
    else this.negative(value);
  }

  double(tag: number, value: number): void {
    this.ensure(9);
    this.buf[this.pos++] = tag;
    this.pos = this.buf.writeDoubleLE(value, this.pos);
  }

  bool(tag: number, value: boolean): void {
    this.ensure(2);
    this.buf[this.pos++] = tag;
    this.buf[this.pos++] = value ? 1 : 0;
  }

  /** Starts a length-delimited field with a one-byte length; `end` widens it when the field is longer. */
  begin(tag: number): number {
    this.ensure(2);
    this.buf[this.pos++] = tag;
    return this.pos++;
  }

  end(lengthAt: number): void {
    const length = this.pos - lengthAt - 1;
    if (length < 0x80) {
      this.buf[lengthAt] = length;
      return;
    }
    const extra = varintSize(length) - 1;
    this.ensure(extra);
    this.buf.copyWithin(lengthAt + 1 + extra, lengthAt + 1, this.pos);
    const after = this.pos + extra;
    this.pos = lengthAt;
    this.uint(length);
    this.pos = after;
  }

  /** A varint of a non-negative integer up to 2^53 (JavaScript numbers; no 64-bit arithmetic needed). */
  private uint(value: number): void {
    const buf = this.buf;
    let low = value >>> 0;
    let high = (value - low) / 0x1_0000_0000;
    while (high > 0) {
      // 7 bits at a time across the two 32-bit halves, as protobufjs's LongBits does.
      buf[this.pos++] = (low & 0x7f) | 0x80;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    while (low > 0x7f) {
      buf[this.pos++] = (low & 0x7f) | 0x80;
      low >>>= 7;
    }
    buf[this.pos++] = low;
  }

  /** A negative int64 is the varint of its 64-bit two's complement: always ten bytes. */
  private negative(value: number): void {
    let rest = BigInt.asUintN(64, BigInt(Math.trunc(value)));
    for (let i = 0; i < 9; i++) {
      this.buf[this.pos++] = Number(rest & 0x7fn) | 0x80;
      rest >>= 7n;
    }
    this.buf[this.pos++] = Number(rest);
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    size++;
  }
  return size;
}
