/**
 * The entitlement CLI: the same JSON as the API, one line on stdout.
 *   npm run --silent entitlement -- --class H --shares 1234 [--holder hk-individual] [--price 10.00] [--event id]
 * Exit 0 with the entitlement; exit 2 with { "error": { code, message } } on bad input.
 */
import { parseArgs } from "node:util";
import { entitlementInEnglish } from "../lib/entitlement/english";
import { entitlementError, errorBody } from "../lib/entitlement/errors";
import { A_HOLDERS, H_HOLDERS } from "../lib/entitlement/holders";
import { entitlementJson, REQUEST_PARAMETERS } from "../lib/entitlement/request";
import { listEvents } from "../lib/events/catalog";
import { validateCatalog } from "../lib/events/validate";

const HELP = `Entitle — what a corporate action gives you, share by share.

Usage:
  npm run --silent entitlement -- --class H|A --shares N [--holder TYPE] [--price P] [--event ID]

Options:
  --class    H (Hong Kong, paid in HKD) or A (Shenzhen, paid in RMB)
  --shares   how many shares you held at the record date, e.g. 1234 or 1,234
  --holder   H: ${H_HOLDERS.join(", ")} (default hk-individual)
             A: ${A_HOLDERS.join(", ")} (default prc-individual)
  --price    optional share price before the ex-date, for the theoretical ex-price
  --event    ${listEvents()
    .map((e) => e.id)
    .join(", ")} (default)
  --help     this text

Prints one line of JSON. Exit code 0 on success, 2 on bad input (the JSON then holds "error").
`;

function fail(code: Parameters<typeof entitlementError>[0], message: string): never {
  process.stdout.write(`${JSON.stringify(errorBody(entitlementError(code, message)))}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(REQUEST_PARAMETERS.map((p) => [p, { type: "string", multiple: true }] as const)),
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    fail("unknown_parameter", `${(e as Error).message}. Run with --help to see the options.`);
  }
  if (parsed.values.help) {
    process.stdout.write(HELP);
    return;
  }
  const { help: _help, ...params } = parsed.values as Record<string, string[] | boolean | undefined>;
  const result = entitlementInEnglish(params as Record<string, string[] | undefined>);
  if (!result.ok) {
    process.stdout.write(`${JSON.stringify(errorBody(result.error))}\n`);
    process.exit(2);
  }
  process.stdout.write(`${entitlementJson(result.value.entitlement)}\n`);
}

validateCatalog();
main(process.argv.slice(2));
