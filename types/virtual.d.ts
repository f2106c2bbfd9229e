/** sql.js's WASM, gzipped, base64 (scripts/esbuild-config.ts). */
declare module "virtual:sqlite-wasm" {
  const gzipBase64: string;
  export default gzipBase64;
}

/** Replaced at build time with package.json's version. */
declare const MAESTRO_VERSION: string;

/** The dashboard bundle, minified, with its script's CSP hash (scripts/dashboard-bundle.ts). */
declare module "virtual:dashboard" {
  const dashboard: { js: string; css: string; scriptHash: string };
  export default dashboard;
}
