import type { CommandContext } from "./command.ts";

/**
 * The one place a command reaches the tracker: `{op, input}` in, the
 * operation's result out. The result type is the contract's shape for `op`;
 * it is named by the caller because operations return `unknown`.
 */
export async function invoke<T>(ctx: CommandContext, op: string, input: Record<string, unknown>): Promise<T> {
  return (await ctx.client.call(op, input)) as T;
}
