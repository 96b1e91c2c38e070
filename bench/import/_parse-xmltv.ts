/** Full parse of a guide, plain or gzipped (the parser detects which). */
import { parseXmltv } from "../../packages/api/src/iptv/mod.ts";
import { report } from "./_report.ts";

const path = process.argv[2] ?? "";
const startedAt = performance.now();
let programmes = 0;
let channels = 0;
let warnings = 0;
for await (const event of parseXmltv(Bun.file(path).stream())) {
  if (event.type === "programme") programmes++;
  else if (event.type === "channel") channels++;
  else warnings++;
}
report(startedAt, programmes, { channels, warnings });
