import { describe, expect, it } from "vitest";
import { NaiveBayes } from "../../src/classifier/naive-bayes.js";
import { loadSeedModel } from "../../src/classifier/seed-corpus.js";
import { type LearnedSample, SpamModel } from "../../src/classifier/spam-model.js";
import { normalize } from "../../src/engine/text/normalize.js";

// Written for this test, not taken from any corpus: the seed has never seen them.
const UNSEEN_ADS = [
  "宝妈在家兼职，每天手机操作两小时，日赚三百，有意者私聊",
  "高仿名牌包包一比一复刻，工厂直销，需要的加微信看图",
  "澳门新葡京线上开户，首充送百分之五十，稳赚不赔",
];
const UNSEEN_CHATTER = [
  "今天的红烧排骨有点甜，下次少放点糖就好了",
  "我们一家四口周六中午过来，孩子特别喜欢你们的蛋挞",
  "外面下雨了，大家回家路上小心",
];

const spam = (id: number, text: string, rule = "ads"): LearnedSample => ({ id, label: "spam", rule, text });
const ham = (id: number, text: string, rule = "ads"): LearnedSample => ({ id, label: "ham", rule, text });

describe("SpamModel", () => {
  it("scores unseen adverts high and ordinary chatter low with the seed alone", () => {
    const model = new SpamModel();
    for (const text of UNSEEN_ADS) expect(model.score(normalize(text)).score, text).toBeGreaterThan(0.9);
    for (const text of UNSEEN_CHATTER) expect(model.score(normalize(text)).score, text).toBeLessThan(0.1);
    expect(model.score(normalize("澳门新葡京线上开户，首充送百分之五十，稳赚不赔")).kind).toBe("gambling");
  });

  it("starts from a copy of the seed and never changes it", () => {
    const seed = loadSeedModel();
    const documents = seed.documents;
    const model = new SpamModel({ seed });
    model.learn(spam(1, "今天的红烧排骨有点甜，下次少放点糖就好了"));
    expect(seed.documents).toBe(documents);
    expect(model.naiveBayes.documents).toBe(documents + 3);
  });

  it("refuses a seed with other classes", () => {
    expect(() => new SpamModel({ seed: new NaiveBayes(["ok", "spam"]) })).toThrow();
  });

  it("finds a variant of a learned spam text", () => {
    const model = new SpamModel();
    expect(model.nearSpam(normalize("加我v信abc124领红包啦"))).toBeUndefined();
    model.learn(spam(7, "加我V信abc123领红包", "poaching"));
    const near = model.nearSpam(normalize("加我v信abc124领红包啦"));
    expect(near?.sample).toMatchObject({ id: 7, rule: "poaching" });
    expect(near!.similarity).toBeGreaterThanOrEqual(0.6);
    expect(model.nearSpam(normalize("今天的红烧排骨有点甜"))).toBeUndefined();
    expect(model.nearSpam(normalize("加我v信"))).toBeUndefined(); // too short to judge by likeness
  });

  it("learns spam into the class its rule names, and into ads when the rule is not a kind", () => {
    const model = new SpamModel();
    const text = "周末一起打麻将吗，三缺一，老地方";
    model.learn(spam(1, text, "gambling"));
    expect(model.score(normalize(text)).kind).toBe("gambling");
    model.learn(spam(1, text, "flood"));
    expect(model.score(normalize(text)).kind).toBe("ads");
    expect(model.counts).toEqual({ spam: 1, ham: 0 });
  });

  it("counts the same text learned 10,000 times as ham once", () => {
    const model = new SpamModel();
    const text = "这个价格还挺实惠的，质量也不错，加微信发图";
    model.learn(ham(1, text));
    const vocabulary = model.naiveBayes.vocabularySize;
    const documents = model.naiveBayes.documents;
    const score = model.score(normalize(text)).score;
    for (let i = 2; i <= 10_000; i++) model.learn(ham(i, text));
    expect(model.counts).toEqual({ spam: 0, ham: 1 });
    expect(model.naiveBayes.vocabularySize).toBe(vocabulary);
    expect(model.naiveBayes.documents).toBe(documents);
    expect(model.score(normalize(text)).score).toBe(score);
  });

  it("keeps at most maxSamples per label, the oldest forgotten with its counts", () => {
    const model = new SpamModel({ maxSamples: 5000 });
    const documents = model.naiveBayes.documents;
    for (let i = 0; i < 6000; i++) model.learn(spam(i, `第${i}期兼职刷单日结，名额${i % 97}个，加我`));
    expect(model.counts.spam).toBeLessThanOrEqual(5000);
    expect(model.naiveBayes.documents).toBe(documents + 3 * model.counts.spam);
    expect(model.nearSpam(normalize("第5999期兼职刷单日结，名额82个，加我"))?.sample.id).toBe(5999);
    model.forget(0); // long forgotten: nothing happens
    expect(model.counts.spam).toBe(5000);
  });

  it("moves a text learned as spam to ham, and back", () => {
    const model = new SpamModel();
    const seedDocuments = model.naiveBayes.documents;
    const text = "请店员私信我一下，我想订周六的包间";
    model.learn(spam(1, text, "poaching"));
    expect(model.score(normalize(text)).score).toBeGreaterThan(0.5);
    expect(model.nearSpam(normalize(text))?.sample.id).toBe(1);
    model.learn(ham(2, text, "poaching"));
    expect(model.counts).toEqual({ spam: 0, ham: 1 });
    expect(model.nearSpam(normalize(text))).toBeUndefined();
    expect(model.nearHam(normalize(text), "poaching")?.sample.id).toBe(2);
    expect(model.naiveBayes.documents).toBe(seedDocuments + 3);
    expect(model.score(normalize(text)).score).toBeLessThan(0.5);
    model.learn(spam(3, text, "poaching"));
    expect(model.counts).toEqual({ spam: 1, ham: 0 });
    expect(model.nearHam(normalize(text), "poaching")).toBeUndefined();
  });

  it("finds ham only against the rule it was taught against, or any rule for *", () => {
    const model = new SpamModel();
    model.learn(ham(1, "周末一起打麻将吗，三缺一，老地方见", "gambling"));
    expect(model.nearHam(normalize("周末一起打麻将吗，三缺一，老地方见啊"), "gambling")?.sample.id).toBe(1);
    expect(model.nearHam(normalize("周末一起打麻将吗，三缺一，老地方见啊"), "porn")).toBeUndefined();
    model.learn(ham(2, "vx支付可以吗？还是只能现金", "*"));
    expect(model.nearHam(normalize("vx支付可以吗？还是只能现金啊"), "poaching")?.sample.id).toBe(2);
  });

  it("forgets a sample by id, counts and likeness alike", () => {
    const model = new SpamModel();
    const before = model.naiveBayes.posterior(["兼职"]);
    const vocabulary = model.naiveBayes.vocabularySize;
    model.learn(spam(42, "独家兼职项目zzq8899，日赚五百"));
    expect(model.naiveBayes.vocabularySize).toBeGreaterThan(vocabulary);
    model.forget(42);
    expect(model.counts).toEqual({ spam: 0, ham: 0 });
    expect(model.naiveBayes.posterior(["兼职"])).toEqual(before);
    expect(model.naiveBayes.vocabularySize).toBe(vocabulary);
    expect(model.nearSpam(normalize("独家兼职项目zzq8899，日赚五百"))).toBeUndefined();
  });
});
