/**
 * Loads data for a resource without letting a problem escape to the error boundary: the
 * problem goes to `onError` (to show by its code) and the resource gets the fallback.
 */
export async function settle<T>(
  work: () => Promise<T>,
  onError: (error: unknown) => void,
  fallback: T,
): Promise<T> {
  try {
    const value = await work();
    onError(null);
    return value;
  } catch (error) {
    onError(error);
    return fallback;
  }
}
