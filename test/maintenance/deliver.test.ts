/** Sending a scheduled report: to the admins privately, to the group when they cannot be reached, logged. */
import type { Job } from "bullmq";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PlatformError } from "../../src/core/adapter.js";
import { createLogger } from "../../src/log/logger.js";
import { maintenanceSection } from "../../src/maintenance/config.js";
import { sendMaintenanceReport } from "../../src/maintenance/deliver.js";
import { type MaintenanceTick, processMaintenanceJob } from "../../src/maintenance/schedule.js";
import { capture } from "../helpers/bot.js";
import { RecordingAdapter } from "../helpers/recording-adapter.js";
import { NOW, type Seeded, scenarioPack, seedScenario } from "./scenario.js";

let seeded: Seeded;
beforeEach(() => {
  seeded = seedScenario();
});
afterEach(() => seeded.dispose());

function runFor(sendTo: unknown) {
  const job = { data: { platform: "telegram", chatId: "-1001" } } as Job<MaintenanceTick>;
  const pack = Object.assign(scenarioPack(), { maintenance: maintenanceSection.parse({ send_to: sendTo }) });
  return processMaintenanceJob(job, {
    database: seeded.database,
    pack: () => pack,
    now: () => NOW,
    exclude: ["bot"],
  })!;
}

function setup() {
  const adapter = new RecordingAdapter();
  const log = capture();
  const logger = createLogger({ level: "info", destination: log.stream });
  const lines = () =>
    log
      .json()
      .filter((l) => l.event === "action")
      .map((l) => [l.chat, l.outcome, l.rule]);
  return { adapter, adapters: new Map([["telegram" as const, adapter]]), logger, lines };
}

const refused = () => new PlatformError("Forbidden: bot can't initiate conversation with a user", true);

describe("sending the maintenance report", () => {
  it("goes to each admin privately, one log line each", async () => {
    const { adapter, adapters, logger, lines } = setup();
    const run = runFor("admins");
    const result = await sendMaintenanceReport(run, adapters, logger);
    expect(adapter.log.map((r) => [r.op, r.chat])).toEqual([
      ["send", "boss"],
      ["send", "host"],
      ["send", "mgr"],
    ]);
    expect(adapter.log.every((r) => r.text === run.text)).toBe(true);
    expect(result.failed).toEqual([]);
    expect(lines()).toEqual([
      ["boss", "done", "maintenance"],
      ["host", "done", "maintenance"],
      ["mgr", "done", "maintenance"],
    ]);
  });

  it("falls back to the group when no admin can be messaged, if send_to allows", async () => {
    const { adapter, adapters, logger, lines } = setup();
    for (const id of ["boss", "host", "mgr"]) adapter.sendFaults.set(id, [refused()]);
    const result = await sendMaintenanceReport(runFor("admins_or_group"), adapters, logger);
    expect(adapter.log.map((r) => r.chat)).toEqual(["-1001"]);
    expect(result.sent).toEqual([{ platform: "telegram", id: "-1001", title: "香满楼优惠群" }]);
    expect(lines()).toEqual([
      ["boss", "refused", "maintenance"],
      ["host", "refused", "maintenance"],
      ["mgr", "refused", "maintenance"],
      ["-1001", "done", "maintenance"],
    ]);
  });

  it("never posts into the group with send_to admins, and gives up on refusals without retrying", async () => {
    const { adapter, adapters, logger } = setup();
    for (const id of ["boss", "host", "mgr"]) adapter.sendFaults.set(id, [refused()]);
    const result = await sendMaintenanceReport(runFor("admins"), adapters, logger);
    expect(adapter.log).toEqual([]);
    expect(result.failed.map((f) => [f.to.id, f.permanent])).toEqual([
      ["boss", true],
      ["host", true],
      ["mgr", true],
    ]);
  });

  it("is retried only when nothing got through and the failure may pass", async () => {
    const { adapter, adapters, logger } = setup();
    adapter.sendFaults.set("host", [new PlatformError("Too Many Requests", false, 3000)]);
    // Two admins got it: no retry, which would send it to them again.
    await expect(sendMaintenanceReport(runFor("admins"), adapters, logger)).resolves.toMatchObject({
      sent: [{ id: "boss" }, { id: "mgr" }],
    });
    // A staff chat on a platform this process has no adapter for: another attempt may land elsewhere.
    await expect(
      sendMaintenanceReport(runFor({ platform: "wechat", id: "staff@chatroom" }), adapters, logger),
    ).rejects.toThrow("not sent: no wechat adapter in this process");
    // Into the group itself.
    await sendMaintenanceReport(runFor("group"), adapters, logger);
    expect(adapter.log.at(-1)).toMatchObject({ op: "send", chat: "-1001" });
  });
});
