/**
 * Maintenance schedulers on a real redis-server: one per known group, following the rule files
 * (upsert, change, remove, nothing else touched), and ticks processed by a real BullMQ worker into
 * the report, its recipients and the clean-up, on the seeded scenario.
 */
import { type Job, Queue, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { chatsInCategories } from "../../src/db/mod.js";
import { maintenanceSection } from "../../src/maintenance/config.js";
import {
  type MaintenanceRun,
  type MaintenanceTick,
  maintenanceSchedulerId,
  processMaintenanceJob,
  recipientsFor,
  reconcileMaintenance,
  scheduleMaintenanceFor,
} from "../../src/maintenance/schedule.js";
import type { RulePack } from "../../src/rules/rule-pack.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";
import { NOW, scenarioPack, seedScenario } from "./scenario.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

let prefixes = 0;
const prefix = () => `mt${process.pid}-${prefixes++}`;

const CHATS = [
  { platform: "telegram" as const, chatId: "-1001", category: "promo" },
  { platform: "telegram" as const, chatId: "-1002", category: "booking" },
  { platform: "wechat" as const, chatId: "r1@chatroom", category: "promo" },
  { platform: "console" as const, chatId: "desk:2", category: "promo" },
  // Private chats with the bot are remembered too; they get no maintenance.
  { platform: "wechat" as const, chatId: "dm:wxid_abc", category: "promo" },
  { platform: "telegram" as const, chatId: "4242", category: "promo" },
];
const GROUP_IDS = [
  "maintenance-telegram--1001",
  "maintenance-telegram--1002",
  "maintenance-wechat-r1@chatroom",
  "maintenance-console-desk%3A2",
];

/** 10:00 Shanghai (02:00 UTC) on the next 1st of a month after `now`. */
function nextFirstOfMonth(now: number): number {
  const d = new Date(now);
  let at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1, 2, 0);
  if (at <= now) at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 2, 0);
  return at;
}

async function schedulers(queue: Queue) {
  const all = await queue.getJobSchedulers();
  return Object.fromEntries(
    all.map((s) => [s.key, { pattern: s.pattern, tz: s.tz, next: s.next, data: s.template?.data }]),
  );
}

