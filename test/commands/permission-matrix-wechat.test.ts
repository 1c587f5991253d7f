/**
 * The permission matrix on WeChat: every admin command × every kind of caller WeChat has, through the
 * real adapter (PuppetService over gRPC to a loopback PuppetServer wrapping wechaty-puppet-mock) and
 * the real bot. A room's platform admins are its owner and admins; WeChat has no bot accounts, so
 * "another bot" is not a kind here. Each pair runs in a room of its own; a refused command changes
 * nothing in SQLite and removes nobody.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WechatAdapter } from "../../adapters/wechat.js";
import { Bot } from "../../src/app/bot.js";
import { createLogger } from "../../src/log/logger.js";
import { tempDb, tempRules } from "../helpers/bot.js";
import { type ContactMock, MockWechat, type RoomMock, waitFor } from "../helpers/puppet-server.js";
import { type CallerKind, COMMANDS, commandState, refusalOf } from "./permission-cases.js";

type WechatCaller = Exclude<CallerKind, "another bot">;
const KINDS: WechatCaller[] = [
  "member",
  "admin of another group",
  "platform admin",
  "bot admin",
  "owner",
  "the bot itself",
];

let wechat: MockWechat;
let bot: Bot;
let callers: Record<WechatCaller, ContactMock>;
let target: ContactMock;

beforeAll(async () => {
  wechat = await MockWechat.start();
  callers = {
    member: wechat.contact("wxid_member", "阿明"),
    "admin of another group": wechat.contact("wxid_elsewhere", "别群群主"),
    "platform admin": wechat.contact("wxid_roomadmin", "群管理"),
    "bot admin": wechat.contact("wxid_appointed", "小李"),
    owner: wechat.contact("wxid_owner", "王老板"),
    "the bot itself": wechat.botUser,
  };
  target = wechat.contact("wxid_target", "阿强");
  wechat.room({
    topic: "香满楼订座群",
    members: [callers["admin of another group"]],
    owner: callers["admin of another group"],
  });
  const rules = tempRules();
  writeFileSync(
    join(rules, "admins.yaml"),
    [
      "admins:",
      "  owners:",
      "    - { platform: wechat, id: wxid_owner, name: 王老板 }",
      "  categories:",
      "    promo:",
      "      - { platform: wechat, id: wxid_appointed, name: 小李 }",
      "  appoint: owners",
      "",
    ].join("\n"),
  );
  const logger = createLogger({ destination: new PassThrough() });
  const adapter = new WechatAdapter({
    puppet: wechat.client(),
    logger,
    pacing: { replyGapMs: [0, 2], bulkGapMs: [0, 2] },
    reconnect: { initialMs: 50, maxMs: 400 },
  });
  bot = new Bot({ rulesDir: rules, databasePath: tempDb(), logger, adapters: [adapter], watchRules: false });
  await bot.start();
  await waitFor(() => adapter.loggedIn, "the bot to log in");
});

afterAll(async () => {
  await bot?.stop();
  await wechat?.close();
});

let rooms = 0;

/** A fresh promo room with everyone in it; the platform admin is its room admin; the target has spoken. */
async function freshRoom(): Promise<RoomMock> {
  const room = wechat.room({
    topic: `香满楼优惠群${rooms++}`,
    members: [...Object.values(callers).filter((c) => c !== wechat.botUser), target],
    owner: callers.owner,
    admins: [callers["platform admin"]],
  });
  target.say("/rules").to(room);
  await waitFor(() => wechat.texts(room).length === 1, "the answer to /rules");
  return room;
}

describe("permission matrix on WeChat: every admin command × every kind of caller", () => {
  const pairs = COMMANDS.flatMap((c) =>
    KINDS.map((kind) => [c.text, kind, c.allowed.includes(kind)] as const),
  );

  it.each(pairs)("%s by %s: allowed=%s", async (text, kind, allowed) => {
    const room = await freshRoom();
    const before = commandState(bot);
    const said = wechat.texts(room).length;
    const [name, ...rest] = text.replace("{target}", target.id).split(" ");
    const mentionsTarget = !text.includes("{target}") && name !== "/broadcast" && name !== "/promo";
    const command = mentionsTarget
      ? `${name} @阿强\u2005${rest.join(" ")}`.trim()
      : [name, ...rest].join(" ");
    callers[kind].say(command, mentionsTarget ? [target] : []).to(room);
    if (kind === "the bot itself") {
      // Ignored outright: a later member's message is answered, and nothing came before it.
      target.say("/rules").to(room);
      await waitFor(() => wechat.texts(room).length === said + 1, "the answer to /rules");
      expect(wechat.texts(room).at(-1)).not.toContain(refusalOf(text));
      expect(commandState(bot)).toBe(before);
      return;
    }
    await waitFor(() => wechat.texts(room).length > said, `an answer to ${command}`);
    const answer = wechat.texts(room)[said]!;
    if (allowed) {
      expect(answer).not.toContain(refusalOf(text));
      return;
    }
    expect(answer).toContain(refusalOf(text));
    expect(wechat.removed.filter((r) => r.roomId === room.id)).toEqual([]);
    expect(commandState(bot)).toBe(before);
  });
});
