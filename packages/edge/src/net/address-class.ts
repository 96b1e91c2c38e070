/**
 * What kind of address an IP is, for outgoing connections made on a tenant's say-so (the edge's
 * upstream streams, the API's custom-domain verification and imports): only a public unicast
 * address may be connected to, never loopback, private, link-local, shared (CGNAT), multicast
 * or reserved space, however written (IPv4-mapped, NAT64 and 6to4 IPv6 forms are judged by the
 * IPv4 address they carry).
 */
import { isIPv4, isIPv6 } from "node:net";

export type AddressClass =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "shared"
  | "link-local"
  | "multicast"
  | "reserved"
  | "invalid";

/** IPv4 blocks that are not public, as [base address, prefix length, class], most specific first. */
const V4_BLOCKS: ReadonlyArray<readonly [string, number, AddressClass]> = [
  ["0.0.0.0", 32, "unspecified"],
  ["0.0.0.0", 8, "reserved"], // "this network"
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared"], // carrier-grade NAT (RFC 6598)
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"], // also cloud metadata services (169.254.169.254)
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"], // IETF protocol assignments
  ["192.0.2.0", 24, "reserved"], // documentation
  ["192.88.99.0", 24, "reserved"], // 6to4 relay anycast (deprecated)
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"], // benchmarking
  ["198.51.100.0", 24, "reserved"], // documentation
  ["203.0.113.0", 24, "reserved"], // documentation
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"], // future use, and the broadcast address
];

function v4Number(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

const V4_MASKS = V4_BLOCKS.map(([base, bits, kind]) => {
  const size = 2 ** (32 - bits);
  return { start: v4Number(base), size, kind };
});

function classifyV4(value: number): AddressClass {
  for (const block of V4_MASKS)
    if (value >= block.start && value < block.start + block.size) return block.kind;
  return "public";
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped), or null when it is not one. */
function v6Groups(address: string): number[] | null {
  let text = address.split("%")[0] ?? "";
  // A dotted IPv4 tail ("::ffff:127.0.0.1") is the last two groups written another way.
  const lastColon = text.lastIndexOf(":");
  const dotted = text.slice(lastColon + 1);
  if (dotted.includes(".")) {
    if (!isIPv4(dotted)) return null;
    const n = v4Number(dotted);
    text = `${text.slice(0, lastColon + 1)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const [head = "", rest, extra] = text.split("::");
  if (extra !== undefined) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...new Array<number>(rest === undefined ? 0 : missing).fill(0), ...right];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function classifyV6(g: number[]): AddressClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = g6 * 65536 + g7;
  const zeroTo = (end: number) => g.slice(0, end).every((x) => x === 0);
  if (zeroTo(8)) return "unspecified";
  if (zeroTo(7) && g7 === 1) return "loopback";
  if (zeroTo(5) && g5 === 0xffff) return classifyV4(embedded); // IPv4-mapped ::ffff:a.b.c.d
  if (zeroTo(6)) return "reserved"; // IPv4-compatible ::a.b.c.d (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return classifyV4(embedded); // NAT64 64:ff9b::a.b.c.d
  if (g0 === 0x2002) return classifyV4(g1 * 65536 + g2); // 6to4 2002:aabb:ccdd::
  if (g0 === 0x2001 && g1 === 0) return "reserved"; // Teredo tunnels to any IPv4 address
  if (g0 === 0x2001 && g1 === 0x0db8) return "reserved"; // documentation
  if ((g0 & 0xfe00) === 0xfc00) return "private"; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if ((g0 & 0xff00) === 0xff00) return "multicast"; // ff00::/8
  // Global unicast is 2000::/3; everything else (100::/64 discard, fec0::/10, unassigned) is not.
  return (g0 & 0xe000) === 0x2000 ? "public" : "reserved";
}

/** The class of an IPv4 or IPv6 address as text; `invalid` when it is neither. */
export function addressClass(address: string): AddressClass {
  if (isIPv4(address)) return classifyV4(v4Number(address));
  if (isIPv6(address.split("%")[0] ?? "")) {
    const groups = v6Groups(address);
    return groups ? classifyV6(groups) : "invalid";
  }
  return "invalid";
}
