/**
 * The import CLI: announcement text or PDF → the same JSON as POST /api/v1/import, one line on stdout.
 *   npm run --silent import -- FILE|-
 * Exit 0 with { terms, fields, missing, warnings }; exit 2 with { "error": { code, message } } on bad input.
 */
import { runImportCli } from "./import-cli";

const { code, stdout } = await runImportCli(process.argv.slice(2));
process.stdout.write(stdout);
process.exitCode = code;
