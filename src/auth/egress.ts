import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { DomainError } from "../domain/errors.js";

/**
 * Where outgoing requests (webhooks, Slack-compatible channels) may go. A URL taken from a
 * document or an integration could otherwise make the server fetch cloud credentials from the
 * metadata service or poke services on the internal network (SSRF). Public addresses are fine;
 * loopback, private, link-local, unique-local, carrier-grade NAT, multicast, documentation and
 * reserved ranges are refused unless FIREBREAK_EGRESS_ALLOW lets them in (by host name or CIDR);
 * cloud metadata addresses are refused unless the allow-list names that exact address. Every
 * address a name resolves to is checked: one bad answer refuses the URL. IPv6 addresses that
 * carry an IPv4 address (mapped, compatible, translated, NAT64, 6to4) are judged by the IPv4
 * address they lead to. Host names go through the WHATWG URL parser first, which turns every
 * IPv4 spelling (`2130706433`, `0177.0.0.1`, `0x7f000001`, `127.1`) into dotted decimal.
 */

/** Instance metadata services (AWS, GCP and Azure share 169.254.169.254; ECS; Alibaba; AWS v6). */
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

/** Ranges that are not the public internet, each with the name a refusal gives. */
const NOT_PUBLIC: [string, number, string][] = [
  ["0.0.0.0", 8, "this-network (reserved)"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT (private)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments (reserved)"],
  ["192.0.2.0", 24, "documentation (reserved)"],
  ["192.88.99.0", 24, "6to4 relay (reserved)"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking (reserved)"],
  ["198.51.100.0", 24, "documentation (reserved)"],
  ["203.0.113.0", 24, "documentation (reserved)"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
  ["::", 128, "unspecified (reserved)"],
  ["::1", 128, "loopback"],
  ["64:ff9b:1::", 48, "local NAT64 (private)"],
  ["100::", 64, "discard-only (reserved)"],
  ["2001::", 32, "Teredo (reserved)"],
  ["2001:db8::", 32, "documentation (reserved)"],
  ["fc00::", 7, "unique-local (private)"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local (private)"],
  ["ff00::", 8, "multicast"],
];

const RANGES = NOT_PUBLIC.map(([net, prefix, name]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, net.includes(":") ? "ipv6" : "ipv4");
  return { list, name, family: net.includes(":") ? "ipv6" : "ipv4" };
});

/**
 * An IP address in WHATWG's canonical form (`::ffff:7f00:1`, `127.0.0.1`), or undefined when
 * `text` is no IP address in any spelling the URL parser accepts.
 */
export function canonicalIp(text: string): string | undefined {
  const bare = text.replace(/^\[|\]$/g, "");
  const literal = bare.includes(":") ? `[${bare}]` : bare;
  let host: string;
  try {
    host = new URL(`http://${literal}/`).hostname;
  } catch {
    return undefined;
  }
  const unbracketed = host.replace(/^\[|\]$/g, "");
  return isIP(unbracketed) ? unbracketed : undefined;
}

/** A canonical IPv6 address as its eight 16-bit groups. */
function groups(v6: string): number[] {
  const [head = "", tail] = v6.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((g) => Number.parseInt(g, 16));
}

const v4From = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");

/**
 * The IPv4 address an IPv6 one carries and leads to: IPv4-mapped (`::ffff:a.b.c.d`),
 * IPv4-compatible (`::a.b.c.d`; `::` and `::1` are themselves), IPv4-translated
 * (`::ffff:0:a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) and 6to4 (`2002:AABB:CCDD::`).
 */
function embeddedV4(v6: string): string | undefined {
  const g = groups(v6);
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const [g0, g1 = 0, g2 = 0, , g4, g5, g6 = 0, g7 = 0] = g;
  if (zero(0, 5) && g5 === 0xffff) return v4From(g6, g7);
  if (zero(0, 6) && (g6 !== 0 || g7 > 1)) return v4From(g6, g7);
  if (zero(0, 4) && g4 === 0xffff && g5 === 0) return v4From(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && zero(2, 6)) return v4From(g6, g7);
  if (g0 === 0x2002) return v4From(g1, g2);
  return undefined;
}

/** The allow-list split into host names, address ranges and exactly named addresses. */
export interface EgressAllow {
  hosts: Set<string>;
  ranges: BlockList;
  /** Addresses named alone (no prefix, or a full-length one): only these open metadata. */
  exact: Set<string>;
}

/**
 * Parses FIREBREAK_EGRESS_ALLOW entries: host names (`chat.corp.internal`), addresses in any
 * spelling (`127.1` means 127.0.0.1) and CIDRs (`10.20.0.0/16`, `fd00::/8`). Throws on a bad
 * prefix or a host name with a prefix, saying which entry.
 */
export function parseEgressAllow(entries: readonly string[]): EgressAllow {
  const allow: EgressAllow = { hosts: new Set(), ranges: new BlockList(), exact: new Set() };
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    const [net = "", bits] = entry.split("/");
    const ip = canonicalIp(net);
    if (!ip) {
      if (bits !== undefined) throw new Error(`egress allow-list: '${raw}' is not a CIDR`);
      allow.hosts.add(entry);
      continue;
    }
    const family = isIP(ip) === 4 ? "ipv4" : "ipv6";
    const full = family === "ipv4" ? 32 : 128;
    const prefix = bits === undefined ? full : Number(bits);
    if (!/^\d+$/.test(bits ?? "0") || prefix > full)
      throw new Error(`egress allow-list: '${raw}' has a bad prefix length`);
    allow.ranges.addSubnet(ip, prefix, family);
    if (prefix === full) allow.exact.add(ip);
  }
  return allow;
}

/**
 * Why an address may not be reached, or undefined when it may. `hostAllowed`: the URL's host
 * name is on the allow-list, which lets any of its addresses through except metadata ones.
 */
export function addressProblem(
  address: string,
  allow: EgressAllow,
  hostAllowed: boolean,
): string | undefined {
  const ip = canonicalIp(address);
  if (!ip) return `${address} is not an IP address`;
  const v4 = isIP(ip) === 6 ? embeddedV4(ip) : undefined;
  const target = v4 ?? ip;
  const family = isIP(target) === 4 ? "ipv4" : "ipv6";
  const shown = v4 ? `${address} (which leads to ${v4})` : address;
  if (METADATA.has(ip) || METADATA.has(target))
    return allow.exact.has(target) || allow.exact.has(ip)
      ? undefined
      : `${shown} is a cloud metadata address`;
  const range = RANGES.find((r) => r.family === family && r.list.check(target, family));
  if (!range) return undefined;
  const allowed =
    allow.ranges.check(target, family) || (v4 !== undefined && allow.ranges.check(ip, "ipv6"));
  if (hostAllowed || allowed) return undefined;
  return `${shown} is not public (${range.name})`;
}

export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * The host name did not resolve. Unlike a refusal this may pass (DNS hiccup), so deliveries
 * retry it; it is still the caller's input, hence `invalid_input`.
 */
export class UnresolvedHostError extends DomainError {
  constructor(message: string) {
    super("invalid_input", message);
    this.name = "UnresolvedHostError";
  }
}

/**
 * Checks a URL an outgoing request is about to use, resolving its host and checking every
 * address. Answers the addresses that passed, so that the caller connects to exactly those (a
 * second resolution could answer differently: DNS rebinding). Throws `forbidden` for a refused
 * scheme or address, `invalid_input` for a malformed URL, `UnresolvedHostError` when DNS fails.
 */
export async function checkOutboundUrl(
  url: string | URL,
  allowList: readonly string[] | EgressAllow,
  resolve: Resolver = systemResolver,
): Promise<{ url: URL; addresses: string[] }> {
  const allow = Array.isArray(allowList) ? parseEgressAllow(allowList) : (allowList as EgressAllow);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError("invalid_input", "the target is not a URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new DomainError(
      "forbidden",
      `outgoing requests use http or https, not ${parsed.protocol}`,
    );
  const host = parsed.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const hostAllowed = allow.hosts.has(host);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch (e) {
    throw new UnresolvedHostError(`cannot resolve ${host}: ${(e as Error).message}`);
  }
  if (addresses.length === 0) throw new UnresolvedHostError(`${host} has no address`);
  for (const address of addresses) {
    const problem = addressProblem(address, allow, hostAllowed);
    if (problem)
      throw new DomainError(
        "forbidden",
        `outgoing request to ${host} refused: ${problem}; FIREBREAK_EGRESS_ALLOW can let it in`,
      );
  }
  return { url: parsed, addresses };
}

/**
 * A DNS lookup for Node's `http(s).request` that can only ever answer `address`, the one
 * `checkOutboundUrl` passed: the request connects there, not to whatever the name resolves to by
 * the time it is sent (DNS rebinding), while the URL's host still names the TLS certificate and
 * the Host header.
 */
export function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return (_host, opts, callback) => {
    if (opts.all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    else callback(null, address, family);
  };
}
