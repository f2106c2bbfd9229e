declare module "*.wasm" {
  const bytes: Uint8Array;
  export default bytes;
}

/** Replaced at build time with package.json's version. */
declare const MAESTRO_VERSION: string;
