/**
 * The playground page: reads the settings from the URL, builds the views, and connects them to the training
 * worker. Settings changes go to the worker by their effect (reset or live); frames from the worker are drawn on
 * the next animation frame and acknowledged, so the worker never floods the page.
 */
import "./style.css";
import { effectOf, type Settings } from "./settings.js";
import { Store } from "./store.js";
import { outputsFor } from "./model/trainer.js";
import { classesOf } from "./model/datasets.js";
import { WorkerClient } from "./worker/client.js";
import type { DataMessage, Frame, FromWorker } from "./worker/protocol.js";
import { buildControls } from "./ui/controls.js";
import { byId, fmt, h } from "./ui/dom.js";
import { NetworkView } from "./ui/network-view.js";
import { OutputView } from "./ui/output-view.js";
import { DataPanel } from "./ui/data-panel.js";
import { HealthView } from "./ui/health-view.js";
import { RaceView } from "./ui/race-view.js";
import { CodeDialog } from "./ui/code-dialog.js";
import { SHORTCUTS, installKeys } from "./ui/keys.js";

const store = new Store(location.search.slice(1));
const announce = byId("announce");
const errorBox = byId("error");

let generation = 0;
let data: DataMessage | null = null;
let latest: Frame | null = null;
let drawn: Frame | null = null;
let drawPending = false;
let playing = false;

const worker = new WorkerClient(onWorkerMessage);

// views
buildControls(byId("training-controls"), "training", store);
buildControls(byId("network-controls"), "network", store);
buildControls(byId("view-controls"), "view", store, ["showTestData", "discretize"]);
const output = new OutputView(byId("output-body"), () => store.settings);
const network = new NetworkView(byId("network-body"), store, (layer, to, from, value) => worker.send({ type: "setWeight", layer, to, from, value }));
const dataPanel = new DataPanel(byId("data-body"), store, output);
const health = new HealthView(byId("health-body"));
const raceView = new RaceView(byId("race-body"), store);
const code = new CodeDialog(() => ({
  settings: store.settings,
  options: {
    epochs: drawn && drawn.epoch > 0 ? drawn.epoch : 500,
    points: store.customPoints,
    classes: data?.points.classes ?? classesOf(store.settings.dataset),
    weights: drawn?.weights ?? null,
  },
}));

const playButton = byId<HTMLButtonElement>("play");
const epochText = byId("epoch");
playButton.addEventListener("click", () => setPlaying(!playing));
byId("step").addEventListener("click", () => {
  setPlaying(false, false);
  worker.send({ type: "step" });
});
byId("reset").addEventListener("click", reset);
byId("show-code").addEventListener("click", () => code.open());
byId("help").addEventListener("click", () => byId<HTMLDialogElement>("help-dialog").showModal());
byId("new-seed").addEventListener("click", () => store.set({ seed: Math.floor(Math.random() * 100000) }));
for (const tab of document.querySelectorAll<HTMLButtonElement>("[data-view]")) {
  tab.addEventListener("click", () => store.set({ view: tab.dataset.view as Settings["view"] }));
}
byId("help-list").append(...SHORTCUTS.map(([key, what]) => h("li", {}, h("kbd", {}, key), ` ${what}`)));

function setPlaying(on: boolean, send = true): void {
  playing = on;
  playButton.setAttribute("aria-pressed", String(on));
  playButton.setAttribute("aria-label", on ? "Pause" : "Play");
  playButton.classList.toggle("playing", on);
  document.body.dataset.playing = String(on);
  if (send) worker.send({ type: on ? "play" : "pause" });
  if (!on && drawn) announce.textContent = `Paused at epoch ${drawn.epoch}; test loss ${fmt(drawn.testLoss)}.`;
}

function reset(): void {
  setPlaying(false);
  worker.send({ type: "reset", settings: store.settings, points: store.customPoints });
}

function onWorkerMessage(msg: FromWorker): void {
  if (msg.type === "error") {
    errorBox.textContent = msg.message;
    errorBox.hidden = false;
    setPlaying(false, false);
    return;
  }
  errorBox.hidden = true;
  if (msg.type === "data") {
    generation = msg.generation;
    data = msg;
    drawn = null;
    network.rebuild(outputsFor(msg.points.classes));
    output.setData(msg);
    dataPanel.setData(msg);
    return;
  }
  if (msg.generation !== generation) {
    worker.send({ type: "ack" });
    return;
  }
  latest = msg;
  if (!drawPending) {
    drawPending = true;
    requestAnimationFrame(draw);
  }
}

function draw(): void {
  drawPending = false;
  const f = latest;
  if (!f) return;
  latest = null;
  drawn = f;
  network.update(f);
  output.update(f);
  health.update(f);
  epochText.textContent = String(f.epoch).padStart(6, "0").replace(/(\d{3})$/, ",$1");
  byId("lr-now").textContent = f.lr !== store.settings.learningRate ? `lr now ${fmt(f.lr)}` : "";
  if (f.playing !== playing) setPlaying(f.playing, false);
  worker.send({ type: "ack" });
}

store.subscribe((s, changed) => {
  const effect = effectOf(changed);
  if (effect === "data" || effect === "network") worker.send({ type: "reset", settings: s, points: store.customPoints });
  else if (effect === "live") worker.send({ type: "configure", settings: s });
  if (changed.includes("showTestData") || changed.includes("discretize")) {
    output.redraw();
    if (drawn) network.update(drawn);
  }
  if (changed.includes("unlimited") && data) network.rebuild(outputsFor(data.points.classes));
  applyView(s);
});

function applyView(s: Settings): void {
  document.body.classList.toggle("hide-controls", s.hideControls);
  const racing = s.view === "race";
  byId("network-view").hidden = racing;
  byId("race-view").hidden = !racing;
  for (const tab of document.querySelectorAll<HTMLButtonElement>("[data-view]")) tab.setAttribute("aria-selected", String(tab.dataset.view === s.view));
  if (racing) {
    if (playing) setPlaying(false);
    raceView.show();
  } else raceView.hide();
}

installKeys({
  playPause: () => store.settings.view === "network" && setPlaying(!playing),
  step: () => byId("step").click(),
  reset,
  toggleControls: () => store.set({ hideControls: !store.settings.hideControls }),
  toggleTestData: () => store.set({ showTestData: !store.settings.showTestData }),
  toggleDiscretize: () => store.set({ discretize: !store.settings.discretize }),
  showCode: () => code.open(),
  toggleView: () => store.set({ view: store.settings.view === "network" ? "race" : "network" }),
  help: () => byId<HTMLDialogElement>("help-dialog").showModal(),
});

applyView(store.settings);
setPlaying(false, false);
worker.send({ type: "reset", settings: store.settings, points: store.customPoints });
