import type { BoardOverview } from "../../tracker/mod.ts";
import type { CommandSpec } from "../command.ts";
import { present, stringFlag } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { printBoard } from "../render/board.ts";
import { respond } from "../respond.ts";

/** `maestro board`: issues in lanes by state (inventory §1.8). */
export const boardCommand: CommandSpec = {
  name: "board",
  summary: "Show standard issues in lanes by state",
  flags: [{ name: "project", type: "string", value: "PROJECT", description: "only this project (id or name)" }],
  async run(ctx) {
    const board = await invoke<BoardOverview>(ctx, "board_overview", present({ project_id: stringFlag(ctx, "project") }));
    respond(ctx, board, () => board.columns.flatMap((c) => c.issues.map((i) => i.identifier)), () => printBoard(ctx.out, board, ctx.global.wide));
  },
};
