import { describe, expect, it } from "vitest";
import { isLinkAllowed } from "../../../src/engine/detectors/link-allow-list.js";
import { findLinks } from "../../../src/engine/detectors/links.js";
import { normalize } from "../../../src/engine/text/normalize.js";

/** Whether every link in `text` is admitted, as a links condition with `allow` sees it. */
function admitted(text: string, allow: string[]): boolean {
  const t = normalize(text);
  const links = findLinks(t);
  expect(links.length).toBeGreaterThan(0);
  return links.every((link) => isLinkAllowed(link, t.plain, allow));
}

describe("isLinkAllowed: WeChat invitation and contact links", () => {
  const domains = ["weixin.qq.com", "qq.com", "wechat.com"];

  it.each([
    "进群 https://weixin.qq.com/g/AbCd1234EfGh",
    "扫码加我 https://u.wechat.com/MFzGx4bSw8pQ",
    "加好友 http://weixin.qq.com/r/abc123XYZ",
    "weixin.qq.com/q/02xyz 加我",
    "看这篇 https://mp.weixin.qq.com/s/9fJk2LmNoPq",
    "https://mp.weixin.qq.com/s?__biz=MzI3NDU2Nzg5MQ==&mid=1&idx=1",
    "关注 https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzI3NDU2Nzg5MQ==",
    // Evasions findLinks reads still carry the path.
    "进群 weixin . qq . com / g / AbCd1234",
  ])("a domain entry does not admit %s", (text) => {
    expect(admitted(text, domains)).toBe(false);
  });

  it("still admits the domain's other pages", () => {
    expect(admitted("付款 https://pay.weixin.qq.com/index.php 查看", domains)).toBe(true);
    expect(admitted("https://weixin.qq.com/cgi-bin/readtemplate", domains)).toBe(true);
    expect(admitted("https://mp.weixin.qq.com/sale/x", domains)).toBe(true);
  });

  it("admits the merchant's own invitation by URL prefix, and only that one", () => {
    const allow = [...domains, "https://weixin.qq.com/g/ourgroup2024", "mp.weixin.qq.com/s/ourarticle"];
    expect(admitted("进群 https://weixin.qq.com/g/OurGroup2024", allow)).toBe(true);
    expect(admitted("https://mp.weixin.qq.com/s/ourarticle?scene=1", allow)).toBe(true);
    expect(admitted("进群 https://weixin.qq.com/g/OurGroup2024abc", allow)).toBe(false);
    expect(admitted("进群 https://weixin.qq.com/g/other", allow)).toBe(false);
  });

  it("admits the merchant's own invitation or official account by id", () => {
    const allow = [...domains, "ourgroup2024", "mzi3ndu2nzg5mq=="];
    expect(admitted("进群 https://weixin.qq.com/g/OurGroup2024", allow)).toBe(true);
    expect(admitted("https://mp.weixin.qq.com/s?__biz=MzI3NDU2Nzg5MQ%3D%3D&mid=2", allow)).toBe(true);
    expect(admitted("https://mp.weixin.qq.com/s?__biz=MzAwMDAwMDAwMA==&mid=2", allow)).toBe(false);
    expect(admitted("https://u.wechat.com/someoneelse", allow)).toBe(false);
  });

  it("lets a URL prefix admit one path of a domain not otherwise allowed", () => {
    expect(admitted("https://shop.example/menu/2024", ["shop.example/menu"])).toBe(true);
    expect(admitted("https://shop.example/menus", ["shop.example/menu"])).toBe(false);
    expect(admitted("https://shop.example/other", ["shop.example/menu"])).toBe(false);
    expect(admitted("https://sub.shop.example/menu", ["shop.example/menu"])).toBe(false);
  });
});
