// The field vocabulary every operation's input schema is built from. Each
// field carries its own "expected ..." text, so input-error.ts can say
// `Invalid "priority": expected a non-negative integer, got "x"` for any op.
//
// Numbers and booleans also accept their string spelling ("3", "true"):
// CLI flags and URL query strings arrive as text, and this keeps one parser.
import { z } from "zod";
import { PERMISSION_PROFILES, type PermissionProfile } from "./vocabulary.ts";

const NON_NEGATIVE = "expected a non-negative integer";

/** Any text, kept as given (descriptions, prompts, bodies). */
export const text = () => z.string({ error: "expected text" });

/** Text that must not be blank once trimmed (titles, names). */
export const name = () => z.string({ error: "expected non-empty text" }).trim().min(1, { error: "expected non-empty text" });

/** A reference to a project, epic, comment or asset: its id, or for projects and epics a name. */
export const ref = (what: string) =>
  z.string({ error: `expected ${what}` }).trim().min(1, { error: `expected ${what}` });

/** An issue, by identifier (DEMO-3, any case) or id (iss_...). */
export const issueRef = () => ref("an issue identifier like DEMO-3 or an issue id");

/** An integer in [min, max], given as a number or its decimal spelling. */
export function integer(min: number, max: number, message: string) {
  return z.union(
    [
      z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }),
      z.string({ error: message }).trim().regex(/^\d+$/, { error: message }).transform(Number)
        .pipe(z.number().min(min, { error: message }).max(max, { error: message })),
    ],
    { error: message },
  );
}

export const priority = () => integer(0, Number.MAX_SAFE_INTEGER, NON_NEGATIVE);
export const offset = () => integer(0, Number.MAX_SAFE_INTEGER, NON_NEGATIVE).default(0);
export const limit = (fallback: number, max: number) =>
  integer(1, max, `expected an integer from 1 to ${max}`).default(fallback);
export const sequence = () => integer(0, Number.MAX_SAFE_INTEGER, NON_NEGATIVE);

/** true/false, also as the strings "true"/"false". */
export const flag = () =>
  z.union([z.boolean({ error: "expected true or false" }), z.enum(["true", "false"]).transform((v) => v === "true")], {
    error: "expected true or false",
  });

/** One of a closed set; the message lists the allowed values. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.join(", ")}` });

/** A list of text, also given as one comma-separated string (CLI flags). */
export const textList = (what = "a list of text") =>
  z.union([
    z.array(z.string({ error: `expected ${what}` }), { error: `expected ${what}` }),
    z.string({ error: `expected ${what}` }).transform((v) => (v.trim() === "" ? [] : v.split(","))),
  ], { error: `expected ${what}` });

/** An absolute file-system path; the CLI makes relative ones absolute before calling. */
export const absolutePath = () =>
  z.string({ error: "expected an absolute path" }).trim().refine(isAbsolute, { error: "expected an absolute path" });

/** An optional absolute path where "" means "not given" (clients send "" for "use the default"). */
export const optionalPath = () =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), absolutePath().optional());

function isAbsolute(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith("\\\\");
}

const PROFILE_MESSAGE = `expected one of ${PERMISSION_PROFILES.join(", ")}`;

/** A permission profile; "full_access" and "fullaccess" are read as "full-access", like the Go CLI. */
export const permissionProfile = () =>
  z.string({ error: PROFILE_MESSAGE }).transform((value, ctx): PermissionProfile => {
    const squashed = value.trim().toLowerCase().replace(/[-_\s]/g, "");
    const found = PERMISSION_PROFILES.find((p) => p.replaceAll("-", "") === squashed);
    if (found) return found;
    ctx.issues.push({ code: "custom", message: PROFILE_MESSAGE, input: value });
    return z.NEVER;
  });
