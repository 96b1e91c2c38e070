/**
 * The viewer's account: plan and expiry, screens in use, devices, and player credentials.
 */
import { createResource, createSignal, For, type JSX, Show } from "solid-js";
import { CopyField } from "../../components/copy-field.tsx";
import { StatusBadge } from "../../components/data-table.tsx";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { settle } from "../../lib/settle.ts";

function Section(props: { title: string; children: JSX.Element }) {
  return (
    <section class="card stack">
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

export default function Account() {
  const { t, formatDate, formatDateTime } = useI18n();
  const { api, account } = useSession();
  const [error, setError] = createSignal<unknown>(null);
  const [subscription] = createResource(() =>
    settle(
      () => api.GET("/v1/me/subscription"),
      (e) => e && setError(e),
      { subscription: null },
    ),
  );
  const [screens, { refetch: refetchScreens }] = createResource(() =>
    settle(
      () => api.GET("/v1/me/screens"),
      (e) => e && setError(e),
      { limit: 0, items: [] },
    ),
  );
  const [line, { mutate: mutateLine }] = createResource(() =>
    settle(
      () => api.GET("/v1/me/line"),
      () => undefined,
      null,
    ),
  );
  const [devices, { refetch: refetchDevices }] = createResource(() =>
    settle(
      () => api.GET("/v1/auth/devices"),
      (e) => e && setError(e),
      [],
    ),
  );
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div class="page stack">
      <h1>{t("account.title")}</h1>
      <p class="muted">{account()?.email}</p>
      <Show when={error()}>{(e) => <ProblemMessage error={e()} />}</Show>
      <Section title={t("account.plan")}>
        <Show when={subscription()?.subscription} fallback={<p class="muted">{t("account.noPlan")}</p>}>
          {(s) => (
            <div class="stack" data-testid="subscription">
              <strong>{s().plan?.name}</strong>
              <span>
                {t("account.status")}: <StatusBadge status={s().status} />
              </span>
              <span>{t("account.expires", { date: formatDate(s().endsAt) })}</span>
            </div>
          )}
        </Show>
      </Section>
      <Section
        title={`${t("account.screens")} (${screens()?.items.length ?? 0} / ${Number(screens()?.limit ?? 0)})`}
      >
        <Show
          when={(screens()?.items ?? []).length > 0}
          fallback={<p class="muted">{t("account.noneYet")}</p>}
        >
          <ul class="stack plain-list">
            <For each={screens()?.items ?? []}>
              {(screen) => (
                <li class="row">
                  <span>{screen.device ?? t("account.unknownDevice")}</span>
                  <span class="muted">
                    {screen.since ? t("account.since", { time: formatDateTime(screen.since) }) : ""}
                  </span>
                  <button
                    type="button"
                    class="btn btn-small btn-danger"
                    onClick={() =>
                      act(async () => {
                        await api.DELETE("/v1/me/screens/{sessionId}", {
                          params: { path: { sessionId: screen.sessionId } },
                        });
                        await refetchScreens();
                      })
                    }
                  >
                    {t("account.stop")}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Section>
      <Section title={t("account.devices")}>
        <div class="table-wrap">
          <table>
            <tbody>
              <For each={devices() ?? []}>
                {(d) => (
                  <tr>
                    <td>
                      {d.device.name}
                      <Show when={d.current}>
                        {" "}
                        <span class="badge badge-ok">{t("account.thisDevice")}</span>
                      </Show>
                    </td>
                    <td class="muted">{t("account.lastUsed", { time: formatDateTime(d.lastUsedAt) })}</td>
                    <td>
                      <Show when={!d.current}>
                        <button
                          type="button"
                          class="btn btn-small btn-danger"
                          onClick={() =>
                            act(async () => {
                              await api.DELETE("/v1/auth/devices/{id}", { params: { path: { id: d.id } } });
                              await refetchDevices();
                              await refetchScreens();
                            })
                          }
                        >
                          {t("account.remove")}
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Section>
      <Section title={t("account.lines")}>
        <Show when={line()} fallback={<p class="muted">{t("account.linesSoon")}</p>}>
          {(l) => (
            <div class="stack" data-testid="line">
              <p class="muted">{t("account.linesHint")}</p>
              <CopyField label={t("account.server")} value={l().serverUrl} />
              <div class="row">
                <CopyField label={t("account.username")} value={l().username} />
                <CopyField label={t("account.linePassword")} value={l().password} />
              </div>
              <CopyField label={t("account.m3u")} value={l().m3uUrl} />
              <CopyField label={t("account.xmltv")} value={l().xmltvUrl} />
              <div>
                <button
                  type="button"
                  class="btn btn-small btn-danger"
                  onClick={() =>
                    act(async () => {
                      mutateLine(await api.POST("/v1/me/line/regenerate"));
                    })
                  }
                >
                  {t("account.regenerate")}
                </button>
              </div>
            </div>
          )}
        </Show>
      </Section>
    </div>
  );
}
