/**
 * IPv4 and IPv6 address parsing and CIDR membership for the `cidr` modifier. Addresses are
 * parsed into 16-bit groups (IPv4 as an IPv4-mapped IPv6 address), so one comparison routine
 * serves both families and `::ffff:10.1.2.3` is inside `10.0.0.0/8`.
 */

/** Parses an IPv4 address into its four octets, or null. */
function parseV4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** Parses an IPv4 or IPv6 address into eight 16-bit groups, or null when it is not an address. */
export function parseIp(input: string): number[] | null {
  let s = input.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(":")) {
    const v4 = parseV4(s);
    if (!v4) return null;
    return [
      0,
      0,
      0,
      0,
      0,
      0xffff,
      ((v4[0] as number) << 8) | (v4[1] as number),
      ((v4[2] as number) << 8) | (v4[3] as number),
    ];
  }
  const lastColon = s.lastIndexOf(":");
  const lastPart = s.slice(lastColon + 1);
  if (lastPart.includes(".")) {
    // Embedded IPv4 (`::ffff:1.2.3.4`): rewrite it as two hex groups.
    const v4 = parseV4(lastPart);
    if (!v4) return null;
    const hi = (((v4[0] as number) << 8) | (v4[1] as number)).toString(16);
    const lo = (((v4[2] as number) << 8) | (v4[3] as number)).toString(16);
    s = `${s.slice(0, lastColon + 1)}${hi}:${lo}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === "") return [];
    const out: number[] = [];
    for (const g of h.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0] as string);
  if (!head) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const rest = groups(halves[1] as string);
  if (!rest) return null;
  const fill = 8 - head.length - rest.length;
  if (fill < 1) return null;
  return head.concat(new Array<number>(fill).fill(0), rest);
}

/** A parsed CIDR network. */
export interface Cidr {
  groups: number[];
  /** Prefix length over the 128-bit (IPv4-mapped) address. */
  bits: number;
}

/** Parses `10.0.0.0/8`, `fe80::/10` or a bare address (a /32 or /128). Throws on bad input. */
export function parseCidr(spec: string): Cidr {
  const [addr, len, extra] = spec.trim().split("/");
  if (extra !== undefined || !addr) throw new Error(`invalid CIDR '${spec}'`);
  const groups = parseIp(addr);
  if (!groups) throw new Error(`invalid CIDR '${spec}'`);
  const v4 = !addr.includes(":");
  const max = v4 ? 32 : 128;
  const n = len === undefined ? max : Number(len);
  if (!Number.isInteger(n) || n < 0 || n > max || (len !== undefined && !/^\d+$/.test(len))) {
    throw new Error(`invalid CIDR prefix length in '${spec}'`);
  }
  return { groups, bits: v4 ? n + 96 : n };
}

/** True when the address (eight groups) lies in the network. */
export function inCidr(ip: number[], net: Cidr): boolean {
  let bits = net.bits;
  for (let i = 0; i < 8 && bits > 0; i++) {
    const take = Math.min(bits, 16);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((ip[i] as number) & mask) !== ((net.groups[i] as number) & mask)) return false;
    bits -= take;
  }
  return true;
}
