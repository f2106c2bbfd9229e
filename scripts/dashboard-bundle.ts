import type { Plugin } from "esbuild";
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import * as path from "node:path";

/**
 * The dashboard (assets/dashboard/, Preact + htm) bundled for the browser:
 * minified script and stylesheet as strings, plus the script's CSP hash, so
 * lib/http can serve the whole page as one HTML response with no CDN.
 */
export interface DashboardBundle {
  js: string;
  css: string;
  /** `sha256-…` of the inline script, for Content-Security-Policy. */
  scriptHash: string;
  inputs: string[];
}

const ENTRY = "assets/dashboard/main.ts";

/** Builds the dashboard; throws on any esbuild error. */
export async function buildDashboard(): Promise<DashboardBundle> {
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    minify: true,
    write: false,
    outdir: ".cache/dashboard",
    metafile: true,
    legalComments: "none",
    logLevel: "warning",
  });
  const text = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? "";
  // An inline <script> ends at the first "</script", wherever it appears.
  const js = text(".js").replaceAll("</script", "<\\/script");
  const scriptHash = `sha256-${createHash("sha256").update(js).digest("base64")}`;
  return { js, css: text(".css"), scriptHash, inputs: Object.keys(result.metafile.inputs).map((f) => path.resolve(f)) };
}

let last: DashboardBundle | undefined;

/** The dashboard built by the last server build (for the size line). */
export const lastDashboard = () => last;

/** `virtual:dashboard`: `export default {js, css, scriptHash}` for lib/http/routes/dashboard.ts. */
export const dashboardModule: Plugin = {
  name: "dashboard",
  setup(b) {
    b.onResolve({ filter: /^virtual:dashboard$/ }, () => ({ path: "dashboard", namespace: "virtual" }));
    b.onLoad({ filter: /^dashboard$/, namespace: "virtual" }, async () => {
      last = await buildDashboard();
      const { js, css, scriptHash } = last;
      return { contents: `export default ${JSON.stringify({ js, css, scriptHash })};`, loader: "js", watchFiles: last.inputs };
    });
  },
};
