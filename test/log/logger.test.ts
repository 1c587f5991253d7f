import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";

describe("logger", () => {
  it("masks tokens, phone and ID numbers in messages and fields", async () => {
    const stream = new PassThrough();
    let out = "";
    stream.on("data", (d) => {
      out += d;
    });
    const logger = createLogger({ destination: stream });
    logger.info(
      { token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ", chat: "g1", text: "call 138 1234 5678" },
      "user sent 110105199003071239 with bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ",
    );
    logger.error({ err: new Error("failed for 13812345678") }, "boom");
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(out).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ");
    expect(out).not.toContain("1234 5678");
    expect(out).not.toContain("13812345678");
    expect(out).not.toContain("110105199003071239");
    expect(lines[0].chat).toBe("g1");
    expect(lines[0].token).toBe("[token]");
  });
});
