import { NextRequest, type NextResponse } from "next/server";
import createMiddleware from "next-intl/middleware";
import { preferredLocale } from "./i18n/accept-language";
import { routing } from "./i18n/routing";

const intl = createMiddleware(routing);

/** next-intl's routing, with our own reading of Accept-Language (see preferredLocale). */
export default function proxy(request: NextRequest): NextResponse {
  const accept = request.headers.get("accept-language");
  if (!accept) return intl(request);
  const headers = new Headers(request.headers);
  headers.set("accept-language", preferredLocale(accept));
  return intl(new NextRequest(request, { headers }));
}

export const config = {
  // Pages only: not the API, Next's assets, or files with an extension (sw.js, icons, manifest, offline.html).
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
