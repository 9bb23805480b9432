import { z } from "zod";
import { LEADS } from "./leads";
import { LOCALES, SHARE_CLASSES } from "./locales";

export const localeSchema = z.enum(LOCALES);
export const shareClassSchema = z.enum(SHARE_CLASSES);
export const leadSchema = z.enum(LEADS);
