/**
 * Placeholder: the Electron desktop viewer lands here.
 */
export {};
