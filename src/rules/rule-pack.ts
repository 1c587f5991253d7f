/**
 * A rule pack: every rule file of a directory merged and checked. This is
 * what the engine compiles and the command and queue layers read.
 */
import type { MaintenanceConfig } from "../maintenance/config.js";
import type { TemplateOverrides } from "../words/templates.js";
import type {
  Admins,
  Binding,
  Bookings,
  Category,
  Complaints,
  Escalation,
  FaqEntry,
  FaqPointers,
  Learning,
  ModerationRule,
  Promo,
  Raid,
} from "./schema.js";

export interface RulePack {
  /** The directory it was loaded from. */
  dir: string;
  /** Category of a chat that matches no binding. */
  defaultCategory: string;
  bindings: Binding[];
  categories: Record<string, Category>;
  moderation: ModerationRule[];
  escalation: Escalation;
  faq: { cooldown: string | number; entries: FaqEntry[]; pointers?: FaqPointers };
  admins: Admins;
  promos: Promo[];
  /** Overrides of the bot's own words. */
  templates: TemplateOverrides;
  /** Monthly maintenance: the report and automatic clean-ups (the defaults when no file has the section). */
  maintenance: MaintenanceConfig;
  /** The complaint desk; absent when no file has a `complaints:` section (the desk is off). */
  complaints?: Complaints;
  /** Booking requests; absent when no file has a `bookings:` section (requests are not taken). */
  bookings?: Bookings;
  /** Learning from admins (/spam, /notspam): the defaults when no file has a `learning:` section. */
  learning: Learning;
  /** Raid defence; absent when no file has a `raid:` section (off). */
  raid?: Raid;
}

/** Learning as a pack without a `learning:` section has it: merchant "default", the seed model on. */
export function defaultLearning(): Learning {
  return {
    merchant: "default",
    seed: true,
    similarity: 0.6,
    kinds: { ads: "ads", poaching: "poaching", gambling: "gambling", porn: "porn" },
    max_samples: 5000,
  };
}

/** The ladder a pack without an `escalation` section gets: warn, warn, mute 1h, mute 1d, kick. */
export function defaultEscalation(): Escalation {
  return {
    warning_expiry: "30d",
    ladder: ["warn", "warn", { mute: "1h" }, { mute: "1d" }, "kick"],
    reset_after_kick: true,
    categories: {},
  };
}

export function emptyAdmins(): Admins {
  return { owners: [], categories: {}, appoint: "owners" };
}
