/** The entitlement CLI as a function (argv in, exit code and stdout out), so it can be fuzzed in process. */
import { parseArgs } from "node:util";
import { entitlementInEnglish } from "../lib/entitlement/english";
import { entitlementError, errorBody } from "../lib/entitlement/errors";
import { A_HOLDERS, H_HOLDERS } from "../lib/entitlement/holders";
import { entitlementJson, REQUEST_PARAMETERS } from "../lib/entitlement/request";
import { listEvents } from "../lib/events/catalog";

export const HELP = `Entitle — what a corporate action gives you, share by share.

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
        ...Object.fromEntries(REQUEST_PARAMETERS.map((p) => [p, { type: "string", multiple: true }] as const)),
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
  const { help: _help, ...params } = parsed.values as Record<string, string[] | boolean | undefined>;
  const result = entitlementInEnglish(params as Record<string, string[] | undefined>);
  if (!result.ok) return { code: 2, stdout: `${JSON.stringify(errorBody(result.error))}\n` };
  return { code: 0, stdout: `${entitlementJson(result.value.entitlement)}\n` };
}
