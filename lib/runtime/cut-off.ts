// Deno.serve has no way to drop live connections once shutdown() has begun (its abort signal then fails
// with BadResource), so the Deno adapter cuts in-flight work itself when the grace period ends.

/**
 * Returns `response` with its body passed through a stream that errors when
 * `signal` aborts, so a body that never ends cannot hold shutdown open.
 * Responses without a body are returned as they are.
 */
export function withCutOff(response: Response, signal: AbortSignal): Response {
  if (response.body === null) return response;
  const reader = response.body.getReader();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const onAbort = () => {
    try {
      controller?.error(new Error("the server shut down before the response ended"));
    } catch {
      // Already closed or errored.
    }
    reader.cancel().catch(() => {});
  };
  const release = () => signal.removeEventListener("abort", onAbort);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      // One listener per live response, removed when it ends, so a long-lived server does not pile them up.
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    },
    async pull(c) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          c.close();
        } else c.enqueue(value);
      } catch (err) {
        release();
        try {
          c.error(err);
        } catch {
          // Errored by the cut-off already.
        }
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
