/**
 * The rule-file schema: one zod schema validates every YAML file in a rule
 * directory and generates the JSON Schema that operators' editors use
 * (rules/schema.json). A file may hold any of the top-level sections; the
 * loader merges all files of a directory into one rule pack.
 */
import { z } from "zod";
import { MESSAGE_KINDS } from "../core/chat-event.js";
import { maintenanceSection } from "../maintenance/config.js";
import { LOCALES, TEMPLATE_KEYS, type TemplateKey } from "../words/templates.js";
import { cronField, cronProblem, cronRuns } from "./cron.js";
import { DURATION_PATTERN } from "./duration.js";
import { id, timeZone } from "./fields.js";
import { promoDates } from "./promo-dates.js";

const duration = z
  .union([
    z.string().regex(new RegExp(DURATION_PATTERN), "a duration like 30s, 10m, 2h, 1d or 1w"),
    z.number().int().nonnegative(),
  ])
  .describe("A duration: 30s, 10m, 2h, 1d, 1w, or a number of seconds");

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:MM")
  .describe("Time of day, HH:MM (24 h)");

const platform = z.enum(["telegram", "wechat", "console"]);

const quietHours = z
  .strictObject({ from: clock, to: clock, time_zone: timeZone.optional() })
  .describe("A daily window; it may wrap midnight (23:00–07:00)");

// ---- moderation conditions ------------------------------------------------

export interface ConditionInput {
  keywords?: string[] | { words: string[]; min?: number };
  regex?: string | string[];
  compact_regex?: string | string[];
  links?: boolean | { allow?: string[] };
  pii?: ("phone" | "id_card" | "bank_card" | "address")[];
  flood?: { count: number; seconds: string | number };
  repeat?: { count: number; seconds: string | number };
  repeat_across?: { count: number; seconds: string | number };
  kinds?: (typeof MESSAGE_KINDS)[number][];
  member_age?: { under: string | number };
  quiet_hours?: { from: string; to: string; time_zone?: string };
  mentions?: { min: number };
  length?: { min?: number; max?: number };
  any?: ConditionInput[];
  all?: ConditionInput[];
  not?: ConditionInput;
  evidence?: { threshold: number; signals: { name: string; weight: number; when: ConditionInput }[] };
  classifier?: { min: number; kinds?: ("ads" | "poaching" | "gambling" | "porn")[] };
  learned?: "spam";
}

