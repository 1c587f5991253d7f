import { describe, expect, it } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { isEchoable } from "../../src/engine/name-judge.js";
import { join, message } from "../helpers/events.js";
import { defaultCompiled } from "../helpers/rules.js";

describe("display names judged like text, on any platform", () => {
  it("warns a WeChat member joining as an advert, welcomes nobody, and hides the name", () => {
    const engine = new Engine(defaultCompiled());
    const event = join({ platform: "wechat", user: "wxid_spam" });
    event.sender.displayName = "加V信abc123 代开发票";
    const decision = engine.decide(event);
    expect(decision.actions.map((a) => a.type)).toEqual(["warn"]);
    expect(decision.actions[0]!.explanation?.signals[0]?.name).toBe("display_name");
    expect(event.sender.hideName).toBe(true);
  });

  it("judges the handle with the name, and leaves an ordinary member and an admin alone", () => {
    const engine = new Engine(defaultCompiled());
    const ordinary = message("你好", { user: "u1" });
    ordinary.sender.displayName = "王小明";
    ordinary.sender.username = "wang_xm";
    expect(engine.decide(ordinary).actions).toEqual([]);
    expect(ordinary.sender.hideName).toBeUndefined();
    const admin = message("你好", { user: "u2", admin: true });
    admin.sender.displayName = "加V信abc123 代开发票";
    expect(engine.decide(admin).actions).toEqual([]);
  });

  it("keeps a name with its owner's own phone number unpunished (privacy only redacts)", () => {
    const engine = new Engine(defaultCompiled());
    const event = message("订位 4 人", { user: "u3" });
    event.sender.displayName = "张三 13812345678";
    expect(engine.decide(event).actions.filter((a) => a.type !== "reply")).toEqual([]);
    expect(event.sender.hideName).toBe(true);
  });

  it("tells a name with a link or an @handle from an ordinary one", () => {
    expect(isEchoable("Alice")).toBe(true);
    expect(isEchoable("王老板")).toBe(true);
    expect(isEchoable("福利 t.me/fuli888")).toBe(false);
    expect(isEchoable("找我 @deal_master")).toBe(false);
    expect(isEchoable("xx-bet.top 娱乐")).toBe(false);
  });
});
