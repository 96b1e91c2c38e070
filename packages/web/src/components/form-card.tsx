/**
 * A form on a card: heading, fields and one submit button. It hands its data to `onSubmit`,
 * where the page runs the request as an action.
 */
import type { JSX } from "solid-js";

export function FormCard(props: {
  title: string;
  /** The form's accessible name, where the page gives it one. */
  label?: string;
  submit: string;
  /** While true the submit button is disabled (the action is running). */
  busy?: boolean;
  onSubmit: (data: FormData, form: HTMLFormElement) => void;
  children: JSX.Element;
}) {
  return (
    <form
      class="card stack"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(new FormData(e.currentTarget), e.currentTarget);
      }}
    >
      <h2>{props.title}</h2>
      {props.children}
      <button class="btn btn-primary" type="submit" disabled={props.busy}>
        {props.submit}
      </button>
    </form>
  );
}
