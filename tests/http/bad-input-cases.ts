/**
 * The bad-input case table: every way a client can get a request wrong, with
 * the status and JSON error it must get back. Shared by the in-process suite
 * (tests/http/bad-input.test.ts) and the real-socket daemon suite
 * (tests/e2e/daemon-bad-input.test.ts): cases that need server state take it
 * from a CaseWorld, which either side can provide.
 */
import type { RequestOptions } from "./fixture.ts";

/** What a case may need to know about the server it runs against. */
export interface CaseWorld {
  /** The ops token the server was started with. */
  opsToken: string;
  /** The Host header the server accepts, "127.0.0.1:<port>". */
  host: string;
  /** The repo_path of a seeded project. */
  repoOf(project: string): string;
  /** The id of the first reply under the first comment of an issue. */
  firstReplyId(identifier: string): string;
}

export interface Case {
  name: string;
  method: string;
  /** Path and query, relative to the server's origin. */
  path: string;
  opts?: RequestOptions | ((w: CaseWorld) => RequestOptions);
  status: number;
  code: string;
  message?: RegExp;
  allow?: string;
}

/** Resolves a case's options against a world. */
export const optsOf = (c: Case, w: CaseWorld): RequestOptions | undefined => (typeof c.opts === "function" ? c.opts(w) : c.opts);

/** The same host on a port that is not the server's. */
const otherPort = (host: string): string => {
  const i = host.lastIndexOf(":");
  const port = Number(host.slice(i + 1));
  return `${host.slice(0, i)}:${port === 9999 ? 9998 : 9999}`;
};

export const I = "/api/v1/app/issues";
const ops = (w: CaseWorld) => ({ authorization: `Bearer ${w.opsToken}` });
export const raw = (body: string, type = "application/json"): RequestOptions => ({ body, headers: { "content-type": type } });
export const form = (fill: (f: FormData) => void): RequestOptions => {
  const f = new FormData();
  fill(f);
  return { body: f };
};
export const png = () => new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" });

