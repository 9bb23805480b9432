"use client";
import { useLocale, useTranslations } from "next-intl";
import { type KeyboardEvent, useEffect, useId, useRef } from "react";
import { perShareValue } from "@/lib/entitlement/figures";
import { HOLDERS_BY_CLASS, type HolderType } from "@/lib/entitlement/holders";
import { formatMoney, formatNumber } from "./format";
import { ROUTES_BY_CLASS } from "./holding";
import { card } from "./result-card";
import { Results } from "./results";
import { fieldClass, TextField } from "./text-field";
import { useCalculatorState } from "./use-calculator";

const choice = (on: boolean) =>
  `flex min-h-12 cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 ${on ? "border-blue-700 bg-blue-50 dark:border-blue-300 dark:bg-blue-950" : "border-slate-400 dark:border-slate-500"}`;

/** "Done" (Enter) on the phone keyboard: close the keyboard and show the results. */
function showResults(ev: KeyboardEvent<HTMLInputElement>) {
  if (ev.key !== "Enter") return;
  ev.preventDefault();
  ev.currentTarget.blur();
  const results = document.getElementById("results");
  results?.scrollIntoView({ block: "start" });
  results?.focus({ preventScroll: true });
}

/** With the keyboard open (the visual viewport shrinks), bring the holding field and its summary to the top. */
function useKeepInView(ref: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const vv = window.visualViewport;
    if (!vv) return;
    const onResize = () => {
      const box = ref.current;
      if (!box?.contains(document.activeElement)) return;
      if (vv.height < window.innerHeight * 0.8) box.scrollIntoView({ block: "start" });
    };
    vv.addEventListener("resize", onResize);
    return () => vv.removeEventListener("resize", onResize);
  }, [ref]);
}

export function Calculator() {
  const t = useTranslations();
  const locale = useLocale();
  const s = useCalculatorState();
  const ids = { bought: useId(), boughtMsg: useId(), holder: useId(), holderMsg: useId() };
  const holdingBox = useRef<HTMLDivElement>(null);
  useKeepInView(holdingBox);
  const { cls, classes, figures, current, result, detail, bands } = s;
  const tradedIn = figures.market.currency;

  const errorCode = !s.blank && !result.ok ? result.error.code : null;
  const errorText = errorCode
    ? t(`errors.${errorCode}`, {
        issued: formatNumber(locale, figures.terms.issuedShares?.value ?? 0),
        dividend: formatMoney(locale, tradedIn, perShareValue(figures.paid.cash).toString(), 2),
      })
    : null;
  const sharesError = errorCode?.startsWith("shares_") ? errorText : null;
  const priceError = errorCode?.startsWith("price_") ? errorText : null;
  const otherError = errorCode && !sharesError && !priceError ? errorText : null;
  const e = detail?.entitlement;
  // In the currency the holder is paid in (Southbound holders: RMB, G4).
  const money = (v: string) => formatMoney(locale, e?.cash.currency ?? tradedIn, v);
  const range = (low: number, high: number) => (low === high ? formatNumber(locale, low) : t("results.glanceRange", { low, high }));
  const newShares = e ? range(e.capitalisation.shares, e.capitalisation.maxShares) : "";
  const after = e ? range(e.after.shares, e.after.maxShares) : "";

  return (
    <div className="grid gap-4 md:grid-cols-2">
      <form className={card} onSubmit={(ev) => ev.preventDefault()} aria-labelledby="form-title" noValidate>
        <h2 id="form-title" className="text-lg font-semibold">
          {t("form.title")}
        </h2>

        <fieldset className="mt-2">
          <legend className="font-medium">{t("form.class")}</legend>
          <div className="mt-2 grid grid-cols-2 gap-2">
            {classes.map((c) => (
              <label key={c} className={choice(cls === c)}>
                <input type="radio" name="class" value={c} checked={cls === c} onChange={() => s.setClass(c)} className="h-5 w-5" />
                <span className="leading-tight">
                  <span className="font-medium">{t(`form.class${c}`)}</span>
                  <span className="block text-sm">{t(`form.class${c}Where`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div ref={holdingBox} className="scroll-mt-2">
          <TextField
            key={cls}
            label={t(`form.shares-${cls}`)}
            hint={t("form.sharesHint")}
            error={sharesError}
            name="shares"
            inputMode="numeric"
            enterKeyHint="done"
            value={current.shares}
            onText={(shares) => s.setCurrent({ shares })}
            onKeyDown={showResults}
            below={
              e && (
                <div data-testid="glance" className="mt-2 rounded-lg bg-blue-50 px-3 py-1.5 leading-tight tabular-nums dark:bg-blue-950">
                  <p className="sr-only" aria-live="polite">
                    {`${t("results.net")}: ${money(e.cash.net)}. ${t("results.glanceNew")}: ${newShares}. ${t("results.glanceAfter")}: ${after}.`}
                  </p>
                  <div aria-hidden="true" className="grid grid-cols-3 gap-x-2">
                    <span className="text-sm">{t("results.net")}</span>
                    <span className="text-sm">{t("results.glanceNew")}</span>
                    <span className="text-sm">{t("results.glanceAfter")}</span>
                    <strong data-testid="glance-net">{money(e.cash.net)}</strong>
                    <strong>{newShares}</strong>
                    <strong>{after}</strong>
                  </div>
                </div>
              )
            }
          />
        </div>

        <fieldset className="mt-4">
          <legend className="font-medium">{t("form.route")}</legend>
          <div className="mt-2 grid gap-2">
            {ROUTES_BY_CLASS[cls].map((r) => (
              <label key={r} className={choice(current.route === r)}>
                <input
                  type="radio"
                  name="route"
                  value={r}
                  checked={current.route === r}
                  onChange={() => s.setRoute(r)}
                  className="h-5 w-5 shrink-0"
                />
                <span>{t(`form.route-${cls}-${r}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="mt-4">
          <label htmlFor={ids.holder} className="font-medium">
            {t("form.holder")}
          </label>
          <select
            id={ids.holder}
            name="holder"
            value={current.holder}
            onChange={(ev) => s.setCurrent({ holder: ev.target.value as HolderType })}
            aria-describedby={ids.holderMsg}
            className={fieldClass}
          >
            {HOLDERS_BY_CLASS[cls].map((h) => (
              <option key={h} value={h}>
                {t(`holders.${h}`)}
              </option>
            ))}
          </select>
          <p id={ids.holderMsg} className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            {t("form.holderHint")}
          </p>
        </div>

        <TextField
          key={`price-${cls}`}
          label={t(`form.price-${cls}`, { currency: tradedIn })}
          hint={t("form.priceHint")}
          error={priceError}
          name="price"
          inputMode="decimal"
          value={current.price}
          onText={(price) => s.setCurrent({ price })}
        />

        {s.showBought && (
          <div className="mt-4">
            <label htmlFor={ids.bought} className="font-medium">
              {t("form.bought")}
            </label>
            <input
              id={ids.bought}
              name="bought"
              type="date"
              value={s.inputs.bought}
              onChange={(ev) => s.setBought(ev.target.value)}
              aria-describedby={ids.boughtMsg}
              className={fieldClass}
            />
            <p
              id={ids.boughtMsg}
              className={`mt-1 text-sm ${bands && !bands.ok ? "font-medium text-red-800 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}`}
            >
              {bands && !bands.ok ? t("errors.bought_date_invalid") : t("form.boughtHint")}
            </p>
          </div>
        )}
        {otherError && (
          <p role="alert" className="mt-3 font-medium text-red-800 dark:text-red-300">
            {otherError}
          </p>
        )}
      </form>
      <Results />
    </div>
  );
}
