import { describe, expect, it } from "vitest";
import { checkOutboundUrl, parseEgressAllow, type Resolver } from "./egress.js";

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
    ["http://127.0.0.1:8080/", "loopback"],
    ["http://[::1]/", "loopback"],
    ["http://10.1.2.3/", "loopback, private"],
    ["http://172.16.0.9/", "private"],
    ["http://192.168.1.1/", "private"],
    ["http://169.254.10.10/", "link-local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fc00::5]/", "private"],
    ["http://100.64.0.1/", "private"],
    ["http://0.0.0.0/", "reserved"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://[::ffff:a9fe:a9fe]/", "metadata"],
  ])("refuses %s", async (url, why) => {
    const err = await refused(url);
    expect(err?.code).toBe("forbidden");
    expect(err?.message).toMatch(why.split(",")[0] as string);
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
  });

  it("refuses other schemes and says what is wrong with a bad allow-list", async () => {
    expect((await refused("file:///etc/passwd"))?.code).toBe("forbidden");
    expect((await refused("gopher://example.com/"))?.code).toBe("forbidden");
    expect((await refused("not a url"))?.code).toBe("invalid_input");
    expect((await refused("https://nowhere.example/", [], dns({})))?.code).toBe("invalid_input");
    expect(() => parseEgressAllow(["10.0.0.0/33"])).toThrow(/prefix/);
    expect(() => parseEgressAllow(["host.example/8"])).toThrow(/CIDR/);
  });
});
