import { test } from "uvu";
import * as assert from "uvu/assert";
import { MaestroError } from "../../lib/errors.ts";
import { workspacePath } from "../../lib/workspace/mod.ts";

test("workspacePath slugs the project and keys the issue", () => {
  assert.is(workspacePath("/w", "Maestro", "MAE-12"), "/w/maestro/MAE-12");
  assert.is(workspacePath("/w/", "  My Big   Project!! ", "MAE 12/x"), "/w/my-big-project/MAE_12_x");
});

test("workspacePath falls back to project and issue for names with nothing usable", () => {
  assert.is(workspacePath("/w", "***", ""), "/w/project/issue");
  assert.is(workspacePath("/w", "", "é"), "/w/project/_");
});

test("workspacePath keeps path-like identifiers inside the root", () => {
  assert.is(workspacePath("/w", "../..", "../../etc"), "/w/project/.._.._etc");
  assert.is(workspacePath("/w", "p", "/etc/passwd"), "/w/p/_etc_passwd");
  assert.is(workspacePath("/w", "p", "..."), "/w/p/...");
});

test("workspacePath refuses . and .. as an issue key and a relative root", () => {
  for (const [root, identifier] of [["/w", "."], ["/w", ".."], ["w", "MAE-1"]] as const) {
    assert.throws(() => workspacePath(root, "p", identifier), (e: unknown) => e instanceof MaestroError && e.code === "invalid_input");
  }
});

test.run();
