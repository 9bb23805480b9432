import type { FactStatus } from "@/lib/events/schema";

const TONE: Record<FactStatus, string> = {
  confirmed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  secondary: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  derived: "bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100",
  unconfirmed: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
};

/** How far a figure can be trusted, in words (never colour alone). */
export function StatusBadge({ status, label, title }: { status: FactStatus; label: string; title?: string }) {
  return (
    <span data-status={status} title={title} className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${TONE[status]}`}>
      {label}
    </span>
  );
}
