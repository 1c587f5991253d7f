/** The report's sections, in page order: one module each. */
import type { ReportSection } from "../section.js";
import { actionsSection } from "./actions.js";
import { faqSection } from "./faq.js";
import { groupsSection } from "./groups.js";
import { learnedSamplesSection } from "./learned-samples.js";
import { membershipSection } from "./membership.js";
import { messagesSection } from "./messages.js";
import { promosSection } from "./promos.js";
import { ticketsSection } from "./tickets.js";
import { violationsSection } from "./violations.js";

export const SECTIONS: readonly ReportSection[] = [
  groupsSection,
  messagesSection,
  membershipSection,
  violationsSection,
  faqSection,
  promosSection,
  ticketsSection,
  actionsSection,
  learnedSamplesSection,
];
