/**
 * A scheduled tick start to finish on a real redis-server and a real BullMQ worker: removals carried
 * out, audited and never repeated, the report sent to the admins; refusals, dry runs and groups in
 * dry-run mode.
 */
import { type Job, Queue, Worker } from "bullmq";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { activeWarnings, recentAudit, setDryRun } from "../../src/db/mod.js";
import { createLogger } from "../../src/log/logger.js";
import { maintenanceSection } from "../../src/maintenance/config.js";
import { type RunJobDeps, type RunJobResult, runMaintenanceJob } from "../../src/maintenance/run-job.js";
import { type MaintenanceTick, reconcileMaintenance } from "../../src/maintenance/schedule.js";
import { capture } from "../helpers/bot.js";
import { RecordingAdapter } from "../helpers/recording-adapter.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";
import { NOW, type Seeded, SHOP, scenarioPack, seedScenario } from "./scenario.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
let seeded: Seeded;
beforeEach(() => {
  seeded = seedScenario();
});
afterEach(() => seeded.dispose());

function deps(section: unknown, adapter = new RecordingAdapter()) {
  const maintenance = maintenanceSection.parse(section);
  const pack = Object.assign(scenarioPack(), { maintenance });
  const log = capture();
  const removed: string[] = [];
  const d: RunJobDeps = {
    database: seeded.database,
    pack: () => pack,
    now: () => NOW,
    isAdmin: (_chat, user) => user === "platadmin",
    exclude: ["bot"],
    adapters: new Map([["telegram" as const, adapter]]),
    logger: createLogger({ level: "info", destination: log.stream }),
    onRemoved: (_chat, user) => removed.push(user),
  };
  const kicks = () =>
    log
      .json()
      .filter((l) => l.event === "action" && l.type === "kick")
      .map((l) => [l.user, l.outcome]);
  return { d, adapter, maintenance, kicks, removed };
}

const tick = { data: { platform: "telegram", chatId: SHOP.chatId } } as Job<MaintenanceTick>;
const ops = (a: RecordingAdapter) => a.log.map((r) => [r.op, r.chat, r.user].filter(Boolean));

describe("a scheduled maintenance run", () => {
  it("removes the members banned elsewhere once, then reports to the admins, tick after tick", async () => {
    const { d, adapter, maintenance, kicks, removed } = deps({
      schedule: "* * * * * *",
      auto: { remove_banned_elsewhere: true },
    });
    const connection = { connection: redis.connection, prefix: `rj${process.pid}` };
    const queue = new Queue<MaintenanceTick>("maintenance", connection);
    const results: (RunJobResult | undefined)[] = [];
    let worker: Worker<MaintenanceTick> | undefined;
    try {
      await reconcileMaintenance(queue, [{ ...SHOP, category: "promo" }], maintenance);
      await new Promise<void>((resolve, reject) => {
        worker = new Worker<MaintenanceTick>(
          "maintenance",
          async (job) => {
            // Two ticks are the test; a third that starts while the worker closes is not run.
            if (results.length >= 2) return;
            const result = await runMaintenanceJob(job, d);
            results.push(result);
            if (results.length === 2) resolve();
            return result?.delivery.sent.length;
          },
          connection,
        );
        worker.on("failed", (_job, error) => reject(error));
      });
      await worker!.close();
      await reconcileMaintenance(queue, [], maintenance);
      expect(ops(adapter)).toEqual([
        ["kick", "-1001", "grace"],
        ["kick", "-1001", "judy"],
        ["send", "boss"],
        ["send", "host"],
        ["send", "mgr"],
        // The next tick: Grace and Judy are gone, nobody is removed again.
        ["send", "boss"],
        ["send", "host"],
        ["send", "mgr"],
      ]);
      expect(results.map((r) => r?.removals.done)).toEqual([2, 0]);
      expect(kicks()).toEqual([
        ["grace", "done"],
        ["judy", "done"],
      ]);
      expect(removed).toEqual(["grace", "judy"]);
      // Judy's warning went with her, as with any kick.
      expect(activeWarnings(seeded.database.db, SHOP, "judy", NOW)).toEqual([]);
      const audit = recentAudit(seeded.database.db, SHOP, 2).map((a) => [
        a.userId,
        a.action,
        a.rule,
        a.outcome,
      ]);
      expect(audit).toEqual([
        ["judy", "kick", "maintenance", "done"],
        ["grace", "kick", "maintenance", "done"],
      ]);
      const sent = adapter.log.filter((r) => r.op === "send");
      expect(sent[0]!.text).toContain("\n🤖 自动清理\n• 移出 Grace 小美（已在本商家的其他群被封禁）\n");
      expect(sent[3]!.text).toContain("\n🚫 在其他群被封禁、仍在本群（0）\n• 无\n");
    } finally {
      await worker?.close();
      await queue.close();
    }
  });

  it("says in the report when the platform refuses the removals", async () => {
    const adapter = new RecordingAdapter();
    Object.assign(adapter, { capabilities: { ...adapter.capabilities, canKick: false } });
    const { d, kicks } = deps({ auto: { remove_banned_elsewhere: true } }, adapter);
    const result = await runMaintenanceJob(tick, d);
    expect(result?.removals).toMatchObject({ done: 0, refused: 2 });
    expect(kicks()).toEqual([
      ["grace", "refused"],
      ["judy", "refused"],
    ]);
    expect(adapter.log.filter((r) => r.op === "kick")).toEqual([]);
    expect(adapter.log[0]!.text!.split("\n").at(-1)).toBe(
      "⚠️ 有 2 人未能移出（机器人可能没有移出成员的权限，详见 /audit）",
    );
  });

  it("in a dry run, or in a group in dry-run mode, removes nobody and records what it would have done", async () => {
    const dry = deps({ auto: { remove_inactive: true, dry_run: true } });
    expect((await runMaintenanceJob(tick, dry.d))?.removals).toMatchObject({ done: 0, shadow: 5 });
    expect(dry.kicks()).toEqual(["carol", "grace", "peggy", "oscar", "bob"].map((u) => [u, "shadow"]));
    expect(dry.adapter.log.map((r) => r.op)).toEqual(["send", "send", "send"]);
    expect(dry.removed).toEqual([]);

    setDryRun(seeded.database.db, SHOP, true, "boss", NOW);
    const groupDry = deps({ auto: { remove_banned_elsewhere: true } });
    expect((await runMaintenanceJob(tick, groupDry.d))?.removals).toMatchObject({ done: 0, shadow: 2 });
    expect(groupDry.adapter.log.filter((r) => r.op === "kick")).toEqual([]);
    expect(recentAudit(seeded.database.db, SHOP, 1)[0]).toMatchObject({
      userId: "judy",
      outcome: "shadow",
      detail: "group in dry-run mode",
    });
  });

  it("with nothing switched on, only reports", async () => {
    const { d, adapter, kicks } = deps({});
    const result = await runMaintenanceJob(tick, d);
    expect(result?.removals).toEqual({ done: 0, degraded: 0, refused: 0, failed: 0, shadow: 0 });
    expect(kicks()).toEqual([]);
    expect(adapter.log.map((r) => [r.op, r.chat])).toEqual([
      ["send", "boss"],
      ["send", "host"],
      ["send", "mgr"],
    ]);
    expect(adapter.log[0]!.text).not.toContain("🤖");
  });
});
