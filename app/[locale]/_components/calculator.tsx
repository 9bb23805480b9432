"use client";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo } from "react";
import { Decimal } from "@/lib/entitlement/decimal";
import { classTermsView } from "@/lib/entitlement/figures";
import { HOLDER_TAX, HOLDERS_BY_CLASS, type HolderType } from "@/lib/entitlement/holders";
import { bandOnSale, holdingBands } from "@/lib/entitlement/holding-period";
import { LATER_TAX_BANDS } from "@/lib/entitlement/later-tax";
import { entitlementFromParams } from "@/lib/entitlement/request";
import { findEvent } from "@/lib/events/catalog";
import type { FactStatus, ShareClass } from "@/lib/events/schema";
import { formatMoney, formatNumber, formatPercent, formatPlainDay } from "./format";
import { StatusBadge } from "./status-badge";
import { fieldClass, TextField } from "./text-field";
import { useSavedInputs } from "./use-saved-inputs";

// The page shows note codes in the user's language; the English strings are for the API and the CLI.
const noNotes = () => [];
const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900";

export function Calculator({ eventId }: { eventId: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const ids = {
    bought: useId(),
    boughtMsg: useId(),
    holder: useId(),
  };
  const [inputs, update] = useSavedInputs();
  const event = findEvent(eventId);
  if (!event) throw new Error(`unknown event ${eventId}`);
  const cls = inputs.shareClass;
  const terms = classTermsView(event, cls);
  if (!terms) throw new Error(`event ${eventId} has no ${cls} shares`);
  const holder: HolderType = cls === "H" ? inputs.holderH : inputs.holderA;

  const result = useMemo(
    () => entitlementFromParams({ event: eventId, class: cls, shares: inputs.shares, holder, price: inputs.price }, noNotes),
    [eventId, cls, inputs.shares, holder, inputs.price],
  );
  const blank = inputs.shares.trim() === "";
  const errorCode = !blank && !result.ok ? result.error.code : null;
  const errorText = errorCode
    ? t(`errors.${errorCode}`, {
        issued: formatNumber(locale, terms.issuedShares.value),
        dividend: formatMoney(locale, terms.currency, terms.cashPerShare.value, 2),
      })
    : null;
  const sharesError = errorCode?.startsWith("shares_") ? errorText : null;
  const priceError = errorCode?.startsWith("price_") ? errorText : null;
  const otherError = errorCode && !sharesError && !priceError ? errorText : null;

  const showBought = cls === "A" && holder === "prc-individual";
  const bands = showBought && inputs.bought ? holdingBands(inputs.bought) : null;
  const recordDay = event.milestones.find((m) => m.id === "a-record-date")?.at.slice(0, 10);

  const detail = result.ok && !blank ? result.value : null;
  const e = detail?.entitlement;
  const money = (v: string) => formatMoney(locale, e?.cash.currency ?? terms.currency, v);
  const statusLabel = (s: FactStatus) => t(`status.${s}`);

  return (
    <div className="grid gap-4 md:grid-cols-2">
      <form className={card} onSubmit={(ev) => ev.preventDefault()} aria-labelledby="form-title" noValidate>
        <h2 id="form-title" className="text-lg font-semibold">
          {t("form.title")}
        </h2>

        <fieldset className="mt-3">
          <legend className="font-medium">{t("form.class")}</legend>
          <div className="mt-2 grid grid-cols-2 gap-2">
            {(["H", "A"] as ShareClass[]).map((c) => (
              <label
                key={c}
                className={`flex min-h-12 cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 ${cls === c ? "border-blue-700 bg-blue-50 dark:border-blue-300 dark:bg-blue-950" : "border-slate-400 dark:border-slate-500"}`}
              >
                <input
                  type="radio"
                  name="class"
                  value={c}
                  checked={cls === c}
                  onChange={() => update({ shareClass: c })}
                  className="h-5 w-5"
                />
                <span>{t(c === "H" ? "form.classH" : "form.classA")}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <TextField
          label={t("form.shares")}
          hint={t("form.sharesHint")}
          error={sharesError}
          name="shares"
          inputMode="numeric"
          enterKeyHint="done"
          placeholder={t("form.sharesHint")}
          value={inputs.shares}
          onText={(shares) => update({ shares })}
        />

        <div className="mt-4">
          <label htmlFor={ids.holder} className="font-medium">
            {t("form.holder")}
          </label>
          <select
            id={ids.holder}
            name="holder"
            value={holder}
            onChange={(ev) => update(cls === "H" ? { holderH: ev.target.value as HolderType } : { holderA: ev.target.value as HolderType })}
            className={fieldClass}
          >
            {HOLDERS_BY_CLASS[cls].map((h) => (
              <option key={h} value={h}>
                {t(`holders.${h}`)}
              </option>
            ))}
          </select>
        </div>

        <TextField
          label={t("form.price", { currency: terms.currency })}
          hint={t("form.priceHint")}
          error={priceError}
          name="price"
          inputMode="decimal"
          value={inputs.price}
          onText={(price) => update({ price })}
        />

        {showBought && (
          <div className="mt-4">
            <label htmlFor={ids.bought} className="font-medium">
              {t("form.bought")}
            </label>
            <input
              id={ids.bought}
              name="bought"
              type="date"
              value={inputs.bought}
              onChange={(ev) => update({ bought: ev.target.value })}
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

      <section id="results" aria-labelledby="results-title" className="grid content-start gap-4" tabIndex={-1}>
        <h2 id="results-title" className="text-lg font-semibold">
          {t("results.title")}
        </h2>
        <p aria-live="polite" className="sr-only" data-testid="summary">
          {e
            ? `${t("results.net")}: ${money(e.cash.net)}. ${t("results.capitalisation")}: ${e.capitalisation.shares}. ${t("results.after")}: ${e.after.shares}.`
            : ""}
        </p>
        {!e && <p className="text-slate-700 dark:text-slate-300">{blank ? t("results.empty") : ""}</p>}
        {e && detail && (
          <>
            <div className={card} data-testid="cash">
              <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                {t("results.cash")}{" "}
                <StatusBadge
                  status={terms.cashPerShare.status}
                  label={statusLabel(terms.cashPerShare.status)}
                  title={terms.cashPerShare.source}
                />
              </h3>
              <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
                <dt>{t("results.gross")}</dt>
                <dd className="text-right tabular-nums" data-testid="gross">
                  {money(e.cash.gross)}
                </dd>
                <dt>
                  {t("results.withheld", { rate: formatPercent(locale, e.cash.withholdingRate) })}{" "}
                  <StatusBadge
                    status={HOLDER_TAX[holder].status}
                    label={statusLabel(HOLDER_TAX[holder].status)}
                    title={HOLDER_TAX[holder].source}
                  />
                </dt>
                <dd className="text-right tabular-nums" data-testid="withheld">
                  − {money(e.cash.withheld)}
                </dd>
                <dt className="text-lg font-semibold">{t("results.net")}</dt>
                <dd className="text-right text-lg font-semibold tabular-nums" data-testid="net">
                  {money(e.cash.net)}
                </dd>
              </dl>
              <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
                {t("results.exact", { value: formatNumber(locale, e.cash.grossExact) })}
              </p>
              {cls === "H" && (
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="rmb">
                  {t("results.rmbEquivalent", { amount: formatMoney(locale, "RMB", e.cash.rmbGross ?? "0") })} ·{" "}
                  {t("results.rateLine", { currency: "HK$", per10: terms.cashPer10.value, rate: terms.exchangeRate?.value ?? "" })}
                </p>
              )}
              {e.cash.laterTax.length > 0 && (
                <div className="mt-3" data-testid="later-tax">
                  <h4 className="font-medium">{t("results.laterTax")}</h4>
                  <ul className="mt-1 grid gap-1">
                    {e.cash.laterTax.map((b, i) => {
                      const today = new Date().toISOString().slice(0, 10);
                      const current = bands?.ok && bandOnSale(bands.value, today) === b.heldFor;
                      const until =
                        bands?.ok && b.heldFor === "up-to-1-month"
                          ? t("results.bandUntil", { date: formatPlainDay(locale, bands.value.upTo1MonthUntil) })
                          : bands?.ok && b.heldFor === "1-month-to-1-year"
                            ? t("results.bandUntil", { date: formatPlainDay(locale, bands.value.upTo1YearUntil) })
                            : bands?.ok
                              ? t("results.bandAfter", { date: formatPlainDay(locale, bands.value.upTo1YearUntil) })
                              : null;
                      return (
                        <li key={b.heldFor} className={`flex justify-between gap-2 ${current ? "font-semibold" : ""}`}>
                          <span>
                            {t(`results.band-${LATER_TAX_BANDS[i]?.heldFor ?? b.heldFor}`)}
                            {until && <span className="block text-sm text-slate-700 dark:text-slate-300">{until}</span>}
                          </span>
                          <span className="tabular-nums">{money(b.tax)}</span>
                        </li>
                      );
                    })}
                  </ul>
                  {bands?.ok && (
                    <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                      <StatusBadge status="unconfirmed" label={t("results.estimate")} /> {t("notes.bands-estimate")}
                    </p>
                  )}
                  {bands?.ok && recordDay && inputs.bought > recordDay && (
                    <p role="alert" className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
                      {t("results.boughtAfterRecord", { date: formatPlainDay(locale, recordDay) })}
                    </p>
                  )}
                </div>
              )}
            </div>

            <div className={card} data-testid="capitalisation">
              <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                {t("results.capitalisation")}{" "}
                <StatusBadge
                  status={terms.fractionTreatment.status}
                  label={statusLabel(terms.fractionTreatment.status)}
                  title={terms.fractionTreatment.source}
                />
              </h3>
              <p className="mt-2 text-2xl font-semibold tabular-nums" data-testid="new-shares">
                {e.capitalisation.maxShares === e.capitalisation.shares
                  ? t("results.newShares", { count: e.capitalisation.shares })
                  : t("results.newSharesRange", {
                      low: formatNumber(locale, e.capitalisation.shares),
                      high: formatNumber(locale, e.capitalisation.maxShares),
                    })}
              </p>
              <p className="mt-1" data-testid="fraction">
                {e.capitalisation.fraction === "0"
                  ? t("results.noFraction")
                  : e.capitalisation.fractionTreatment === "not-allotted"
                    ? t("results.fractionNotAllotted", { fraction: formatNumber(locale, e.capitalisation.fraction) })
                    : t("results.fractionCsdc", {
                        fraction: formatNumber(locale, e.capitalisation.fraction),
                        low: formatNumber(locale, e.capitalisation.shares),
                        high: formatNumber(locale, e.capitalisation.maxShares),
                      })}
              </p>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t("results.untaxed")}</p>
            </div>

            <div className={card} data-testid="after">
              <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                {t("results.after")}{" "}
                <StatusBadge status={terms.lotSize.status} label={statusLabel(terms.lotSize.status)} title={terms.lotSize.source} />
              </h3>
              <p className="mt-2 text-2xl font-semibold tabular-nums" data-testid="after-shares">
                {e.after.maxShares === e.after.shares
                  ? t("results.afterShares", { count: formatNumber(locale, e.after.shares) })
                  : t("results.afterSharesRange", {
                      low: formatNumber(locale, e.after.shares),
                      high: formatNumber(locale, e.after.maxShares),
                    })}
              </p>
              {[
                { lots: e.after.boardLots ?? 0, odd: e.after.oddLot ?? 0 },
                ...(detail.afterMax ? [{ lots: detail.afterMax.boardLots, odd: detail.afterMax.oddLot }] : []),
              ].map((l) => (
                <p key={`${l.lots}-${l.odd}`} className="mt-1" data-testid="lots">
                  {l.odd === 0
                    ? t("results.lotsClean", { lots: l.lots, lotSize: e.after.lotSize ?? 0 })
                    : t("results.lots", { lots: l.lots, lotSize: e.after.lotSize ?? 0, odd: l.odd })}
                </p>
              ))}
              {((e.after.oddLot ?? 0) > 0 || (detail.afterMax?.oddLot ?? 0) > 0) && (
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t(cls === "H" ? "results.oddLotH" : "results.oddLotA")}</p>
              )}
            </div>

            {e.exPrice && (
              <div className={card} data-testid="ex-price">
                <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                  {t("results.exPrice")} <StatusBadge status="derived" label={statusLabel("derived")} />
                </h3>
                <p className="mt-2 text-xl font-semibold tabular-nums">
                  {t("results.exPriceLine", {
                    currency: terms.currency === "HKD" ? "HK$" : "RMB",
                    shown: formatNumber(locale, e.exPrice.shown),
                    price: formatNumber(locale, new Decimal(e.exPrice.cumPrice).toString()),
                  })}
                </p>
              </div>
            )}

            <div className={card}>
              <h3 className="font-semibold">{t("results.notes")}</h3>
              <ul className="mt-2 grid list-disc gap-1 pl-5 text-sm" data-testid="notes">
                {detail.noteCodes.map((code) => (
                  <li key={code}>
                    {code.endsWith("-estimate") && (
                      <>
                        <StatusBadge status="unconfirmed" label={t("results.estimate")} />{" "}
                      </>
                    )}
                    {t(`notes.${code}`, detail.noteParams)}
                  </li>
                ))}
              </ul>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
