"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import type { ShareClass } from "@/lib/events/model";
import { checkTerm, type TermIssue, type TermName } from "@/lib/events/terms";
import { fieldClass } from "./text-field";

export type TermValues = Record<TermName, string>;
/** What "Paste an announcement" found: each filled term's quote, and the terms the text does not state. */
export interface ImportMarks {
  quotes: Partial<Record<TermName, string>>;
  missing: TermName[];
}

const H_DATES = ["hLastCum", "hEx", "hLodge", "hCloseFrom", "hCloseTo", "hRecord", "hPay"] as const;
const A_DATES = ["aRecord", "aEx", "aPay"] as const;
const DECIMAL: ReadonlySet<TermName> = new Set(["cash", "hCash", "hRate", "bonus", "cap"]);
const WHOLE: ReadonlySet<TermName> = new Set(["hLot", "aLot"]);
const CLASS_CHOICES = ["A,H", "H", "A"] as const;

/** The classes the form is for: those chosen when the choice reads, else both (the default). */
export function chosenClasses(raw: string): ShareClass[] {
  const c = checkTerm("classes", raw);
  return c.ok && Array.isArray(c.value) ? c.value : ["A", "H"];
}

/**
 * Every term of DESIGN §3.4 as a field, each with its error beside it (a reason code from the codec, worded by
 * `termErrors.*`) or its hint, and, after a paste, the sentence it was read from. Fields of a class not chosen
 * are hidden unless they hold a value (so a link's stray term still shows its error).
 */
export function TermsForm({
  values,
  issues,
  marks,
  onChange,
}: {
  values: TermValues;
  issues: Partial<Record<TermName, TermIssue>>;
  marks: ImportMarks | null;
  onChange: (term: TermName, value: string) => void;
}) {
  const t = useTranslations("custom");
  const te = useTranslations("termErrors");
  const classes = chosenClasses(values.classes);
  const shown = (term: TermName, cls: ShareClass | null) => cls === null || classes.includes(cls) || values[term].trim() !== "";
  const label = (term: TermName) => t(`label.${term}` as never);
  const errorOf = (term: TermName): string | null => {
    const i = issues[term];
    if (!i) return null;
    const params: Record<string, string> = { ...i.params };
    if (i.params.other) params.other = label(i.params.other as TermName);
    return te(i.reason as never, params as never);
  };
  const quoteText = (term: TermName) => (marks?.quotes[term] ? t("paste.quote", { quote: marks.quotes[term] }) : null);
  const quoteOf = (term: TermName) => {
    const q = quoteText(term);
    return q && <Quote term={term} text={q} />;
  };
  const field = (term: TermName, cls: ShareClass | null, hintKey: string = term) =>
    shown(term, cls) ? (
      <TermField
        key={term}
        term={term}
        label={label(term)}
        hint={t.has(`hint.${hintKey}` as never) ? t(`hint.${hintKey}` as never) : ""}
        error={errorOf(term)}
        value={values[term]}
        onChange={onChange}
        quote={quoteText(term)}
        missing={marks?.missing.includes(term) ? t("paste.missing") : null}
      />
    ) : null;
  const classesError = errorOf("classes");
  const currencyError = errorOf("cashCurrency");
  const hkdAllowed = (classes.length === 1 && classes[0] === "H") || values.cashCurrency.trim() !== "";
  const box = "mt-4 rounded-xl border border-slate-300 p-3 dark:border-slate-600";

  return (
    <div>
      <fieldset className={box}>
        <legend className="px-1 font-semibold">{t("groupEvent")}</legend>
        {field("name", null)}
        <fieldset className="mt-3" aria-describedby={classesError ? "classes-error" : undefined}>
          <legend className="font-medium">{label("classes")}</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {CLASS_CHOICES.map((c) => (
              <label key={c} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-400 px-3 dark:border-slate-500">
                <input
                  type="radio"
                  name="classes"
                  value={c}
                  checked={classes.join(",") === c && !classesError}
                  onChange={() => onChange("classes", c === "A,H" ? "" : c)}
                  className="h-5 w-5"
                />
                {t(`classes-${c}`)}
              </label>
            ))}
          </div>
          {quoteOf("classes")}
          {classesError && (
            <p id="classes-error" role="alert" className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
              {classesError}
            </p>
          )}
        </fieldset>
      </fieldset>

      <fieldset className={box}>
        <legend className="px-1 font-semibold">{t("groupPaid")}</legend>
        {field("cash", null)}
        {hkdAllowed && (
          <div className="mt-3">
            <label className="font-medium">
              {label("cashCurrency")}
              <select
                name="cashCurrency"
                value={values.cashCurrency.trim().toUpperCase() === "HKD" ? "HKD" : "RMB"}
                onChange={(ev) => onChange("cashCurrency", ev.target.value === "RMB" ? "" : ev.target.value)}
                aria-invalid={currencyError ? true : undefined}
                className={fieldClass}
              >
                <option value="RMB">RMB</option>
                <option value="HKD">HKD</option>
              </select>
            </label>
            <p role={currencyError ? "alert" : undefined} className={hintClass(!!currencyError)}>
              {currencyError ?? t("hint.cashCurrency")}
            </p>
            {quoteOf("cashCurrency")}
          </div>
        )}
        {field("hCash", "H")}
        {field("hRate", "H")}
        {field("bonus", null)}
        {field("cap", null)}
      </fieldset>

      <fieldset className={box}>
        <legend className="px-1 font-semibold">{t("groupLots")}</legend>
        {field("hLot", "H")}
        {field("aLot", "A")}
      </fieldset>

      <fieldset className={box}>
        <legend className="px-1 font-semibold">{t("groupDates")}</legend>
        {field("agm", null, "date")}
        {(classes.includes("H") || H_DATES.some((d) => values[d].trim() !== "")) && <h3 className="mt-4 font-semibold">{t("groupH")}</h3>}
        {H_DATES.map((d) => field(d, "H", d === "hLodge" ? "hLodge" : "date"))}
        {(classes.includes("A") || A_DATES.some((d) => values[d].trim() !== "")) && <h3 className="mt-4 font-semibold">{t("groupA")}</h3>}
        {A_DATES.map((d) => field(d, "A", "date"))}
      </fieldset>
    </div>
  );
}

