/**
 * A page of the store console or the platform admin: its heading and the problem of its last
 * action (if any) above the page's own content.
 */
import { type JSX, Show } from "solid-js";
import { ProblemMessage } from "./problem-message.tsx";

export function SectionPage(props: { title: string; error?: unknown; children: JSX.Element }) {
  return (
    <div class="stack">
      <h1>{props.title}</h1>
      <Show when={props.error}>{(e) => <ProblemMessage error={e()} />}</Show>
      {props.children}
    </div>
  );
}
