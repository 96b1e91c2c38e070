/**
 * The channel list: numbers, logos, a favorite toggle per channel; arrow keys move between
 * channels (a listbox), Enter plays.
 */
import { For, Show } from "solid-js";

export interface ChannelEntry {
  id: string;
  name: string;
  number: number | null;
  logo: string | null;
}

export interface ChannelListProps {
  channels: ChannelEntry[];
  currentId: string | null;
  isFavorite: (id: string) => boolean;
  onPlay: (channel: ChannelEntry) => void;
  onToggleFavorite: (channel: ChannelEntry) => void;
  labels: { addFavorite: (name: string) => string; removeFavorite: (name: string) => string; empty: string };
}

export function ChannelList(props: ChannelListProps) {
  const move = (event: KeyboardEvent) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>("[data-channel]")];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const next = items[index + (event.key === "ArrowDown" ? 1 : -1)];
    if (next) {
      next.focus();
      event.preventDefault();
    }
  };
  return (
    <Show when={props.channels.length > 0} fallback={<p class="muted">{props.labels.empty}</p>}>
      <ul class="channel-list" onKeyDown={move}>
        <For each={props.channels}>
          {(channel) => (
            <li class="channel" classList={{ current: channel.id === props.currentId }}>
              <button
                type="button"
                class="channel-play"
                data-channel={channel.id}
                aria-current={channel.id === props.currentId ? "true" : undefined}
                onClick={() => props.onPlay(channel)}
              >
                <span class="channel-number">{channel.number ?? "–"}</span>
                <Show
                  when={channel.logo}
                  fallback={<span class="channel-logo placeholder" aria-hidden="true" />}
                >
                  {(src) => <img class="channel-logo" src={src()} alt="" loading="lazy" />}
                </Show>
                <span class="channel-name">{channel.name}</span>
              </button>
              <button
                type="button"
                class="channel-fav"
                aria-pressed={props.isFavorite(channel.id)}
                aria-label={
                  props.isFavorite(channel.id)
                    ? props.labels.removeFavorite(channel.name)
                    : props.labels.addFavorite(channel.name)
                }
                onClick={() => props.onToggleFavorite(channel)}
              >
                {props.isFavorite(channel.id) ? "★" : "☆"}
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