const hintClass = (error: boolean) =>
  `mt-1 text-sm ${error ? "font-medium text-red-800 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}`;

function TermField({
  term,
  label,
  hint,
  error,
  value,
  onChange,
  quote,
  missing,
}: {
  term: TermName;
  label: string;
  hint: string;
  error: string | null;
  value: string;
  onChange: (term: TermName, value: string) => void;
  quote: string | null;
  missing: string | null;
}) {
  const id = useId();
  const messageId = useId();
  const isDate = !DECIMAL.has(term) && !WHOLE.has(term) && term !== "name" && term !== "hLodge";
  return (
    <div className="mt-3" data-term={term}>
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <input
        id={id}
        name={term}
        type={isDate ? "date" : "text"}
        inputMode={DECIMAL.has(term) ? "decimal" : WHOLE.has(term) ? "numeric" : undefined}
        autoComplete="off"
        value={value}
        maxLength={term === "name" ? 200 : 64}
        onChange={(ev) => onChange(term, ev.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={messageId}
        className={fieldClass}
      />
      <div id={messageId}>
        {(error || hint) && (
          <p role={error ? "alert" : undefined} className={hintClass(!!error)} data-testid={error ? `error-${term}` : undefined}>
            {error ?? hint}
          </p>
        )}
        {quote && <Quote term={term} text={quote} />}
        {missing && !value && (
          <p className="mt-1 text-sm font-medium text-amber-900 dark:text-amber-200" data-testid={`missing-${term}`}>
            {missing}
          </p>
        )}
      </div>
    </div>
  );
}

/** The sentence of the announcement a value was read from, beside its field. */
function Quote({ term, text }: { term: TermName; text: string }) {
  return (
    <p className="mt-1 border-l-4 border-amber-500 pl-2 text-sm italic" data-testid={`quote-${term}`}>
      {text}
    </p>
  );
}
