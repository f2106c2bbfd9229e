import { crc32 } from "./crc32.ts";
import type { Params } from "./types.ts";

/** One committed transaction: its sequence number and the statements that made it. */
export interface JournalRecord {
  seq: number;
  ops: [sql: string, params: Params | null][];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/**
 * Encodes a record as one line: `<crc32 hex> <json>\n`. The checksum covers
 * the JSON bytes, so a torn or altered line is recognised and never replayed.
 */
export function encodeRecord(record: JournalRecord): Uint8Array {
  const json = encoder.encode(JSON.stringify({ s: record.seq, o: record.ops }));
  const head = encoder.encode(`${hex8(crc32(json))} `);
  const out = new Uint8Array(head.length + json.length + 1);
  out.set(head, 0);
  out.set(json, head.length);
  out[out.length - 1] = 0x0a;
  return out;
}

export interface ScanResult {
  records: JournalRecord[];
  /** Byte offset just past the last intact record. */
  goodEnd: number;
  /** Why scanning stopped before the end of the bytes, if it did. */
  damage?: string;
}

/** Reads records until the end or the first damaged one; nothing past damage is trusted. */
export function scanJournal(bytes: Uint8Array): ScanResult {
  const records: JournalRecord[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const nl = bytes.indexOf(0x0a, offset);
    if (nl < 0) return { records, goodEnd: offset, damage: "torn record (no line end)" };
    const line = bytes.subarray(offset, nl);
    if (line.length < 10 || line[8] !== 0x20) return { records, goodEnd: offset, damage: "malformed record" };
    const json = line.subarray(9);
    const sum = decoder.decode(line.subarray(0, 8));
    if (!/^[0-9a-f]{8}$/.test(sum) || Number.parseInt(sum, 16) !== crc32(json)) {
      return { records, goodEnd: offset, damage: "checksum mismatch" };
    }
    let parsed: { s?: unknown; o?: unknown };
    try {
      parsed = JSON.parse(decoder.decode(json));
    } catch {
      return { records, goodEnd: offset, damage: "unreadable record" };
    }
    if (typeof parsed.s !== "number" || !Array.isArray(parsed.o)) {
      return { records, goodEnd: offset, damage: "malformed record" };
    }
    records.push({ seq: parsed.s, ops: parsed.o as JournalRecord["ops"] });
    offset = nl + 1;
  }
  return { records, goodEnd: offset };
}
