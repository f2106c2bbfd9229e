import { nodePath } from "./builtin.ts";
import * as posix from "./posix-path.ts";

// Path arithmetic other modules need; kept here so only runtime/ knows node:path.
// Node uses node:path. Deno on a POSIX system uses posix-path.ts (Node's path.posix,
// ported), so that a command does not start Deno's Node-compatibility layer just to
// join two names; Deno on Windows is out of that port's scope and keeps node:path.

interface PathApi {
  join(...parts: string[]): string;
  dirname(p: string): string;
  basename(p: string): string;
  extname(p: string): string;
  resolve(...parts: string[]): string;
  isAbsolute(p: string): boolean;
  relative(from: string, to: string): string;
}

const deno = (globalThis as { Deno?: { build: { os: string }; cwd(): string } }).Deno;

function denoPosix(d: { cwd(): string }): PathApi {
  const cwd = () => d.cwd();
  return {
    join: posix.join,
    dirname: posix.dirname,
    basename: posix.basename,
    extname: posix.extname,
    resolve: (...parts) => posix.resolve(cwd, ...parts),
    isAbsolute: posix.isAbsolute,
    relative: (from, to) => posix.relative(cwd, from, to),
  };
}

const impl: () => PathApi = deno && deno.build.os !== "windows" ? ((api) => () => api)(denoPosix(deno)) : nodePath;

export const joinPath = (...parts: string[]): string => impl().join(...parts);
export const dirName = (p: string): string => impl().dirname(p);
export const baseName = (p: string): string => impl().basename(p);
export const extName = (p: string): string => impl().extname(p);
export const resolvePath = (...parts: string[]): string => impl().resolve(...parts);
export const isAbsolutePath = (p: string): boolean => impl().isAbsolute(p);
export const relativePath = (from: string, to: string): string => impl().relative(from, to);
