import type { MilestoneRole, ShareClass } from "./model";
import type { EntitlementEvent, Localised } from "./schema";

/** One catalog event as GET /api/v1/events lists it: enough to pick an event and see its dates. */
export interface EventSummary {
  id: string;
  origin: EntitlementEvent["origin"];
  issuer: Localised;
  title: Localised;
  announcedOn: string | null;
  classes: { class: ShareClass; exchange: string | null; stockCode: string | null }[];
  milestones: { id: string; role: MilestoneRole; class: ShareClass | null; at: string; dayOnly: boolean; status: string }[];
}

export function summariseEvent(event: EntitlementEvent): EventSummary {
  return {
    id: event.id,
    origin: event.origin,
    issuer: event.issuer.name,
    title: event.title,
    announcedOn: event.announcedOn ?? null,
    classes: (["H", "A"] as const).flatMap((c) => {
      const terms = event.classes[c];
      return terms ? [{ class: c, exchange: terms.exchange ?? null, stockCode: terms.stockCode ?? null }] : [];
    }),
    milestones: [...event.milestones]
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
      .map((m) => ({ id: m.id, role: m.role, class: m.class, at: m.at, dayOnly: m.dayOnly, status: m.status })),
  };
}
