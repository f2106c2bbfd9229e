import { suite } from "uvu";
import * as assert from "uvu/assert";
import { assertError, HOST, OPS_TOKEN, ORIGIN, withHttp } from "./fixture.ts";

const test = suite("http security");
const API_TOKEN = "api-token-abcdef";

test("a Host header not in allowedHosts is 403 on every path (DNS rebinding)", () =>
  withHttp(async (fx) => {
    for (const path of ["/health", "/api/v1/app/projects", "/nowhere"]) {
      assertError(await fx.request("GET", path, { headers: { host: "evil.example:8787" } }), 403, "forbidden", /evil\.example/);
    }
    assert.is((await fx.request("GET", "/health", { headers: { host: "LOCALHOST:8787" } })).status, 200, "case-insensitive");
  }));

test("a request without a Host header is judged by its URL's host", () =>
  withHttp(async (fx) => {
    assert.is((await fx.request("GET", "/health", { noHost: true })).status, 200);
    const foreign = await fx.app.fetch(new Request("http://evil.example/health"), { remoteAddress: "127.0.0.1" });
    assert.is(foreign.status, 403);
  }));

test("mutations from a foreign Origin are 403; from our own origin or with no Origin they pass", () =>
  withHttp(async (fx) => {
    const json = { name: "Demo", repo_path: `${fx.dir}/repo` };
    assertError(
      await fx.request("POST", "/api/v1/app/projects", { json, headers: { origin: "https://evil.example" } }),
      403,
      "forbidden",
      /cross-origin/,
    );
    assertError(await fx.request("POST", "/api/v1/app/projects", { json, headers: { origin: "null" } }), 403, "forbidden");
    assert.is((await fx.request("POST", "/api/v1/app/projects", { json, headers: { origin: ORIGIN } })).status, 201);
    assert.is((await fx.request("GET", "/api/v1/app/projects", { headers: { origin: "https://evil.example" } })).status, 200,
      "reads are not refused (no CORS headers, so a foreign page cannot read them)");
    assert.is(fx.tracker.listProjects({ limit: 10, offset: 0 }).total, 1);
  }));

test("no response carries CORS headers, preflights included", () =>
  withHttp(async (fx) => {
    const reply = await fx.request("OPTIONS", "/api/v1/app/projects", { headers: { origin: "https://evil.example" } });
    assert.is(reply.status, 405);
    assert.is(reply.headers.get("access-control-allow-origin"), null);
  }));

test("with an apiToken, /api routes need Authorization: Bearer; /health does not", () =>
  withHttp(
    async (fx) => {
      assertError(await fx.request("GET", "/api/v1/app/projects"), 401, "unauthorized", /Missing API token/);
      const wrong = await fx.request("GET", "/api/v1/app/projects", { headers: { authorization: "Bearer nope" } });
      assertError(wrong, 401, "unauthorized", /Invalid API token/);
      assert.match(wrong.headers.get("www-authenticate") ?? "", /^Bearer/);
      const ok = await fx.request("GET", "/api/v1/app/projects", { headers: { authorization: `Bearer ${API_TOKEN}` } });
      assert.is(ok.status, 200);
      assert.is((await fx.request("GET", "/health")).status, 200);
      assertError(await fx.request("GET", "/api/v1/nowhere"), 401, "unauthorized", undefined);
    },
    { apiToken: API_TOKEN },
  ));

test("POST /api/v1/ops always needs the ops token, even with no apiToken", () =>
  withHttp(async (fx) => {
    assertError(await fx.request("POST", "/api/v1/ops", { json: { op: "get_status" } }), 401, "unauthorized", /ops token/);
    assertError(
      await fx.request("POST", "/api/v1/ops", { json: { op: "get_status" }, headers: { authorization: `Bearer ${OPS_TOKEN}x` } }),
      401,
      "unauthorized",
    );
    assertError(
      await fx.request("POST", "/api/v1/ops", { json: { op: "get_status" }, headers: { authorization: `Basic ${OPS_TOKEN}` } }),
      401,
      "unauthorized",
    );
    const ok = await fx.request("POST", "/api/v1/ops", {
      json: { op: "get_status" },
      headers: { authorization: `bearer ${OPS_TOKEN}` },
    });
    assert.is(ok.status, 200);
  }));

test("the WebSocket upgrade passes the same gate: Host, Origin, apiToken", () =>
  withHttp(
    async (fx) => {
      const upgrade = async (headers: Record<string, string>, url = "/api/v1/ws") => {
        const result = await fx.app.upgrade(fx.build("GET", url, { headers: { upgrade: "websocket", ...headers } }), {
          remoteAddress: "127.0.0.1",
        });
        return result instanceof Response ? result.status : "accepted";
      };
      const auth = { authorization: `Bearer ${API_TOKEN}` };
      assert.is(await upgrade({}), 401);
      assert.is(await upgrade({ ...auth, host: "evil.example" }), 403);
      assert.is(await upgrade({ ...auth, origin: "https://evil.example" }), 403);
      assert.is(await upgrade({ ...auth, origin: `http://${HOST}` }), "accepted");
      assert.is(await upgrade(auth), "accepted");
      assert.is(await upgrade(auth, "/api/v1/other"), 404);
      assert.is(await upgrade(auth, "/api/v1/ws?since=abc"), 400);
    },
    { apiToken: API_TOKEN },
  ));

test.run();
