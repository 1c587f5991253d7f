export {
  auditByNotice,
  auditEntry,
  auditForMessage,
  type NewAudit,
  recentAudit,
  recordAudit,
  recordAuditMany,
} from "./audit.js";
export { type AdminScope, addBotAdmin, allBotAdmins, listBotAdmins, removeBotAdmin } from "./bot-admins.js";
export { type DbChat, dbChat } from "./chat.js";
export { dryRunChats, getChatSettings, setDryRun } from "./chat-settings.js";
export { chatsInCategories, getChat, rememberChat } from "./chats.js";
export {
  type ClaimOutcome,
  claimDelivery,
  countTowards,
  type DeliveryCap,
  type DeliveryKey,
  deliveriesOf,
  deliveryStatus,
  markDelivered,
  markFailed,
  promoRuns,
  type RunSummary,
  releaseDelivery,
  reopenUncertain,
  restoreUncertain,
  skipDelivery,
} from "./deliveries.js";
export {
  DEFAULT_MAX_PER_LABEL,
  forgetSample,
  loadSamples,
  type NewSample,
  sampleCounts,
  saveSample,
} from "./learned-samples.js";
export { getMember, listMembersFirstSeen, type MemberFirstSeen, touchMember } from "./members.js";
export { type Database, type Db, findMigrationsFolder, openDatabase } from "./open.js";
export { pausedPromos, pausePromo, resumePromo } from "./promo-pauses.js";
export {
  activeSanction,
  activeSanctions,
  addSanction,
  liftSanction,
  liftSanctionsFor,
  type NewSanction,
  overdueSanctions,
} from "./sanctions.js";
export {
  AUDIT_OUTCOMES,
  type AuditOutcome,
  type AuditRow,
  type BotAdminRow,
  type ChatSettingsRow,
  type DailyStatsRow,
  type FaqHitRow,
  type LearnedSampleRow,
  type MemberRow,
  type RuleHitRow,
  SAMPLE_LABELS,
  SANCTION_KINDS,
  type SampleLabel,
  type SanctionKind,
  type SanctionRow,
  TICKET_KINDS,
  type TicketKind,
  type TicketRow,
  type WarningRow,
} from "./schema.js";
export {
  bumpFaqHit,
  bumpRuleHit,
  bumpStats,
  dayOf,
  type StatsDelta,
  type StatsTotals,
  statsSince,
} from "./stats.js";
export {
  assignTicket,
  closeTicket,
  type Deadline,
  declineBooking,
  getTicket,
  markDeadlineMissed,
  markFirstResponse,
  type NewTicket,
  openTicket,
  openTickets,
  openTicketsOf,
  rateTicket,
  ticketAwaitingScore,
  ticketsWithPendingDeadlines,
} from "./tickets.js";
export {
  activeWarnings,
  addWarning,
  listActiveWarnings,
  type NewWarning,
  resetWarnings,
  revokeLatestWarning,
  topWarned,
} from "./warnings.js";
