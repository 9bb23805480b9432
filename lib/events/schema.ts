import { z } from "zod";

/**
 * How far a figure can be trusted, in the words of domain.md:
 * confirmed (issuer, regulator, exchange or rule text), secondary (third party),
 * derived (computed or inferred from confirmed inputs), unconfirmed (an assumption, shown as an estimate).
 */
export const factStatusSchema = z.enum(["confirmed", "secondary", "derived", "unconfirmed"]);
export type FactStatus = z.infer<typeof factStatusSchema>;

export const localeSchema = z.enum(["en", "zh-Hant", "zh-Hans"]);
export type Locale = z.infer<typeof localeSchema>;

/** Text in every language the app speaks. */
export const localisedSchema = z.object({ en: z.string().min(1), "zh-Hant": z.string().min(1), "zh-Hans": z.string().min(1) });
export type Localised = z.infer<typeof localisedSchema>;

/** A decimal kept as a string so that no float ever touches it. */
export const decimalStringSchema = z.string().regex(/^\d+(\.\d+)?$/, "a non-negative decimal written as a string");

/** A value together with where it comes from. */
export function sourced<T extends z.ZodType>(value: T) {
  return z.object({ value, status: factStatusSchema, source: z.string().min(1) });
}

export const shareClassSchema = z.enum(["H", "A"]);
export type ShareClass = z.infer<typeof shareClassSchema>;

export const currencySchema = z.enum(["HKD", "RMB"]);
export type Currency = z.infer<typeof currencySchema>;

export const classTermsSchema = z.object({
  exchange: z.string().min(1),
  stockCode: z.string().min(1),
  currency: currencySchema,
  /** Cash per share in the class's paying currency. */
  cashPerShare: sourced(decimalStringSchema),
  /** Cash per share in RMB, the currency the dividend is declared in. */
  rmbPerShare: sourced(decimalStringSchema),
  /** The published per-10-shares figure in the paying currency (HK$2.847798 for H). */
  cashPer10: sourced(decimalStringSchema),
  /** RMB per 1 unit of the paying currency (HK$1 = RMB 0.912986); absent when paid in RMB. */
  exchangeRate: sourced(decimalStringSchema).optional(),
  issuedShares: sourced(z.number().int().positive()),
  lotSize: sourced(z.number().int().positive()),
  fractionTreatment: sourced(z.enum(["not-allotted", "csdc-ranking"])),
  cashRounding: sourced(z.enum(["truncate-to-cent"])),
  /** How many decimals the theoretical ex-price is shown with. */
  exPriceDecimals: z.number().int().min(0).max(6),
});
export type ClassTerms = z.infer<typeof classTermsSchema>;

export const milestoneSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
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
    id: z.string().regex(/^[a-z0-9-]+$/),
    issuer: z.object({ name: localisedSchema, codes: z.object({ H: z.string(), A: z.string() }) }),
    title: localisedSchema,
    announcedOn: z.iso.date(),
    timeZone: z.literal("Asia/Hong_Kong"),
    capitalisation: z.object({
      newShares: z.number().int().positive(),
      perExisting: z.number().int().positive(),
      status: factStatusSchema,
      source: z.string().min(1),
      fundedFrom: sourced(z.enum(["share-premium", "other-reserve", "retained-earnings"])),
    }),
    classes: z.object({ H: classTermsSchema, A: classTermsSchema }),
    milestones: z.array(milestoneSchema).min(1),
    sources: z.array(z.object({ id: z.string(), title: z.string(), where: z.string() })).min(1),
  })
  .superRefine((event, ctx) => {
    const ids = new Set<string>();
    for (const m of event.milestones) {
      if (ids.has(m.id)) ctx.addIssue({ code: "custom", message: `duplicate milestone id ${m.id}` });
      ids.add(m.id);
    }
  });
export type EntitlementEvent = z.infer<typeof eventSchema>;