export const cases: Case[] = [
  // Broken bodies
  { name: "malformed JSON", method: "POST", path: I, opts: raw(`{"title":`), status: 400, code: "invalid_input", message: /Invalid JSON body/ },
  { name: "JSON array body", method: "POST", path: I, opts: raw(`[1,2]`), status: 400, code: "invalid_input", message: /got an array/ },
  { name: "JSON string body", method: "POST", path: I, opts: raw(`"title"`), status: 400, code: "invalid_input", message: /got a string/ },
  { name: "JSON null body", method: "POST", path: I, opts: raw(`null`), status: 400, code: "invalid_input", message: /got null/ },
  { name: "JSON number body", method: "PATCH", path: `${I}/DEMO-1`, opts: raw(`42`), status: 400, code: "invalid_input", message: /got a number/ },
  { name: "text/plain body", method: "POST", path: I, opts: raw(`{"title":"x"}`, "text/plain"), status: 415, code: "unsupported_media_type", message: /text\/plain/ },
  { name: "form-urlencoded body", method: "POST", path: I, opts: raw(`title=x`, "application/x-www-form-urlencoded"), status: 415, code: "unsupported_media_type" },
  { name: "body without content type", method: "POST", path: I, opts: { body: new TextEncoder().encode(`{"title":"x"}`) }, status: 415, code: "unsupported_media_type", message: /no Content-Type/ },
  { name: "JSON over 1 MiB", method: "POST", path: I, opts: { json: { project_id: "Demo", title: "x", description: "d".repeat(1024 * 1024) } }, status: 413, code: "payload_too_large", message: /1\.0 MiB/ },
  { name: "declared Content-Length over the limit", method: "POST", path: I, opts: { body: "{}", headers: { "content-type": "application/json", "content-length": "999999999" } }, status: 413, code: "payload_too_large" },
  { name: "invalid UTF-8 in JSON", method: "POST", path: I, opts: { body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: { "content-type": "application/json" } }, status: 400, code: "invalid_input", message: /UTF-8/ },
  // Wrong types
  { name: "title as a number", method: "POST", path: I, opts: { json: { project_id: "Demo", title: 42 } }, status: 400, code: "invalid_input", message: /Invalid "title"/ },
  { name: "priority as a word", method: "POST", path: I, opts: { json: { project_id: "Demo", title: "x", priority: "high" } }, status: 400, code: "invalid_input", message: /Invalid "priority": expected a non-negative integer/ },
  { name: "negative priority", method: "POST", path: I, opts: { json: { project_id: "Demo", title: "x", priority: -1 } }, status: 400, code: "invalid_input", message: /"priority"/ },
  { name: "fractional priority on PATCH", method: "PATCH", path: `${I}/DEMO-1`, opts: { json: { priority: 1.5 } }, status: 400, code: "invalid_input", message: /"priority"/ },
  { name: "labels as a number", method: "POST", path: I, opts: { json: { project_id: "Demo", title: "x", labels: 5 } }, status: 400, code: "invalid_input", message: /"labels"/ },
  { name: "unknown state on create", method: "POST", path: I, opts: { json: { project_id: "Demo", title: "x", state: "flying" } }, status: 400, code: "invalid_input", message: /expected one of backlog/ },
  { name: "enabled as maybe", method: "POST", path: I, opts: { json: { project_id: "Demo", title: "x", enabled: "maybe" } }, status: 400, code: "invalid_input", message: /"enabled"/ },
  { name: "blank title", method: "POST", path: I, opts: { json: { project_id: "Demo", title: "   " } }, status: 400, code: "invalid_input", message: /"title"/ },
  { name: "missing title", method: "POST", path: I, opts: { json: { project_id: "Demo" } }, status: 400, code: "invalid_input", message: /Missing required field "title"/ },
  { name: "relative repo_path", method: "POST", path: "/api/v1/app/projects", opts: { json: { name: "X", repo_path: "repo" } }, status: 400, code: "invalid_input", message: /absolute path/ },
  { name: "empty project name", method: "POST", path: "/api/v1/app/projects", opts: { json: { name: "", repo_path: "/tmp/x" } }, status: 400, code: "invalid_input", message: /"name"/ },
  { name: "unknown permission profile", method: "PATCH", path: "/api/v1/app/projects/Demo", opts: { json: { permission_profile: "root" } }, status: 400, code: "invalid_input", message: /permission_profile/ },
  { name: "state move without state", method: "POST", path: `${I}/DEMO-1/state`, opts: { json: {} }, status: 400, code: "invalid_input", message: /Missing required field "state"/ },
  { name: "state move to nowhere", method: "POST", path: `${I}/DEMO-1/state`, opts: { json: { state: "limbo" } }, status: 400, code: "invalid_input", message: /expected one of/ },
  { name: "blocked_by as an object", method: "POST", path: `${I}/DEMO-1/blockers`, opts: { json: { blocked_by: {} } }, status: 400, code: "invalid_input", message: /"blocked_by"/ },
  { name: "blocked on itself", method: "POST", path: `${I}/DEMO-1/blockers`, opts: { json: { blocked_by: ["DEMO-1"] } }, status: 400, code: "invalid_input" },
  { name: "comment body as a list", method: "POST", path: `${I}/DEMO-1/comments`, opts: { json: { body: ["x"] } }, status: 400, code: "invalid_input", message: /"body"/ },
  { name: "priority beyond safe integers", method: "POST", path: I, opts: raw(`{"project_id":"Demo","title":"x","priority":1e20}`), status: 400, code: "invalid_input", message: /"priority"/ },
  { name: "priority 1e400 (Infinity)", method: "POST", path: I, opts: raw(`{"project_id":"Demo","title":"x","priority":1e400}`), status: 400, code: "invalid_input", message: /"priority"/ },
  { name: "deeply nested labels", method: "POST", path: I, opts: raw(`{"project_id":"Demo","title":"x","labels":${"[".repeat(5000)}${"]".repeat(5000)}}`), status: 400, code: "invalid_input", message: /nested deeper than 64 levels/ },
  { name: "deep nesting inside an ops input", method: "POST", path: "/api/v1/ops", opts: (w) => ({ ...raw(`{"op":"get_status","input":{"a":${"[".repeat(200)}${"]".repeat(200)}}}`), headers: { ...ops(w), "content-type": "application/json" } }), status: 400, code: "invalid_input", message: /nested deeper/ },
  { name: "__proto__ as a field", method: "POST", path: I, opts: raw(`{"project_id":"Demo","title":"x","__proto__":{"admin":true}}`), status: 400, code: "invalid_input", message: /Unknown field "__proto__"/ },
  { name: "__proto__ in the query", method: "GET", path: `${I}?__proto__=x`, status: 400, code: "invalid_input", message: /Unknown field "__proto__"/ },
  { name: "constructor as a field", method: "PATCH", path: `${I}/DEMO-1`, opts: { json: { constructor: "x" } }, status: 400, code: "invalid_input", message: /Unknown field "constructor"/ },
  // Unknown and duplicated fields
  { name: "misspelt field", method: "POST", path: I, opts: { json: { project_id: "Demo", titel: "x" } }, status: 400, code: "invalid_input", message: /Unknown field "titel"/ },
  { name: "identifier in path and body", method: "PATCH", path: `${I}/DEMO-1`, opts: { json: { identifier: "DEMO-2", title: "x" } }, status: 400, code: "invalid_input", message: /Invalid "identifier": given twice/ },
  { name: "id in path and body", method: "PATCH", path: "/api/v1/app/projects/Demo", opts: { json: { id: "x", name: "y" } }, status: 400, code: "invalid_input", message: /"id": given twice/ },
  { name: "unknown epic field", method: "POST", path: "/api/v1/app/epics", opts: { json: { project_id: "Demo", name: "E", colour: "red" } }, status: 400, code: "invalid_input", message: /Unknown field "colour"/ },
  { name: "read-only field on PATCH", method: "PATCH", path: `${I}/DEMO-1`, opts: { json: { created_at: "2020-01-01" } }, status: 400, code: "invalid_input", message: /Unknown field "created_at"/ },
  { name: "attachment_paths from HTTP", method: "POST", path: `${I}/DEMO-1/comments`, opts: { json: { body: "x", attachment_paths: ["/etc/passwd"] } }, status: 400, code: "invalid_input", message: /attachment_paths/ },
  { name: "attachment_paths on comment edit", method: "PATCH", path: `${I}/DEMO-1/comments/cmt_x`, opts: { json: { attachment_paths: "/etc/passwd" } }, status: 400, code: "invalid_input", message: /attachment_paths/ },
  { name: "fields on run", method: "POST", path: "/api/v1/app/projects/Demo/run", opts: { json: { force: true } }, status: 400, code: "invalid_input", message: /Unknown field "force"/ },
  // The ops route
  { name: "ops without op", method: "POST", path: "/api/v1/ops", opts: (w) => ({ json: { input: {} }, headers: ops(w) }), status: 400, code: "invalid_input", message: /Missing required field "op"/ },
  { name: "ops with a numeric op", method: "POST", path: "/api/v1/ops", opts: (w) => ({ json: { op: 5 }, headers: ops(w) }), status: 400, code: "invalid_input", message: /Invalid "op"/ },
  { name: "ops with an extra field", method: "POST", path: "/api/v1/ops", opts: (w) => ({ json: { op: "get_status", extra: 1 }, headers: ops(w) }), status: 400, code: "invalid_input", message: /Unknown field "extra"/ },
  { name: "ops with text input", method: "POST", path: "/api/v1/ops", opts: (w) => ({ json: { op: "get_issue", input: "DEMO-1" }, headers: ops(w) }), status: 400, code: "invalid_input", message: /expected an object of fields/ },
  { name: "ops input with unknown field", method: "POST", path: "/api/v1/ops", opts: (w) => ({ json: { op: "get_status", input: { verbose: true } }, headers: ops(w) }), status: 400, code: "invalid_input", message: /Unknown field "verbose"/ },
  { name: "ops unknown operation", method: "POST", path: "/api/v1/ops", opts: (w) => ({ json: { op: "drop_database" }, headers: ops(w) }), status: 404, code: "not_found", message: /Unknown operation "drop_database"/ },
  { name: "ops without token", method: "POST", path: "/api/v1/ops", opts: { json: { op: "get_status" } }, status: 401, code: "unauthorized", message: /ops token/ },
  // Unknown ids
  { name: "unknown issue", method: "GET", path: `${I}/NOPE-9`, status: 404, code: "not_found", message: /NOPE-9/ },
  { name: "PATCH unknown issue", method: "PATCH", path: `${I}/NOPE-9`, opts: { json: { title: "x" } }, status: 404, code: "not_found" },
  { name: "DELETE unknown issue", method: "DELETE", path: `${I}/NOPE-9`, status: 404, code: "not_found" },
  { name: "move unknown issue", method: "POST", path: `${I}/NOPE-9/state`, opts: { json: { state: "ready" } }, status: 404, code: "not_found" },
  { name: "unknown project", method: "GET", path: "/api/v1/app/projects/nope", status: 404, code: "not_found", message: /nope/ },
  { name: "run unknown project", method: "POST", path: "/api/v1/app/projects/nope/run", status: 404, code: "not_found" },
  { name: "unknown epic", method: "GET", path: "/api/v1/app/epics/nope", status: 404, code: "not_found" },
  { name: "issue in unknown project", method: "POST", path: I, opts: { json: { project_id: "nope", title: "x" } }, status: 404, code: "not_found" },
  { name: "unknown blocker", method: "POST", path: `${I}/DEMO-1/blockers`, opts: { json: { blocked_by: ["NOPE-9"] } }, status: 404, code: "not_found" },
  { name: "a 5000-character identifier", method: "GET", path: `${I}/${"X".repeat(5000)}-1`, status: 404, code: "not_found" },
  { name: "an emoji identifier", method: "GET", path: `${I}/%F0%9F%92%A9`, status: 404, code: "not_found" },
  { name: "comments of unknown issue", method: "GET", path: `${I}/NOPE-9/comments`, status: 404, code: "not_found" },
  { name: "edit unknown comment", method: "PATCH", path: `${I}/DEMO-1/comments/cmt_nope`, opts: { json: { body: "x" } }, status: 404, code: "not_found" },
  { name: "delete unknown asset", method: "DELETE", path: `${I}/DEMO-1/assets/ast_nope`, status: 404, code: "not_found" },
  { name: "filter by unknown project", method: "GET", path: `${I}?project_id=nope`, status: 404, code: "not_found" },
  { name: "upload to unknown issue", method: "POST", path: `${I}/NOPE-9/assets`, opts: () => form((f) => f.append("file", png(), "a.png")), status: 404, code: "not_found" },
  // Routes and methods
  { name: "PUT an issue", method: "PUT", path: `${I}/DEMO-1`, opts: { json: {} }, status: 405, code: "method_not_allowed", allow: "GET, PATCH, DELETE, HEAD" },
  { name: "DELETE the issue list", method: "DELETE", path: I, status: 405, code: "method_not_allowed", allow: "GET, POST, HEAD" },
  { name: "GET the ops route", method: "GET", path: "/api/v1/ops", opts: (w) => ({ headers: ops(w) }), status: 405, code: "method_not_allowed", allow: "POST" },
  { name: "POST /health", method: "POST", path: "/health", status: 405, code: "method_not_allowed", allow: "GET, HEAD" },
  { name: "PATCH bootstrap", method: "PATCH", path: "/api/v1/app/bootstrap", status: 405, code: "method_not_allowed" },
  { name: "GET a state move", method: "GET", path: `${I}/DEMO-1/state`, status: 405, code: "method_not_allowed", allow: "POST" },
  { name: "unknown API route", method: "GET", path: "/api/v1/nope", status: 404, code: "not_found", message: /No route for GET \/api\/v1\/nope/ },
  { name: "unknown issue sub-route", method: "GET", path: `${I}/DEMO-1/nope`, status: 404, code: "not_found" },
  { name: "a page the dashboard does not have", method: "GET", path: "/nope", status: 404, code: "not_found" },
  // Traversal-looking ids: only ever a database key, never a path
  { name: "asset id with encoded ../", method: "GET", path: `${I}/DEMO-1/assets/..%2F..%2F..%2Fetc%2Fpasswd/content`, status: 404, code: "not_found", message: /Asset "..\/..\/..\/etc\/passwd" not found/ },
  { name: "asset id with encoded backslashes", method: "DELETE", path: `${I}/DEMO-1/assets/..%5C..%5Cwin.ini`, status: 404, code: "not_found" },
  { name: "asset id with a NUL", method: "GET", path: `${I}/DEMO-1/assets/%00/content`, status: 404, code: "not_found" },
  { name: "asset id that is an absolute path", method: "GET", path: `${I}/DEMO-1/assets/%2Fetc%2Fpasswd/content`, status: 404, code: "not_found" },
  { name: "dot-dot segments in the path", method: "GET", path: `${I}/DEMO-1/assets/%2e%2e/%2e%2e/content`, status: 404, code: "not_found" },
  { name: "bad percent-encoding", method: "GET", path: `${I}/%E0%A4%A`, status: 400, code: "invalid_input", message: /percent-encoding/ },
  // Query strings
  { name: "limit as a word", method: "GET", path: `${I}?limit=abc`, status: 400, code: "invalid_input", message: /Invalid "limit": expected an integer from 1 to 500/ },
  { name: "limit 0", method: "GET", path: `${I}?limit=0`, status: 400, code: "invalid_input", message: /"limit"/ },
  { name: "limit over the max", method: "GET", path: `${I}?limit=501`, status: 400, code: "invalid_input", message: /"limit"/ },
  { name: "negative offset", method: "GET", path: `${I}?offset=-1`, status: 400, code: "invalid_input", message: /"offset"/ },
  { name: "unknown sort", method: "GET", path: `${I}?sort=sideways`, status: 400, code: "invalid_input", message: /"sort"/ },
  { name: "limit in exponent form", method: "GET", path: `${I}?limit=1e2`, status: 400, code: "invalid_input", message: /"limit"/ },
  { name: "empty since", method: "GET", path: "/api/v1/events?since=", status: 400, code: "invalid_input", message: /"since"/ },
  { name: "unknown query field", method: "GET", path: `${I}?bogus=1`, status: 400, code: "invalid_input", message: /Unknown field "bogus"/ },
  { name: "blocked=maybe", method: "GET", path: `${I}?blocked=maybe`, status: 400, code: "invalid_input", message: /"blocked": expected true or false/ },
  { name: "state given twice", method: "GET", path: `${I}?state=ready&state=done`, status: 400, code: "invalid_input", message: /"state"/ },
  { name: "identifier in path and query", method: "GET", path: `${I}/DEMO-1?identifier=DEMO-2`, status: 400, code: "invalid_input", message: /given twice/ },
  { name: "project list limit too big", method: "GET", path: "/api/v1/app/projects?limit=100000", status: 400, code: "invalid_input", message: /"limit"/ },
  { name: "events since negative", method: "GET", path: "/api/v1/events?since=-1", status: 400, code: "invalid_input", message: /Invalid "since": expected a non-negative integer/ },
  { name: "events limit too big", method: "GET", path: "/api/v1/events?limit=9999", status: 400, code: "invalid_input", message: /Invalid "limit": expected an integer from 1 to 500/ },
  { name: "events unknown query field", method: "GET", path: "/api/v1/events?after=3", status: 400, code: "invalid_input", message: /Unknown field "after"/ },
  { name: "state with a query", method: "GET", path: "/api/v1/state?verbose=1", status: 400, code: "invalid_input", message: /Unknown field "verbose"/ },
  { name: "bootstrap with a query", method: "GET", path: "/api/v1/app/bootstrap?x=1", status: 400, code: "invalid_input" },
  { name: "asset download with a query", method: "GET", path: `${I}/DEMO-1/assets/ast_x/content?path=/etc/passwd`, status: 400, code: "invalid_input", message: /Unknown field "path"/ },
  // Host and Origin
  { name: "foreign Host", method: "GET", path: I, opts: { headers: { host: "attacker.example" } }, status: 403, code: "forbidden", message: /attacker\.example/ },
  { name: "Host with another port", method: "GET", path: I, opts: (w) => ({ headers: { host: otherPort(w.host) } }), status: 403, code: "forbidden" },
  { name: "foreign Origin on DELETE", method: "DELETE", path: `${I}/DEMO-1`, opts: { headers: { origin: "https://attacker.example" } }, status: 403, code: "forbidden" },
  { name: "https Origin of our own host", method: "POST", path: `${I}/DEMO-1/state`, opts: (w) => ({ json: { state: "ready" }, headers: { origin: `https://${w.host}` } }), status: 403, code: "forbidden" },
  // Multipart
  { name: "asset upload as JSON", method: "POST", path: `${I}/DEMO-1/assets`, opts: { json: { path: "/etc/passwd" } }, status: 415, code: "unsupported_media_type", message: /application\/json/ },
  { name: "asset upload without a file part", method: "POST", path: `${I}/DEMO-1/assets`, opts: () => form((f) => f.append("note", "x")), status: 400, code: "invalid_input", message: /Unknown field "note"/ },
  { name: "asset upload with an empty form", method: "POST", path: `${I}/DEMO-1/assets`, opts: () => form(() => {}), status: 400, code: "invalid_input", message: /Missing required field "file"/ },
  { name: "asset file given as text", method: "POST", path: `${I}/DEMO-1/assets`, opts: () => form((f) => f.append("file", "/etc/passwd")), status: 400, code: "invalid_input", message: /expected a file, got text/ },
  { name: "two files in one upload", method: "POST", path: `${I}/DEMO-1/assets`, opts: () => form((f) => { f.append("file", png(), "a.png"); f.append("file", png(), "b.png"); }), status: 400, code: "invalid_input", message: /expected one file, got 2/ },
  { name: "multipart with a wrong boundary", method: "POST", path: `${I}/DEMO-1/assets`, opts: raw("--abc\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--abc--\r\n", "multipart/form-data; boundary=zzz"), status: 400, code: "invalid_input", message: /Invalid multipart body/ },
  { name: "multipart without a boundary", method: "POST", path: `${I}/DEMO-1/assets`, opts: raw("junk", "multipart/form-data"), status: 400, code: "invalid_input", message: /Invalid multipart body/ },
  { name: "comment with an empty file part", method: "POST", path: `${I}/DEMO-1/comments`, opts: () => form((f) => { f.append("body", "x"); f.append("files", new Blob([]), "a.png"); }), status: 400, code: "invalid_input", message: /the file is empty/ },
  { name: "comment file given as text", method: "POST", path: `${I}/DEMO-1/comments`, opts: () => form((f) => { f.append("body", "x"); f.append("files", "/etc/passwd"); }), status: 400, code: "invalid_input", message: /expected a file, got text/ },
  { name: "comment form with an unknown part", method: "POST", path: `${I}/DEMO-1/comments`, opts: () => form((f) => f.append("attachment_paths", "/etc/passwd")), status: 400, code: "invalid_input", message: /Unknown field "attachment_paths"/ },
  { name: "comment form with body twice", method: "POST", path: `${I}/DEMO-1/comments`, opts: () => form((f) => { f.append("body", "a"); f.append("body", "b"); }), status: 400, code: "invalid_input", message: /expected one value/ },
  // Rules the tracker owns
  { name: "move into in_progress while blocked", method: "POST", path: `${I}/DEMO-2/state`, opts: { json: { state: "in_progress" } }, status: 409, code: "blocked", message: /Cannot move "DEMO-2" to in_progress: blocked by "DEMO-1"/ },
  { name: "project on a repo already in use", method: "POST", path: "/api/v1/app/projects", opts: (w) => ({ json: { name: "Twin", repo_path: w.repoOf("Demo") } }), status: 409, code: "conflict", message: /already belongs to project "Demo"/ },
  { name: "reply to a reply", method: "POST", path: `${I}/DEMO-1/comments`, opts: (w) => ({ json: { body: "x", parent_comment_id: w.firstReplyId("DEMO-1") } }), status: 400, code: "invalid_input", message: /it is itself a reply/ },
];
