/**
 * A WeChat for tests: wechaty-puppet-service's PuppetServer wrapping
 * wechaty-puppet-mock on loopback (no TLS, an `insecure_…` token, a free port),
 * so the bot's real PuppetService client talks gRPC exactly as in production.
 * The mock is already logged in as the bot, like a hosted puppet service that
 * keeps its WeChat session; the server can be stopped and restarted on the same
 * port to drop the bot's connection mid-conversation.
 */
import { rmdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { type payloads, types, log as wechatyLog } from "wechaty";
import { mock, PuppetMock } from "wechaty-puppet-mock";
import { PuppetServer, PuppetService } from "wechaty-puppet-service";

// Wechaty's own logger writes WARN lines (TLS disabled, stream ended…) to stderr: keep test output clean.
wechatyLog.level("silent");

export type ContactMock = mock.ContactMock;
export type RoomMock = mock.RoomMock;

/** What a card carries; the mock itself answers every card with a fixed placeholder. */
export type Card =
  | { miniProgram: payloads.MiniProgram }
  | { urlLink: payloads.UrlLink }
  | { contact: ContactMock };

/** A message the bot sent, as the mock WeChat received it. */
export interface Said {
  roomId?: string;
  /** The contact, for a private message. */
  to?: string;
  text: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. No fixed sleeps in tests. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export class MockWechat {
  readonly mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  /** A fresh token per run: PuppetService keeps a payload cache under ~/.wechaty/…/<token>. */
  readonly token = `insecure_qunguan_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  readonly botUser: ContactMock;
  /** Everything the bot sent, in order. */
  readonly said: Said[] = [];
  /** Members the bot removed (room.remove → puppet.roomDel). */
  readonly removed: { roomId: string; contactId: string }[] = [];
  /** Announcements the bot set. */
  readonly announced: { roomId: string; text: string }[] = [];
  endpoint = "";
  /** Card payloads by message id, served in place of the mock's placeholders. */
  private readonly cards = new Map<string, Card>();
  private server: PuppetServer | undefined;

  private constructor() {
    this.botUser = this.contact("wxid_qunguan", "群管");
    this.puppet.on("message", ({ messageId }) => {
      const payload = this.mocker.messagePayload(messageId);
      if (payload.talkerId === this.botUser.id)
        this.said.push({ roomId: payload.roomId, to: payload.listenerId, text: payload.text ?? "" });
    });
    // The mock's roomDel does nothing; a real WeChat removes the member and tells the room.
    this.puppet.roomDel = async (roomId: string, contactId: string) => {
      this.removed.push({ roomId, contactId });
      this.mocker.RoomMock.load(roomId).remove(this.mocker.ContactMock.load(contactId)).by(this.botUser);
    };
    const miniProgram = this.puppet.messageMiniProgram.bind(this.puppet);
    this.puppet.messageMiniProgram = async (id: string) => {
      const card = this.cards.get(id);
      return card && "miniProgram" in card ? card.miniProgram : miniProgram(id);
    };
    const urlLink = this.puppet.messageUrl.bind(this.puppet);
    this.puppet.messageUrl = async (id: string) => {
      const card = this.cards.get(id);
      return card && "urlLink" in card ? card.urlLink : urlLink(id);
    };
    const contact = this.puppet.messageContact.bind(this.puppet);
    this.puppet.messageContact = async (id: string) => {
      const card = this.cards.get(id);
      return card && "contact" in card ? card.contact.id : contact(id);
    };
    const announce = this.puppet.roomAnnounce.bind(this.puppet);
    this.puppet.roomAnnounce = (async (roomId: string, text?: string) => {
      if (text !== undefined) this.announced.push({ roomId, text });
      return announce(roomId, text as string);
    }) as typeof this.puppet.roomAnnounce;
  }

  static async start(): Promise<MockWechat> {
    const wechat = new MockWechat();
    wechat.endpoint = `127.0.0.1:${await freePort()}`;
    await wechat.puppet.start();
    wechat.mocker.login(wechat.botUser);
    await wechat.startServer();
    return wechat;
  }

  contact(id: string, name: string): ContactMock {
    return this.mocker.createContact({ id, name });
  }

  room(options: {
    topic: string;
    members: ContactMock[];
    owner?: ContactMock;
    admins?: ContactMock[];
  }): RoomMock {
    return this.mocker.createRoom({
      topic: options.topic,
      memberIdList: [this.botUser.id, ...options.members.map((m) => m.id)],
      ownerId: options.owner?.id,
      adminIdList: (options.admins ?? []).map((a) => a.id),
    });
  }

  /** `from` posts a card into `room`, as WeChat reports one: a message of the card's type, its payload on request. */
  sendCard(from: ContactMock, room: RoomMock, card: Card, at = Date.now()): void {
    const type =
      "miniProgram" in card
        ? types.Message.MiniProgram
        : "urlLink" in card
          ? types.Message.Url
          : types.Message.Contact;
    const id = `card_${Math.random().toString(36).slice(2)}`;
    this.cards.set(id, card);
    this.mocker.MessageMock.create({
      id,
      talkerId: from.id,
      roomId: room.id,
      timestamp: at,
      type,
      text: "",
      mentionIdList: [],
    });
    this.puppet.emit("message", { messageId: id });
  }

  /** The bot's real client: PuppetService over gRPC to this server. */
  client(): PuppetService {
    return new PuppetService({ token: this.token, endpoint: this.endpoint, tls: { disable: true } });
  }

  /** Texts the bot sent into `room`. */
  texts(room: RoomMock): string[] {
    return this.said.filter((s) => s.roomId === room.id).map((s) => s.text);
  }

  async startServer(): Promise<void> {
    this.server = new PuppetServer({
      endpoint: this.endpoint,
      puppet: this.puppet,
      token: this.token,
      tls: { disable: true },
    });
    await this.server.start();
  }

  /** Drops every client connection, as a puppet service restart does. The mock stays logged in. */
  async stopServer(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  async close(): Promise<void> {
    await this.stopServer();
    await this.puppet.stop().catch(() => {});
    const store = join(homedir(), ".wechaty", "wechaty-puppet-service");
    rmSync(join(store, this.token), { recursive: true, force: true });
    // Leave no trace where the directories are ours alone: rmdir refuses a non-empty one.
    for (const dir of [store, join(homedir(), ".wechaty")]) {
      try {
        rmdirSync(dir);
      } catch {
        // someone else's files are there: keep them
      }
    }
  }
}