describe("maintenance schedulers", () => {
  it("are one per known group, upserted, changed and removed with the rule files and the chats", async () => {
    const queue = new Queue("maintenance", { connection: redis.connection, prefix: prefix() });
    try {
      await queue.upsertJobScheduler("promo-lunch", { pattern: "0 11 * * *" }, { name: "tick" });
      const before = Date.now();
      const ids = await reconcileMaintenance(queue, CHATS, maintenanceSection.parse({}));
      expect(ids).toEqual(GROUP_IDS);
      const first = await schedulers(queue);
      expect(Object.keys(first).sort()).toEqual([...GROUP_IDS, "promo-lunch"].sort());
      expect(first["maintenance-telegram--1001"]).toEqual({
        pattern: "0 10 1 * *",
        tz: "Asia/Shanghai",
        next: nextFirstOfMonth(before),
        data: { platform: "telegram", chatId: "-1001" },
      });
      expect(first["maintenance-console-desk%3A2"]!.data).toEqual({ platform: "console", chatId: "desk:2" });

      // The same again touches nothing.
      const upserts = vi.spyOn(queue, "upsertJobScheduler");
      await reconcileMaintenance(queue, CHATS, maintenanceSection.parse({}));
      expect(upserts).not.toHaveBeenCalled();

      // A new cron and zone everywhere; booking groups switched off.
      const changed = maintenanceSection.parse({
        schedule: "0 9 * * 1",
        time_zone: "Europe/Berlin",
        categories: { booking: { enabled: false } },
      });
      await reconcileMaintenance(queue, CHATS, changed);
      expect(upserts).toHaveBeenCalledTimes(3);
      const second = await schedulers(queue);
      expect(Object.keys(second).sort()).toEqual([
        "maintenance-console-desk%3A2",
        "maintenance-telegram--1001",
        "maintenance-wechat-r1@chatroom",
        "promo-lunch",
      ]);
      for (const id of ["maintenance-telegram--1001", "maintenance-wechat-r1@chatroom"]) {
        expect(second[id]).toMatchObject({ pattern: "0 9 * * 1", tz: "Europe/Berlin" });
        // Monday 09:00 in Berlin.
        const next = new Date(second[id]!.next!);
        expect(next.getUTCDay()).toBe(1);
        expect(next.toLocaleTimeString("en-GB", { timeZone: "Europe/Berlin" })).toBe("09:00:00");
      }

      // A group no longer known loses its scheduler; with none known, only the promo's is left.
      await reconcileMaintenance(queue, CHATS.slice(1), changed);
      expect(Object.keys(await schedulers(queue)).sort()).toEqual([
        "maintenance-console-desk%3A2",
        "maintenance-wechat-r1@chatroom",
        "promo-lunch",
      ]);
      await reconcileMaintenance(queue, [], changed);
      expect(Object.keys(await schedulers(queue))).toEqual(["promo-lunch"]);
    } finally {
      await queue.close();
    }
  });

  it("are added for a group seen for the first time, and follow it to a category without maintenance", async () => {
    const queue = new Queue("maintenance", { connection: redis.connection, prefix: prefix() });
    try {
      const config = maintenanceSection.parse({ categories: { booking: { enabled: false } } });
      const upserts = vi.spyOn(queue, "upsertJobScheduler");
      const group = { platform: "telegram" as const, chatId: "-1007", category: "promo" };
      expect(await scheduleMaintenanceFor(queue, group, config)).toBe(true);
      expect(await scheduleMaintenanceFor(queue, group, config)).toBe(true);
      expect(upserts).toHaveBeenCalledTimes(1);
      expect(await schedulers(queue)).toEqual({
        "maintenance-telegram--1007": {
          pattern: "0 10 1 * *",
          tz: "Asia/Shanghai",
          next: expect.any(Number),
          data: { platform: "telegram", chatId: "-1007" },
        },
      });
      expect(await scheduleMaintenanceFor(queue, { ...group, category: "booking" }, config)).toBe(false);
      expect(
        await scheduleMaintenanceFor(
          queue,
          { platform: "wechat", chatId: "dm:wxid_a", category: "promo" },
          config,
        ),
      ).toBe(false);
      expect(await schedulers(queue)).toEqual({});
    } finally {
      await queue.close();
    }
  });

  it("escape what BullMQ cannot take in an id, reversibly", () => {
    expect(maintenanceSchedulerId({ platform: "console", chatId: "a:b%3Ac" })).toBe(
      "maintenance-console-a%3Ab%253Ac",
    );
    expect(maintenanceSchedulerId({ platform: "telegram", chatId: "-100" })).toBe(
      "maintenance-telegram--100",
    );
  });
});

