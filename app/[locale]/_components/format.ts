import type { Currency } from "@/lib/events/schema";

// Intl formats decimal strings exactly (no float conversion), so money keeps every digit the engine computed.
type Numeric = Intl.StringNumericLiteral | number;

const ISO_CURRENCY: Record<Currency, string> = { HKD: "HKD", RMB: "CNY" };

export function formatMoney(locale: string, currency: Currency, value: string, digits = 2): string {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: ISO_CURRENCY[currency],
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, 20),
  }).format(value as Numeric);
}

export function formatNumber(locale: string, value: string | number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(value as Numeric);
}

export function formatPercent(locale: string, rate: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(rate as Numeric);
}

const HKT = "Asia/Hong_Kong";

export function formatDay(locale: string, iso: string, timeZone = HKT): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", year: "numeric", month: "short", day: "numeric" }).format(
    new Date(iso),
  );
}

export function formatDayTime(locale: string, iso: string, timeZone = HKT): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD) written for the locale, without any time-zone shift. */
export function formatPlainDay(locale: string, day: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** A milestone's day (and time, when it has one) in Hong Kong time, "on or about" when the issuer said so. */
export function formatMilestone(
  locale: string,
  m: { at: string; dayOnly: boolean; approximate: boolean },
  approximately: (date: string) => string,
  timeZone = HKT,
): string {
  const when = m.dayOnly ? formatDay(locale, m.at, timeZone) : formatDayTime(locale, m.at, timeZone);
  return m.approximate ? approximately(when) : when;
}
