/**
 * The address classifier lives in the edge package, whose upstream fetches are guarded the
 * same way; the API's outgoing connections (domain verification, imports) use that one.
 */
export { type AddressClass, addressClass } from "@nevewatch/edge";