const condition: z.ZodType<ConditionInput> = z.lazy(() =>
  z
    .strictObject({
      keywords: z
        .union([
          z.array(z.string().min(1)).min(1),
          z.strictObject({
            words: z.array(z.string().min(1)).min(1),
            min: z.number().int().min(1).default(1).describe("How many different words must occur"),
          }),
        ])
        .optional()
        .describe(
          "Any of these words or phrases; matched after normalisation (full-width, case, Traditional→Simplified, separators and look-alikes folded)",
        ),
      regex: z
        .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
        .optional()
        .describe(
          "JavaScript regular expression(s) tested on the normalised text (lower-case, Simplified); checked at load for catastrophic backtracking",
        ),
      compact_regex: z
        .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
        .optional()
        .describe(
          "Regular expression(s) tested on the compact form: separators, symbols and emoji between characters removed, look-alikes folded (t🍜u🍜a🍜n → tuan)",
        ),
      links: z
        .union([
          z.boolean(),
          z.strictObject({
            allow: z
              .array(z.string())
              .optional()
              .describe(
                "Allowed: domains (and their subdomains, except WeChat's invitation and contact links), URL prefixes (host/path), or ids of the merchant's own WeChat invitations and official account (__biz)",
              ),
          }),
        ])
        .optional()
        .describe("A link (URL or bare domain) to a host not on the allow-list"),
      pii: z
        .array(z.enum(["phone", "id_card", "bank_card", "address"]))
        .min(1)
        .optional()
        .describe(
          "Personal data: phone numbers (mainland, Taiwan, Hong Kong, any +country code), ID numbers (mainland, Hong Kong, Taiwan), bank card numbers, home addresses",
        ),
      flood: z
        .strictObject({ count: z.number().int().min(2), seconds: duration })
        .optional()
        .describe("The member sent at least `count` messages within `seconds`"),
      repeat: z
        .strictObject({ count: z.number().int().min(2), seconds: duration })
        .optional()
        .describe("The member sent the same text at least `count` times within `seconds`"),
      repeat_across: z
        .strictObject({ count: z.number().int().min(2), seconds: duration })
        .optional()
        .describe(
          "At least `count` different members sent the same text (digits read alike) within `seconds`: a spam wave from many accounts",
        ),
      kinds: z
        .array(z.enum(MESSAGE_KINDS))
        .min(1)
        .optional()
        .describe("Message kinds, e.g. contact_card, mini_program, red_envelope"),
      member_age: z
        .strictObject({ under: duration })
        .optional()
        .describe("The member was first seen in this chat less than `under` ago"),
      quiet_hours: quietHours.optional().describe("The message was sent inside this daily window"),
      mentions: z
        .strictObject({ min: z.number().int().min(1) })
        .optional()
        .describe("The message mentions at least `min` members"),
      length: z
        .strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
        .optional()
        .describe("Text length in characters"),
      any: z.array(condition).min(1).optional().describe("At least one of these conditions"),
      all: z.array(condition).min(1).optional().describe("Every one of these conditions"),
      not: condition.optional().describe("The condition does not hold"),
      evidence: z
        .strictObject({
          threshold: z
            .number()
            .positive()
            .describe("The weights of the signals that hold must add up to this"),
          signals: z
            .array(
              z.strictObject({
                name: z
                  .string()
                  .min(1)
                  .describe(
                    "What the signal is evidence of (handle, call-to-action…); shown in explanations",
                  ),
                weight: z.number().describe("Its weight; a negative weight is evidence against"),
                // The signal holds when this condition does (no describe here: it would clone the lazy schema it is part of).
                when: condition,
              }),
            )
            .min(1),
        })
        .optional()
        .describe(
          "Weighted evidence: holds when the weights of the signals that hold reach `threshold`, so no single common word decides alone",
        ),
      classifier: z
        .strictObject({
          min: z
            .number()
            .gt(0)
            .lt(1)
            .describe("The classifier's spam probability must reach this (0–1; 0.9 is a sure opinion)"),
          kinds: z
            .array(z.enum(["ads", "poaching", "gambling", "porn"]))
            .min(1)
            .optional()
            .describe("Only when the kind of spam it leans to is one of these"),
        })
        .optional()
        .describe(
          "The spam classifier (character n-grams, trained on the shipped corpus and the admins' /spam and /notspam): only as an evidence signal lighter than its rule's threshold, so it tips a decision but never sanctions alone",
        ),
      learned: z
        .literal("spam")
        .optional()
        .describe("The text is the same as, or nearly the same as, one an admin marked with /spam"),
    })
    .refine((c) => Object.keys(c).length > 0, "a condition needs at least one test")
    .describe("A condition; several tests in one condition must all hold"),
);

// ---- actions -----------------------------------------------------------------

const ruleAction = z
  .union([
    z.enum(["delete", "warn", "kick", "ban", "mute", "notify"]),
    z.strictObject({ mute: duration }),
    z.strictObject({ ban: duration }),
    z.strictObject({ reply: z.string().min(1) }),
    z.strictObject({ notify: z.string().min(1) }),
  ])
  .describe(
    "delete | warn (climbs the escalation ladder) | mute (default 1h) | {mute: 2h} | kick | ban | {ban: 1d} | {reply: text} | notify | {notify: text}",
  );
export type RuleActionInput = z.infer<typeof ruleAction>;

const moderationRule = z
  .strictObject({
    id,
    description: z.string().optional(),
    priority: z
      .number()
      .int()
      .default(0)
      .describe("Higher runs first; at equal priority, rules that remove a message run first"),
    categories: z.array(id).min(1).optional().describe("Only in these categories (default: all)"),
    match: condition,
    actions: z.array(ruleAction).min(1),
    exempt: z
      .strictObject({
        admins: z.boolean().default(true).describe("Admins are exempt (default true)"),
        users: z.array(z.string()).default([]).describe("User ids never matched by this rule"),
        categories: z.array(id).default([]).describe("Categories where this rule does not apply"),
      })
      .optional(),
    dry_run: z.boolean().default(false).describe("Shadow mode: log what the rule would do, do nothing"),
    enabled: z.boolean().default(true),
  })
  .describe("A moderation rule");
export type ModerationRuleInput = z.infer<typeof moderationRule>;

// ---- escalation -------------------------------------------------------------------

const ladderStep = z
  .union([
    z.literal("warn"),
    z.literal("kick"),
    z.literal("ban"),
    z.strictObject({ mute: duration }),
    z.strictObject({ ban: duration }),
  ])
  .describe("warn | {mute: 1h} | kick | ban | {ban: 7d}");

const ladder = z
  .array(ladderStep)
  .min(1)
  .describe("What the Nth active warning brings; the last step repeats");

