/**
 * Placeholder: the SolidStart web app lands here (issue #6).
 */
export {};
