import { nodeFs, nodeProcess } from "./builtin.ts";

/**
 * Every descendant of `pid` (children, their children, ...), read from /proc
 * on Linux; [] elsewhere or when /proc cannot be read. A program that moved
 * its children into process groups of their own (a sandbox, a test runner)
 * would otherwise leave them running when its group is killed.
 */
export function descendantsOf(pid: number): number[] {
  if (nodeProcess().platform !== "linux") return [];
  const children = new Map<number, number[]>();
  try {
    for (const name of nodeFs().readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      let stat: string;
      try {
        stat = nodeFs().readFileSync(`/proc/${name}/stat`, "utf8");
      } catch {
        continue; // gone while we looked
      }
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    }
  } catch {
    return [];
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}
