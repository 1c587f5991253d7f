/**
 * The spam texts the bench teaches a model, as admins' /spam replies would over months: every spam
 * line of the seed corpus (ads, poaching, gambling, porn, varied in wording and script), then
 * variants of the eval's spam wave, up to the count asked for. So the near-duplicate index holds
 * real, varied postings and a `learned-spam` lookup costs what it does in a merchant's bot.
 */

import { readSeedLines } from "../src/classifier/seed-corpus.js";
import { OK_CLASS } from "../src/classifier/spam-classes.js";
import type { LearnedSample } from "../src/classifier/spam-model.js";
import { waveVariant } from "./eval/spam-wave.js";

/** Wave variants start past the ones `npm run eval` measures, so no text repeats one of those. */
const FIRST_WAVE_INDEX = 1000;

export function learnedSpamSamples(count: number): LearnedSample[] {
  const seedSpam = readSeedLines().filter((line) => line.label !== OK_CLASS);
  const samples: LearnedSample[] = [];
  for (const line of seedSpam.slice(0, count)) {
    samples.push({ id: samples.length + 1, label: "spam", rule: line.label, text: line.text });
  }
  for (let i = 0; samples.length < count; i++) {
    samples.push({
      id: samples.length + 1,
      label: "spam",
      rule: "ads",
      text: waveVariant(FIRST_WAVE_INDEX + i),
    });
  }
  return samples;
}
