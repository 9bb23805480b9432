"use client";
import { useLocale, useTranslations } from "next-intl";
import { bandOnSale } from "@/lib/entitlement/holding-period";
import { findMilestone } from "@/lib/events/roles";
import type { FactStatus, Milestone } from "@/lib/events/schema";
import { formatMilestone, formatMoney, formatNumber, formatPercent, formatPlainDay } from "./format";
import { connectDirection } from "./holding";
import { FactBadge, ResultCard, type When } from "./result-card";
import { useCalculatorState } from "./use-calculator";

const worst = (...all: FactStatus[]): FactStatus =>
  (["unconfirmed", "secondary", "derived", "confirmed"] as const).find((s) => all.includes(s)) ?? "confirmed";

/**
 * The answer, from the engine's result and the class's figures (lib/entitlement): every amount in the currency
 * the holder is paid in, each status badge on the figure it qualifies (detail.figureStatus). Nothing here names a
 * class, company, ratio, lot or currency: properties of the class market, the holder's route and the event's
 * milestones (by role) decide what is shown.
 */
export function Results() {
  const t = useTranslations();
  const locale = useLocale();
  const { event, cls, figures, current, detail, bands, inputs, blank } = useCalculatorState();
  const route = current.route;
  const direction = route === "stock-connect" ? connectDirection(figures.market) : null;
  const day = (m: Milestone) => formatMilestone(locale, m, (date) => t("timeline.approximate", { date }));
  const e = detail?.entitlement;
  const paidIn = e?.cash.currency ?? figures.market.currency;
  const money = (v: string) => formatMoney(locale, paidIn, v);
  const m = {
    lastCum: findMilestone(event, "last-cum", cls),
    southboundLastBuy: findMilestone(event, "southbound-last-buy", cls),
    lodgement: findMilestone(event, "lodgement", cls),
    record: findMilestone(event, "record", cls),
    payment: findMilestone(event, "payment", cls),
    warrants: findMilestone(event, "warrants-posted", cls),
  };
  const when = (text: string, ms: Milestone): When => ({ text, status: ms.status, source: ms.source });

  // What the holder must do, first, in plain words for the way they hold.
  const todo: { text: string; m: Milestone }[] = [];
  if (route === "own-name" && m.lodgement) todo.push({ text: t("results.todo.own-name", { date: day(m.lodgement) }), m: m.lodgement });
  else if (direction === "southbound" && m.southboundLastBuy)
    todo.push({ text: t("results.todo.southbound", { date: day(m.southboundLastBuy) }), m: m.southboundLastBuy });
  else if (direction === "southbound" && m.lastCum)
    todo.push({ text: t("results.todo.southbound-before", { date: day(m.lastCum) }), m: m.lastCum });
  else if (direction === null && m.lastCum) todo.push({ text: t("results.todo.broker", { date: day(m.lastCum) }), m: m.lastCum });
  else if (m.record)
    // No last cum date of its own (a Mainland class settles T+1: held at the registration date's close is enough).
    todo.push({
      text: t(direction === "northbound" ? "results.todo.northbound" : "results.todo.a-broker", { date: day(m.record) }),
      m: m.record,
    });
  const todoAfter =
    route === "own-name" ? t("results.todo.own-name-after") : direction === "southbound" ? t("results.todo.southbound-after") : null;

  const southbound = direction === "southbound";
  // A Mainland class's cash and new shares are credited to securities accounts by CSDC; a Hong Kong class pays.
  const credited = !figures.market.heldThroughCcass;
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
      cashWhen.push(when(t(credited ? "results.when.cash-credited" : "results.when.cash", { date: d }), m.payment));
      sharesWhen.push(when(t(credited ? "results.when.shares-credited" : "results.when.shares", { date: d }), m.payment));
    }
  }
  if (route === "own-name" && m.warrants) cashWhen.push(when(t("results.when.warrants", { date: day(m.warrants) }), m.warrants));

  const status = detail?.figureStatus;
  const recordDay = m.record?.at.slice(0, 10);
  // The new-share legs: capitalisation (share premium) and/or bonus shares (profits); the badge follows the first given.
  const leg = event.capitalisation ?? event.bonus;
  const lotSize = e?.after.lotSize ?? null;
  const untaxedLeg = event.bonus === null && event.capitalisation?.fundedFrom.value === "share-premium" ? event.capitalisation : null;
  const [ratioNew = "0", ratioPer = "10"] = (e?.capitalisation.ratio ?? "0:10").split(":");
  // The declared RMB amount and the rate, beside a cash paid in another currency.
  const rate = figures.terms.exchangeRate;
  const showRmb = e !== undefined && e.cash.currency !== "RMB" && e.cash.rmbGross !== null && rate !== undefined;

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
              {t("results.perShare", { amount: formatMoney(locale, paidIn, e.cash.perShare, 2) })}{" "}
              {status?.perShare && <FactBadge status={status.perShare.status} source={status.perShare.source} estimate />}
            </p>
            <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
              <dt>{t("results.gross")}</dt>
              <dd className="text-right tabular-nums" data-testid="gross">
                {money(e.cash.gross)}
              </dd>
              <dt>
                {t("results.withheld", { rate: formatPercent(locale, e.cash.withholdingRate) })}{" "}
                {status?.taxRate && <FactBadge status={status.taxRate.status} source={status.taxRate.source} />}
              </dt>
              <dd className="text-right tabular-nums" data-testid="withheld">
                − {money(e.cash.withheld)}
              </dd>
              <dt className="text-lg font-semibold">
                {t("results.net")} {status?.amounts && <FactBadge status={status.amounts.status} source={status.amounts.source} estimate />}
              </dt>
              <dd className="text-right text-lg font-semibold tabular-nums" data-testid="net">
                {money(e.cash.net)}
              </dd>
            </dl>
            <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
              {t(`results.exact-${paidIn}`, { value: formatNumber(locale, e.cash.grossExact) })}
            </p>
            {showRmb && (
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="rmb">
                {t("results.rmbEquivalent", { amount: formatMoney(locale, "RMB", e.cash.rmbGross ?? "0") })} ·{" "}
                {t("results.rateLine", {
                  per10: formatMoney(locale, paidIn, figures.paid.per10.toString(), 2),
                  unit: formatMoney(locale, paidIn, "1", 0),
                  rate: formatMoney(locale, "RMB", rate.value, 2),
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
              {e.capitalisation.fraction === "0"
                ? leg && <FactBadge status={leg.per10.status} source={leg.per10.source} />
                : status?.fraction && <FactBadge status={status.fraction.status} source={status.fraction.source} estimate />}
            </p>
            <p className="mt-1" data-testid="fraction">
              {e.capitalisation.fraction === "0"
                ? t("results.noFraction")
                : e.capitalisation.fractionTreatment === "not-allotted"
                  ? t("results.fractionNotAllotted", { fraction: formatNumber(locale, e.capitalisation.fraction) })
                  : e.capitalisation.fractionTreatment === "floor"
                    ? t("results.fractionFloor", { fraction: formatNumber(locale, e.capitalisation.fraction) })
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
                  {status?.lot && <FactBadge status={status.lot.status} source={status.lot.source} />}
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
                  shown: formatMoney(locale, figures.market.currency, e.exPrice.shown, figures.market.exPriceDecimals),
                  price: formatMoney(locale, figures.market.currency, e.exPrice.cumPrice, e.exPrice.cumPrice.split(".")[1]?.length ?? 0),
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
