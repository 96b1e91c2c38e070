/**
 * Runs a console action and keeps its outcome for display: the problem (if any), and whether
 * the last run succeeded, so a form can say it saved.
 */
import { createSignal } from "solid-js";

export function createAction() {
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const [succeeded, setSucceeded] = createSignal(false);
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setSucceeded(false);
    setBusy(true);
    try {
      await work();
      setSucceeded(true);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  /** Forgets the outcome (the form was edited again). */
  const dismiss = () => {
    setError(null);
    setSucceeded(false);
  };
  return { error, busy, succeeded, run, dismiss };
}
