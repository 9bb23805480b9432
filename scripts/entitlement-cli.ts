/** The entitlement CLI as a function (argv in, exit code and stdout out), so it can be fuzzed in process. */
import { parseArgs } from "node:util";
import { entitlementInEnglish } from "../lib/entitlement/english";
import { entitlementError, errorBody } from "../lib/entitlement/errors";
import { A_HOLDERS, H_HOLDERS } from "../lib/entitlement/holders";
import { BASE_PARAMETERS, entitlementJson } from "../lib/entitlement/request";
import { listEvents } from "../lib/events/catalog";
import { TERM_NAMES, termFlag } from "../lib/events/terms";

export const HELP = `Entitle — what a corporate action gives you, share by share.

Usage:
  npm run --silent entitlement -- --class H|A --shares N [--holder TYPE] [--price P] [--event ID]
  npm run --silent entitlement -- --event custom --class H|A --shares N [TERMS…]

Options:
  --class    H (Hong Kong, paid in HKD) or A (Shanghai or Shenzhen, paid in RMB)
  --shares   how many shares you held at the record date, e.g. 1234 or 1,234
  --holder   H: ${H_HOLDERS.join(", ")} (default hk-individual)
             A: ${A_HOLDERS.join(", ")} (default prc-individual)
  --price    optional share price before the ex-date, for the theoretical ex-price
  --event    ${listEvents()
    .map((e) => e.id)
    .join(", ")} (default), or custom with the terms below
  --help     this text

Terms of a custom event (README "Command line"; the same names as the API's, in kebab case):
  --name TEXT          what to call it (plain text, up to 80 characters)
  --classes A|H|A,H    the share classes (default A,H)
  --cash N             cash per 10 shares, tax inclusive; --cash-currency RMB (default) or HKD (H only)
  --h-cash N           HKD paid per 10 H shares as published, or --h-rate N (RMB per HK$1)
  --bonus N            bonus shares per 10 out of profits (taxed on par); --cap N capitalisation shares per 10
  --h-lot N, --a-lot N board lot (A default 100; without --h-lot the H lot split is not shown)
  --agm, --h-last-cum, --h-ex, --h-close-from, --h-close-to, --h-record, --h-pay, --a-record, --a-ex, --a-pay YYYY-MM-DD
  --h-lodge            lodgement deadline: 2023-06-27T16:30+08:00, or a date (16:30 Hong Kong time)

Prints one line of JSON. Exit code 0 on success, 2 on bad input (the JSON then holds "error").
`;

export interface CliOutcome {
  code: 0 | 2;
  stdout: string;
}

export function runEntitlementCli(argv: string[]): CliOutcome {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(BASE_PARAMETERS.map((p) => [p, { type: "string", multiple: true }] as const)),
        ...Object.fromEntries(TERM_NAMES.map((t) => [termFlag(t), { type: "string", multiple: true }] as const)),
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    const message = `${(e as Error).message}. Run with --help to see the options.`;
    return { code: 2, stdout: `${JSON.stringify(errorBody(entitlementError("unknown_parameter", message)))}\n` };
  }
  if (parsed.values.help) return { code: 0, stdout: HELP };
  const { help: _help, ...flags } = parsed.values as Record<string, string[] | boolean | undefined>;
  // Flags are the request's names in kebab case: --h-cash is the term hCash.
  const params: Record<string, string[] | undefined> = {};
  for (const name of [...BASE_PARAMETERS, ...TERM_NAMES]) {
    const value = flags[termFlag(name)];
    if (Array.isArray(value)) params[name] = value;
  }
  const result = entitlementInEnglish(params);
  if (!result.ok) return { code: 2, stdout: `${JSON.stringify(errorBody(result.error))}\n` };
  return { code: 0, stdout: `${entitlementJson(result.value.entitlement)}\n` };
}
