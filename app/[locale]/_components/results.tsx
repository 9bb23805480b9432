"use client";
import { useLocale, useTranslations } from "next-intl";
import { classTermsView } from "@/lib/entitlement/figures";
import { HOLDER_TAX } from "@/lib/entitlement/holders";
import { bandOnSale } from "@/lib/entitlement/holding-period";
import type { FactStatus, Milestone } from "@/lib/events/schema";
import { formatMilestone, formatMoney, formatNumber, formatPercent, formatPlainDay } from "./format";
import { milestoneFor } from "./holding";
import { FactBadge, ResultCard, type When } from "./result-card";
import { useCalculatorState } from "./use-calculator";

const worst = (...all: FactStatus[]): FactStatus =>
  (["unconfirmed", "secondary", "derived", "confirmed"] as const).find((s) => all.includes(s)) ?? "confirmed";

export function Results() {
  const t = useTranslations();
  const locale = useLocale();
  const { event, cls, current, detail, bands, inputs, blank } = useCalculatorState();
  const terms = classTermsView(event, cls);
  if (!terms) throw new Error(`event ${event.id} has no ${cls} shares`);
  const route = current.route;
  const day = (m: Milestone) => formatMilestone(locale, m, (date) => t("timeline.approximate", { date }));
  const money = (v: string) => formatMoney(locale, detail?.entitlement.cash.currency ?? terms.currency, v);
  const m = {
    lastCum: milestoneFor(event, "last-cum", cls),
    southboundLastBuy: milestoneFor(event, "southbound-last-buy", cls),
    lodgement: milestoneFor(event, "lodgement", cls),
    record: milestoneFor(event, "record", cls),
    payment: milestoneFor(event, "payment", cls),
    warrants: milestoneFor(event, "warrants-posted", cls),
  };
  const when = (text: string, ms: Milestone): When => ({ text, status: ms.status, source: ms.source });

  // What the holder must do, first, in plain words for the way they hold.
  const todo: { text: string; m: Milestone }[] = [];
  if (cls === "H" && route === "own-name" && m.lodgement)
    todo.push({ text: t("results.todo.own-name", { date: day(m.lodgement) }), m: m.lodgement });
  else if (cls === "H" && route === "stock-connect" && m.southboundLastBuy)
    todo.push({ text: t("results.todo.southbound", { date: day(m.southboundLastBuy) }), m: m.southboundLastBuy });
  else if (cls === "H" && route === "stock-connect" && m.lastCum)
    todo.push({ text: t("results.todo.southbound-before", { date: day(m.lastCum) }), m: m.lastCum });
  else if (cls === "H" && m.lastCum) todo.push({ text: t("results.todo.broker", { date: day(m.lastCum) }), m: m.lastCum });
  else if (cls === "A" && m.record)
    todo.push({
      text: t(route === "stock-connect" ? "results.todo.northbound" : "results.todo.a-broker", { date: day(m.record) }),
      m: m.record,
    });
  const todoAfter =
    route === "own-name"
      ? t("results.todo.own-name-after")
      : route === "stock-connect" && cls === "H"
        ? t("results.todo.southbound-after")
        : null;

  const e = detail?.entitlement;
  const southbound = cls === "H" && route === "stock-connect";
  const cashWhen: When[] = [];
  const sharesWhen: When[] = [];
  if (m.payment) {
    const d = day(m.payment);
    if (southbound) {
      cashWhen.push({
        text: t("results.when.cash-southbound", { date: d }),
        status: worst(m.payment.status, "secondary"),
        source: m.payment.source,
      });
      sharesWhen.push({
        text: t("results.when.shares-southbound", { date: d }),
        status: worst(m.payment.status, "secondary"),
        source: m.payment.source,
      });
    } else {
      cashWhen.push(when(t(cls === "A" ? "results.when.cash-a" : "results.when.cash", { date: d }), m.payment));
      sharesWhen.push(when(t(cls === "A" ? "results.when.shares-a" : "results.when.shares", { date: d }), m.payment));
    }
  }
  if (route === "own-name" && m.warrants) cashWhen.push(when(t("results.when.warrants", { date: day(m.warrants) }), m.warrants));

  // The per-share rate is the issuer's; the rounded amounts are estimates where the rounding is not published.
  const withholds = e ? e.cash.withholdingRate !== "0" : false;
  const amountStatus: FactStatus = withholds ? "unconfirmed" : terms.cashRounding.status;
  const recordDay = milestoneFor(event, "record", "A")?.at.slice(0, 10);
  // The new-share legs: capitalisation (share premium) and/or bonus shares (profits); the badge follows the first given.
  const leg = event.capitalisation ?? event.bonus;
  const lotSize = e?.after.lotSize ?? null;
  const untaxedLeg = event.bonus === null && event.capitalisation?.fundedFrom.value === "share-premium" ? event.capitalisation : null;
  const [ratioNew = "0", ratioPer = "10"] = (e?.capitalisation.ratio ?? "0:10").split(":");

  return (
    <section id="results" aria-labelledby="results-title" className="grid content-start gap-4 scroll-mt-2 outline-none" tabIndex={-1}>
      <h2 id="results-title" className="text-lg font-semibold">
        {t("results.title")}
      </h2>
      {todo.length > 0 && (
        <ResultCard testId="todo" title={t("results.todo.title")} highlight>
          {todo.map((x) => (
            <p key={x.text} className="mt-1">
              {x.text} <FactBadge status={x.m.status} source={x.m.source} />
            </p>
          ))}
          {todoAfter && <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{todoAfter}</p>}
        </ResultCard>
      )}
      {!e && blank && <p className="text-slate-700 dark:text-slate-300">{t("results.empty")}</p>}
      {e && detail && (
        <>
          <ResultCard testId="cash" title={t("results.cash")} when={cashWhen}>
            <p className="mt-2 text-sm" data-testid="per-share">
              {t("results.perShare", { amount: formatMoney(locale, terms.currency, terms.cashPerShare.value, 2) })}{" "}
              <FactBadge status={terms.cashPerShare.status} source={terms.cashPerShare.source} />
            </p>
            <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
              <dt>{t("results.gross")}</dt>
              <dd className="text-right tabular-nums" data-testid="gross">
                {money(e.cash.gross)}
              </dd>
              <dt>
                {t("results.withheld", { rate: formatPercent(locale, e.cash.withholdingRate) })}{" "}
                <FactBadge status={HOLDER_TAX[current.holder].status} source={HOLDER_TAX[current.holder].source} />
              </dt>
              <dd className="text-right tabular-nums" data-testid="withheld">
                − {money(e.cash.withheld)}
              </dd>
              <dt className="text-lg font-semibold">
                {t("results.net")} <FactBadge status={amountStatus} source={terms.cashRounding.source} estimate />
              </dt>
              <dd className="text-right text-lg font-semibold tabular-nums" data-testid="net">
                {money(e.cash.net)}
              </dd>
            </dl>
            <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
              {t(`results.exact-${terms.currency}`, { value: formatNumber(locale, e.cash.grossExact) })}
            </p>
            {terms.exchangeRate && (
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="rmb">
                {t("results.rmbEquivalent", { amount: formatMoney(locale, "RMB", e.cash.rmbGross ?? "0") })} ·{" "}
                {t("results.rateLine", {
                  per10: formatMoney(locale, terms.currency, terms.cashPer10.value, 2),
                  unit: formatMoney(locale, terms.currency, "1", 0),
                  rate: formatMoney(locale, "RMB", terms.exchangeRate.value, 2),
                })}
              </p>
            )}
            {e.cash.laterTax.length > 0 && (
              <div className="mt-3" data-testid="later-tax">
                <h4 className="font-medium">{t("results.laterTax")}</h4>
                <ul className="mt-1 grid gap-1">
                  {e.cash.laterTax.map((b) => {
                    const today = new Date().toISOString().slice(0, 10);
                    const ok = bands?.ok ? bands.value : null;
                    const shown = ok && bandOnSale(ok, today) === b.heldFor;
                    const until = !ok
                      ? null
                      : b.heldFor === "up-to-1-month"
                        ? t("results.bandUntil", { date: formatPlainDay(locale, ok.upTo1MonthUntil) })
                        : b.heldFor === "1-month-to-1-year"
                          ? t("results.bandUntil", { date: formatPlainDay(locale, ok.upTo1YearUntil) })
                          : t("results.bandAfter", { date: formatPlainDay(locale, ok.upTo1YearUntil) });
                    return (
                      <li key={b.heldFor} className={`flex justify-between gap-2 ${shown ? "font-semibold" : ""}`}>
                        <span>
                          {t(`results.band-${b.heldFor}`)}
                          {until && <span className="block text-sm text-slate-700 dark:text-slate-300">{until}</span>}
                        </span>
                        <span className="tabular-nums">{money(b.tax)}</span>
                      </li>
                    );
                  })}
                </ul>
                {bands?.ok && (
                  <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                    <FactBadge status="unconfirmed" estimate /> {t("notes.bands-estimate")}
                  </p>
                )}
                {bands?.ok && recordDay && inputs.bought > recordDay && (
                  <p role="alert" className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
                    {t("results.boughtAfterRecord", { date: formatPlainDay(locale, recordDay) })}
                  </p>
                )}
              </div>
            )}
          </ResultCard>

          <ResultCard testId="capitalisation" title={t("results.capitalisation", { new: ratioNew, per: ratioPer })} when={sharesWhen}>
            <p className="mt-2 text-2xl font-semibold tabular-nums" data-testid="new-shares">
              {e.capitalisation.maxShares === e.capitalisation.shares
                ? t("results.newShares", { count: e.capitalisation.shares })
                : t("results.newSharesRange", { low: e.capitalisation.shares, high: e.capitalisation.maxShares })}{" "}
              {e.capitalisation.fraction === "0" ? (
                leg && <FactBadge status={leg.per10.status} source={leg.per10.source} />
              ) : (
                <FactBadge status={terms.fractionTreatment.status} source={terms.fractionTreatment.source} estimate />
              )}
            </p>
            <p className="mt-1" data-testid="fraction">
              {e.capitalisation.fraction === "0"
                ? t("results.noFraction")
                : e.capitalisation.fractionTreatment === "not-allotted"
                  ? t("results.fractionNotAllotted", { fraction: formatNumber(locale, e.capitalisation.fraction) })
                  : t("results.fractionCsdc", {
                      fraction: formatNumber(locale, e.capitalisation.fraction),
                      low: e.capitalisation.shares,
                      high: e.capitalisation.maxShares,
                    })}
            </p>
            {untaxedLeg && (
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                {t("results.untaxed")} <FactBadge status={untaxedLeg.fundedFrom.status} source={untaxedLeg.fundedFrom.source} />
              </p>
            )}
          </ResultCard>

          <ResultCard testId="after" title={t("results.after")}>
            {/* no lot split without a known board lot (a typed-in H event without hLot) */}
            <p className="mt-2 text-2xl font-semibold tabular-nums" data-testid="after-shares">
              {e.after.maxShares === e.after.shares
                ? t("results.afterShares", { count: e.after.shares })
                : t("results.afterSharesRange", { low: e.after.shares, high: e.after.maxShares })}
            </p>
            {lotSize !== null &&
              [
                { lots: e.after.boardLots ?? 0, odd: e.after.oddLot ?? 0 },
                ...(detail.afterMax ? [{ lots: detail.afterMax.boardLots ?? 0, odd: detail.afterMax.oddLot ?? 0 }] : []),
              ].map((l) => (
                <p key={`${l.lots}-${l.odd}`} className="mt-1" data-testid="lots">
                  {t(l.lots === 0 ? `results.lotsNone${cls}` : l.odd === 0 ? "results.lotsClean" : `results.lots${cls}`, {
                    lots: l.lots,
                    lotSize,
                    odd: l.odd,
                  })}{" "}
                  <FactBadge status={terms.lotSize.status} source={terms.lotSize.source} />
                </p>
              ))}
            {lotSize !== null && ((e.after.oddLot ?? 0) > 0 || (detail.afterMax?.oddLot ?? 0) > 0) && (
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t(`results.oddLot${cls}`, { lotSize })}</p>
            )}
          </ResultCard>

          {e.exPrice && (
            <ResultCard testId="ex-price" title={t(`results.exPrice${cls}`)}>
              <p className="mt-2 text-xl font-semibold tabular-nums">
                {t("results.exPriceLine", {
                  shown: formatMoney(locale, terms.currency, e.exPrice.shown, terms.exPriceDecimals),
                  price: formatMoney(locale, terms.currency, e.exPrice.cumPrice, e.exPrice.cumPrice.split(".")[1]?.length ?? 0),
                })}{" "}
                <FactBadge status="derived" />
              </p>
            </ResultCard>
          )}

          <ResultCard testId="notes-card" title={t("results.notes")}>
            <ul className="mt-2 grid list-disc gap-1 pl-5 text-sm" data-testid="notes">
              {detail.noteCodes.map((code) => (
                <li key={code}>
                  {code.endsWith("-estimate") && (
                    <>
                      <FactBadge status="unconfirmed" estimate />{" "}
                    </>
                  )}
                  {t(`notes.${code}`, detail.noteParams)}
                </li>
              ))}
            </ul>
          </ResultCard>
        </>
      )}
    </section>
  );
}
