/**
 * A problem with a new password: a refused one (`weak_password`) as the rule it broke, in the
 * viewer's language; any other problem as `ProblemMessage` shows it.
 */
import { isApiProblem } from "@nevewatch/sdk";
import { Show } from "solid-js";
import { LANGUAGES, type MessageKey, useI18n } from "../i18n/i18n.tsx";
import { ProblemMessage } from "./problem-message.tsx";

/**
 * Ids of a new-password field's label text and of the rules under it: the field is named by
 * the label text alone (`aria-labelledby`) and described by the rules (`aria-describedby`),
 * where a hint inside the `<label>` would become part of the field's name.
 */
export const PASSWORD_LABEL_ID = "password-label";
export const PASSWORD_HINT_ID = "password-rules";

function ruleKey(error: unknown): { rule: string; key: MessageKey } | null {
  if (!isApiProblem(error, "weak_password")) return null;
  const rule = error.problem.rule;
  const key = `password.rule.${String(rule)}`;
  return typeof rule === "string" && key in LANGUAGES.en ? { rule, key: key as MessageKey } : null;
}

export function PasswordProblem(props: { error: unknown }) {
  const { t } = useI18n();
  return (
    <Show when={ruleKey(props.error)} fallback={<ProblemMessage error={props.error} />}>
      {(found) => (
        <div class="error-box" role="alert" data-code="weak_password" data-rule={found().rule}>
          {t(found().key)}
        </div>
      )}
    </Show>
  );
}
