/**
 * Placeholder: the typed SDK generated from the API's OpenAPI document lands here (issue #6).
 */
export {};
