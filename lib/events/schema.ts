import { z } from "zod";
import {
  CURRENCIES,
  FACT_STATUSES,
  FRACTION_TREATMENTS,
  LOCALES,
  MILESTONE_ROLES,
  SHARE_CLASSES,
  SHARE_SOURCES,
  TAXED_SOURCE,
} from "./model";

export type {
  Currency,
  FactStatus,
  FractionTreatment,
  Locale,
  MilestoneRole,
  ShareClass,
  ShareSource,
} from "./model";

/**
 * The event model (DESIGN §3.1, §3.4; docs/events.md). One model for every cash / bonus / capitalisation
 * event of a Mainland issuer's A and/or H shares: catalog events are data files checked against this schema,
 * typed-in events are built from their terms (terms.ts). Only published figures are stored (per 10 shares, as
 * announced); every per-share figure is derived from them (lib/entitlement/figures.ts).
 */

/**
 * How far a figure can be trusted, in the words of domain.md:
 * confirmed (issuer, regulator, exchange or rule text), secondary (third party),
 * derived (computed or inferred from confirmed inputs), unconfirmed (an assumption, shown as an estimate).
 */
export const factStatusSchema = z.enum(FACT_STATUSES);

export const localeSchema = z.enum(LOCALES);

/** Text in every language the app speaks. */
export const localisedSchema = z.object({ en: z.string().min(1), "zh-Hant": z.string().min(1), "zh-Hans": z.string().min(1) });
export type Localised = z.infer<typeof localisedSchema>;

/** A decimal kept as a string so that no float ever touches it. */
export const decimalStringSchema = z.string().regex(/^\d+(\.\d+)?$/, "a non-negative decimal written as a string");

/** A value together with where it comes from. */
export function sourced<T extends z.ZodType>(value: T) {
  return z.object({ value, status: factStatusSchema, source: z.string().min(1) });
}
export interface Sourced<T> {
  value: T;
  status: z.infer<typeof factStatusSchema>;
  source: string;
}

export const shareClassSchema = z.enum(SHARE_CLASSES);
export const currencySchema = z.enum(CURRENCIES);

/** The cash dividend as declared: per 10 shares, tax inclusive, in the currency of the declaration. */
export const cashSchema = z.object({
  per10: sourced(decimalStringSchema),
  currency: currencySchema,
});
export type DeclaredCash = z.infer<typeof cashSchema>;

/** One leg of new shares: bonus shares out of profits (送红股) or capitalisation out of a reserve (转增). */
export const shareLegSchema = z.object({
  /** New shares per 10 held, as announced (a decimal). */
  per10: sourced(decimalStringSchema),
  /** Where the shares come from: decides whether their par value is taxed (G1). */
  fundedFrom: sourced(z.enum(SHARE_SOURCES)),
});
export type ShareLeg = z.infer<typeof shareLegSchema>;

export const classTermsSchema = z.object({
  exchange: z.string().min(1).optional(),
  stockCode: z.string().min(1).optional(),
  /**
   * The cash per 10 shares of this class as published in its paying currency (H: `hCash`, HK$2.847798);
   * absent when the class is paid in the declared currency or its cash comes from `exchangeRate`.
   */
  paidPer10: sourced(decimalStringSchema).optional(),
  /**
   * RMB per 1 unit of the class's paying currency ("HK$1 = RMB 0.912986", `hRate`). Used for the cash only
   * when `paidPer10` is absent; always shown.
   */
  exchangeRate: sourced(decimalStringSchema).optional(),
  /** Shares of the class in issue at the record date, when known: caps what one holder can hold and receive. */
  issuedShares: sourced(z.number().int().positive()).optional(),
  /** The trading lot after the event, when known. */
  lotSize: sourced(z.number().int().positive()).optional(),
  /** Why the lot is what it is, in a clause after "The board lot of N shares …" (shown when the lot is not confirmed). */
  lotBasis: z.string().min(1).optional(),
  /** How a registered holder's fraction of a new share is treated, and on what basis (a clause, shown with the note). */
  fractionTreatment: sourced(z.enum(FRACTION_TREATMENTS)),
  fractionBasis: z.string().min(1).optional(),
  cashRounding: sourced(z.enum(["truncate-to-cent"])),
  /** Where the rounding rule comes from, as a clause: "Shenzhen practice, from a custodian guide". */
  cashRoundingBasis: z.string().min(1).optional(),
  /** What the announcement says about odd-lot matching, as a clause, when it says anything. */
  oddLotService: z.string().min(1).optional(),
  /**
   * Whether the issuer said Stock Connect (Southbound) holders are paid in RMB (G4). Absent: the app says it is
   * an estimate.
   */
  southboundInRmb: sourced(z.boolean()).optional(),
});
export type ClassTerms = z.infer<typeof classTermsSchema>;

