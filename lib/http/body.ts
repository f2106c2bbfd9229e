// Reading request bodies at the edge: a size limit enforced while the body
// streams in (413), the content type checked (415), JSON parsed into an
// object of fields (400 otherwise).
import { badBody, HttpError, payloadTooLarge } from "./http-error.ts";

/** JSON bodies: generous for comment bodies and descriptions, small enough to refuse junk early. */
export const MAX_JSON_BYTES = 1024 * 1024;

/** How deep a JSON body may nest: far beyond any operation's input, far below what recursion downstream survives. */
export const MAX_JSON_DEPTH = 64;

/** The media type of a request, lower-cased and without parameters ("" when absent). */
export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

const isJsonType = (type: string) => type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);

export const unsupportedType = (got: string, want: string) =>
  new HttpError(
    415,
    "unsupported_media_type",
    got === "" ? `Cannot read the body: no Content-Type given` : `Cannot read a body of type "${got.slice(0, 80)}"`,
    `send Content-Type: ${want}`,
  );

/** Throws 413 when Content-Length already says the body is too big, 400 when it is not a number. */
export function checkDeclaredLength(req: Request, limit: number, what: string): void {
  const declared = req.headers.get("content-length");
  if (declared === null) return;
  if (!/^\s*\d+\s*$/.test(declared)) throw badBody(`Invalid Content-Length "${declared.slice(0, 40)}"`);
  if (Number(declared) > limit) throw payloadTooLarge(what, limit);
}

/** The whole body as bytes, refusing (413) past `limit` without reading further. */
export async function readBytes(req: Request, limit: number, what: string): Promise<Uint8Array<ArrayBuffer>> {
  checkDeclaredLength(req, limit, what);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(what, limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * The body as a stream that errors once more than `limit` bytes pass;
 * `exceeded()` then says the error was the limit (so callers answer 413).
 */
export function limitedBody(req: Request, limit: number): { stream: ReadableStream<Uint8Array> | null; exceeded(): boolean } {
  let size = 0;
  let over = false;
  if (!req.body) return { stream: null, exceeded: () => false };
  const stream = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) {
          over = true;
          controller.error(new RangeError("body over the limit"));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return { stream, exceeded: () => over };
}

/** True when `value` nests arrays/objects more than `max` deep (checked without recursion). */
function depthOver(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== "object" || item === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

function isFieldObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/**
 * The body as a JSON object of fields; an empty body is `{}`. Throws 415
 * for a non-JSON content type, 413 past `limit`, 400 for broken JSON or a
 * value that is not an object.
 */
export async function readJsonObject(req: Request, limit = MAX_JSON_BYTES): Promise<Record<string, unknown>> {
  const type = mediaType(req);
  const bytes = await readBytes(req, limit, "a JSON body");
  if (bytes.byteLength === 0) return {};
  if (!isJsonType(type)) throw unsupportedType(type, "application/json");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badBody("Invalid JSON body: not valid UTF-8");
  }
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message.split("\n")[0] : "";
    throw badBody(`Invalid JSON body: ${detail}`, "send one JSON object, e.g. {\"title\":\"Fix login\"}");
  }
  if (!isFieldObject(value)) throw badBody(`Invalid JSON body: expected an object of fields, got ${kindOf(value)}`);
  if (depthOver(value, MAX_JSON_DEPTH)) throw badBody(`Invalid JSON body: nested deeper than ${MAX_JSON_DEPTH} levels`);
  return value;
}
