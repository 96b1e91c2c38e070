/**
 * Test helpers: run ffprobe/ffmpeg against the origin with a hard time limit, and read back the
 * packets ffprobe saw. Tests use the real tools because real players are what must work.
 */

export interface ToolRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

export async function runTool(cmd: string[], timeoutMs: number): Promise<ToolRun> {
  const started = performance.now();
  const child = Bun.spawn(cmd, { stdout: "pipe", stderr: "pipe", timeout: timeoutMs, killSignal: "SIGKILL" });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { exitCode, stdout, stderr, elapsedMs: performance.now() - started };
}

export interface ProbedPacket {
  stream: number;
  pts: number;
  dts: number;
}

/** `ffprobe -show_packets` of the first `seconds` of media at `url`. */
export async function probePackets(url: string, seconds: number, timeoutMs: number) {
  const run = await runTool(
    [
      "ffprobe",
      "-v",
      "debug",
      "-read_intervals",
      `%+${seconds}`,
      "-show_packets",
      "-show_entries",
      "packet=stream_index,pts,dts",
      "-of",
      "csv=p=0",
      url,
    ],
    timeoutMs,
  );
  const packets: ProbedPacket[] = [];
  for (const line of run.stdout.split("\n")) {
    const [stream, pts, dts] = line.split(",");
    if (!/^\d+$/.test(stream ?? "") || !/^\d+$/.test(dts ?? "")) continue;
    packets.push({ stream: Number(stream), pts: Number(pts), dts: Number(dts) });
  }
  return { run, packets };
}

/** Pairs of consecutive packets of one stream whose DTS does not increase. */
export function backwardSteps(packets: readonly ProbedPacket[]): Array<[ProbedPacket, ProbedPacket]> {
  const last = new Map<number, ProbedPacket>();
  const steps: Array<[ProbedPacket, ProbedPacket]> = [];
  for (const packet of packets) {
    const previous = last.get(packet.stream);
    if (previous !== undefined && packet.dts <= previous.dts) steps.push([previous, packet]);
    last.set(packet.stream, packet);
  }
  return steps;
}

/** Lines of ffmpeg's debug log that report broken continuity counters or corrupt packets. */
export function transportErrors(stderr: string): string[] {
  return stderr.split("\n").filter((line) => /continuity check failed|corrupt|out of order/i.test(line));
}
