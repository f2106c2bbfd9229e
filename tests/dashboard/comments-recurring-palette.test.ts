// The dashboard's work tools in headless Chromium against `maestro run`
// under Node and Deno: comments edited in place, recurring issues made and
// paused from the UI, the project and epic pages, the command palette. Each
// change made in the browser is read back through the CLI.
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runtimes } from "../helpers/bundle.ts";
import { createWorld, PNG, type World } from "./dashboard-world.ts";

interface CommentJson {
  id: string;
  body: string;
  deleted_at: string | null;
  attachments: { id: string; filename: string }[];
  replies: CommentJson[];
}

const only = process.env.MAESTRO_TEST_RUNTIME;
for (const rt of runtimes.filter((r) => !only || r.name === only)) {
  const test = suite(`dashboard tools (${rt.name})`);
  let w: World;

  test.before(async () => {
    w = await createWorld(rt);
  });
  test.after(async () => {
    await w?.close();
  });

  const comments = (identifier: string) => (w.cli.json(["issue", "comments", "list", identifier]) as { items: CommentJson[] }).items;

  test("a comment edited in place has its new body in the CLI, and an attachment removed while editing is gone", async () => {
    fs.writeFileSync(path.join(w.cli.dir, "trace.log"), "stack trace\n");
    const made = w.cli.json(["issue", "comments", "add", "DEMO-2", "--body", "First take", "--attach", "trace.log"], { cwd: w.cli.dir }) as CommentJson;
    await w.page.goto("/issues/DEMO-2");
    const comment = w.page.locator(`[data-comment-id="${made.id}"]`);
    await comment.locator("[data-testid=attachment]:has-text('trace.log')").waitFor();
    await comment.locator("button:has-text('Edit')").click();
    await comment.locator("textarea").fill("Second take, with **emphasis**");
    await comment.locator("button[aria-label='Remove trace.log']").click();
    await w.shot("comment-editing");
    await comment.locator("button:has-text('Save')").click();
    await w.page.waitForSelector("[data-testid=comment] .md strong:has-text('emphasis')");
    await w.page.waitForSelector("[data-testid=comment]:has-text('edited')");
    const after = comments("DEMO-2").find((c) => c.id === made.id);
    assert.is(after?.body, "Second take, with **emphasis**");
    assert.equal(after?.attachments, []);
    assert.is(await w.page.locator("[data-testid=attachment]").count(), 0);
    assert.equal(w.takeErrors(), []);
  });

  test("files attached to a new comment are listed, the image's thumbnail loads, and each downloads with the same bytes", async () => {
    const text = "line one\nline two: ünïcode\n";
    await w.page.goto("/issues/DEMO-5");
    await w.page.fill("textarea[aria-label^='Add a comment']", "Logs and a screenshot");
    await w.page.setInputFiles("form.composer:last-of-type [data-testid=comment-files]", [
      { name: "shot.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") },
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from(text) },
    ]);
    await w.page.waitForSelector("[aria-label='Files to attach'] :text('notes.txt')");
    await w.page.click("button:has-text('Comment')");
    const thumb = w.page.locator("[data-testid=attachment] img.thumb[alt='shot.png']");
    await thumb.waitFor();
    await w.page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>("img.thumb")].every((i) => i.complete && i.naturalWidth > 0));
    const saved = comments("DEMO-5").find((c) => c.body === "Logs and a screenshot");
    assert.equal(saved?.attachments.map((a) => a.filename).sort(), ["notes.txt", "shot.png"]);
    const download = async (name: string) => {
      const href = await w.page.locator(`[data-testid=attachment] a[download='${name}']`).getAttribute("href");
      return Buffer.from(await w.page.evaluate(async (u) => [...new Uint8Array(await (await fetch(u)).arrayBuffer())], href!));
    };
    assert.equal(await download("notes.txt"), Buffer.from(text));
    assert.equal(await download("shot.png"), Buffer.from(PNG, "base64"));
    await w.shot("comment-attachments");
    assert.equal(w.takeErrors(), []);
  });

  test("a comment deleted in the UI while it has a reply keeps its place as deleted", async () => {
    const root = w.cli.json(["issue", "comments", "add", "DEMO-3", "--body", "Question for later"]) as CommentJson;
    w.cli.ok(["issue", "comments", "add", "DEMO-3", "--body", "An answer", "--parent", root.id]);
    await w.page.goto("/issues/DEMO-3");
    const comment = w.page.locator(`[data-comment-id="${root.id}"]`);
    w.page.once("dialog", (d) => void d.accept());
    await comment.locator("> header button:has-text('Delete')").click();
    await w.page.waitForSelector("[data-testid=comment]:has-text('This comment was deleted.')");
    await w.page.waitForSelector(".replies [data-testid=comment]:has-text('An answer')");
    assert.ok(comments("DEMO-3").find((c) => c.id === root.id)?.deleted_at, "the CLI sees it deleted");
    assert.equal(w.takeErrors(), []);
  });

  test("a recurring issue made on the project page has its type and cron in `issue show`; a bad cron shows the API's refusal; pause, enable and Run now reach the CLI", async () => {
    await w.page.goto("/projects/Demo");
    await w.page.waitForSelector("[data-testid=project-page]");
    await w.page.click("button:has-text('New recurring issue')");
    const form = w.page.locator("[data-testid=issue-form]");
    assert.is(await form.locator("select[name=issue_type]").inputValue(), "recurring");
    await form.locator("input[name=title]").fill("Nightly dependency audit");
    await form.locator("input[name=cron]").fill("61 25 * * *");
    await form.locator("button[type=submit]").click();
    const note = form.locator("[role=alert]");
    await note.waitFor();
    const refusal = await w.page.evaluate(async () => {
      const project = (await (await fetch("/api/v1/app/projects/Demo")).json()).project.id;
      const res = await fetch("/api/v1/app/issues", { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "x", project_id: project, issue_type: "recurring", cron: "61 25 * * *" }) });
      return { status: res.status, message: (await res.json()).error.message as string };
    });
    assert.is(refusal.status, 400);
    assert.ok((await note.innerText()).includes(refusal.message), `the form shows "${refusal.message}"`);
    await w.shot("recurring-bad-cron", w.page, true);
    await form.locator("input[name=cron]").fill("0 9 * * 1-5");
    await form.locator("button[type=submit]").click();
    const row = w.page.locator("[data-testid=recurring-list] tr", { hasText: "Nightly dependency audit" });
    await row.waitFor();
    const identifier = await row.getAttribute("data-identifier");
    const shown = w.cli.json(["issue", "show", identifier!]);
    assert.is(shown.issue_type, "recurring");
    assert.is(shown.cron, "0 9 * * 1-5");
    assert.is(shown.enabled, true);
    await w.shot("project-page");

    await row.locator("[data-testid=schedule-toggle]").click();
    await row.locator("[data-testid=schedule-toggle][aria-checked=false]").waitFor();
    assert.is(w.cli.json(["issue", "show", identifier!]).enabled, false);
    await w.page.goto(`/issues/${identifier}`);
    const schedule = w.page.locator("[data-testid=schedule]");
    await schedule.locator("text=0 9 * * 1-5").waitFor();
    await schedule.locator("text=Paused").waitFor();
    await schedule.locator("[data-testid=schedule-toggle]").click();
    await schedule.locator("text=Enabled").waitFor();
    assert.is(w.cli.json(["issue", "show", identifier!]).enabled, true);
    assert.is(w.cli.json(["issue", "show", identifier!]).last_enqueued_at, null);
    await schedule.locator("[data-testid=run-now]").click();
    await w.page.waitForSelector(`.toast:has-text('Run of ${identifier} enqueued')`);
    assert.ok(w.cli.json(["issue", "show", identifier!]).last_enqueued_at, "Run now enqueued a run");
    await w.shot("issue-recurring");
    // Chromium logs each refused request (the form's and the check's) as a console error.
    assert.equal(w.takeErrors().filter((e) => !e.includes("status of 400")), []);
  });

  test("the project page shows the repository, stops and starts dispatch, and leads to an epic with its issues", async () => {
    await w.page.goto("/projects");
    await w.page.click("[data-testid=project]:has-text('Demo') >> text=Open project");
    await w.page.waitForSelector("[data-testid=project-page]");
    assert.is(await w.page.locator("[data-testid=repo-path]").innerText(), w.cli.repo);
    await w.page.waitForSelector("[data-testid=issue-list] a.ident:has-text('DEMO-1')");
    const before = w.cli.json(["project", "show", "Demo"]).project.state;
    await w.page.click("[data-testid=dispatch-toggle]");
    await w.page.waitForSelector(`[data-testid=dispatch-toggle]:has-text('${before === "running" ? "Start" : "Stop"}')`);
    assert.is.not(w.cli.json(["project", "show", "Demo"]).project.state, before);
    await w.page.click("[data-testid=dispatch-toggle]");
    await w.page.waitForSelector(`[data-testid=dispatch-toggle]:has-text('${before === "running" ? "Stop" : "Start"}')`);
    assert.is(w.cli.json(["project", "show", "Demo"]).project.state, before);
    await w.page.click("a:has-text('Checkout')");
    await w.page.waitForSelector("[data-testid=epic-page] h1:has-text('Checkout')");
    const listed = await w.page.locator("[data-testid=issue-list] a.ident").allInnerTexts();
    assert.equal(listed.sort(), ["DEMO-1", "DEMO-2", "DEMO-4"]);
    await w.shot("epic-page");
    assert.equal(w.takeErrors(), []);
  });

  test("the palette opens with Ctrl+K, finds an issue by identifier and Enter opens it; arrows move, Escape closes", async () => {
    await w.page.goto("/board");
    await w.page.waitForSelector("[data-testid=card]");
    await w.page.keyboard.press("Control+k");
    const palette = w.page.locator("[data-testid=palette]");
    await palette.locator("[role=combobox]:focus").waitFor();
    await w.page.keyboard.type("DEMO-4");
    await palette.locator("[role=option][aria-selected=true]:has-text('DEMO-4')").waitFor();
    await w.shot("palette", w.page, true);
    await w.page.keyboard.press("Enter");
    await w.page.waitForSelector("[data-testid=issue-title]:has-text('Retry failed webhooks')");
    assert.is(new URL(w.page.url()).pathname, "/issues/DEMO-4");
    await palette.waitFor({ state: "detached" });

    await w.page.click("[data-testid=palette-button]");
    // Keys pressed before the dialog has rendered would land on the page.
    await palette.locator("[role=combobox]:focus").waitFor();
    const searched = w.page.waitForResponse((r) => r.url().includes("search=project"));
    await w.page.keyboard.type("project");
    await searched;
    await palette.locator("[role=option]:has-text('Start project Demo'), [role=option]:has-text('Stop project Demo')").waitFor();
    const first = await palette.locator("[role=option][aria-selected=true]").innerText();
    await w.page.keyboard.press("ArrowDown");
    const second = await palette.locator("[role=option][aria-selected=true]").innerText();
    assert.is.not(second, first, "ArrowDown moves the selection");
    await w.page.keyboard.press("Escape");
    await palette.waitFor({ state: "detached" });

    await w.page.keyboard.press("Control+k");
    await palette.locator("[role=combobox]:focus").waitFor();
    await w.page.keyboard.type("sessions");
    await palette.locator("[role=option][aria-selected=true]:has-text('Sessions')").waitFor();
    await w.page.keyboard.press("Enter");
    await w.page.waitForSelector("text=Recent runs");
    assert.is(new URL(w.page.url()).pathname, "/sessions");
    assert.equal(w.takeErrors(), []);
  });

  test("the new pages and the palette fit a 375 px screen and read in dark mode", async () => {
    const phone = await w.browser.newPage({ viewport: { width: 375, height: 800 }, baseURL: w.daemon.url, colorScheme: "dark" });
    const epics = w.cli.json(["epic", "list"]);
    const checkout = ((Array.isArray(epics) ? epics : epics.items) as { id: string; name: string }[]).find((e) => e.name === "Checkout")!.id;
    const pages = [{ name: "project-page", url: "/projects/Demo", ready: "[data-testid=project-page]" }, { name: "epic-page", url: `/epics/${checkout}`, ready: "[data-testid=epic-page]" }];
    for (const { name, url, ready } of pages) {
      await phone.goto(url);
      await phone.waitForSelector(ready);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${url} is ${overflow}px wider than 375 px`);
      await w.shot(`${name}-375-dark`, phone, true);
    }
    await phone.click("[data-testid=palette-button]");
    await phone.locator("[data-testid=palette] [role=combobox]:focus").waitFor();
    await phone.keyboard.type("demo");
    await phone.locator("[data-testid=palette] [role=option]").first().waitFor();
    await w.shot("palette-375-dark", phone, true);
    await phone.close();
    assert.equal(w.takeErrors(), []);
  });

  test.run();
}
