"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FactStatus } from "@/lib/events/schema";
import { StatusBadge } from "./status-badge";

export const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900";
const highlighted = "rounded-xl border-2 border-blue-700 bg-white p-4 shadow-sm dark:border-blue-300 dark:bg-slate-900";

/** A figure's trust level, in words, placed on the figure it qualifies. Unconfirmed amounts read "Estimate". */
export function FactBadge({ status, source, estimate = false }: { status: FactStatus; source?: string; estimate?: boolean }) {
  const t = useTranslations();
  const label = estimate && status === "unconfirmed" ? t("results.estimate") : t(`status.${status}`);
  return <StatusBadge status={status} label={label} title={source} />;
}

export interface When {
  text: string;
  status: FactStatus;
  source?: string;
}

/** One result: its heading, when it arrives (with its status), then the figures. */
export function ResultCard({
  testId,
  title,
  when,
  highlight = false,
  children,
}: {
  testId: string;
  title: string;
  when?: When[];
  /** Drawn with a stronger border ("What you need to do"). */
  highlight?: boolean;
  children: ReactNode;
}) {
  return (
    <section className={highlight ? highlighted : card} data-testid={testId} aria-label={title}>
      <h3 className="font-semibold">{title}</h3>
      {when?.map((w) => (
        <p key={w.text} className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid={`${testId}-when`}>
          {w.text} <FactBadge status={w.status} source={w.source} />
        </p>
      ))}
      {children}
    </section>
  );
}
