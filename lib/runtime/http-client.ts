import type { HttpReply } from "./types.ts";

/**
 * POST over node:http (node:https for an https `--api-url`). Node 20's
 * global fetch loads undici and compiles its WASM HTTP parser on first use:
 * tens of ms that a one-shot CLI command sent to the daemon should not pay.
 * No agent, so the connection closes after the answer and no keep-alive
 * socket outlives the command. node:http itself is imported on first use
 * (~10 ms): `maestro version` never needs it.
 */
export async function postJsonNode(url: string, headers: Record<string, string>, body: string): Promise<HttpReply> {
  const { request } = url.startsWith("https:") ? await import("node:https") : await import("node:http");
  const bytes = Buffer.from(body, "utf8");
  return await new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      agent: false,
      headers: { ...headers, "content-type": "application/json", "content-length": String(bytes.length) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("close", () => {
        if (!res.complete) reject(new Error("the connection closed before the whole answer arrived"));
      });
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end(bytes);
  });
}

/** POST with the built-in fetch: native and quick on Deno. */
export async function postJsonFetch(url: string, headers: Record<string, string>, body: string): Promise<HttpReply> {
  const res = await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
  return { status: res.status, statusText: res.statusText, body: await res.text() };
}
