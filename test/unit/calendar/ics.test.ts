import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar } from "@/lib/calendar/ics";
import { findEvent } from "@/lib/events/catalog";

const event = findEvent("jlmag-2022-final");
if (!event) throw new Error("catalog is missing the JL MAG event");

describe("buildCalendar", () => {
  it("writes every milestone, all-day ones as dates in HKT, timed ones at the exact instant, each with alarms", () => {
    const built = buildCalendar(event, { locale: "en", statusLabel: (s) => s.toUpperCase() });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const vevents = new ICAL.Component(ICAL.parse(built.ics)).getAllSubcomponents("vevent");
    expect(vevents).toHaveLength(event.milestones.length);
    for (const m of event.milestones) {
      const v = vevents.find((e) => String(e.getFirstPropertyValue("uid")) === `${event.id}.${m.id}@entitle`);
      expect(v, m.id).toBeDefined();
      const start = v?.getFirstPropertyValue("dtstart") as ICAL.Time;
      if (m.dayOnly) expect(start.toString()).toBe(m.at.slice(0, 10));
      else expect(start.toJSDate().getTime()).toBe(Date.parse(m.at));
      expect(v?.getAllSubcomponents("valarm").length).toBe(m.dayOnly ? 1 : 2);
      expect(String(v?.getFirstPropertyValue("description"))).toContain(m.status.toUpperCase());
    }
  });
  it("one milestone in Chinese; an unknown milestone is refused", () => {
    const one = buildCalendar(event, { locale: "zh-Hans", milestoneIds: ["h-payment"], statusLabel: () => "已确认" });
    expect(one.ok && one.ics).toContain("派付H股股息");
    expect(buildCalendar(event, { locale: "en", milestoneIds: ["nope"], statusLabel: String }).ok).toBe(false);
  });
});
