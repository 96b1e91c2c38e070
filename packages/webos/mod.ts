/**
 * Placeholder: the LG webOS TV app lands here.
 */
export {};
