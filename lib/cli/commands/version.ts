import type { CommandSpec } from "../command.ts";

export const versionCommand: CommandSpec = {
  name: "version",
  summary: "Print the Maestro version",
  run(ctx) {
    if (ctx.global.json) {
      ctx.out.json({ version: MAESTRO_VERSION, runtime: ctx.runtime.name, runtime_version: ctx.runtime.version });
    } else ctx.out.line(`maestro ${MAESTRO_VERSION}`);
  },
};
