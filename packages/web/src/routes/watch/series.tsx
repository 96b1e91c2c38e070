import { VodBrowser } from "../../components/vod-browser.tsx";

export default function Series() {
  return <VodBrowser kind="series" />;
}
