import type { TrackerStatus } from "../../tracker/mod.ts";
import type { CommandSpec } from "../command.ts";
import { invoke } from "../invoke.ts";
import { stateLabel } from "../render/cells.ts";
import { respond } from "../respond.ts";

/** `maestro status`: counts from the database (inventory §1.8, without --dashboard). */
export const statusCommand: CommandSpec = {
  name: "status",
  summary: "Count projects, epics and issues by state",
  async run(ctx) {
    const status = await invoke<TrackerStatus>(ctx, "get_status", {});
    respond(ctx, status, () => [], () => {
      ctx.out.line("Maestro Status");
      ctx.out.line("==============");
      ctx.out.fields([
        ["Projects", status.projects],
        ["Epics", status.epics],
        ["Total Issues", status.total],
        ...Object.entries(status.issues).map(([state, n]): [string, number] => [`  ${stateLabel(state)}`, n]),
      ]);
    });
  },
};
