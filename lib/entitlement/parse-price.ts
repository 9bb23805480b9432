import { Decimal } from "./decimal";
import { type EntitlementError, entitlementError } from "./errors";
import { err, ok, type Result } from "./result";

/** An optional cum-entitlement share price: a positive decimal above the cash dividend per share. */
export function parsePrice(raw: string | undefined, cashPerShare: Decimal): Result<Decimal | null, EntitlementError> {
  const text = (raw ?? "").normalize("NFKC").trim();
  if (text === "") return ok(null);
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.\d{1,4})?$/.test(text)) {
    return err(entitlementError("price_invalid", "Enter the share price as a number, e.g. 10.00 (up to 4 decimals)."));
  }
  const price = new Decimal(text.replaceAll(",", ""));
  if (price.lessThanOrEqualTo(cashPerShare)) {
    return err(
      entitlementError("price_not_above_dividend", `The price must be above the dividend of ${cashPerShare.toString()} per share.`),
    );
  }
  return ok(price);
}
