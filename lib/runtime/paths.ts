import * as path from "node:path";

// Path arithmetic other modules need; kept here so only runtime/ imports node:path.
export const joinPath = (...parts: string[]): string => path.join(...parts);
export const dirName = (p: string): string => path.dirname(p);
export const baseName = (p: string): string => path.basename(p);
export const extName = (p: string): string => path.extname(p);
export const resolvePath = (...parts: string[]): string => path.resolve(...parts);
export const isAbsolutePath = (p: string): boolean => path.isAbsolute(p);
export const relativePath = (from: string, to: string): string => path.relative(from, to);
