/**
 * A read-only value with a copy button (player credentials, playlist URLs).
 */
import { createSignal } from "solid-js";
import { useI18n } from "../i18n/i18n.tsx";

export function CopyField(props: { label: string; value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = createSignal(false);
  return (
    <label>
      {props.label}
      <span class="copy-field">
        <input readOnly value={props.value} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          class="btn btn-small"
          onClick={async () => {
            await navigator.clipboard?.writeText(props.value);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied() ? t("account.copied") : t("account.copy")}
        </button>
      </span>
    </label>
  );
}
