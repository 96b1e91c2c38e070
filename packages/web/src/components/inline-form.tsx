/**
 * A small form on one row: a few fields with the submit button beside them. It hands its data
 * to `onSubmit`, where the page runs the request as an action.
 */
import type { JSX } from "solid-js";

export function InlineForm(props: {
  /** The form's accessible name, where the page gives it one. */
  label?: string;
  submit: string;
  onSubmit: (data: FormData) => void;
  children: JSX.Element;
}) {
  return (
    <form
      class="row"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(new FormData(e.currentTarget));
      }}
    >
      {props.children}
      <button class="btn" type="submit">
        {props.submit}
      </button>
    </form>
  );
}
