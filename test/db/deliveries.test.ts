import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  claimDelivery,
  type DeliveryKey,
  deliveryStatus,
  markDelivered,
  markFailed,
  promoRuns,
  releaseDelivery,
} from "../../src/db/deliveries.js";
import { openTempDb, otherShop, shop, type TempDb } from "./temp-db.js";

describe("delivery ledger", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());
  const key = (slot: number, chat = shop): DeliveryKey => ({ promo: "lunch", chat, slot });

  it("a slot is claimed once; once sent or failed it is never sendable again", () => {
    const { db } = temp.database;
    expect(claimDelivery(db, key(1), 10)).toBe("send");
    markDelivered(db, key(1), 11);
    expect(claimDelivery(db, key(1), 12)).toBe("done");
    expect(deliveryStatus(db, key(1))).toBe("sent");
    expect(claimDelivery(db, key(2), 10)).toBe("send");
    markFailed(db, key(2), "chat not found");
    expect(claimDelivery(db, key(2), 12)).toBe("done");
    // The same id on another platform is another chat.
    expect(claimDelivery(db, key(1, otherShop), 10)).toBe("send");
  });

  it("a released claim is taken again; a claim nobody came back for becomes uncertain, once", () => {
    const { db } = temp.database;
    expect(claimDelivery(db, key(1), 10)).toBe("send");
    releaseDelivery(db, key(1), "429");
    expect(deliveryStatus(db, key(1))).toBe("released");
    expect(claimDelivery(db, key(1), 11)).toBe("send");
    // This claim's owner died: the next attempt learns the outcome is unknown, later ones skip it.
    expect(claimDelivery(db, key(1), 12)).toBe("uncertain");
    expect(claimDelivery(db, key(1), 13)).toBe("done");
    expect(deliveryStatus(db, key(1))).toBe("uncertain");
    // Releasing only gives back a live claim, never an uncertain or sent one.
    releaseDelivery(db, key(1), "late error");
    expect(deliveryStatus(db, key(1))).toBe("uncertain");
  });

  it("summarises each run of a promo by state, newest first, naming uncertain chats", () => {
    const { db } = temp.database;
    expect(promoRuns(db, "lunch", 0)).toEqual([]);
    claimDelivery(db, key(1), 1);
    markDelivered(db, key(1), 1);
    claimDelivery(db, key(2), 2);
    markDelivered(db, key(2), 2);
    claimDelivery(db, key(2, otherShop), 2);
    claimDelivery(db, key(2, otherShop), 3);
    claimDelivery(db, key(2, { platform: "telegram", chatId: "-100999" }), 2);
    markFailed(db, key(2, { platform: "telegram", chatId: "-100999" }), "kicked");
    const none = { claimed: 0, released: 0, sent: 0, failed: 0, uncertain: 0, skipped: 0 };
    expect(promoRuns(db, "lunch", 0)).toEqual([
      {
        slot: 2,
        counts: { ...none, sent: 1, failed: 1, uncertain: 1 },
        uncertain: ["wechat:-100123"],
        skipped: {},
      },
      { slot: 1, counts: { ...none, sent: 1 }, uncertain: [], skipped: {} },
    ]);
    expect(promoRuns(db, "lunch", 2).map((r) => r.slot)).toEqual([2]);
  });
});
