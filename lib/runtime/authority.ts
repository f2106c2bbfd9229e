/** `host:port` as it appears in a URL, with IPv6 hosts in brackets. */
export const authority = (hostname: string, port: number): string =>
  `${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
