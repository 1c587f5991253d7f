/**
 * `qunguan report` end to end: the built CLI writes the HTML from a seeded database, and
 * Debian's Chromium (headless, through playwright-core) opens it with the network cut off.
 * The charts must be there and hold the seeded numbers, with nothing logged as an error.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVIL_RULE, EVIL_TITLE, openSeededDb, type SeededDb } from "./seed.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = resolve(ROOT, "dist/src/cli/main.js");
const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = resolve(ROOT, "test-output");

/** What Chart.js holds for a canvas: labels and each dataset's label and numbers. */
interface Shown {
  labels: unknown[];
  datasets: { label: string; data: unknown[] }[];
}

/**
 * The little of the page the callbacks below touch, typed here because the project compiles
 * without lib.dom (adding it would hide browser globals misused in Node code).
 */
interface PageElement {
  tagName: string;
  textContent: string | null;
  width: number;
  height: number;
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  document: {
    querySelector(sel: string): PageElement | null;
    querySelectorAll(sel: string): Iterable<PageElement>;
  };
  Chart: { getChart(el: PageElement): { data: Shown } | undefined };
}

describe("qunguan report in a browser", () => {
  let seeded: SeededDb;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const dialogs: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    // CI installs Chromium; a machine without it must fail loudly, not skip the browser check.
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\``);
    }
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with \`npx tsc -p .\``);
    seeded = openSeededDb();
    const out = join(seeded.dir, "out", "report.html");
    const run = spawnSync(
      "node",
      [
        CLI,
        "report",
        "--db",
        seeded.path,
        "--until",
        "2026-11-22",
        "--days",
        "7",
        "--locale",
        "en",
        "--out",
        out,
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(out);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // Self-contained means the file needs nothing else: every other request is refused.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(out).href, { waitUntil: "load" });
  });

  afterAll(async () => {
    await browser?.close();
    seeded?.dispose();
  });

  /** Whether Chart.js has drawn the canvas `selector` names (the page draws charts near the screen only). */
  function isDrawn(selector: string): Promise<boolean> {
    return page.evaluate((sel) => {
      const { document, Chart } = globalThis as unknown as PageGlobals;
      const canvas = document.querySelector(sel);
      return canvas !== null && Chart.getChart(canvas) !== undefined && canvas.width > 0 && canvas.height > 0;
    }, selector);
  }

  /** Scrolls the canvas into view and waits for Chart.js to draw it. */
  async function reveal(selector: string): Promise<void> {
    await page.locator(selector).scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (sel) => {
        const { document, Chart } = globalThis as unknown as PageGlobals;
        const canvas = document.querySelector(sel);
        return canvas !== null && Chart.getChart(canvas) !== undefined;
      },
      selector,
      { timeout: 10_000 },
    );
  }

  /** What the chart in `scope` named `chart` shows, or null when the scope has no such canvas. */
  async function chartIn(scope: string, chart: string): Promise<Shown | null> {
    const selector = `${scope} canvas[data-chart="${chart}"]`;
    if ((await page.locator(selector).count()) === 0) return null;
    await reveal(selector);
    return page.evaluate((sel) => {
      const { document, Chart } = globalThis as unknown as PageGlobals;
      const c = Chart.getChart(document.querySelector(sel)!)!;
      return {
        labels: [...c.data.labels],
        datasets: c.data.datasets.map((d) => ({ label: d.label, data: [...d.data] })),
      };
    }, selector);
  }

  it("has a canvas for every chart with something to show", async () => {
    const charts = (scope: string) =>
      page.$$eval(`${scope} canvas`, (els) => els.map((c) => c.getAttribute("data-chart")));
    expect(await charts("#all")).toEqual([
      "messages-per-day",
      "joins-leaves-per-day",
      "violations-by-rule",
      "faq-answers-by-id",
      "promo-deliveries",
      "ticket-first-response",
      "ticket-deadlines",
      "ticket-satisfaction",
      "actions-by-outcome",
    ]);
    // 42 as before tickets (8 scopes × 6 charts, minus the orphan's and the waitlist's empty FAQ
    // and promo charts), plus three ticket charts in the four scopes with tickets: all, promo and
    // its two groups.
    expect(await page.locator("canvas").count()).toBe(54);
  });

  it("draws charts near the screen, every one once scrolled to, and lets go of those far away", async () => {
    const ids = await page.$$eval("canvas", (els) => els.map((c) => `#${c.getAttribute("id")}`));
    await page.waitForFunction(
      (sel) => {
        const { document, Chart } = globalThis as unknown as PageGlobals;
        return Chart.getChart(document.querySelector(sel)!) !== undefined;
      },
      ids[0]!,
      { timeout: 10_000 },
    );
    const atLoad = await Promise.all(ids.map(isDrawn));
    expect(atLoad[0]).toBe(true);
    expect(atLoad.at(-1)).toBe(false);
    let drawn = 0;
    for (const id of ids) {
      await reveal(id);
      if (await isDrawn(id)) drawn++;
    }
    expect(drawn).toBe(54);
    // At the bottom of the page now: the first chart's bitmap has been let go.
    await page.waitForFunction(
      (sel) => {
        const { document, Chart } = globalThis as unknown as PageGlobals;
        return Chart.getChart(document.querySelector(sel)!) === undefined;
      },
      ids[0]!,
      { timeout: 10_000 },
    );
  });

  it("holds the seeded numbers for the overview", async () => {
    expect(await chartIn("#all", "messages-per-day")).toEqual({
      labels: [
        "2026-11-16",
        "2026-11-17",
        "2026-11-18",
        "2026-11-19",
        "2026-11-20",
        "2026-11-21",
        "2026-11-22",
      ],
      datasets: [{ label: "messages", data: [14, 0, 5, 3, 6, 2, 7] }],
    });
    expect((await chartIn("#all", "joins-leaves-per-day"))?.datasets).toEqual([
      { label: "joins", data: [5, 0, 0, 1, 0, 0, 1] },
      { label: "leaves", data: [1, 0, 2, 1, 1, 0, 0] },
    ]);
    // Rules by their descriptions in the rule files; ids the files do not know stay ids. The rule
    // id with </script> in it arrives intact: the JSON was escaped, not mangled.
    expect(await chartIn("#all", "violations-by-rule")).toEqual({
      labels: ["广告", "pii", "刷屏", EVIL_RULE, "赌博"],
      datasets: [{ label: "violations", data: [6, 4, 2, 1, 1] }],
    });
    expect(await chartIn("#all", "faq-answers-by-id")).toEqual({
      labels: ["营业时间", "停车", "订座方式", "门店地址与交通"],
      datasets: [{ label: "answers", data: [5, 1, 1, 1] }],
    });
    expect(await chartIn("#all", "promo-deliveries")).toEqual({
      labels: ["early", "lunch", "weekend"],
      datasets: [
        { label: "sent", data: [1, 3, 1] },
        { label: "failed", data: [0, 1, 0] },
        { label: "uncertain", data: [0, 0, 1] },
        { label: "pending", data: [0, 0, 1] },
      ],
    });
  });

  it("holds the audit log's actions by outcome", async () => {
    expect(await chartIn('[data-chat="wechat:room-b@chatroom"]', "actions-by-outcome")).toEqual({
      labels: ["delete", "mute", "kick", "reply"],
      datasets: [
        { label: "done", data: [0, 0, 0, 3] },
        { label: "done differently", data: [4, 2, 0, 0] },
        { label: "refused", data: [0, 0, 1, 0] },
      ],
    });
  });

  it("holds the seeded numbers per category and per group", async () => {
    expect(
      (await chartIn('[data-scope="category"][data-category="promo"]', "messages-per-day"))?.datasets,
    ).toEqual([{ label: "messages", data: [14, 0, 5, 0, 6, 0, 7] }]);
    expect(await chartIn('[data-chat="telegram:-1001"]', "violations-by-rule")).toEqual({
      labels: ["广告", "赌博"],
      datasets: [{ label: "violations", data: [5, 1] }],
    });
    expect(await chartIn('[data-chat="wechat:room-b@chatroom"]', "promo-deliveries")).toEqual({
      labels: ["early", "lunch", "weekend"],
      datasets: [
        { label: "sent", data: [1, 1, 1] },
        { label: "failed", data: [0, 1, 0] },
        { label: "uncertain", data: [0, 0, 0] },
      ],
    });
    expect(await chartIn('[data-chat="telegram:-1003"]', "promo-deliveries")).toBeNull();
    expect(await page.textContent('[data-chat="telegram:-1003"] [data-section="promos"]')).toContain(
      "No promo deliveries in this period.",
    );
  });

  it("shows a group title with markup as text, everywhere it appears", async () => {
    const found = await page.evaluate((title) => {
      const { document } = globalThis as unknown as PageGlobals;
      const heading = document.querySelector('[data-chat="wechat:room-b@chatroom"] h2');
      const cells = [...document.querySelectorAll("#all td")].map((td) => td.textContent);
      const links = [...document.querySelectorAll("nav a")].map((a) => a.textContent);
      return {
        heading: heading?.textContent,
        inTable: cells.includes(title),
        inNav: links.includes(title),
        scripts: [...document.querySelectorAll("script")].length,
      };
    }, EVIL_TITLE);
    expect(found).toEqual({ heading: `Group ${EVIL_TITLE}`, inTable: true, inNav: true, scripts: 3 });
  });

  it("draws every chart for printing, and saves screenshots under test-output", async () => {
    // Printing draws every chart; the full-page screenshot wants them all too.
    await page.evaluate('scrollTo(0, 0); dispatchEvent(new Event("beforeprint"))');
    const ids = await page.$$eval("canvas", (els) => els.map((c) => `#${c.getAttribute("id")}`));
    expect((await Promise.all(ids.map(isDrawn))).filter(Boolean)).toHaveLength(54);
    mkdirSync(OUTPUT, { recursive: true });
    const full = join(OUTPUT, "report.png");
    const overview = join(OUTPUT, "report-overview.png");
    rmSync(full, { force: true });
    rmSync(overview, { force: true });
    await page.screenshot({ path: full, fullPage: true });
    // The header and the all-groups part: the picture the README shows (docs/report.png).
    const box = await page.locator("#all").boundingBox();
    expect(box).not.toBeNull();
    await page.screenshot({
      path: overview,
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: Math.ceil(box!.y + box!.height + 16) },
    });
    expect(existsSync(full) && existsSync(overview)).toBe(true);
  });

  // Last, so that drawing every chart while scrolling is covered too.
  it("logged no console errors or warnings, page errors, dialogs or network requests", () => {
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
  });
});
