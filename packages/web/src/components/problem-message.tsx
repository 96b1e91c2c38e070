/**
 * A problem from the API as a sentence for people, chosen by its stable `code`.
 */
import { isApiProblem } from "@nevewatch/sdk";
import { Show } from "solid-js";
import { LANGUAGES, type MessageKey, useI18n } from "../i18n/i18n.tsx";

export function problemKey(error: unknown): { key: MessageKey; code: string } {
  const code = isApiProblem(error) ? error.code : "network_error";
  const key = `error.${code}`;
  return key in LANGUAGES.en ? { key: key as MessageKey, code } : { key: "error.generic", code };
}

export function ProblemMessage(props: { error: unknown }) {
  const { t } = useI18n();
  const message = () => {
    const { key, code } = problemKey(props.error);
    return t(key, { code });
  };
  const fields = () => (isApiProblem(props.error) ? props.error.fieldErrors : []);
  return (
    <div class="error-box" role="alert" data-code={problemKey(props.error).code}>
      {message()}
      <Show when={fields().length > 0}>
        <ul>
          {fields().map((f) => (
            <li>
              {f.path.replace(/^\//, "")}: {f.message}
            </li>
          ))}
        </ul>
      </Show>
    </div>
  );
}
