import { describe, expect, it } from "vitest";
import {
  checkOutboundUrl,
  parseEgressAllow,
  type Resolver,
  UnresolvedHostError,
} from "./egress.js";

/** A resolver answering from a table, as DNS would (tests never touch the network). */
const dns =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = table[host];
    if (!found) throw new Error("ENOTFOUND");
    return found;
  };

const refused = async (url: string, allow: string[] = [], resolver?: Resolver) => {
  const err = await checkOutboundUrl(url, allow, resolver).then(
    () => undefined,
    (e: { code: string; message: string }) => e,
  );
  return err;
};

describe("outgoing request allow-list", () => {
  it("allows public addresses and answers the addresses it checked", async () => {
    const r = await checkOutboundUrl(
      "https://hooks.example.com/x",
      [],
      dns({ "hooks.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"] }),
    );
    expect(r.addresses).toHaveLength(2);
    expect(r.url.hostname).toBe("hooks.example.com");
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    ["http://[fd00:ec2::254]/latest/", "metadata"],
    ["http://100.100.100.200/", "metadata"],
    ["http://[::ffff:a9fe:a9fe]/", "metadata"],
    ["http://127.0.0.1:8080/", "loopback"],
    ["http://[::1]/", "loopback"],
    ["http://[::]/", "unspecified"],
    ["http://10.1.2.3/", "private"],
    ["http://172.16.0.9/", "private"],
    ["http://192.168.1.1/", "private"],
    ["http://169.254.10.10/", "link-local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fc00::5]/", "unique-local"],
    ["http://[fd12:3456::1]/", "unique-local"],
    ["http://100.64.0.1/", "carrier-grade NAT"],
    ["http://0.0.0.0/", "this-network"],
    ["http://224.0.0.1/", "multicast"],
    ["http://[ff02::1]/", "multicast"],
    ["http://255.255.255.255/", "reserved"],
    ["http://192.0.2.10/", "documentation"],
    ["http://[2001:db8::1]/", "documentation"],
  ])("refuses %s (%s)", async (url, why) => {
    const err = await refused(url);
    expect(err?.code).toBe("forbidden");
    expect(err?.message).toContain(why);
  });

  // Every way of writing 127.0.0.1 that a URL parser or an IPv6 stack accepts.
  it.each([
    "http://127.0.0.1/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f000001/",
    "http://0x7f.0.0.1/",
    "http://127.1/",
    "http://127.0.1/",
    "http://017700000001/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[0:0:0:0:0:ffff:7f00:1]/",
    "http://[::127.0.0.1]/",
    "http://[::ffff:0:127.0.0.1]/",
    "http://[64:ff9b::127.0.0.1]/",
    "http://[2002:7f00:1::]/",
    "http://127.0.0.1./",
  ])("refuses loopback spelled %s, and lets it in when 127.0.0.1 is allowed", async (url) => {
    const err = await refused(url);
    expect(err?.code, url).toBe("forbidden");
    expect(err?.message).toMatch(/loopback/);
    await expect(checkOutboundUrl(url, ["127.0.0.1"])).resolves.toBeTruthy();
  });

  it("refuses a name that resolves to loopback or to a mapped private address", async () => {
    const resolver = dns({ "evil.example.com": ["::ffff:10.0.0.1"], localhost: ["::1"] });
    expect((await refused("https://evil.example.com/", [], resolver))?.message).toMatch(
      /leads to 10\.0\.0\.1.*private/,
    );
    expect((await refused("http://localhost:9/", [], resolver))?.code).toBe("forbidden");
    // The system resolver, as deliveries use it.
    expect((await refused("http://localhost:9/"))?.code).toBe("forbidden");
  });

  it("checks every address a name resolves to", async () => {
    const resolver = dns({ "rebind.example.com": ["93.184.215.14", "10.0.0.5"] });
    expect((await refused("https://rebind.example.com/", [], resolver))?.code).toBe("forbidden");
  });

  it("lets allowed hosts and CIDRs through, but metadata only when a CIDR names it", async () => {
    const resolver = dns({
      "chat.corp.internal": ["10.20.0.7"],
      "meta.corp.internal": ["169.254.169.254"],
    });
    await expect(
      checkOutboundUrl("https://chat.corp.internal/hook", ["chat.corp.internal"], resolver),
    ).resolves.toBeTruthy();
    await expect(checkOutboundUrl("http://10.20.0.9/", ["10.20.0.0/16"])).resolves.toBeTruthy();
    expect((await refused("http://10.21.0.9/", ["10.20.0.0/16"]))?.code).toBe("forbidden");
    expect(
      (await refused("http://meta.corp.internal/", ["meta.corp.internal"], resolver))?.code,
    ).toBe("forbidden");
    await expect(
      checkOutboundUrl("http://169.254.169.254/", ["169.254.169.254/32"]),
    ).resolves.toBeTruthy();
    // A range that happens to cover the metadata address does not open it.
    expect((await refused("http://169.254.169.254/", ["169.254.0.0/16"]))?.code).toBe("forbidden");
    await expect(checkOutboundUrl("http://169.254.1.1/", ["169.254.0.0/16"])).resolves.toBeTruthy();
    // Allow-list entries in any spelling mean the address they name.
    await expect(checkOutboundUrl("http://127.0.0.1/", ["0x7f000001"])).resolves.toBeTruthy();
    await expect(checkOutboundUrl("http://[::1]/", ["[::1]"])).resolves.toBeTruthy();
  });

  it("refuses other schemes and says what is wrong with a bad allow-list", async () => {
    expect((await refused("file:///etc/passwd"))?.code).toBe("forbidden");
    expect((await refused("gopher://example.com/"))?.code).toBe("forbidden");
    expect((await refused("not a url"))?.code).toBe("invalid_input");
    const unresolved = await refused("https://nowhere.example/", [], dns({}));
    expect(unresolved).toBeInstanceOf(UnresolvedHostError);
    expect(unresolved?.code).toBe("invalid_input");
    expect(() => parseEgressAllow(["10.0.0.0/33"])).toThrow(/prefix/);
    expect(() => parseEgressAllow(["host.example/8"])).toThrow(/CIDR/);
  });
});
