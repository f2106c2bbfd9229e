// A Host header is host[:port]; anything else (slashes, spaces, "@") would make the request URL built from it
// name a different host or path than the header says. Both adapters refuse such requests with 400.
const HOST = /^[A-Za-z0-9._~\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** True when `host` is a plain host[:port] (IPv6 in brackets). */
export const isValidHostHeader = (host: string): boolean => HOST.test(host);
