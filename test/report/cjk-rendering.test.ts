/**
 * The zh-CN report in Debian's headless Chromium renders Chinese as Chinese, not as boxes
 * ("tofu"): the fonts Chromium used for Chinese text (asked over CDP) are CJK fonts with a
 * glyph for every character, and distinct characters leave distinct ink, unlike the one
 * missing-glyph box every character without a font gets. A screenshot goes to test-output/.
 * Needs a CJK font installed (fonts-wqy-microhei or fonts-noto-cjk): without one this fails.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botMadeDb } from "./bot-made-db.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = resolve(ROOT, "dist/src/cli/main.js");
const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = resolve(ROOT, "test-output");
/** Families that have Chinese glyphs, as fontconfig or the OS name them. */
const CJK_FAMILY =
  /WenQuanYi|Noto Sans CJK|Noto Serif CJK|Source Han|PingFang|Hiragino|YaHei|JhengHei|Droid Sans Fallback|AR PL/i;

/** The few browser globals the page callbacks use (the project compiles without lib.dom). */
interface Canvas2d {
  font: string;
  fillStyle: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
}
interface PageGlobals {
  document: {
    querySelector(sel: string): object | null;
    createElement(tag: "canvas"): { width: number; height: number; getContext(kind: "2d"): Canvas2d };
  };
  getComputedStyle(el: object): { fontFamily: string };
}

describe("the zh-CN report in headless Chromium", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
    const made = await botMadeDb();
    const out = join(made.rulesDir, "report.html");
    const run = spawnSync(
      "node",
      [
        CLI,
        "report",
        "--db",
        made.databasePath,
        "--rules",
        made.rulesDir,
        "--until",
        "2026-11-23",
        "--days",
        "7",
        "--out",
        out,
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The file is self-contained: nothing else may be fetched (no web fonts either).
    await page.route("**/*", (route) =>
      route.request().url().startsWith("file:") ? route.continue() : route.abort(),
    );
    await page.goto(pathToFileURL(out).href, { waitUntil: "load" });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** The fonts Chromium drew a node's text with, and how many glyphs each gave. */
  async function fontsOf(selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send("DOM.enable");
      await cdp.send("CSS.enable");
      const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
      expect(nodeId, selector).toBeGreaterThan(0);
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      return fonts;
    } finally {
      await cdp.detach();
    }
  }

  it("draws the heading and a Chinese group title with a CJK font, every glyph found", async () => {
    expect(await page.locator("h1").textContent()).toBe("群管报告");
    const heading = await fontsOf("h1");
    expect(heading.map((f) => f.familyName).join(", ")).toMatch(CJK_FAMILY);
    // 群管报告: four glyphs, all from the CJK font.
    expect(heading.filter((f) => CJK_FAMILY.test(f.familyName)).reduce((n, f) => n + f.glyphCount, 0)).toBe(
      4,
    );
    // The group's title as its members named it, in the nav.
    const link = 'nav a[href="#grp-1"]';
    expect(await page.locator(link).textContent()).toBe("香满楼优惠群");
    const title = await fontsOf(link);
    expect(title.filter((f) => CJK_FAMILY.test(f.familyName)).reduce((n, f) => n + f.glyphCount, 0)).toBe(6);
  });

  it("leaves distinct ink for distinct characters, none of it the missing-glyph box", async () => {
    const inks = await page.evaluate(
      ({ chars, missing }) => {
        const g = globalThis as unknown as PageGlobals;
        const family = g.getComputedStyle(g.document.querySelector("h1")!).fontFamily;
        const ink = (ch: string) => {
          const canvas = g.document.createElement("canvas");
          canvas.width = 48;
          canvas.height = 48;
          const ctx = canvas.getContext("2d");
          ctx.fillStyle = "#fff";
          ctx.fillRect(0, 0, 48, 48);
          ctx.fillStyle = "#000";
          ctx.textBaseline = "top";
          ctx.font = `40px ${family}`;
          ctx.fillText(ch, 4, 4);
          const data = ctx.getImageData(0, 0, 48, 48).data;
          // A fingerprint of the glyph: which pixels are dark.
          let dark = 0;
          let hash = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i]! < 128) {
              dark++;
              hash = (hash * 31 + i) | 0;
            }
          }
          return { ch, dark, hash };
        };
        return { glyphs: chars.map(ink), box: ink(missing) };
      },
      // U+E000 is a private-use character no font here has: it shows the missing-glyph box.
      { chars: ["群", "管", "报", "告", "香", "满", "楼", "优", "惠"], missing: "\uE000" },
    );
    for (const g of inks.glyphs) {
      expect(g.dark, g.ch).toBeGreaterThan(20);
      expect(g.hash, `${g.ch} is drawn as the missing-glyph box`).not.toBe(inks.box.hash);
    }
    expect(new Set(inks.glyphs.map((g) => g.hash)).size).toBe(inks.glyphs.length);
  });

  it("saves a screenshot of the Chinese report under test-output", async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const file = join(OUTPUT, "report-zh-CN.png");
    await page.screenshot({ path: file, fullPage: false });
    expect(existsSync(file)).toBe(true);
  });
});
