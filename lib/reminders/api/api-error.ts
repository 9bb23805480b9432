import "server-only";
import type { TermsErrorCode } from "../../events/terms";

/** Stable codes a client can act on; the message is plain English. */
export type ApiErrorCode =
  | "invalid_json"
  | "invalid_body"
  | "unknown_event"
  | "unknown_milestone"
  | "endpoint_not_allowed"
  | "invalid_keys"
  | "subscription_not_found"
  | "forbidden"
  | "body_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "reminders_unavailable"
  | "reminders_full"
  | "terms_missing"
  | TermsErrorCode
  | "too_many_milestones"
  | "event_dates_out_of_range"
  | "too_many_events";

export interface ApiError {
  status: number;
  code: ApiErrorCode;
  message: string;
  headers?: Record<string, string>;
}

export function apiError(status: number, code: ApiErrorCode, message: string, headers?: Record<string, string>): ApiError {
  return headers ? { status, code, message, headers } : { status, code, message };
}

/** Every refusal has the same shape: `{ "error": { "code", "message" } }`. */
export function errorResponse(error: ApiError): Response {
  return Response.json(
    { error: { code: error.code, message: error.message } },
    { status: error.status, headers: { "cache-control": "no-store", ...error.headers } },
  );
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(error: ApiError): Result<T> => ({ ok: false, error });
