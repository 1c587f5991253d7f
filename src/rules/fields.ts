/** Field schemas more than one rule-file section uses (the main schema, the maintenance section). */
import { z } from "zod";

export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "ids are lower-case letters, digits, '-' or '_'")
  .describe("Identifier: lower-case letters, digits, '-' or '_'");

export const timeZone = z
  .string()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "an IANA time zone such as Asia/Shanghai")
  .describe("IANA time zone, e.g. Asia/Shanghai");
