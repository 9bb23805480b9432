/**
 * A typed-in event's terms and dates as typed: terms (terms.ts) → an EntitlementEvent without the dates the typed
 * ones imply. Every typed figure is `unconfirmed` and sourced "typed in by the holder"; the rules the app applies
 * (G1–G7) keep their own status. The engine reads only the figures, so the calculator uses this light builder;
 * `customEvent()` (custom.ts) adds the derived dates, with the holiday calendars they need.
 */
import type { FactStatus, MilestoneRole, ShareClass } from "./model";
import { REMINDABLE, roleWords } from "./role-words";
import type { ClassTerms, EntitlementEvent, Localised, Milestone } from "./schema";
import { DATE_TERMS, type DateTerm, DEFAULT_A_LOT, printTerms, type Terms } from "./terms";

export const CUSTOM_EVENT_ID = "custom";
export const TYPED_IN = "typed in by the holder";

const typed = <T>(value: T) => ({ value, status: "unconfirmed" as FactStatus, source: TYPED_IN });

/** Which milestone each date term becomes (DESIGN §3.2 ids; roles from the shared decisions). */
export const DATE_MILESTONES: Record<DateTerm | "hLodge", { id: string; role: MilestoneRole; class: ShareClass | null }> = {
  agm: { id: "agm-approval", role: "approval", class: null },
  hLastCum: { id: "h-last-cum-date", role: "last-cum", class: "H" },
  hEx: { id: "h-ex-date", role: "ex", class: "H" },
  hLodge: { id: "h-lodgement-deadline", role: "lodgement", class: "H" },
  hCloseFrom: { id: "h-book-closure-start", role: "closure-start", class: "H" },
  hCloseTo: { id: "h-book-closure-end", role: "closure-end", class: "H" },
  hRecord: { id: "h-record-date", role: "record", class: "H" },
  hPay: { id: "h-payment", role: "payment", class: "H" },
  aRecord: { id: "a-record-date", role: "record", class: "A" },
  aEx: { id: "a-ex-date", role: "ex", class: "A" },
  aPay: { id: "a-payment", role: "payment", class: "A" },
};

function milestones(t: Terms): Milestone[] {
  const out: Milestone[] = [];
  for (const term of [...DATE_TERMS, "hLodge"] as const) {
    const value = t[term];
    if (value === undefined) continue;
    const { id, role, class: cls } = DATE_MILESTONES[term];
    const timed = term === "hLodge";
    out.push({
      id,
      role,
      class: cls,
      at: timed ? value : `${value}T09:00:00+08:00`,
      dayOnly: !timed,
      approximate: false,
      status: "unconfirmed",
      source: TYPED_IN,
      ...roleWords(role, cls),
      remindable: REMINDABLE[role],
    });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

const CUSTOM_TITLE: Localised = {
  en: "Typed-in event (estimate)",
  "zh-Hant": "自行輸入的公司行動（估算）",
  "zh-Hans": "自行输入的公司行动（估算）",
};
const UNNAMED: Localised = { en: "Your event", "zh-Hant": "你的公司行動", "zh-Hans": "你的公司行动" };

function hClass(t: Terms): ClassTerms {
  return {
    ...(t.hCash !== undefined ? { paidPer10: typed(t.hCash) } : {}),
    ...(t.hRate !== undefined ? { exchangeRate: typed(t.hRate) } : {}),
    ...(t.hLot !== undefined ? { lotSize: typed(t.hLot) } : {}),
    fractionTreatment: {
      value: "not-allotted",
      status: "unconfirmed",
      source: "General Hong Kong practice for bonus and capitalisation issues; the announcement may say otherwise (domain.md §3.1)",
    },
    fractionBasis: "general Hong Kong practice; check the announcement",
    cashRounding: {
      value: "truncate-to-cent",
      status: "unconfirmed",
      source: "How H share registrars round each payment is not published (domain.md §4.2)",
    },
  };
}

function aClass(t: Terms): ClassTerms {
  return {
    lotSize:
      t.aLot !== undefined
        ? typed(t.aLot)
        : {
            value: DEFAULT_A_LOT,
            status: "secondary",
            source: "Trading unit of 100 shares on the Shanghai and Shenzhen main boards and ChiNext (domain-generic.md §6)",
          },
    fractionTreatment: {
      value: "csdc-ranking",
      status: "secondary",
      source: "CSDC ranks fractions largest first and allots one share each (domain.md §3.2)",
    },
    cashRounding: {
      value: "truncate-to-cent",
      status: "secondary",
      source: "Shenzhen truncates per account; Shanghai rounds (Clearstream China market guide, domain.md §2.2)",
    },
    cashRoundingBasis: "Shenzhen practice, from a custodian guide; Shanghai rounds, so it may differ by 0.01",
  };
}

/** The event the terms describe with only the dates typed in: what the engine reads. */
export function typedInEvent(t: Terms): EntitlementEvent {
  const name: Localised = t.name ? { en: t.name, "zh-Hant": t.name, "zh-Hans": t.name } : UNNAMED;
  return {
    id: CUSTOM_EVENT_ID,
    origin: "custom",
    issuer: { name, codes: {} },
    title: CUSTOM_TITLE,
    timeZone: "Asia/Hong_Kong",
    cash: t.cash === undefined ? null : { per10: typed(t.cash), currency: t.cashCurrency },
    bonus:
      t.bonus === undefined
        ? null
        : {
            per10: typed(t.bonus),
            fundedFrom: {
              value: "retained-earnings",
              status: "secondary",
              source: "Bonus shares (送红股) come out of retained earnings or surplus reserve and are taxed on their par value (G1)",
            },
          },
    capitalisation:
      t.cap === undefined
        ? null
        : {
            per10: typed(t.cap),
            fundedFrom: {
              value: "share-premium",
              status: "unconfirmed",
              source: "G1: capitalisation (转增) is read as out of share premium, not taxed; unconfirmed unless the announcement says so",
            },
          },
    parValue: { value: "1", status: "secondary", source: "RMB 1.00 per share for almost every A/H issuer (domain-generic.md §1.1)" },
    classes: {
      ...(t.classes.includes("H") ? { H: hClass(t) } : {}),
      ...(t.classes.includes("A") ? { A: aClass(t) } : {}),
    },
    milestones: milestones(t),
    sources: [{ id: "typed-in", title: "Terms typed in by the holder", where: printTerms(t) }],
  };
}
