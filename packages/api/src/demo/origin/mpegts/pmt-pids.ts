/**
 * The PIDs that carry program map tables, read from the first program association table. The
 * loop rewriter needs them to tell PSI sections from PES packets.
 */
import { PACKET_SIZE, payloadOffsetOf, pidOf, startsPayloadUnit } from "./ts-packet.ts";

const PAT_PID = 0;

export function pmtPidsOf(bytes: Uint8Array): Set<number> {
  for (let packet = 0; packet + PACKET_SIZE <= bytes.length; packet += PACKET_SIZE) {
    if (pidOf(bytes, packet) !== PAT_PID || !startsPayloadUnit(bytes, packet)) continue;
    const payload = payloadOffsetOf(bytes, packet);
    if (payload < 0) continue;
    const section = payload + 1 + (bytes[payload] ?? 0);
    const sectionLength = (((bytes[section + 1] ?? 0) & 0x0f) << 8) | (bytes[section + 2] ?? 0);
    // Program entries follow the 8-byte section header and precede the 4-byte CRC.
    const end = Math.min(section + 3 + sectionLength - 4, packet + PACKET_SIZE);
    const pids = new Set<number>();
    for (let entry = section + 8; entry + 4 <= end; entry += 4) {
      const program = ((bytes[entry] ?? 0) << 8) | (bytes[entry + 1] ?? 0);
      const pid = (((bytes[entry + 2] ?? 0) & 0x1f) << 8) | (bytes[entry + 3] ?? 0);
      if (program !== 0) pids.add(pid);
    }
    return pids;
  }
  throw new Error("MPEG-TS clip has no program association table");
}
