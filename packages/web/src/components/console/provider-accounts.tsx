/**
 * The upstream accounts of one provider (credentials masked by the API), with add and remove.
 */
import type { ResponseBody } from "@nevewatch/sdk";
import { Show } from "solid-js";
import { useI18n } from "../../i18n/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";
import { DataTable, StatusBadge } from "../data-table.tsx";
import { InlineForm } from "../inline-form.tsx";
import { ProblemMessage } from "../problem-message.tsx";

type Provider = ResponseBody<"/v1/providers", "get">["items"][number];

export function ProviderAccounts(props: { provider: Provider; onChange: () => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const action = createAction();
  const id = () => props.provider.id;
  return (
    <details class="card">
      <summary>
        {props.provider.name}: {t("c.accounts")} ({props.provider.accounts.length})
      </summary>
      <div class="stack">
        <Show when={action.error()}>{(e) => <ProblemMessage error={e()} />}</Show>
        <DataTable
          rows={props.provider.accounts}
          columns={[
            { header: t("c.label"), cell: (a) => a.label ?? "—" },
            {
              header: props.provider.kind === "m3u" ? "URL" : t("c.username"),
              cell: (a) => <code>{a.url ?? a.username ?? "—"}</code>,
            },
            { header: t("c.maxConnections"), cell: (a) => String(a.maxConnections ?? "—") },
            {
              header: t("console.status"),
              cell: (a) => <StatusBadge status={a.enabled ? "active" : "disabled"} />,
            },
            {
              header: t("console.actions"),
              cell: (a) => (
                <Show when={props.provider.accounts.length > 1}>
                  <button
                    type="button"
                    class="btn btn-small btn-danger"
                    onClick={() =>
                      action.run(async () => {
                        await api.DELETE("/v1/providers/{id}/accounts/{accountId}", {
                          params: { path: { id: id(), accountId: a.id } },
                        });
                        props.onChange();
                      })
                    }
                  >
                    {t("account.remove")}
                  </button>
                </Show>
              ),
            },
          ]}
        />
        <InlineForm
          label={t("c.addAccount")}
          submit={t("c.addAccount")}
          onSubmit={(f) => {
            const text = (name: string) => String(f.get(name) ?? "").trim();
            const label = text("label");
            const connections = Number(f.get("maxConnections") || 1);
            void action.run(async () => {
              await api.POST("/v1/providers/{id}/accounts", {
                params: { path: { id: id() } },
                body:
                  props.provider.kind === "m3u"
                    ? { url: text("url"), maxConnections: connections, ...(label ? { label } : {}) }
                    : {
                        username: text("username"),
                        password: text("password"),
                        maxConnections: connections,
                        ...(label ? { label } : {}),
                      },
              });
              props.onChange();
            });
          }}
        >
          <label>
            {t("c.label")}
            <input name="label" maxLength={100} />
          </label>
          <Show
            when={props.provider.kind === "m3u"}
            fallback={
              <>
                <label>
                  {t("c.username")}
                  <input name="username" required autocomplete="off" />
                </label>
                <label>
                  {t("c.password")}
                  <input name="password" type="password" required autocomplete="off" />
                </label>
              </>
            }
          >
            <label>
              {t("c.playlistUrl")}
              <input name="url" type="url" required placeholder="http://" />
            </label>
          </Show>
          <label>
            {t("c.maxConnections")}
            <input name="maxConnections" type="number" min="1" value="1" />
          </label>
        </InlineForm>
      </div>
    </details>
  );
}
