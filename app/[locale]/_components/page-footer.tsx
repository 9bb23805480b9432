import { getTranslations } from "next-intl/server";

/** Privacy, disclaimer and the event's sources (for a typed-in event: the terms the holder typed). */
export async function PageFooter({ sources }: { sources: { id: string; title: string }[] }) {
  const t = await getTranslations();
  return (
    <footer className="mx-auto max-w-5xl px-4 pb-24 pt-4 text-sm text-slate-700 dark:text-slate-300">
      <p>{t("footer.privacy")}</p>
      <p className="mt-1">{t("footer.disclaimer")}</p>
      <h2 className="mt-3 font-semibold">{t("results.sources")}</h2>
      <ul className="list-disc pl-5">
        {sources.map((s) => (
          <li key={s.id}>{t("footer.source", { title: s.title })}</li>
        ))}
      </ul>
    </footer>
  );
}
