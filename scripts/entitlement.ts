/**
 * The entitlement CLI: the same JSON as the API, one line on stdout (typed-in events: --event custom with the
 * terms as kebab-case flags, see --help and README "Command line").
 *   npm run --silent entitlement -- --class H --shares 1234 [--holder hk-individual] [--price 10.00] [--event id]
 * Exit 0 with the entitlement; exit 2 with { "error": { code, message } } on bad input.
 */
import { validateCatalog } from "../lib/events/validate";
import { runEntitlementCli } from "./entitlement-cli";

validateCatalog();
const { code, stdout } = runEntitlementCli(process.argv.slice(2));
process.stdout.write(stdout);
process.exitCode = code;
