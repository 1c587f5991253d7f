import { describe, expect, it } from "vitest";
import { addDays, isDay, reportWindow, startOfDay, today } from "../../src/report/window.js";

describe("report window", () => {
  it("covers N days ending with the last day, across month and year ends", () => {
    expect(reportWindow("2026-03-02", 3, "Asia/Shanghai")).toEqual({
      from: "2026-02-28",
      until: "2026-03-02",
      days: ["2026-02-28", "2026-03-01", "2026-03-02"],
      timeZone: "Asia/Shanghai",
      startsAt: Date.parse("2026-02-28T00:00:00+08:00"),
      endsAt: Date.parse("2026-03-03T00:00:00+08:00"),
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

  it("starts a day at its local midnight, also next to a clock change", () => {
    expect(startOfDay("2026-11-16", "Asia/Kolkata")).toBe(Date.parse("2026-11-16T00:00:00+05:30"));
    // Berlin: summer time starts 2026-03-29 02:00 and ends 2026-10-25 03:00.
    expect(startOfDay("2026-03-29", "Europe/Berlin")).toBe(Date.parse("2026-03-29T00:00:00+01:00"));
    expect(startOfDay("2026-03-30", "Europe/Berlin")).toBe(Date.parse("2026-03-30T00:00:00+02:00"));
    expect(startOfDay("2026-10-25", "Europe/Berlin")).toBe(Date.parse("2026-10-25T00:00:00+02:00"));
    expect(startOfDay("2026-10-26", "Europe/Berlin")).toBe(Date.parse("2026-10-26T00:00:00+01:00"));
    // Santiago skips midnight when summer time starts (2026-09-06): the day starts at 01:00.
    expect(startOfDay("2026-09-06", "America/Santiago")).toBe(Date.parse("2026-09-06T01:00:00-03:00"));
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
