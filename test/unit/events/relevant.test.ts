import { describe, expect, it } from "vitest";
import { customEvent } from "@/lib/events/custom";
import { mostRelevantEvent } from "@/lib/events/relevant";
import { parseTermsQuery } from "@/lib/events/terms";

const event = (query: string, id: string) => {
  const read = parseTermsQuery(query);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return { ...customEvent(read.terms), id };
};
const HKT = (iso: string) => Date.parse(`${iso}+08:00`);

describe("the event /{locale} opens", () => {
  const past = event("classes=A&cash=1&aRecord=2024-05-20&aPay=2024-05-21", "past");
  const later = event("classes=A&cash=1&aRecord=2024-09-10&aPay=2024-09-12", "later");
  const soon = event("classes=H&cash=1&hRate=0.9&hRecord=2024-06-03&hPay=2024-07-30", "soon");
  const lodge = event("classes=H&cash=1&hRate=0.9&hLodge=2024-06-03T16:30%2B08:00", "lodge");

  it("the one whose next date is soonest, among those with a date ahead", () => {
    expect(mostRelevantEvent([past, later, soon], HKT("2024-06-01T12:00:00"))?.id).toBe("soon");
    // soon's record date is behind, its payment (30 July) still before later's (10 September).
    expect(mostRelevantEvent([past, later, soon], HKT("2024-06-04T00:00:00"))?.id).toBe("soon");
    expect(mostRelevantEvent([past, later, soon], HKT("2024-07-31T00:00:00"))?.id).toBe("later");
  });
  it("a day-only date is ahead for the whole of its Hong Kong day; a timed one until its time", () => {
    expect(mostRelevantEvent([later, soon], HKT("2024-07-30T23:59:00"))?.id).toBe("soon");
    expect(mostRelevantEvent([later, lodge], HKT("2024-06-03T16:00:00"))?.id).toBe("lodge");
    expect(mostRelevantEvent([later, lodge], HKT("2024-06-03T16:31:00"))?.id).toBe("later");
  });
  it("when every date is behind, the latest event", () => {
    expect(mostRelevantEvent([later, past, soon], HKT("2025-01-01T00:00:00"))?.id).toBe("later");
  });
  it("an empty catalog has none", () => {
    expect(mostRelevantEvent([], 0)).toBeUndefined();
  });
});
