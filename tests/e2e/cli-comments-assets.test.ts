import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runtimes } from "../helpers/bundle.ts";
import { assertFails, cliWorld, type CliWorld } from "./cli-harness.ts";

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

for (const rt of runtimes) {
  const test = suite<{ template: CliWorld; w: CliWorld }>(`e2e cli comments and assets (${rt.name})`);
  test.before((ctx) => {
    ctx.template = cliWorld(rt);
    ctx.template.ok(["issue", "create", "Alpha", "--project", ctx.template.project()]);
  });
  test.after((ctx) => ctx.template.cleanup());
  test.before.each((ctx) => {
    ctx.w = cliWorld(rt, ctx.template);
  });
  test.after.each((ctx) => ctx.w.cleanup());

  test("comments add, reply, list, update and delete", ({ w }) => {
    const out = w.ok(["issue", "comments", "add", "DEMO-1", "--body", "First thought"]);
    const root = /^Added comment (\S+)\n$/.exec(out)?.[1];
    assert.ok(root, out);
    const reply = w.json(["issue", "comments", "add", "DEMO-1", "--body", "A reply", "--parent", root!]);
    assert.is(reply.parent_comment_id, root);
    assert.equal(reply.author, { type: "source", name: "CLI" });
    const page = w.json(["issue", "comments", "list", "DEMO-1"]);
    assert.is(page.items.length, 1);
    assert.is(page.items[0].replies[0].id, reply.id);
    const text = w.ok(["issue", "comments", "list", "DEMO-1"]);
    assert.match(text, new RegExp(`^\\[${root}\\] CLI \\(source\\) .*\\n {2}First thought\\n {2}\\[${reply.id}\\] CLI \\(source\\) .*\\n {4}A reply$`, "m"));
    assert.equal(w.ok(["issue", "comments", "list", "DEMO-1", "--quiet"]).trim().split("\n"), [root, reply.id]);
    assert.is(w.ok(["issue", "comments", "update", "DEMO-1", root!, "--body", "Edited"]), `Updated comment ${root}\n`);
    assert.is(w.ok(["issue", "comments", "delete", "DEMO-1", reply.id]), `Deleted comment ${reply.id}\n`);
    const after = w.json(["issue", "comments", "list", "DEMO-1"]);
    assert.is(after.items[0].body, "Edited");
    assert.equal(after.items[0].replies, []);
    assertFails(w.run(["issue", "comments", "delete", "DEMO-1", "cmt_missing"]), 3, /cmt_missing/);
  });

  test("a comment can carry a file attachment, given by a relative path", ({ w }) => {
    fs.writeFileSync(path.join(w.dir, "log.txt"), "boom\n");
    const c = w.json(["issue", "comments", "add", "DEMO-1", "--attach", "log.txt"], { cwd: w.dir });
    assert.is(c.attachments.length, 1);
    assert.is(c.attachments[0].filename, "log.txt");
    assert.match(w.ok(["issue", "comments", "list", "DEMO-1"]), /attachment: \S+ log\.txt/);
    const edited = w.json(["issue", "comments", "update", "DEMO-1", c.id, "--body", "see log", "--remove-attachment", c.attachments[0].id]);
    assert.equal(edited.attachments, []);
  });

  test("assets add copies a file, list shows it (images alias), remove deletes it", ({ w }) => {
    const src = path.join(w.dir, "shot.png");
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    fs.writeFileSync(src, bytes);
    const out = w.ok(["issue", "assets", "add", "DEMO-1", "shot.png"], { cwd: w.dir });
    const id = /^Added asset (\S+) \(shot\.png, 12 B\)\n$/.exec(out)?.[1];
    assert.ok(id, out);
    fs.rmSync(src);
    const stored = filesUnder(path.join(w.dir, "assets"));
    assert.is(stored.length, 1, "the copy lives under <db dir>/assets");
    assert.equal(new Uint8Array(fs.readFileSync(stored[0]!)), new Uint8Array(bytes));
    const table = w.ok(["issue", "images", "list", "DEMO-1"]).split("\n");
    assert.match(table[0]!, /^ID\s+FILENAME\s+SIZE$/);
    assert.match(table[1]!, new RegExp(`^${id}\\s+shot\\.png\\s+12$`));
    assert.match(w.ok(["issue", "assets", "list", "DEMO-1", "--wide"]).split("\n")[0]!, /CONTENT TYPE\s+CREATED$/);
    assert.is(w.json(["issue", "show", "DEMO-1"]).assets[0].id, id);
    assert.is(w.ok(["issue", "assets", "remove", "DEMO-1", id!]), `Removed asset ${id} from DEMO-1\n`);
    assert.equal(w.json(["issue", "assets", "list", "DEMO-1"]).items, []);
    const missing = w.run(["issue", "assets", "add", "DEMO-1", path.join(w.dir, "missing.png")]);
    assert.ok(missing.code === 2 || missing.code === 3, missing.stderr);
    assertFails(missing, missing.code, /missing\.png/);
  });

  test.run();
}