export const milestoneSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** What the date means, so that pages, notes and reminders select by role and class, never by id. */
  role: z.enum(MILESTONE_ROLES),
  class: shareClassSchema.nullable(),
  /** ISO 8601 with an explicit +08:00 offset. Day-only milestones are written at 09:00 HKT. */
  at: z.iso.datetime({ offset: true }),
  dayOnly: z.boolean(),
  /** "on or about": the issuer gave the day as approximate. */
  approximate: z.boolean(),
  status: factStatusSchema,
  source: z.string().min(1),
  title: localisedSchema,
  meaning: localisedSchema,
  /** Whether reminders may be asked for this milestone. */
  remindable: z.boolean(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const eventSchema = z
  .object({
    /** A catalog id, or "custom" for an event built from typed-in terms. */
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** Where the facts come from: the catalog (checked against announcements) or terms typed in by a holder. */
    origin: z.enum(["catalog", "custom"]),
    issuer: z.object({ name: localisedSchema, codes: z.object({ H: z.string().optional(), A: z.string().optional() }) }),
    title: localisedSchema,
    announcedOn: z.iso.date().optional(),
    timeZone: z.literal("Asia/Hong_Kong"),
    /** Null when the event pays no cash. */
    cash: cashSchema.nullable(),
    /** Bonus shares out of retained earnings or surplus reserve (送红股), taxed on their par value (G1). */
    bonus: shareLegSchema.nullable(),
    /** Capitalisation out of share premium or another capital reserve (转增). */
    capitalisation: shareLegSchema.nullable(),
    /** Par value of a share in RMB (1.00 for almost every issuer): the taxable amount of a bonus share. */
    parValue: sourced(decimalStringSchema),
    classes: z.object({ H: classTermsSchema.optional(), A: classTermsSchema.optional() }),
    milestones: z.array(milestoneSchema),
    /** Where the facts come from; a title in each language where the data has it (English otherwise). */
    sources: z.array(z.object({ id: z.string(), title: z.union([z.string().min(1), localisedSchema]), where: z.string() })),
  })
  .superRefine((event, ctx) => {
    if (!event.classes.H && !event.classes.A) ctx.addIssue({ code: "custom", message: "an event has at least one share class" });
    if (!event.cash && !event.bonus && !event.capitalisation) {
      ctx.addIssue({ code: "custom", message: "an event pays cash or new shares" });
    }
    if (event.cash?.currency === "HKD" && event.classes.A) {
      ctx.addIssue({ code: "custom", message: "cash declared in HKD is for an H-only event" });
    }
    const h = event.classes.H;
    if (h && event.cash?.currency === "RMB" && /[1-9]/.test(event.cash.per10.value) && !h.paidPer10 && !h.exchangeRate) {
      ctx.addIssue({ code: "custom", message: "H cash declared in RMB needs the published HKD figure or the rate" });
    }
    const taxedShares = [event.bonus, event.capitalisation].some((l) => l && TAXED_SOURCE[l.fundedFrom.value]);
    const cashRmb = event.cash?.currency === "RMB" && /[1-9]/.test(event.cash.per10.value);
    if (h && taxedShares && !h.exchangeRate && !(h.paidPer10 && cashRmb)) {
      ctx.addIssue({ code: "custom", message: "bonus shares of H holders are taxed on their RMB par value: a rate is needed" });
    }
    for (const [cls, terms] of Object.entries(event.classes)) {
      if (cls === "A" && !terms?.lotSize) ctx.addIssue({ code: "custom", message: "A shares have a trading unit" });
    }
    const ids = new Set<string>();
    for (const m of event.milestones) {
      if (ids.has(m.id)) ctx.addIssue({ code: "custom", message: `duplicate milestone id ${m.id}` });
      ids.add(m.id);
      if (m.class && !event.classes[m.class]) ctx.addIssue({ code: "custom", message: `milestone ${m.id} is for a class the event lacks` });
    }
  });
export type EntitlementEvent = z.infer<typeof eventSchema>;

/** The schema published at GET /api/v1/schema/event.json. */
export function eventJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(eventSchema, { unrepresentable: "any" }) as Record<string, unknown>;
}