const escalation = z
  .strictObject({
    warning_expiry: duration.default("30d").describe("A warning stops counting after this long"),
    ladder: ladder.default(["warn", "warn", { mute: "1h" }, { mute: "1d" }, "kick"]),
    reset_after_kick: z.boolean().default(true).describe("Warnings are cleared when the ladder kicks"),
    categories: z
      .record(id, z.strictObject({ ladder: ladder.optional(), warning_expiry: duration.optional() }))
      .default({})
      .describe("Per-category overrides"),
  })
  .describe("The escalation ladder");

// ---- FAQ ------------------------------------------------------------------------------

const faqEntry = z
  .strictObject({
    id,
    description: z.string().optional(),
    categories: z.array(id).min(1).optional().describe("Answered only in these categories (default: all)"),
    keywords: z
      .array(z.string().min(1))
      .min(1)
      .describe("Words that name the topic; one is enough when the message asks a question"),
    hints: z
      .array(z.string().min(1))
      .default([])
      .describe("Weaker words: count only together with a keyword, to choose between FAQs"),
    exclude: z.array(z.string().min(1)).default([]).describe("Words that rule this FAQ out"),
    ask: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "Requests that ask by themselves, without a question mark (订个位, 发个定位); they also name the topic",
      ),
    answer: z.string().min(1),
    answers: z.record(id, z.string().min(1)).default({}).describe("Per-category answers"),
    cooldown: duration.optional().describe("Per chat: do not repeat this answer within this time"),
  })
  .describe("A question the bot answers");

const faqPointers = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe("Within an answer's cooldown, another member asking gets a brief pointer to it"),
    max_per_cooldown: z
      .number()
      .int()
      .min(0)
      .default(3)
      .describe("Pointers per FAQ and chat within one cooldown; a flood of askers gets no more"),
  })
  .describe(
    "Brief pointers to an answer given moments ago (a reply to it on Telegram, 'see above' on WeChat); the member who was answered, or already pointed, asking again gets nothing",
  );
export type FaqPointers = z.output<typeof faqPointers>;

const faqSection = z
  .strictObject({
    cooldown: duration.default("2m").describe("Default per-chat cooldown of an answer"),
    pointers: faqPointers.optional(),
    entries: z.array(faqEntry).default([]),
  })
  .describe("Frequently asked questions");

// ---- groups and categories -------------------------------------------------------

const binding = z
  .strictObject({
    category: id,
    platform: platform.optional(),
    id: z.string().min(1).optional().describe("The chat id on its platform"),
    title_contains: z.string().min(1).optional().describe("A substring of the group's title/topic"),
    title_regex: z.string().min(1).optional().describe("A regular expression on the title/topic"),
  })
  .refine((b) => b.id !== undefined || b.title_contains !== undefined || b.title_regex !== undefined, {
    message: "a binding needs id, title_contains or title_regex",
  })
  .describe("Binds chats to a category: by platform + id, or by a pattern on the title");

const groups = z
  .strictObject({
    default_category: id.describe("Category of a chat that matches no binding"),
    bindings: z.array(binding).default([]),
  })
  .describe("Which category each chat belongs to");

const category = z
  .strictObject({
    name: z.string().min(1).describe("Display name"),
    locale: z
      .enum(LOCALES)
      .default("zh-CN")
      .describe("Language of the bot's own words: zh-CN (Simplified), zh-TW (Traditional, Taiwan) or en"),
    time_zone: timeZone
      .optional()
      .describe(
        "Zone of the times the bot shows in these groups (default: the maintenance section's time_zone)",
      ),
    intro: z.string().default("").describe("Shown to new members"),
    rules_text: z.string().default("").describe("The group's rules, shown by /rules and in the welcome"),
    welcome: z.boolean().default(true).describe("Greet new members with intro and rules"),
    auto_delete: duration
      .optional()
      .describe("Delete the bot's own warnings and welcomes after this long, to keep the group tidy"),
    faq: z.boolean().default(true).describe("Answer FAQs in this category"),
    remove_bots_added_by_members: z
      .boolean()
      .default(false)
      .describe("Remove a bot added by a member who is not an admin (how spam bots get into groups)"),
  })
  .describe("A kind of group: promo, booking, waitlist, complaints…");

// ---- admins and promos (used by the command and queue layers) -------------------

const person = z.strictObject({ platform, id: z.string().min(1), name: z.string().optional() });

const admins = z
  .strictObject({
    owners: z.array(person).default([]).describe("Owners: admin everywhere, may appoint admins"),
    categories: z.record(id, z.array(person)).default({}).describe("Bot admins of every group of a category"),
    appoint: z
      .enum(["owners", "admins"])
      .default("owners")
      .describe("Who may appoint and dismiss bot admins"),
  })
  .describe("Who runs the bot");

