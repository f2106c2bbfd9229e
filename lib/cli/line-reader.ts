/** Standard input one line at a time, as lines arrive: answers to prompts. */
export interface LineReader {
  /** The next line without its line ending; null once input has ended. */
  next(): Promise<string | null>;
  /** Stops reading, so a terminal on standard input does not keep the process alive. */
  close(): void;
}

/** A reader over chunks as they arrive (Runtime.stdinChunks); reads only when asked. */
export function createLineReader(chunks: AsyncIterable<Uint8Array>): LineReader {
  let iterator: AsyncIterator<Uint8Array> | undefined;
  const decoder = new TextDecoder();
  let buffer = "";
  let ended = false;
  return {
    async next() {
      for (;;) {
        const nl = buffer.indexOf("\n");
        if (nl >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          return line.replace(/\r$/, "");
        }
        if (ended) {
          const rest = buffer;
          buffer = "";
          return rest === "" ? null : rest;
        }
        iterator ??= chunks[Symbol.asyncIterator]();
        const r = await iterator.next();
        if (r.done) {
          ended = true;
          buffer += decoder.decode();
        } else buffer += decoder.decode(r.value, { stream: true });
      }
    },
    close() {
      if (ended) return;
      ended = true;
      void iterator?.return?.();
    },
  };
}
