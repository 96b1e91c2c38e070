/** Reference: stream the file and count LF bytes, nothing else. */
import { report } from "./_report.ts";

const path = process.argv[2] ?? "";
const startedAt = performance.now();
let lines = 0;
for await (const chunk of Bun.file(path).stream()) {
  let at = chunk.indexOf(10);
  while (at !== -1) {
    lines++;
    at = chunk.indexOf(10, at + 1);
  }
}
report(startedAt, lines);