const promo = z
  .strictObject({
    id,
    description: z.string().optional(),
    targets: z
      .strictObject({
        categories: z.array(id).default([]),
        groups: z.array(z.strictObject({ platform, id: z.string().min(1) })).default([]),
      })
      .describe("Where the promo goes"),
    cron: cronField('"0 11 * * 1-5" for 11:00 on weekdays'),
    time_zone: timeZone.default("Asia/Shanghai").describe("The zone of cron, start, end and the caps' days"),
    start: z.string().date().optional().describe("First day, YYYY-MM-DD, in the promo's time zone"),
    end: z.string().date().optional().describe("Last day, YYYY-MM-DD, in the promo's time zone"),
    quiet_hours: quietHours.optional(),
    quiet: z
      .enum(["hold", "drop"])
      .default("hold")
      .describe("A push due inside quiet_hours: hold it until they end, or drop it (logged either way)"),
    text: z.string().min(1),
    image: z.string().optional().describe("Path or URL of an image"),
    max_per_day: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        "Per chat: at most this many scheduled pushes of this promo per calendar day (promo's zone); unset: no cap",
      ),
    max_per_month: z
      .union([z.number().int().min(1), z.literal("days_in_month")])
      .optional()
      .describe(
        "Per chat: skip this promo in a group that had this many pushes (any promo or broadcast) this calendar month; days_in_month: as many as the month has days, as 企业微信 allows",
      ),
    enabled: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    if (p.start && p.end && p.end < p.start) {
      ctx.addIssue({ code: "custom", path: ["end"], message: `end ${p.end} is before start ${p.start}` });
    } else if (p.end && !cronProblem(p.cron, p.time_zone) && !firesBetween(p)) {
      ctx.addIssue({
        code: "custom",
        path: ["cron"],
        message: `"${p.cron}" never fires between ${p.start ?? "now"} and ${p.end} (${p.time_zone})`,
      });
    }
  })
  .describe("A scheduled promo push");

/** Whether a promo with an end date has at least one run in its dates (a weekday promo over one weekend has none). */
function firesBetween(p: { cron: string; time_zone: string; start?: string; end?: string }): boolean {
  const { from = Date.now(), until = 0 } = promoDates(p);
  // A promo that ended in the past is not an error: it is simply over (the scheduler skips it).
  return until <= Date.now() || cronRuns(p.cron, p.time_zone, from - 1, until - 1, 1).length > 0;
}

// ---- complaint desk ------------------------------------------------------------------

const chatRef = z.strictObject({ platform, id: z.string().min(1) });

const staffTier = z
  .strictObject({
    name: z.string().optional().describe("What this tier is called, e.g. 店长 or 区域经理"),
    chats: z.array(chatRef).default([]).describe("Staff groups that hear of tickets at this tier"),
    people: z.array(person).default([]).describe("Staff who hear of tickets by private message"),
  })
  .refine((t) => t.chats.length + t.people.length > 0, "a staff tier needs chats or people")
  .describe("Who hears of a ticket at this level");

const complaints = z
  .strictObject({
    enabled: z.boolean().default(true),
    categories: z
      .array(id)
      .default(["complaints"])
      .describe("Groups of these categories open tickets for complaints"),
    groups: z.array(chatRef).default([]).describe("Further single groups, by platform + id"),
    match: condition.describe("What a complaint looks like (same tests as moderation conditions)"),
    first_response: duration.default("15m").describe("A staff member answers within this time"),
    resolution: duration.default("2d").describe("The ticket is closed within this time"),
    staff: z
      .array(staffTier)
      .default([])
      .describe("Tiers of staff: the first hears of every new ticket, each missed deadline goes one tier up"),
    rating_window: duration
      .default("1d")
      .describe("After closing, a bare 1–5 from the customer within this time is their score"),
  })
  .describe("The complaint desk: tickets, deadlines, escalation and satisfaction");

// ---- bookings -------------------------------------------------------------------------

const bookings = z
  .strictObject({
    enabled: z.boolean().default(true),
    categories: z
      .array(id)
      .default(["booking"])
      .describe("Groups of these categories take booking requests (订位 12月5日 19:00 4人)"),
    groups: z.array(chatRef).default([]).describe("Further single groups, by platform + id"),
    time_zone: timeZone
      .default("Asia/Shanghai")
      .describe("Dates and times in requests are read in this zone ('明天' is its tomorrow)"),
    confirm_within: duration
      .default("30m")
      .describe(
        "Staff confirm or answer a booking within this time (and before the table's time), or it goes one staff tier up",
      ),
    max_party: z
      .number()
      .int()
      .min(1)
      .default(20)
      .describe("Largest party booked in the chat; larger ones are asked to call"),
    max_days_ahead: z
      .number()
      .int()
      .min(1)
      .max(366)
      .default(60)
      .describe("How many days ahead a table may be booked"),
    staff: z
      .array(staffTier)
      .optional()
      .describe("Who hears of bookings, tier by tier (default: the complaint desk's staff)"),
  })
  .describe(
    "Booking requests: read from the chat, acknowledged, handed to staff as tickets of kind booking, confirmed or declined with /ticket close|decline",
  );

