/** The message namespaces client components translate; only these travel to the browser (not meta, header or footer). */
export const CLIENT_NAMESPACES = [
  "form",
  "holders",
  "results",
  "status",
  "notes",
  "errors",
  "timeline",
  "reminders",
  "pwa",
  "picker",
] as const;

/** The custom event page adds its form's words and the terms' error texts (no other page carries them). */
export const CUSTOM_NAMESPACES = [...CLIENT_NAMESPACES, "custom", "termErrors"] as const;

/** The given namespaces of the full catalog. */
export function pickMessages(messages: Record<string, unknown>, namespaces: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(namespaces.map((n) => [n, messages[n]]));
}
