/**
 * What each milestone role is called and means, in every language, for milestones the app builds itself (typed-in
 * events, derived dates). The words differ by market where the market's readers use different words (Hong Kong
 * 除淨 / Mainland 除权除息; 記錄日期 / 股权登记日; 經紀 / 券商): docs/glossary.md.
 */
import type { Locale, MilestoneRole, ShareClass } from "./model";
import type { Localised } from "./schema";

type Words = Record<Locale, string>;
const fill = (w: Words, cls: ShareClass | null): Localised => ({
  en: w.en.replaceAll("{class}", cls ?? ""),
  "zh-Hant": w["zh-Hant"].replaceAll("{class}", cls ?? ""),
  "zh-Hans": w["zh-Hans"].replaceAll("{class}", cls ?? ""),
});

/** Titles and meanings by role. */
const ROLE_WORDS: Record<MilestoneRole, Partial<Record<ShareClass | "any", { title: Words; meaning: Words }>>> = {
  approval: {
    any: {
      title: { en: "Shareholders approve the plan", "zh-Hant": "股東大會批准方案", "zh-Hans": "股东大会批准方案" },
      meaning: {
        en: "The general meeting votes on the distribution; it happens only if approved.",
        "zh-Hant": "股東大會就分派方案投票，獲批准後方會實施。",
        "zh-Hans": "股东大会就分派方案投票，获批准后方会实施。",
      },
    },
  },
  "last-cum": {
    any: {
      title: {
        en: "Last day to buy {class} shares with the entitlement",
        "zh-Hant": "買入{class}股可享權益的最後交易日",
        "zh-Hans": "买入{class}股可享权益的最后交易日",
      },
      meaning: {
        en: "{class} shares bought on or before this day carry the entitlement.",
        "zh-Hant": "於當日或之前買入的{class}股可享有權益。",
        "zh-Hans": "于当日或之前买入的{class}股可享有权益。",
      },
    },
  },
  ex: {
    H: {
      title: { en: "{class} shares trade ex-entitlement", "zh-Hant": "{class}股除淨日", "zh-Hans": "{class}股除净日" },
      meaning: {
        en: "{class} shares bought from this day do not carry the entitlement.",
        "zh-Hant": "由當日起買入的{class}股不享有權益。",
        "zh-Hans": "由当日起买入的{class}股不享有权益。",
      },
    },
    A: {
      title: { en: "{class} shares ex-rights and ex-dividend", "zh-Hant": "{class}股除權除息日", "zh-Hans": "{class}股除权除息日" },
      meaning: {
        en: "{class} shares trade without the entitlement from this day.",
        "zh-Hant": "由當日起{class}股不再附帶權益交易。",
        "zh-Hans": "由当日起{class}股不再附带权益交易。",
      },
    },
  },
  lodgement: {
    any: {
      title: {
        en: "Last time to lodge {class} share transfers",
        "zh-Hant": "遞交{class}股過戶文件的最後時限",
        "zh-Hans": "递交{class}股过户文件的最后时限",
      },
      meaning: {
        en: "Registered holders must lodge transfers with the share registrar by this time. Holders through a broker: the broker handles this.",
        "zh-Hant": "登記持有人須於此時限前向股份過戶登記處遞交過戶文件。經經紀持股者由經紀處理。",
        "zh-Hans": "登记持有人须于此时限前向股份过户登记处递交过户文件。通过券商持股者由券商处理。",
      },
    },
  },
  "closure-start": {
    any: {
      title: { en: "{class} share register closes", "zh-Hant": "暫停辦理{class}股過戶登記", "zh-Hans": "暂停办理{class}股过户登记" },
      meaning: {
        en: "No {class} share transfer is registered while the register is closed.",
        "zh-Hant": "暫停過戶期間不會登記任何{class}股過戶。",
        "zh-Hans": "暂停过户期间不会登记任何{class}股过户。",
      },
    },
  },
  "closure-end": {
    any: {
      title: {
        en: "Last day the {class} share register is closed",
        "zh-Hant": "{class}股暫停過戶登記最後一日",
        "zh-Hans": "{class}股暂停过户登记最后一日",
      },
      meaning: {
        en: "The {class} share register reopens the next business day.",
        "zh-Hant": "{class}股股東名冊於下一個營業日恢復辦理過戶。",
        "zh-Hans": "{class}股股东名册于下一个营业日恢复办理过户。",
      },
    },
  },
  record: {
    H: {
      title: { en: "{class} share record date", "zh-Hant": "{class}股記錄日期", "zh-Hans": "{class}股股权登记日" },
      meaning: {
        en: "Entitlements are fixed by the {class} share register on this day.",
        "zh-Hant": "權益按當日的{class}股股東名冊確定。",
        "zh-Hans": "权益按当日的{class}股股东名册确定。",
      },
    },
    A: {
      title: { en: "{class} share equity registration date", "zh-Hant": "{class}股股權登記日", "zh-Hans": "{class}股股权登记日" },
      meaning: {
        en: "{class} shares held at the close of this day receive the entitlement.",
        "zh-Hant": "於當日收市時持有的{class}股可享有權益。",
        "zh-Hans": "于当日收市时持有的{class}股可享有权益。",
      },
    },
  },
  payment: {
    any: {
      title: { en: "{class} share cash and new shares paid", "zh-Hant": "派付{class}股現金及新股", "zh-Hans": "派付{class}股现金及新股" },
      meaning: {
        en: "The cash is paid and the new {class} shares are issued (through a broker: on the broker's timetable).",
        "zh-Hant": "派付現金並發行新{class}股（經經紀持股者按經紀的時間表）。",
        "zh-Hans": "派付现金并发行新{class}股（通过券商持股者按券商的时间表）。",
      },
    },
  },
  "warrants-posted": {
    any: {
      title: { en: "{class} share dividend warrants posted", "zh-Hant": "寄發{class}股股息單", "zh-Hans": "寄发{class}股股息单" },
      meaning: {
        en: "Dividend warrants are posted to registered holders.",
        "zh-Hant": "股息單寄發予登記持有人。",
        "zh-Hans": "股息单寄发予登记持有人。",
      },
    },
  },
  "southbound-last-buy": {
    any: {
      title: {
        en: "Last day to buy {class} shares through Stock Connect",
        "zh-Hant": "經港股通買入{class}股可享權益的最後交易日",
        "zh-Hans": "经港股通买入{class}股可享权益的最后交易日",
      },
      meaning: {
        en: "The last Southbound trading day on or before the last day to buy with the entitlement.",
        "zh-Hant": "可享權益最後交易日或之前的最後一個港股通交易日。",
        "zh-Hans": "可享权益最后交易日或之前的最后一个港股通交易日。",
      },
    },
  },
};

/** Localised title and meaning of a milestone by its role and class. */
export function roleWords(role: MilestoneRole, cls: ShareClass | null): { title: Localised; meaning: Localised } {
  const byClass = ROLE_WORDS[role];
  const w = (cls && byClass[cls]) || byClass.any || byClass.H || byClass.A;
  if (!w) throw new Error(`no words for the role ${role}`);
  return { title: fill(w.title, cls), meaning: fill(w.meaning, cls) };
}

/** Roles a reminder makes sense for (the approval and the ex-date are facts, not deadlines). */
export const REMINDABLE: Record<MilestoneRole, boolean> = {
  approval: false,
  "last-cum": true,
  ex: false,
  lodgement: true,
  "closure-start": true,
  "closure-end": false,
  record: true,
  payment: true,
  "warrants-posted": true,
  "southbound-last-buy": true,
};
