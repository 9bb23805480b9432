import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import type { Locale } from "@/lib/events/schema";
import { CUSTOM_NAMESPACES, pickMessages } from "../_components/client-messages";
import { CustomEventPage } from "../_components/custom-event";
import { catalogChoices } from "../_components/event-page";
import { PageFooter } from "../_components/page-footer";
import { PwaStatus } from "../_components/pwa-status";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "custom" });
  return { title: `${t("title")} — Entitle` };
}

/**
 * `/{locale}/custom?…terms…` (DESIGN §3.4: the link is the event). A static shell: the browser reads the terms
 * from the address and renders everything, so the service worker's one cached copy serves any terms offline.
 */
export default async function CustomPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const messages = await getMessages();
  const t = await getTranslations();
  return (
    <NextIntlClientProvider messages={pickMessages(messages, CUSTOM_NAMESPACES)}>
      <CustomEventPage
        locale={locale}
        catalog={catalogChoices(locale)}
        labels={{ app: t("header.app"), language: t("header.language"), skip: t("header.skip") }}
      />
      <PageFooter sources={[{ id: "typed-in", title: t("custom.typedSource") }]} />
      <PwaStatus />
    </NextIntlClientProvider>
  );
}
