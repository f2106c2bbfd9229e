import * as fs from "node:fs";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { MAX_ASSET_BYTES } from "../../lib/tracker/mod.ts";
import { assertError, withHttp } from "./fixture.ts";

const test = suite("http assets");
const BASE = "/api/v1/app/issues/DEMO-1/assets";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

function fileForm(bytes: Uint8Array<ArrayBuffer>, name: string, type = ""): FormData {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type }), name);
  return form;
}

test("upload (201) then download returns the same bytes with type, inline disposition and nosniff", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const up = await fx.request("POST", BASE, { body: fileForm(PNG, "shot.png", "image/png") });
    assert.is(up.status, 201, up.text);
    assert.is(up.body.filename, "shot.png");
    assert.is(up.body.content_type, "image/png");
    assert.is(up.body.byte_size, PNG.length);
    const list = await fx.request("GET", BASE);
    assert.equal(list.body.items.map((a: any) => a.id), [up.body.id]);
    const res = await fx.app.fetch(fx.build("GET", `${BASE}/${up.body.id}/content`), { remoteAddress: "127.0.0.1" });
    assert.is(res.status, 200);
    assert.equal(new Uint8Array(await res.arrayBuffer()), PNG);
    assert.is(res.headers.get("content-type"), "image/png");
    assert.is(res.headers.get("content-length"), String(PNG.length));
    assert.match(res.headers.get("content-disposition") ?? "", /^inline; filename="shot.png"/);
    assert.is(res.headers.get("x-content-type-options"), "nosniff");
    assert.is(res.headers.get("access-control-allow-origin"), null, "no CORS");
  }));

test("non-image assets (HTML, SVG) download as attachments, never inline", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    for (const [name, type] of [["page.html", "text/html"], ["logo.svg", "image/svg+xml"], ["notes.txt", ""]] as const) {
      const up = await fx.request("POST", BASE, { body: fileForm(new TextEncoder().encode("<b>x</b>"), name, type) });
      assert.is(up.status, 201);
      const res = await fx.app.fetch(fx.build("GET", `${BASE}/${up.body.id}/content`), { remoteAddress: "127.0.0.1" });
      assert.match(res.headers.get("content-disposition") ?? "", /^attachment; /, name);
      assert.is(res.headers.get("x-content-type-options"), "nosniff");
      assert.match(res.headers.get("content-security-policy") ?? "", /sandbox/);
    }
  }));

test("a client file name is reduced to its base name; a unicode name survives in filename*", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const up = await fx.request("POST", BASE, { body: fileForm(PNG, "../../etc/évil\".png", "image/png") });
    assert.is(up.status, 201);
    assert.is(up.body.filename, "évil\".png");
    const res = await fx.app.fetch(fx.build("GET", `${BASE}/${up.body.id}/content`), { remoteAddress: "127.0.0.1" });
    const disposition = res.headers.get("content-disposition") ?? "";
    assert.match(disposition, /filename="_vil_.png"/);
    assert.match(disposition, /filename\*=UTF-8''%C3%A9vil%22.png/);
    const stored = fs.readdirSync(`${fx.dir}/assets`, { recursive: true }).map(String);
    assert.ok(stored.every((p) => !p.includes("..") && !p.includes("vil")), "stored under the asset id, not the client's name");
  }));

test("DELETE removes the asset; its content is then 404", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const up = await fx.request("POST", BASE, { body: fileForm(PNG, "shot.png") });
    const del = await fx.request("DELETE", `${BASE}/${up.body.id}`);
    assert.equal(del.body, { deleted: true, identifier: "DEMO-1", asset_id: up.body.id });
    assertError(await fx.request("GET", `${BASE}/${up.body.id}/content`), 404, "not_found", /not found on "DEMO-1"/);
  }));

test("an asset of another issue is not served through this one", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.issue(p.id, "One");
    fx.issue(p.id, "Two");
    const up = await fx.request("POST", "/api/v1/app/issues/DEMO-2/assets", { body: fileForm(PNG, "shot.png") });
    assertError(await fx.request("GET", `${BASE}/${up.body.id}/content`), 404, "not_found");
  }));

test("a file of exactly MAX_ASSET_BYTES uploads; one byte more is 413", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const big = new Uint8Array(MAX_ASSET_BYTES + 1);
    const over = await fx.request("POST", BASE, { body: fileForm(big, "big.bin") });
    assertError(over, 413, "payload_too_large", /over the 100\.0 MiB limit/);
    const exact = await fx.request("POST", BASE, { body: fileForm(big.subarray(0, MAX_ASSET_BYTES), "exact.bin") });
    assert.is(exact.status, 201, exact.text.slice(0, 200));
    assert.is(exact.body.byte_size, MAX_ASSET_BYTES);
  }));

test("a streamed upload past the limit is cut off with 413 without reading it all", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_ASSET_BYTES * 3) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const reply = await fx.request("POST", BASE, {
      body: stream,
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
    });
    assertError(reply, 413, "payload_too_large");
    assert.ok(sent < MAX_ASSET_BYTES + 4 * 1024 * 1024, `stopped reading early (read ${sent} bytes)`);
  }));

test("a declared Content-Length over the limit is 413 before reading", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const reply = await fx.request("POST", BASE, {
      body: "x",
      headers: { "content-type": "multipart/form-data; boundary=xyz", "content-length": String(MAX_ASSET_BYTES * 2) },
    });
    assertError(reply, 413, "payload_too_large");
  }));

test("an empty file is refused by the tracker with 400", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    assertError(await fx.request("POST", BASE, { body: fileForm(new Uint8Array(0), "empty.txt") }), 400, "invalid_input", /empty/);
  }));

test.run();
