/**
 * The resolved store (branding, default language) for every page, loaded once on the server.
 */
import { createContext, type JSX, useContext } from "solid-js";
import type { PublicStore } from "./public-data.ts";

const StoreContext = createContext<() => PublicStore | null | undefined>(() => null);

export function StoreProvider(props: { store: () => PublicStore | null | undefined; children: JSX.Element }) {
  return <StoreContext.Provider value={props.store}>{props.children}</StoreContext.Provider>;
}

export function useStore(): () => PublicStore | null | undefined {
  return useContext(StoreContext);
}

/** CSS custom properties that paint the app in the store's colours. */
export function brandingStyle(store: PublicStore | null | undefined): Record<string, string> {
  if (!store) return {};
  return { "--primary": store.branding.primaryColor, "--accent": store.branding.accentColor };
}
