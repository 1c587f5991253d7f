import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findLinks, isHostAllowed } from "../../../src/engine/detectors/links.js";
import { normalize } from "../../../src/engine/text/normalize.js";

const hosts = (s: string) => findLinks(normalize(s)).map((h) => h.host);

describe("findLinks", () => {
  it.each([
    ["https://www.Example.com/path?q=1", "example.com"],
    ["http://localhost:8080/admin", "localhost"],
    ["hxxp://evil.example/x", "evil.example"],
    ["weixin://dl/business", "dl"],
    ["点击 www.xx-bet.com 领红包", "xx-bet.com"],
    ["WWW.EXAMPLE.COM", "example.com"],
    ["example.com", "example.com"],
    ["看看example.com吧", "example.com"],
    ["shop.example.com.cn/abc", "shop.example.com.cn"],
    ["58.com", "58.com"],
    ["t.me/hongbao_888", "t.me"],
    ["wa.me/85212345678", "wa.me"],
    ["bit.ly/3kQz9Xa", "bit.ly"],
    ["goo.gl/abCdE", "goo.gl"],
    ["tinyurl.com/y8k2m7qp", "tinyurl.com"],
    ["www . xxx . com", "xxx.com"],
    ["xxx[.]com", "xxx.com"],
    ["xxx(.)com", "xxx.com"],
    ["xxx（.）com", "xxx.com"],
    ["xxx{.}com", "xxx.com"],
    ["xxx[dot]com", "xxx.com"],
    ["xxx dot com", "xxx.com"],
    ["xxx 点 com", "xxx.com"],
    ["xxx点com", "xxx.com"],
    ["xxx點com", "xxx.com"],
    ["xxx。com", "xxx.com"],
    ["ｘｘｘ．ｃｏｍ", "xxx.com"],
    ["ｗｗｗ．ｘｘｘ．ｃｏｍ", "xxx.com"],
    ["xxx｡com", "xxx.com"],
    ["dwz[.]cn/aB3dE", "dwz.cn"],
    ["h5.xyz-gift .top/lq 领取", "h5.xyz-gift.top"],
    ["www.prize-center[.]xyz", "prize-center.xyz"],
    ["free iPhone 👉 t . me / giveaway_now", "t.me"],
    ["你们看这个 h t t p s : / / 5 u 8 . c c / a b", "5u8.cc"],
    ["w w w . x x x . c o m", "xxx.com"],
    ["www.example.unknowntld", "example.unknowntld"],
    ["www.www.example.com", "example.com"],
    ["www.com", "www.com"],
    ["192.168.1.1", "192.168.1.1"],
    ["http://10.0.0.1:8080/x", "10.0.0.1"],
    ["发邮件到 name@qq.com", "qq.com"],
    ["are you on Ele.me", "ele.me"],
    ["abc.vip", "abc.vip"],
  ])("finds %j", (text, host) => {
    expect(hosts(text)).toEqual([host]);
  });

  it("finds every link, in order", () => {
    expect(hosts("a.com 和 https://b.net/x 还有 c[.]org")).toEqual(["a.com", "b.net", "c.org"]);
  });

  it("reports a URL inside another link's path once", () => {
    expect(hosts("a.com/http://b.net")).toEqual(["a.com"]);
  });

  it("maps a spelled-out link back to plain offsets", () => {
    const t = normalize("看 h t t p : / / a . c o m 哦");
    const [hit] = findLinks(t);
    // The plain form reads the spelled-out letters back as words ("http", "com"); the hit covers
    // the whole link as plain has it.
    expect(t.plain).toBe("看 http : / / a . com 哦");
    expect(t.plain.slice(hit!.start, hit!.end)).toBe("http : / / a . com");
    expect(hit!.host).toBe("a.com");
  });

  it("maps a link spelled out to its end back to plain offsets", () => {
    const t = normalize("你们看这个 h t t p s : / / 5 u 8 . c c / a b");
    const [hit] = findLinks(t);
    expect(hit!.host).toBe("5u8.cc");
    expect(t.plain.slice(hit!.start, hit!.end)).toBe("https : / / 5 u 8 . c c / a b");
  });

  it("spans the path in plain", () => {
    const t = normalize("戳 bit.ly/3kQz9Xa 领取");
    const [hit] = findLinks(t);
    expect(t.plain.slice(hit!.start, hit!.end)).toBe("bit.ly/3kqz9xa");
  });

  it.each([
    "12.5元",
    "3.14",
    "e.g. this",
    "i.e. that",
    "Mr.Li 来了",
    "mr.wang",
    "menu.jpg",
    "photo.PNG",
    "doc.pdf",
    "readme.md",
    "12:30",
    "18.00元",
    "1.2.3",
    "v1.2.3",
    "1.2.3.4.5",
    "300.1.1.1",
    "ok. me too",
    "i'm at home. top floor",
    "8点vip包间",
    "晚上8点top榜",
    "请问几点开门。谢谢",
    "a.m. or p.m.",
    "no.1",
    "total was $38.50",
    "3.8 lol",
    "明天12点cn那边见",
    "a b c d e",
    "1 . 2 . 3",
  ])("does not fire on %j", (text) => {
    expect(hosts(text)).toEqual([]);
  });

  it("never throws and is deterministic", () => {
    const linkish = fc.string({
      unit: fc.constantFrom(
        ..."abc.xyz-_/: 1[](){}点。".split(""),
        "com",
        "www",
        "dot",
        "http://",
        "me",
        "cn",
      ),
      maxLength: 40,
    });
    const spelledOut = fc
      .array(fc.constantFrom(..."abcwtp.:/1".split(""), "com"), { maxLength: 20 })
      .map((a) => a.join(" "));
    const anyText = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
      linkish,
      spelledOut,
    );
    fc.assert(
      fc.property(anyText, (s) => {
        const t = normalize(s);
        const hits = findLinks(t);
        expect(findLinks(t)).toEqual(hits);
        for (let i = 1; i < hits.length; i++) expect(hits[i]!.start).toBeGreaterThanOrEqual(hits[i - 1]!.end);
        for (const h of hits) {
          expect(h.host.length).toBeGreaterThan(0);
          expect(h.host).toBe(h.host.toLowerCase());
          expect(h.host).not.toMatch(/^www\.[^.]+\./);
          expect(h.start).toBeLessThan(h.end);
          expect(h.end).toBeLessThanOrEqual(t.plain.length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("isHostAllowed", () => {
  const allow = ["dianping.com", "Meituan.com", "www.ele.me", "*.qq.com", ".example.org"];

  it("allows the domain itself and its subdomains", () => {
    expect(isHostAllowed("dianping.com", allow)).toBe(true);
    expect(isHostAllowed("m.dianping.com", allow)).toBe(true);
    expect(isHostAllowed("a.b.dianping.com", allow)).toBe(true);
    expect(isHostAllowed("meituan.com", allow)).toBe(true);
    expect(isHostAllowed("ele.me", allow)).toBe(true);
    expect(isHostAllowed("weixin.qq.com", allow)).toBe(true);
    expect(isHostAllowed("qq.com", allow)).toBe(true);
    expect(isHostAllowed("www.example.org", allow)).toBe(true);
  });

  it("rejects look-alikes and other domains", () => {
    expect(isHostAllowed("evildianping.com", allow)).toBe(false);
    expect(isHostAllowed("dianping.com.evil.cn", allow)).toBe(false);
    expect(isHostAllowed("t.me", allow)).toBe(false);
    expect(isHostAllowed("t.me", [])).toBe(false);
    expect(isHostAllowed("t.me", [""])).toBe(false);
  });

  it("works on what findLinks reports", () => {
    for (const link of findLinks(normalize("看 https://m.dianping.com/shop/1 和 www.Meituan.com"))) {
      expect(isHostAllowed(link.host, allow)).toBe(true);
    }
  });
});
