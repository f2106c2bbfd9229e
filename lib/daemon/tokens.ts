/** A random bearer token: 24 bytes as 48 hex characters. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Loopback hosts: the only addresses served without an API token. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Host header values accepted for a server at host:port. Loopback: its
 * loopback names only (defeats DNS rebinding). Beyond loopback the names
 * cannot be known and the API token guards every request: [] (any).
 */
export function allowedHostHeaders(host: string, port: number): string[] {
  if (!isLoopbackHost(host)) return [];
  const names = new Set([host.includes(":") && !host.startsWith("[") ? `[${host}]` : host, "localhost", "127.0.0.1", "[::1]"]);
  return [...names].flatMap((h) => [`${h}:${port}`, ...(port === 80 ? [h] : [])]);
}
