"use client";
import { type InputHTMLAttributes, type ReactNode, useId } from "react";

export const fieldClass =
  "mt-1 block w-full rounded-lg border border-slate-400 bg-white px-3 py-3 text-lg dark:border-slate-500 dark:bg-slate-900";

/**
 * A labelled input with its hint, replaced by the error beside the field (announced) when there is one.
 * `below` sits directly under the input, above the hint (the holding's summary, kept in view with the keyboard up).
 */
export function TextField({
  label,
  hint,
  error,
  onText,
  below,
  ...input
}: { label: string; hint: string; error: string | null; onText: (text: string) => void; below?: ReactNode } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "onChange"
>) {
  const id = useId();
  const messageId = useId();
  return (
    <div className="mt-4">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <input
        {...input}
        id={id}
        autoComplete="off"
        onChange={(ev) => onText(ev.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={messageId}
        className={fieldClass}
      />
      {below}
      <p
        id={messageId}
        role={error ? "alert" : undefined}
        className={`mt-1 text-sm ${error ? "font-medium text-red-800 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}`}
      >
        {error ?? hint}
      </p>
    </div>
  );
}
