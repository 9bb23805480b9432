"use client";
import dynamic from "next/dynamic";

// Below the fold and only for those who want reminders: loaded after the page, not part of its first load.
export const LazyRemindMe = dynamic(() => import("./remind-me").then((m) => m.RemindMe), { ssr: false });
