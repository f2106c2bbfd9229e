import { nodePath } from "./builtin.ts";

// Path arithmetic other modules need; kept here so only runtime/ knows node:path (loaded on first use: see builtin.ts).
export const joinPath = (...parts: string[]): string => nodePath().join(...parts);
export const dirName = (p: string): string => nodePath().dirname(p);
export const baseName = (p: string): string => nodePath().basename(p);
export const extName = (p: string): string => nodePath().extname(p);
export const resolvePath = (...parts: string[]): string => nodePath().resolve(...parts);
export const isAbsolutePath = (p: string): boolean => nodePath().isAbsolute(p);
export const relativePath = (from: string, to: string): string => nodePath().relative(from, to);
