import type { CommandSpec } from "../command.ts";
import { intFlag, present } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { requireDaemon } from "../no-daemon.ts";
import type { RuntimeSeries } from "../../orchestrator/mod.ts";
import { respond } from "../respond.ts";

/** `maestro runtime-series [--hours N]`: runs and tokens per UTC hour (inventory §1.8). */
export const runtimeSeriesCommand: CommandSpec = {
  name: "runtime-series",
  summary: "Count runs started, completed and failed, retries and tokens per hour, UTC (needs the daemon)",
  flags: [{ name: "hours", type: "int", value: "N", description: "how many hours back, 1 to 720", defaultText: "24" }],
  async run(ctx) {
    requireDaemon(ctx, "Cannot show the runtime series");
    const series = await invoke<RuntimeSeries>(ctx, "get_runtime_series", present({ hours: intFlag(ctx, "hours") }));
    respond(ctx, series, () => series.buckets.map((b) => b.bucket), () => {
      ctx.out.table(
        ["BUCKET", "STARTED", "COMPLETED", "FAILED", "RETRIES", "TOKENS"],
        series.buckets.map((b) => [b.bucket, b.started, b.completed, b.failed, b.retries, b.tokens]),
      );
    });
  },
};
