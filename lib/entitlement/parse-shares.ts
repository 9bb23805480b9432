import { Decimal } from "./decimal";
import { type EntitlementError, entitlementError } from "./errors";
import { err, ok, type Result } from "./result";

/**
 * Forgiving where a person would be: full-width digits and commas (NFKC), thousands separators,
 * surrounding spaces. Strict everywhere else: the answer is a whole number of shares, or a reason.
 */
/** More shares than any company has in issue: the bound when the class's issued count is not known. */
export const MAX_HOLDING = 1_000_000_000_000;

export function parseShares(raw: string | undefined, issuedShares: number | null): Result<number, EntitlementError> {
  const text = (raw ?? "").normalize("NFKC").trim();
  if (text === "") return err(entitlementError("shares_missing", "Enter how many shares you hold."));
  if (/^[+-]?[\d,]*\.?\d*e[+-]?\d+$/i.test(text)) {
    return err(entitlementError("shares_exponent", "Write the number of shares in full digits, e.g. 1,234 (no exponents)."));
  }
  if (/^-\s*[\d,]*\.?\d+$/.test(text)) {
    return err(entitlementError("shares_not_positive", "The number of shares must be at least 1."));
  }
  if (/^[\d,]*\.\d*$/.test(text) && /\d/.test(text)) {
    return err(entitlementError("shares_not_whole", "Shares are held in whole numbers: enter a number without decimals."));
  }
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(text)) {
    return err(entitlementError("shares_not_a_number", "Enter the number of shares in digits, e.g. 1234 or 1,234."));
  }
  const count = new Decimal(text.replaceAll(",", ""));
  if (count.isZero()) return err(entitlementError("shares_not_positive", "The number of shares must be at least 1."));
  if (issuedShares === null) {
    if (count.greaterThan(MAX_HOLDING)) {
      return err(entitlementError("shares_above_issued", "That is more shares than any company has in issue. Check the number."));
    }
    return ok(count.toNumber());
  }
  if (count.greaterThan(issuedShares)) {
    return err(
      entitlementError(
        "shares_above_issued",
        `That is more than the ${issuedShares.toLocaleString("en-US")} shares of this class in issue. Check the number.`,
      ),
    );
  }
  return ok(count.toNumber());
}