describe("maintenance ticks", () => {
  it("a worker turns each group's tick into its report, recipients and clean-up", async () => {
    const seeded = seedScenario();
    // Every second, so the test sees the ticks; the section as the loader will put it in the pack.
    const maintenance = maintenanceSection.parse({
      schedule: "* * * * * *",
      auto: { remove_banned_elsewhere: true },
    });
    const pack: RulePack = Object.assign(scenarioPack(), { maintenance });
    const connection = { connection: redis.connection, prefix: prefix() };
    const queue = new Queue<MaintenanceTick>("maintenance", connection);
    const runs = new Map<string, MaintenanceRun | undefined>();
    let worker: Worker<MaintenanceTick> | undefined;
    try {
      const chats = chatsInCategories(seeded.database.db, ["promo", "booking"]);
      await reconcileMaintenance(queue, chats, maintenance);
      const done = new Promise<void>((resolve) => {
        worker = new Worker<MaintenanceTick>(
          "maintenance",
          async (job: Job<MaintenanceTick>) => {
            const run = processMaintenanceJob(job, {
              database: seeded.database,
              pack: () => pack,
              now: () => NOW,
              isAdmin: (_chat, user) => user === "platadmin",
              exclude: ["bot"],
            });
            runs.set(`${job.data.platform}:${job.data.chatId}`, run);
            if (runs.size === 4) resolve();
            return run?.recipients.length ?? 0;
          },
          connection,
        );
      });
      await done;
      const shop = runs.get("telegram:-1001")!;
      expect(shop.chat).toEqual({ platform: "telegram", id: "-1001", title: "香满楼优惠群" });
      expect(shop.recipients).toEqual([
        { platform: "telegram", id: "boss" },
        { platform: "telegram", id: "host" },
        { platform: "telegram", id: "mgr" },
      ]);
      expect(shop.actions.map((a) => [a.type, a.user, a.rule])).toEqual([
        ["kick", "grace", "maintenance"],
        ["kick", "judy", "maintenance"],
      ]);
      expect(shop.shadow).toEqual([]);
      expect(shop.report.inactive.map((m) => m.userId)).toEqual(["carol", "grace", "peggy", "oscar", "bob"]);
      expect(shop.text.split("\n")[0]).toBe("🧹 群维护报告：香满楼优惠群");
      expect(shop.text).toContain(
        "\n🤖 自动清理\n• 移出 Grace 小美（已在本商家的其他群被封禁）\n• 移出 Judy（已在本商家的其他群被封禁）",
      );

      const booking = runs.get("telegram:-1002")!;
      expect(booking.text.split("\n")[0]).toBe("🧹 Group maintenance: 香满楼订座群");
      // The owner, then the bot admin appointed for that group; not the promo groups' category admin.
      expect(booking.recipients).toEqual([
        { platform: "telegram", id: "boss" },
        { platform: "telegram", id: "bob" },
      ]);
      expect(booking.actions).toEqual([]);
      expect(runs.get("telegram:-1004")!.recipients.map((r) => r.id)).toEqual(["boss", "host"]);
      // On WeChat, the owner there, by private message.
      expect(runs.get("wechat:r1@chatroom")!.recipients).toEqual([{ platform: "wechat", id: "dm:carol" }]);
    } finally {
      await worker?.close();
      await queue.close();
      seeded.dispose();
    }
  });

  it("a tick for a group that is unknown or switched off does nothing; dry runs only shadow", () => {
    const seeded = seedScenario();
    try {
      const tick = (chatId: string) => ({ data: { platform: "telegram", chatId } }) as Job<MaintenanceTick>;
      const withConfig = (section: unknown) => () =>
        Object.assign(scenarioPack(), { maintenance: maintenanceSection.parse(section) });
      const deps = { database: seeded.database, now: () => NOW, exclude: ["bot"] };
      expect(processMaintenanceJob(tick("-1999"), { ...deps, pack: withConfig({}) })).toBeUndefined();
      expect(
        processMaintenanceJob(tick("-1001"), {
          ...deps,
          pack: withConfig({ categories: { promo: { enabled: false } } }),
        }),
      ).toBeUndefined();
      const dry = processMaintenanceJob(tick("-1001"), {
        ...deps,
        pack: withConfig({ auto: { remove_inactive: true, dry_run: true } }),
      })!;
      expect(dry.actions).toEqual([]);
      // Without the engine's knowledge, the silent platform admin would be listed: callers pass isAdmin.
      expect(dry.shadow.map((a) => a.user)).toEqual(["carol", "platadmin", "grace", "peggy", "oscar", "bob"]);
      expect(dry.text).toContain("\n🤖 自动清理（试运行，不会执行）\n• 移出 Carol（超过 60 天未发言）\n");
    } finally {
      seeded.dispose();
    }
  });
});

describe("maintenance report recipients", () => {
  const group = { platform: "console" as const, id: "console" };
  const tg = { platform: "telegram" as const, id: "-1001" };
  it("go where send_to says", () => {
    expect(recipientsFor(tg, "group", ["boss"])).toEqual([tg]);
    expect(recipientsFor(tg, { platform: "telegram", id: "-100777" }, ["boss"])).toEqual([
      { platform: "telegram", id: "-100777" },
    ]);
    expect(recipientsFor(tg, "admins", ["boss", "mgr"])).toEqual([
      { platform: "telegram", id: "boss" },
      { platform: "telegram", id: "mgr" },
    ]);
    expect(recipientsFor(tg, "admins", [])).toEqual([]);
    expect(recipientsFor(tg, "admins_or_group", [])).toEqual([tg]);
    // The console has no private chats.
    expect(recipientsFor(group, "admins", ["boss"])).toEqual([]);
    expect(recipientsFor(group, "admins_or_group", ["boss"])).toEqual([group]);
  });
});
