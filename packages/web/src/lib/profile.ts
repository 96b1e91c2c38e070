/**
 * The profile watching on this device (chosen on the profile picker), per store. The device's
 * storage is the one source of truth; a signal tells readers when the choice changes.
 */
import { createSignal } from "solid-js";
import { isServer } from "solid-js/web";

export interface ChosenProfile {
  id: string;
  name: string;
  kids: boolean;
}

const [version, setVersion] = createSignal(0);
const keyOf = (store: string | null) => `nevewatch.profile.${store ?? "platform"}`;

export function currentProfile(store: string | null): ChosenProfile | null {
  version();
  if (isServer) return null;
  try {
    const raw = localStorage.getItem(keyOf(store));
    return raw ? (JSON.parse(raw) as ChosenProfile) : null;
  } catch {
    return null;
  }
}

export function chooseProfile(store: string | null, profile: ChosenProfile): void {
  localStorage.setItem(keyOf(store), JSON.stringify(profile));
  setVersion((v) => v + 1);
}
