/**
 * The imports started on a page, newest first, each with its live progress.
 */
import { For } from "solid-js";
import { useSession } from "../lib/session.tsx";
import { ImportProgress, type ImportRecord } from "./import-progress.tsx";

export function RunningImports(props: {
  imports: ImportRecord[];
  /** The name of what an import reads (a provider, a guide source), shown above its bar. */
  label: (record: ImportRecord) => string;
  onDone: () => void;
}) {
  const { api, account } = useSession();
  return (
    <For each={props.imports}>
      {(record) => (
        <ImportProgress
          api={api}
          storeId={account()?.storeId ?? ""}
          initial={record}
          label={props.label(record)}
          onDone={() => props.onDone()}
        />
      )}
    </For>
  );
}
