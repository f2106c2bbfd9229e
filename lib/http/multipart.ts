// multipart/form-data bodies (asset uploads, comments from the dashboard):
// read under a byte limit, then parsed by the platform's Request.formData().
import { badBody, payloadTooLarge } from "./http-error.ts";
import { checkDeclaredLength, limitedBody, mediaType, unsupportedType } from "./body.ts";

/** Reads a multipart body of at most `limit` bytes. Throws 415, 413 or 400 for a malformed body. */
export async function readForm(req: Request, limit: number, what: string): Promise<FormData> {
  if (mediaType(req) !== "multipart/form-data") throw unsupportedType(mediaType(req), "multipart/form-data");
  checkDeclaredLength(req, limit, what);
  const body = limitedBody(req, limit);
  try {
    // The platform parser over a stream cut off at the limit: formData() on the request itself would buffer without bound.
    return await new Response(body.stream, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    if (body.exceeded()) throw payloadTooLarge(what, limit);
    throw badBody("Invalid multipart body: it could not be parsed", "send multipart/form-data as a browser's FormData does");
  }
}

/** Throws 400 naming the first part whose name is not in `allowed`. */
export function assertKnownParts(form: FormData, allowed: readonly string[]): void {
  for (const key of form.keys()) {
    if (!allowed.includes(key)) throw badBody(`Unknown field "${key}"`, `allowed fields: ${allowed.join(", ")}`);
  }
}

/** The single text value of part `name`, or undefined. Throws 400 for a file or a repeated part. */
export function textPart(form: FormData, name: string): string | undefined {
  const values = form.getAll(name);
  if (values.length === 0) return undefined;
  if (values.length > 1) throw badBody(`Invalid "${name}": expected one value, got ${values.length}`);
  const value = values[0]!;
  if (typeof value !== "string") throw badBody(`Invalid "${name}": expected text, got a file`);
  return value;
}

/** Every text value of a repeatable part `name`. Throws 400 for a file. */
export function textParts(form: FormData, name: string): string[] {
  return form.getAll(name).map((value) => {
    if (typeof value !== "string") throw badBody(`Invalid "${name}": expected text, got a file`);
    return value;
  });
}

/** The single file of part `name`. Throws 400 when it is missing, text, or repeated. */
export function filePart(form: FormData, name: string): File {
  const values = form.getAll(name);
  if (values.length === 0) throw badBody(`Missing required field "${name}"`, `send the file as the multipart part "${name}"`);
  if (values.length > 1) throw badBody(`Invalid "${name}": expected one file, got ${values.length}`);
  const value = values[0]!;
  if (typeof value === "string") throw badBody(`Invalid "${name}": expected a file, got text`, "send it with a filename");
  return value;
}