// ---- raids ------------------------------------------------------------------------

const burst = z.strictObject({ count: z.number().int().min(2), seconds: duration });

const raid = z
  .strictObject({
    enabled: z.boolean().default(true),
    joins: burst
      .default({ count: 5, seconds: 60 })
      .describe("This many joins within `seconds` switch the group into raid mode"),
    caught: burst
      .default({ count: 3, seconds: 60 })
      .describe("So do this many messages of new members that a rule sanctioned"),
    new_member: duration.default("1d").describe("Members first seen less than this ago count as new"),
    lasts: duration
      .default("10m")
      .describe("Raid mode stays on this long after the last burst that started or renewed it"),
    sanction: z
      .enum(["ban", "kick"])
      .default("ban")
      .describe(
        "What a new member whose message a rule sanctions gets in raid mode, at once (WeChat, which has no ban, removes them)",
      ),
  })
  .describe(
    "Raid defence: a burst of joins or of caught messages from new members switches a group into raid mode, where welcomes and per-member notices give way to one summary and new members posting what the rules catch are removed at once",
  );

// ---- learning from admins ------------------------------------------------------------

const learning = z
  .strictObject({
    merchant: id
      .default("default")
      .describe(
        "Whose samples these are: every group and bot process with the same merchant id shares what admins teach",
      ),
    seed: z
      .boolean()
      .default(true)
      .describe("Start from the model trained on the corpus shipped with Qunguan (data/spam-seed.jsonl)"),
    similarity: z
      .number()
      .gt(0)
      .max(1)
      .default(0.6)
      .describe(
        "How near (Jaccard over character 3-grams, 0–1) a text must be to a learned one to count as the same",
      ),
    kinds: z
      .partialRecord(z.enum(["ads", "poaching", "gambling", "porn"]), id)
      .default({ ads: "ads", poaching: "poaching", gambling: "gambling", porn: "porn" })
      .describe(
        "The rule whose ladder step /spam takes for each kind of spam (the warning is counted under it)",
      ),
    max_samples: z
      .number()
      .int()
      .min(10)
      .max(100_000)
      .default(5000)
      .describe("Samples kept per label (spam, ordinary); past it the oldest are forgotten"),
  })
  .describe("Learning from admins: /spam and /notspam teach the classifier and the near-duplicate memory");

// ---- the bot's own words ------------------------------------------------------------

const templates = z
  .partialRecord(
    z.enum(LOCALES),
    z.partialRecord(z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]]), z.string().min(1)),
  )
  .describe("Overrides of the bot's own words per locale; placeholders such as {name}, {count}, {reason}");

// ---- one rule file ------------------------------------------------------------------

export const ruleFileSchema = z
  .strictObject({
    groups: groups.optional(),
    categories: z.record(id, category).optional(),
    moderation: z.array(moderationRule).optional(),
    escalation: escalation.optional(),
    faq: faqSection.optional(),
    admins: admins.optional(),
    promos: z.array(promo).optional(),
    templates: templates.optional(),
    maintenance: maintenanceSection.optional(),
    complaints: complaints.optional(),
    bookings: bookings.optional(),
    learning: learning.optional(),
    raid: raid.optional(),
  })
  .describe("A Qunguan rule file; a directory's files are merged into one rule pack");

export type RuleFile = z.output<typeof ruleFileSchema>;
export type ModerationRule = z.output<typeof moderationRule>;
export type FaqEntry = z.output<typeof faqEntry>;
export type Category = z.output<typeof category>;
export type Binding = z.output<typeof binding>;
export type Escalation = z.output<typeof escalation>;
export type LadderStep = z.output<typeof ladderStep>;
export type Admins = z.output<typeof admins>;
export type Promo = z.output<typeof promo>;
export type Complaints = z.output<typeof complaints>;
export type StaffTier = z.output<typeof staffTier>;
export type Bookings = z.output<typeof bookings>;
export type Learning = z.output<typeof learning>;
export type Raid = z.output<typeof raid>;
export type Condition = ConditionInput;
