/** Runs `load-client.ts` in a separate Bun process and returns its per-viewer results. */
import { join } from "node:path";

export interface ViewerResult {
  status: number;
  bytes: number;
  firstByteMs: number;
  ended: boolean;
}

export async function runLoadClient(urls: string[], ms: number): Promise<ViewerResult[]> {
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "load-client.ts"), String(ms)], {
    stdin: new Blob([JSON.stringify(urls)]),
    stdout: "pipe",
    stderr: "inherit",
    timeout: ms + 30_000,
  });
  const [out, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  if (code !== 0) throw new Error(`load client exited with ${code}`);
  return JSON.parse(out) as ViewerResult[];
}
