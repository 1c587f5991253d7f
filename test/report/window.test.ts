import { describe, expect, it } from "vitest";
import { addDays, isDay, reportWindow, today } from "../../src/report/window.js";

describe("report window", () => {
  it("covers N days ending with the last day, across month and year ends", () => {
    expect(reportWindow("2026-03-02", 3, "Asia/Shanghai")).toEqual({
      from: "2026-02-28",
      until: "2026-03-02",
      days: ["2026-02-28", "2026-03-01", "2026-03-02"],
      timeZone: "Asia/Shanghai",
    });
    expect(reportWindow("2027-01-01", 2, "UTC").days).toEqual(["2026-12-31", "2027-01-01"]);
    expect(reportWindow("2026-11-22", 1, "UTC").days).toEqual(["2026-11-22"]);
  });

  it("keeps whole calendar days where a zone changes its clocks", () => {
    // Europe/Berlin leaves summer time on 2026-10-25; the day list must not skip or repeat.
    expect(addDays("2026-10-24", 1)).toBe("2026-10-25");
    expect(addDays("2026-10-25", 1)).toBe("2026-10-26");
    expect(reportWindow("2026-10-27", 4, "Europe/Berlin").days).toEqual([
      "2026-10-24",
      "2026-10-25",
      "2026-10-26",
      "2026-10-27",
    ]);
  });

  it("rejects what is not a day or a day count", () => {
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-1-5")).toBe(false);
    expect(() => reportWindow("yesterday", 7, "UTC")).toThrow(/not a day/);
    expect(() => reportWindow("2026-11-22", 0, "UTC")).toThrow(/whole number/);
    expect(() => reportWindow("2026-11-22", 1.5, "UTC")).toThrow(/whole number/);
  });

  it("takes today from the zone: 20:00 UTC is already tomorrow in Shanghai", () => {
    const t = Date.parse("2026-11-22T20:00:00Z");
    expect(today("UTC", t)).toBe("2026-11-22");
    expect(today("Asia/Shanghai", t)).toBe("2026-11-23");
  });
});
