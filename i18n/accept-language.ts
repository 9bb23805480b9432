import { type AppLocale, routing } from "./routing";

/**
 * The app's language for an Accept-Language header. A generic matcher sends "zh-HK,zh;q=0.9" (a Hong Kong
 * phone) to Simplified Chinese; here Hong Kong, Taiwan and Macau, or an explicit Hant script, mean
 * Traditional, and any other Chinese means Simplified. The first supported language by preference wins.
 */
export function preferredLocale(acceptLanguage: string): AppLocale {
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return /^zh-(hant|hk|tw|mo)\b/.test(tag) ? "zh-Hant" : "zh-Hans";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return routing.defaultLocale;
}
