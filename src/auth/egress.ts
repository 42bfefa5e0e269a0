import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { DomainError } from "../domain/errors.js";

/**
 * Where outgoing requests (webhooks, Slack-compatible channels) may go. A URL taken from a
 * document or an integration could otherwise make the server fetch cloud credentials from the
 * metadata service or poke services on the internal network (SSRF). Public addresses are fine;
 * loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges are refused
 * unless FIREBREAK_EGRESS_ALLOW lets them in (by host name or CIDR); cloud metadata addresses
 * are refused unless an allowed CIDR names them exactly. Every address a name resolves to is
 * checked: one bad answer refuses the URL.
 */

/** Instance metadata services (AWS, GCP and Azure share 169.254.169.254; ECS; Alibaba; AWS v6). */
const METADATA = ["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"];

function blockList(ranges: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of ranges)
    list.addSubnet(net, prefix, net.includes(":") ? "ipv6" : "ipv4");
  return list;
}

const NOT_PUBLIC = blockList([
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
]);

/** An IPv4 address carried inside an IPv6 one (mapped, or NAT64), which is what gets reached. */
function embeddedV4(address: string): string | undefined {
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return m[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const [hi, lo] = [Number.parseInt(hex[1] as string, 16), Number.parseInt(hex[2] as string, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** The allow-list split into host names and address ranges. */
export interface EgressAllow {
  hosts: Set<string>;
  ranges: BlockList;
}

export function parseEgressAllow(entries: readonly string[]): EgressAllow {
  const hosts = new Set<string>();
  const ranges = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    const [net, bits] = entry.split("/");
    const kind = isIP(net ?? "");
    if (kind === 0) {
      if (bits !== undefined) throw new Error(`egress allow-list: '${raw}' is not a CIDR`);
      hosts.add(entry);
      continue;
    }
    const prefix = bits === undefined ? (kind === 4 ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (kind === 4 ? 32 : 128))
      throw new Error(`egress allow-list: '${raw}' has a bad prefix length`);
    ranges.addSubnet(net as string, prefix, kind === 4 ? "ipv4" : "ipv6");
  }
  return { hosts, ranges };
}

/** Why an address may not be reached, or undefined when it may. */
export function addressProblem(address: string, allow: EgressAllow, hostAllowed: boolean) {
  const v4 = embeddedV4(address);
  const target = v4 ?? address;
  const type = isIP(target) === 4 ? "ipv4" : "ipv6";
  const inRange = allow.ranges.check(target, type);
  if (METADATA.includes(target.toLowerCase()))
    return inRange ? undefined : `${address} is a cloud metadata address`;
  if (!NOT_PUBLIC.check(target, type) || inRange || hostAllowed) return undefined;
  return `${address} is a loopback, private, link-local or reserved address`;
}

export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Checks a URL an outgoing request is about to use, resolving its host and checking every
 * address. Answers the addresses that passed, so that the caller can connect to exactly those
 * (a second resolution could answer differently: DNS rebinding). Throws `forbidden` otherwise.
 */
export async function checkOutboundUrl(
  url: string,
  allowList: readonly string[] | EgressAllow,
  resolve: Resolver = systemResolver,
): Promise<{ url: URL; addresses: string[] }> {
  const allow = Array.isArray(allowList) ? parseEgressAllow(allowList) : (allowList as EgressAllow);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError("invalid_input", `'${url}' is not a URL`);
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
    throw new DomainError("invalid_input", `cannot resolve ${host}: ${(e as Error).message}`);
  }
  if (addresses.length === 0) throw new DomainError("invalid_input", `${host} has no address`);
  for (const address of addresses) {
    const problem = addressProblem(address, allow, hostAllowed);
    if (problem)
      throw new DomainError(
        "forbidden",
        `outgoing request to ${host} refused: ${problem} (FIREBREAK_EGRESS_ALLOW lets it in)`,
      );
  }
  return { url: parsed, addresses };
}
