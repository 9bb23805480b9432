/** Types of security-headers.js (plain JavaScript, because next.config.js imports it). */
export declare const SECURITY_HEADERS: { key: string; value: string }[];
export declare function contentSecurityPolicy(options?: { scripts?: readonly string[]; styles?: readonly string[]; dev?: boolean }): string;
export declare function inlineStyleHashes(html: string): string[];
export declare const CSP_HASHES_FILE: string;
