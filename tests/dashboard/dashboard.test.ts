// The dashboard in headless Chromium against `maestro run` from the built
// bundle, under Node and Deno: every page loads cleanly, and the board, the
// CLI and a running agent stay in step through the API and the WebSocket.
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runtimes } from "../helpers/bundle.ts";
import { createWorld, PNG, type World } from "./dashboard-world.ts";


const PAGES = [
  { name: "overview", path: "/", ready: "[data-testid=state-counts]" },
  { name: "board", path: "/board", ready: "[data-testid=lane-backlog] [data-testid=card]" },
  { name: "list", path: "/board?view=list&sort=identifier_asc", ready: "[data-testid=issue-list]" },
  { name: "issue", path: "/issues/DEMO-1", ready: "[data-testid=exec-status]" },
  { name: "sessions", path: "/sessions", ready: "text=Recent runs" },
  { name: "projects", path: "/projects", ready: "[data-testid=project]" },
  { name: "project", path: "/projects/Demo", ready: "[data-testid=project-page] [data-testid=issue-list]" },
];

// MAESTRO_TEST_RUNTIME=node (or deno) runs one runtime while working on the dashboard.
const only = process.env.MAESTRO_TEST_RUNTIME;
for (const rt of runtimes.filter((r) => !only || r.name === only)) {
  const test = suite(`dashboard (${rt.name})`);
  let w: World;

  test.before(async () => {
    w = await createWorld(rt);
  });
  test.after(async () => {
    await w?.close();
  });

  test("every page loads from one HTML response with no console error, wide and at 375 px", async () => {
    const res = await fetch(`${w.daemon.url}/board`);
    assert.is(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'sha256-/);
    for (const p of PAGES) {
      await w.page.goto(p.path);
      await w.page.waitForSelector(p.ready);
      await w.page.waitForSelector("[data-testid=live-status]:has-text('Live')");
      await w.shot(p.name);
      assert.equal(w.takeErrors(), [], `errors on ${p.path}`);
    }
    const phone = await w.context.newPage();
    await phone.setViewportSize({ width: 375, height: 800 });
    for (const p of PAGES) {
      await phone.goto(p.path);
      await phone.waitForSelector(p.ready);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${p.path} is ${overflow}px wider than 375 px`);
      await w.shot(`${p.name}-375`, phone, true);
    }
    await phone.close();
    const dark = await w.browser.newPage({ colorScheme: "dark", viewport: { width: 1360, height: 900 }, baseURL: w.daemon.url });
    for (const p of PAGES.filter((x) => ["board", "issue", "overview"].includes(x.name))) {
      await dark.goto(p.path);
      await dark.waitForSelector(p.ready);
      await w.shot(`${p.name}-dark`, dark);
    }
    await dark.close();
    assert.equal(w.takeErrors(), []);
  });

  test("Markdown renders safely: a description's <script> and javascript: link do nothing", async () => {
    await w.page.goto("/issues/DEMO-1");
    await w.page.waitForSelector(".md h4:has-text('Goal')");
    assert.is(await w.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.is(await w.page.locator(".md script").count(), 0);
    assert.is(await w.page.locator(".md img").count(), 0);
    assert.is(await w.page.locator(".md a[href^='javascript']").count(), 0);
    assert.is(await w.page.locator(".md a[href='https://example.com/spec']").count(), 1);
  });

  test("an issue created in the UI is in `maestro issue list`", async () => {
    await w.page.goto("/board");
    await w.page.click("[data-testid=new-issue]");
    await w.page.fill("[data-testid=issue-form] input[name=title]", "Made in the browser");
    await w.page.fill("[data-testid=issue-form] input[name=labels]", "ui");
    await w.page.click("[data-testid=issue-form] button[type=submit]");
    await w.page.waitForSelector("[data-testid=card]:has-text('Made in the browser')");
    const list = w.cli.json(["issue", "list"]);
    const items = (Array.isArray(list) ? list : list.items) as { title: string; labels: string[] }[];
    const made = items.find((i) => i.title === "Made in the browser");
    assert.ok(made, "the new issue is listed");
    assert.equal(made!.labels, ["ui"]);
  });

  test("a card dragged to Ready is ready in the CLI; Move to works from the keyboard", async () => {
    await w.page.goto("/board");
    const card = w.page.locator("[data-testid=lane-backlog] [data-identifier=DEMO-3]");
    await card.dragTo(w.page.locator("[data-testid=lane-ready]"));
    await w.page.waitForSelector("[data-testid=lane-ready] [data-identifier=DEMO-3]");
    assert.is(w.cli.json(["issue", "show", "DEMO-3"]).state, "ready");
    const select = w.page.locator("[data-identifier=DEMO-3] select.move");
    await select.focus();
    await select.selectOption("in_review");
    await w.page.waitForSelector("[data-testid=lane-in_review] [data-identifier=DEMO-3]");
    assert.is(w.cli.json(["issue", "show", "DEMO-3"]).state, "in_review");
    w.cli.ok(["issue", "move", "DEMO-3", "backlog"]);
  });

  test("the issue page edits fields, posts a Markdown comment and uploads an image with a preview", async () => {
    await w.page.goto("/issues/DEMO-3");
    await w.page.click("[data-testid=edit-issue]");
    await w.page.fill("[data-testid=issue-form] input[name=title]", "Write the onboarding guide (v2)");
    await w.page.fill("[data-testid=issue-form] input[name=labels]", "docs, onboarding");
    await w.page.fill("[data-testid=issue-form] textarea[name=description]", "Cover **setup** and `maestro run`.");
    await w.page.click("[data-testid=issue-form] button[type=submit]");
    await w.page.waitForSelector("[data-testid=issue-title]:has-text('(v2)')");
    await w.page.waitForSelector(".md strong:has-text('setup')");
    const shown = w.cli.json(["issue", "show", "DEMO-3"]);
    assert.is(shown.title, "Write the onboarding guide (v2)");
    assert.equal(shown.labels, ["docs", "onboarding"]);

    await w.page.fill("textarea[aria-label^='Add a comment']", "Looks good, see `docs/setup.md` <b>now</b>");
    await w.page.click("button:has-text('Comment')");
    await w.page.waitForSelector(".comment .md code:has-text('docs/setup.md')");
    assert.is(await w.page.locator(".comment .md b").count(), 0);

    await w.page.setInputFiles("[data-testid=asset-input]", { name: "screen.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
    await w.page.waitForSelector("[data-testid=upload-preview] img");
    await w.shot("upload-preview");
    await w.page.click("[data-testid=upload-preview] button:has-text('Upload')");
    await w.page.waitForSelector(".asset img[alt='screen.png']");
    assert.ok(await w.page.locator(".asset img[alt='screen.png']").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), "the thumbnail loads");
    await w.shot("issue-edited");
    assert.equal(w.takeErrors(), []);
  });

  test("the list view edits and deletes an issue", async () => {
    w.cli.ok(["issue", "create", "Temporary", "--project", "Demo", "--quiet"]);
    await w.page.goto("/board?view=list&q=Temporary");
    await w.page.waitForSelector("[data-testid=issue-list] :text('Temporary')");
    w.page.once("dialog", (d) => void d.accept());
    await w.page.click("[data-testid=issue-list] button:has-text('Delete')");
    await w.page.waitForSelector("text=No issues match these filters.");
    const list = w.cli.json(["issue", "list"]);
    const items = (Array.isArray(list) ? list : list.items) as { title: string }[];
    assert.not.ok(items.some((i) => i.title === "Temporary"));
  });

  test("a change made from the CLI shows in the open page without a reload", async () => {
    await w.page.goto("/board");
    await w.page.waitForSelector("[data-identifier=DEMO-2]");
    await w.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    w.cli.ok(["issue", "update", "DEMO-2", "--title", "Cart totals round half-even"]);
    await w.page.waitForSelector("[data-identifier=DEMO-2]:has-text('Cart totals round half-even')", { timeout: 5000 });
    w.cli.ok(["issue", "move", "DEMO-2", "done"]);
    await w.page.waitForSelector("[data-testid=lane-done] [data-identifier=DEMO-2]", { timeout: 5000 });
    assert.ok(await w.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), "the page was not reloaded");
    assert.equal(w.takeErrors(), []);
  });

  test("a change refetches only the views it concerns", async () => {
    await w.page.goto("/issues/DEMO-2");
    await w.page.waitForSelector("[data-testid=issue-title]");
    await w.page.waitForSelector("[data-testid=live-status]:has-text('Live')");
    const seen: string[] = [];
    const onRequest = (r: { url(): string }) => void seen.push(new URL(r.url()).pathname);
    w.page.on("request", onRequest);
    const changesRead = w.page.waitForResponse((r) => r.url().includes("/api/v1/app/changes"));
    w.cli.ok(["issue", "update", "DEMO-5", "--title", "Old logging cleanup, part two"]);
    await changesRead;
    await new Promise((r) => setTimeout(r, 500));
    assert.not.ok(seen.includes("/api/v1/app/issues/DEMO-2"), `DEMO-2 was refetched for a change to DEMO-5: ${seen.join(", ")}`);
    assert.not.ok(seen.includes("/api/v1/app/issues/DEMO-2/comments"));
    w.cli.ok(["issue", "update", "DEMO-2", "--title", "Cart totals, banker's rounding"]);
    await w.page.waitForSelector("[data-testid=issue-title]:has-text('banker')", { timeout: 5000 });
    assert.ok(seen.includes("/api/v1/app/issues/DEMO-2"));
    assert.not.ok(seen.includes("/api/v1/app/issues/DEMO-2/comments"), "a title change leaves the comments alone");
    w.page.off("request", onRequest);
    assert.equal(w.takeErrors(), []);
  });

  test("a running fake-agent issue shows its transcript growing; an approval answered in the UI unblocks the run", async () => {
    await w.page.goto("/issues/DEMO-1");
    await w.page.waitForSelector("[data-testid=exec-status]");
    w.cli.ok(["project", "start", "Demo"]);
    w.cli.ok(["issue", "move", "DEMO-1", "ready"]);
    const entries = w.page.locator("[data-testid=transcript] > li");
    await entries.first().waitFor({ timeout: 20_000 });
    const first = await entries.count();
    const interrupt = w.page.locator("[data-testid=interrupt]");
    await interrupt.waitFor({ timeout: 20_000 });
    assert.match(await interrupt.innerText(), /echo approved-command-ran/);
    await w.shot("issue-running");
    await w.page.goto("/sessions");
    const badge = w.page.locator("[data-testid=interrupt-badge]");
    await badge.waitFor();
    assert.match(await badge.innerText(), /^1/);
    await w.shot("interrupt-badge", w.page, true);
    await badge.click();
    await w.page.waitForSelector("[data-testid=issue-page] [data-testid=interrupt]");
    assert.is(new URL(w.page.url()).pathname, "/issues/DEMO-1");
    await w.page.goto("/");
    await w.page.waitForSelector("[data-testid=runs]");
    await w.shot("overview-running");
    await w.page.goto("/sessions");
    await w.page.waitForSelector("[data-testid=sessions]");
    await w.shot("sessions-running");
    await w.page.goto("/board");
    await w.page.waitForSelector(".card.running");
    await w.shot("board-running");
    await w.page.goto("/issues/DEMO-1");
    await w.page.locator("[data-testid=interrupt] button:has-text('Approve')").first().click();
    await w.page.waitForSelector("[data-testid=transcript] :text('The approved command ran; continuing.')", { timeout: 20_000 });
    assert.match(await w.page.locator("[data-testid=transcript]").innerText(), /approved-command-ran\n/);
    // Growth seen by the open page, whenever it first looked (the run may outpace a loaded machine).
    assert.ok((await entries.count()) >= first + 2, "the transcript grew while the page was open");
    assert.is(await w.page.locator("[data-testid=interrupt]").count(), 0);
    await w.page.waitForSelector("[data-testid=interrupt-badge]", { state: "detached" });
    await w.shot("issue-approved");
    assert.equal(w.takeErrors(), []);
  });

  test("a broken WORKFLOW.md shows on the overview until it is fixed", async () => {
    const file = path.join(w.cli.repo, "WORKFLOW.md");
    const good = fs.readFileSync(file, "utf8");
    await w.page.goto("/");
    await w.page.waitForSelector("[data-testid=workflow-health]");
    fs.writeFileSync(file, good.replace("max_turns: 1", "max_turns: lots"));
    await w.page.waitForSelector("[data-testid=workflow-error]", { timeout: 15_000 });
    await w.shot("workflow-error");
    fs.writeFileSync(file, good);
    await w.page.waitForSelector("[data-testid=workflow-error]", { state: "detached", timeout: 15_000 });
  });

  test("while the daemon is away the page says so, reconnects by itself and catches up", async () => {
    await w.page.goto("/board");
    await w.page.waitForSelector("[data-testid=live-status]:has-text('Live')");
    await w.restartDaemon(async () => {
      await w.page.waitForSelector("[data-testid=disconnected]", { timeout: 10_000 });
      await w.shot("disconnected");
      // Written while the daemon is down: the page can only learn of it after reconnecting.
      w.cli.ok(["issue", "update", "DEMO-4", "--title", "Retry failed webhooks with backoff"]);
    });
    await w.page.waitForSelector("[data-identifier=DEMO-4]:has-text('with backoff')", { timeout: 20_000 });
    await w.page.waitForSelector("[data-testid=disconnected]", { state: "detached" });
    await w.page.waitForSelector("[data-testid=live-status]:has-text('Live')");
    w.takeErrors(); // failed reconnects log network errors by design
  });

  test("projects and epics: stop and start a project, create an epic and a project from the page", async () => {
    await w.page.goto("/projects");
    const demo = w.page.locator("[data-testid=project]", { hasText: "Demo" });
    await demo.locator("button:has-text('Stop')").click();
    await demo.locator("button:has-text('Start')").waitFor();
    assert.is(w.cli.json(["project", "show", "Demo"]).project.state, "stopped");
    await demo.locator("button:has-text('New epic')").click();
    await w.page.fill("dialog input[required]", "Billing");
    await w.page.click("dialog button[type=submit]");
    await demo.locator(".epic-row:has-text('Billing')").waitFor();
    const epics = w.cli.json(["epic", "list"]);
    assert.ok((Array.isArray(epics) ? epics : epics.items).some((e: { name: string }) => e.name === "Billing"));
    const repo2 = path.join(w.cli.dir, "second");
    fs.mkdirSync(repo2);
    await w.page.click("button:has-text('New project')");
    await w.page.fill("dialog input[required] >> nth=0", "Second");
    await w.page.fill("dialog input[required] >> nth=1", repo2);
    await w.page.click("dialog button[type=submit]");
    await w.page.locator("[data-testid=project]", { hasText: "Second" }).waitFor();
    await w.shot("projects-edited");
    assert.ok(w.cli.json(["project", "show", "Second"]).project);
    assert.equal(w.takeErrors(), []);
  });

  test.run();
}
