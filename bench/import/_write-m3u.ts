/** Parse then write back every entry (what get.php will do from stored entries), to /dev/null. */
import { m3uStream, parseM3u } from "../../packages/api/src/iptv/mod.ts";
import { report } from "./_report.ts";

const path = process.argv[2] ?? "";
const startedAt = performance.now();
let entries = 0;
async function* entriesOf() {
  for await (const event of parseM3u(Bun.file(path).stream())) {
    if (event.type === "entry") {
      entries++;
      yield event.entry;
    }
  }
}
let bytes = 0;
for await (const chunk of m3uStream(entriesOf())) bytes += chunk.length;
report(startedAt, entries, { bytes });
