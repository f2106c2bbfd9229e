import { unavailable } from "../errors.ts";

const MAGIC = "SQLite format 3\u0000";

/**
 * Checks that `bytes` look like a whole SQLite database before sql.js sees
 * them: the magic header, a sane page size and a file no shorter than the
 * header says. Throws a MaestroError naming the file and the way out.
 */
export function checkSnapshot(path: string, bytes: Uint8Array): void {
  const fix = "move it away or pass another --db";
  if (bytes.length < 100 || new TextDecoder().decode(bytes.subarray(0, 16)) !== MAGIC) {
    throw unavailable(`Cannot open database "${path}": not a SQLite database`, fix);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw unavailable(`Cannot open database "${path}": corrupt header (page size ${rawPageSize})`, fix);
  }
  const changeCounter = view.getUint32(24);
  const pageCount = view.getUint32(28);
  const validFor = view.getUint32(92);
  if (changeCounter === validFor && pageCount > 0 && bytes.length < pageCount * pageSize) {
    throw unavailable(
      `Cannot open database "${path}": truncated (${bytes.length} of ${pageCount * pageSize} bytes)`,
      fix,
    );
  }
}
