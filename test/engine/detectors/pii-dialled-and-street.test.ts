/**
 * Phone numbers in national dialling layouts (North American (NNN) NNN-NNNN, a trunk 0 elsewhere),
 * Taiwan addresses on a road section, and English street addresses, at the detector (what the pii
 * rule sanctions) and at the redactor (what logs and the database mask); and the ordinary chatter
 * with numbers, street names and floors that neither may take for them.
 */
import { describe, expect, it } from "vitest";
import { findPii, hasPii, type PiiKind } from "../../../src/engine/detectors/pii.js";
import { redactText } from "../../../src/engine/detectors/redact.js";
import { normalize } from "../../../src/engine/text/normalize.js";

function found(s: string, kinds?: readonly PiiKind[]): string[] {
  const t = normalize(s);
  return findPii(t, kinds).map((h) => `${h.kind}:${t.raw.slice(h.start, h.end)}`);
}

describe("phones in national dialling layouts", () => {
  it.each([
    // An area code in brackets is how only phone numbers are written: no phone word needed.
    ["my cell is (646) 555-0199, call when you're outside", "(646) 555-0199"],
    ["(212) 555-0147", "(212) 555-0147"],
    ["1 (212) 555-0147", "1 (212) 555-0147"],
    ["1-212-555-0147", "1-212-555-0147"],
    ["+1 (212) 555-0147", "+1 (212) 555-0147"],
    ["(020) 7946 0958", "(020) 7946 0958"],
    ["（021）6234 5678 王小姐", "（021）6234 5678"],
    ["(02) 2345-6789", "(02) 2345-6789"],
    // Grouped or solid, beside a phone word.
    ["call me 646-555-0199", "646-555-0199"],
    ["text me at 646.555.0199", "646.555.0199"],
    ["phone 6465550199", "6465550199"],
    ["646 555 0199 call me when you land", "646 555 0199"],
    ["我美國手機 646-555-0199", "646-555-0199"],
    ["美國電話 646.555.0199", "646.555.0199"],
    ["call 020 7946 0958", "020 7946 0958"],
    ["mobile 07911 123456", "07911 123456"],
    ["tel 03-1234-5678", "03-1234-5678"],
    ["联系电话 021-6234 5678", "021-6234 5678"],
    ["座机电话 0755-88889999", "0755-88889999"],
    ["有事打給我 (02) 2345 6789", "(02) 2345 6789"],
    ["call 06 12 34 56 78", "06 12 34 56 78"],
    // The international prefix 00 stands for "+"; brackets around a country code belong to the number.
    ["0044 20 7946 0958", "0044 20 7946 0958"],
    ["00 44 20 7946 0958 是我英國號碼", "00 44 20 7946 0958"],
    ["0033 6 12 34 56 78", "0033 6 12 34 56 78"],
    ["(+852) 6123 4567", "(+852) 6123 4567"],
    ["(852) 6123 4567", "(852) 6123 4567"],
    ["+44 (0)20 7946 0958", "+44 (0)20 7946 0958"],
  ])("finds %j", (text, number) => {
    expect(found(text, ["phone"])).toEqual([`phone:${number}`]);
    expect(hasPii(normalize(text), ["phone"])).toBe(true);
  });

  it.each([
    "646-555-0199",
    "Order #5531 9920",
    "order 646-555-0199",
    "call about order 6465550199",
    "订单号 0212 3456 789",
    "订单号 1234567890",
    "會員號 (02) 2345 6789",
    "(123) 456-7890",
    "(646) 055-0199",
    "6465550199",
    "020 7946 0958",
    "we are 4 people at 310 pm",
    "$12.50",
    "2026-12-03",
    "2026-12-03 18:49:06",
    "03.12.2026 18:30",
    "10:00-12:00",
    "18:00:00 2026-12-03 00:00",
    "打电话订了 2026-12-03 19:00 的位子",
    "I called at 10:30, booked for 2026-12-05 at 7:30 pm",
    "call about booking ref 0211 2345 6789",
    "订单 0212345678 电话问过了",
    "text me the menu, 3 adults 2 kids",
    "call 06:12:34:56:78",
    "订单 0044 20 7946 0958",
    "00442079460958",
    "人均 128.50，12月3日",
    "the 47th anniversary",
  ])("spares %j", (text) => {
    expect(found(text)).toEqual([]);
  });

  it.each([
    ["my cell is (646) 555-0199, call when you're outside", "my cell is [phone], call when you're outside"],
    ["call me 646-555-0199", "call me [phone]"],
    ["1 (212) 555-0147 ok", "[phone] ok"],
    ["美國電話 646.555.0199", "美國電話 [phone]"],
    // Storage masks the grouped shapes without a phone word too.
    ["646-555-0199", "[phone]"],
    ["646.555.0199 晚上", "[phone] 晚上"],
    ["UK friend 020 7946 0958", "UK friend [phone]"],
    ["07911 123456 是我朋友", "[phone] 是我朋友"],
    ["座机 （021）6234 5678", "座机 [phone]"],
  ])("redaction masks %j", (text, masked) => {
    expect(redactText(text)).toBe(masked);
  });

  it.each([
    "Order #5531 9920",
    "order 646-555-0199",
    "6465550199",
    "2026-12-03 18:49:06",
    "订单号 0212 3456 789",
  ])("redaction keeps %j", (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe("addresses: Taiwan road sections and English streets", () => {
  it.each([
    // What the detector sees is the raw text: Traditional 號/樓 and Simplified 号/楼 alike.
    ["地址：新北市板橋區文化路二段 182 號 7 樓", "182 號 7 樓"],
    ["送到我家 台中市西屯區台灣大道三段 99 號 12 樓之 1", "99 號 12 樓之 1"],
    ["地址：新北市板桥区文化路二段 182 号 7 楼", "182 号 7 楼"],
    ["台北市中山區南京東路 2 段 120 號 5 樓", "120 號 5 樓"],
    ["寄到中正路一段 5 巷 20 號之 3", "5 巷 20 號之 3"],
    ["我家在台北市信義區松仁路 3 段 100 號 8 樓", "100 號 8 樓"],
    ["寄到高雄市三民區建國二路 5 號 3 樓之 2", "5 號 3 樓之 2"],
    ["地址：观塘道 388 号 12 楼 B 室", "388 号 12 楼 B 室"],
    ["deliver to 12 Oak Lane, Springfield, IL 62704", "12 Oak Lane, Springfield, IL 62704"],
    ["I live at 10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AA"],
    ["mail it to 742 Evergreen Terrace please", "742 Evergreen Terrace"],
    ["蛋糕送到復興南路一段100號5樓之 3", "100號5樓之 3"],
    [
      "I live at 221B Baker Street, London NW1 6XE, ship the mooncakes there",
      "221B Baker Street, London NW1 6XE",
    ],
    ["send it to Apt 5C, 310 West 47th Street, New York", "Apt 5C, 310 West 47th Street"],
    ["310 W 47th St, Apt 5C", "310 W 47th St, Apt 5C"],
    ["Unit 4, 12 Smith St", "Unit 4, 12 Smith St"],
    ["1600 Pennsylvania Ave, Washington, DC 20500", "1600 Pennsylvania Ave, Washington, DC 20500"],
    ["12 King Street West, Toronto M5V 3L9", "12 King Street West, Toronto M5V 3L9"],
    ["I live at 42 Elm Street", "42 Elm Street"],
    ["ship it to 1600 Pennsylvania Ave please", "1600 Pennsylvania Ave"],
    ["can you deliver to 7 Oak Lane tonight", "7 Oak Lane"],
    ["my place is 12 Queens Road", "12 Queens Road"],
    ["送去荃灣 Block 5, 16/F, Flat C，唔該", "Block 5, 16/F, Flat C"],
    ["我住你們店附近，文化路二段 182 號 7 樓", "182 號 7 樓"],
    ["Flat 5, Floor 12, Tower 2", "Flat 5, Floor 12, Tower 2"],
  ])("finds the address in %j", (text, address) => {
    expect(found(text, ["address"])).toEqual([`address:${address}`]);
    expect(hasPii(normalize(text), ["address"])).toBe(true);
    expect(redactText(text)).toBe(text.replace(address, "[address]"));
  });

  it.each([
    // A street, a shop's street address, or a number that is a count, time, table or floor.
    "Street food festival on Baker Street was fun",
    "the new branch is on 5th Avenue",
    "send the cake to 3 people on the way",
    "I'll send 2 close friends over",
    "we live 5 minutes from the shop",
    "meet me at the corner of 5th Ave and 42nd St",
    "deliver 2 cakes at 7 pm please",
    "send the 3 boxes to the front desk",
    "台灣大道三段有分店嗎",
    "12 樓之 1 的包廂",
    "I'll be there at 7:30",
    "table 12 please",
    "we are 4 people at 310 pm",
    "the 47th anniversary",
    "我们10个人，7点到",
    "订了3号桌",
    "2楼包间还有位吗",
    "第5号排队",
    "店在人民路88号3楼",
    "你們店在忠孝東路四段 100 號嗎",
    "中山路二段有停車場嗎",
    "我們 8 位，2 樓包廂",
    "第二段 3 號 7 樓的位子",
    // A shop's address has a home's layout: the words before it in the clause tell them apart.
    "你們店在中山路二段 3 號 2 樓嗎",
    "貴店地址是台灣大道三段 99 號 12 樓嗎",
  ])("spares %j", (text) => {
    expect(found(text)).toEqual([]);
    expect(redactText(text)).toBe(text);
  });

  it.each([
    ["is your shop at 88 Nathan Road?", "is your shop at [address]?"],
    ["88 Nathan Road", "[address]"],
    ["/warn posted 221B Baker Street", "/warn posted [address]"],
    ["is your shop at 12 King St, Toronto M5V 3L9?", "is your shop at [address], Toronto M5V 3L9?"],
  ])("leaves a bare house number and street to the rule, but storage masks it: %j", (text, masked) => {
    expect(found(text)).toEqual([]);
    expect(redactText(text)).toBe(masked);
  });
});
