/** A JSON value, as checker results, stored results and API bodies must be. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
