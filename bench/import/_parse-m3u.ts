/** Full parse of every entry, through the same file stream as the reference. */
import { parseM3u } from "../../packages/api/src/iptv/mod.ts";
import { report } from "./_report.ts";

const path = process.argv[2] ?? "";
const startedAt = performance.now();
let entries = 0;
let warnings = 0;
let live = 0;
for await (const event of parseM3u(Bun.file(path).stream())) {
  if (event.type === "entry") {
    entries++;
    if (event.entry.kind === "live") live++;
  } else if (event.type === "warning") warnings++;
}
report(startedAt, entries, { warnings, live });
