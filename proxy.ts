import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { NextRequest, type NextResponse } from "next/server";
import createMiddleware from "next-intl/middleware";
import { preferredLocale } from "./i18n/accept-language";
import { routing } from "./i18n/routing";
import { CSP_HASHES_FILE, contentSecurityPolicy } from "./security-headers.js";

const intl = createMiddleware(routing);
const dev = process.env.NODE_ENV === "development";

let hashes: readonly string[] | undefined;
/** The inline-script hashes of the prerendered pages (written by `npm run build`); none in development. */
function inlineScriptHashes(): readonly string[] {
  if (hashes === undefined) {
    const file = join(process.cwd(), CSP_HASHES_FILE);
    hashes = existsSync(file) ? ((JSON.parse(readFileSync(file, "utf8")) as { script?: string[] }).script ?? []) : [];
  }
  return hashes;
}

/** PUBLIC_ORIGIN as an origin, or undefined (then no absolute link is given at all). */
function publicOrigin(): string | undefined {
  const value = process.env.PUBLIC_ORIGIN?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * next-intl writes absolute URLs from the request's Host / X-Forwarded-Host into the `Link` header of pages
 * that are cached for a year: anyone could poison a shared cache with their own host. Absolute links come from
 * PUBLIC_ORIGIN only; without it the header is dropped. (Next itself makes a redirect to the request's own origin
 * relative, so a Location header carries no host either.)
 */
function pinLinks(response: NextResponse): void {
  const origin = publicOrigin();
  const link = response.headers.get("link");
  if (link) {
    if (!origin) response.headers.delete("link");
    else
      response.headers.set(
        "link",
        link.replace(/<([^>]*)>/g, (_, href: string) => {
          try {
            const url = new URL(href);
            return `<${origin}${url.pathname}${url.search}>`;
          } catch {
            return `<${origin}/>`;
          }
        }),
      );
  }
}

/**
 * next-intl's routing, with our own reading of Accept-Language (see preferredLocale), the pages'
 * Content-Security-Policy (Next puts the nonce on the scripts of a page rendered per request; prerendered pages
 * are covered by the hashes of their inline scripts), and absolute links pinned to PUBLIC_ORIGIN.
 */
export default function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy({ scripts: [`'nonce-${nonce}'`, ...inlineScriptHashes()], dev });
  const headers = new Headers(request.headers);
  const accept = request.headers.get("accept-language");
  if (accept) headers.set("accept-language", preferredLocale(accept));
  headers.set("content-security-policy", policy);
  const response = intl(new NextRequest(request, { headers }));
  response.headers.set("content-security-policy", policy);
  pinLinks(response);
  return response;
}

export const config = {
  // Pages only: not the API, Next's assets, or files with an extension (sw.js, icons, manifest, offline.html).
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
