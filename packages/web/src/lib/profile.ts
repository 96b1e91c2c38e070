/**
 * The profile watching on this device (chosen on the profile picker), per store.
 */
import { createSignal } from "solid-js";
import { isServer } from "solid-js/web";

export interface ChosenProfile {
  id: string;
  name: string;
  kids: boolean;
}

const [chosen, setChosen] = createSignal<ChosenProfile | null>(null);
let loadedFor: string | null = null;

const keyOf = (store: string | null) => `nevewatch.profile.${store ?? "platform"}`;

export function currentProfile(store: string | null): ChosenProfile | null {
  if (!isServer && loadedFor !== keyOf(store)) {
    loadedFor = keyOf(store);
    const raw = localStorage.getItem(loadedFor);
    setChosen(raw ? (JSON.parse(raw) as ChosenProfile) : null);
  }
  return chosen();
}

export function chooseProfile(store: string | null, profile: ChosenProfile): void {
  localStorage.setItem(keyOf(store), JSON.stringify(profile));
  loadedFor = keyOf(store);
  setChosen(profile);
}
