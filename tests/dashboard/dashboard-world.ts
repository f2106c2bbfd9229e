/**
 * A daemon (from the built bundle, under Node or Deno) with a seeded board
 * and a fake agent whose run streams a transcript and stops for an approval,
 * plus headless Chromium (Debian's, via playwright-core) pointed at it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { bundlePath, repoRoot, type RuntimeUnderTest } from "../helpers/bundle.ts";
import { type CliWorld, cliWorld } from "../e2e/cli-harness.ts";
import { type Daemon, startDaemon } from "../e2e/daemon-harness.ts";
import { initGitRepo } from "../helpers/fixtures.ts";

/** An 8×8 PNG in four colours, base64. */
export const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAG0lEQVR4nGP4//8EHDGgICpKMJyAIwZkRD0JAFmlccFlkPTYAAAAAElFTkSuQmCC";

export const shotDir = path.join(repoRoot, ".test-output", "dashboard");

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The agent's one turn: a message, a command, a file, a command behind an approval, then it keeps working. */
export const SCENARIO = {
  delayMs: 400,
  steps: [
    { message: ["Reading the repository ", "to find where the change goes."] },
    { command: "ls -1" },
    { tokens: { input: 1800, output: 220 } },
    { fileChange: { path: "notes.md", content: "# Plan\n- add the endpoint\n" } },
    { message: "I need to run the test suite, which writes to the cache." },
    { command: "echo approved-command-ran", approval: "Run the test suite (writes .cache/)" },
    { message: "The approved command ran; continuing." },
    { tokens: { input: 900, output: 140 } },
    { stall: 600000 },
  ],
};

export interface World {
  cli: CliWorld;
  daemon: Daemon;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen since the last call. */
  takeErrors(): string[];
  /** Saves a PNG: the whole page, or with `viewportOnly` what the screen shows (fixed bars stay put). */
  shot(name: string, page?: Page, viewportOnly?: boolean): Promise<void>;
  /** Stops the daemon (SIGTERM) and starts it again on the same port once `between` has run. */
  restartDaemon(between: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

function seed(w: CliWorld): void {
  initGitRepo(w.repo);
  const scenario = path.join(w.dir, "scenario.json");
  fs.writeFileSync(scenario, JSON.stringify(SCENARIO));
  const cli = `'${process.execPath}' '${bundlePath}'`;
  fs.writeFileSync(path.join(w.repo, "WORKFLOW.md"), `---
codex:
  command: "${cli} fake-codex --scenario '${scenario}'"
  approval_policy: on-request
workspace:
  root: "${path.join(w.dir, "ws")}"
agent:
  max_turns: 1
---
Work on {{ issue.identifier }}.
`);
  w.project();
  w.ok(["epic", "create", "Checkout", "--project", "Demo", "--desc", "Payments and the cart"]);
  const add = (title: string, ...flags: string[]) => w.ok(["issue", "create", title, "--project", "Demo", "--quiet", ...flags]);
  add("Add the payments endpoint", "--labels", "api,backend", "--priority", "1", "--epic", "Checkout",
    "--desc", "## Goal\nExpose `POST /payments` with **idempotency keys**.\n\n- validate input\n- store the charge\n\n<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned=1\">\n\nSee [the spec](https://example.com/spec) and [bad](javascript:alert(1)).");
  add("Cart totals round wrong", "--labels", "bug", "--priority", "2", "--epic", "Checkout");
  add("Write the onboarding guide", "--labels", "docs");
  add("Retry failed webhooks", "--blocked-by", "DEMO-1", "--priority", "3", "--epic", "Checkout");
  add("Old logging cleanup", "--state", "done");
  add("Drop the legacy importer", "--state", "cancelled");
}

export async function createWorld(rt: RuntimeUnderTest): Promise<World> {
  fs.mkdirSync(shotDir, { recursive: true });
  const cli = cliWorld(rt);
  seed(cli);
  let daemon = await startDaemon(rt, cli.db);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: daemon.url });
  const page = await context.newPage();
  let errors: string[] = [];
  const watch = (p: Page) => {
    p.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
    p.on("pageerror", (e) => errors.push(`page: ${e.message}`));
  };
  watch(page);
  context.on("page", watch);
  return {
    cli,
    get daemon() {
      return daemon;
    },
    browser,
    context,
    page,
    takeErrors() {
      const e = errors;
      errors = [];
      return e;
    },
    async shot(name, p = page, viewportOnly = false) {
      // A full-page shot of a scrolled page repeats the sticky top bar mid-image.
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.screenshot({ path: path.join(shotDir, `${rt.name}-${name}.png`), fullPage: !viewportOnly });
    },
    async restartDaemon(between) {
      const port = new URL(daemon.url).port;
      await daemon.stop();
      await between();
      daemon = await startDaemon(rt, cli.db, ["--port", port]);
    },
    async close() {
      await browser.close().catch(() => {});
      await daemon.stop();
      cli.cleanup();
    },
  };
}
