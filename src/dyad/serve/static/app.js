// The dyad dashboard: plain JavaScript over the API, no third-party code.
"use strict";

const state = { filter: {}, extra: {}, offset: 0, page: 50, world: null };
const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";

function esc(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  }[c]));
}

async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const response = await fetch(`${path}?${query}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

// The filters of the form: a dyad (A and B), one actor (A), and dates.
function formFilter() {
  const a = $("a").value.trim().toUpperCase();
  const b = $("b").value.trim().toUpperCase();
  const filter = { since: $("since").value, until: $("until").value };
  if (a && b) filter.dyad = `${a},${b}`;
  else if (a) filter.actor = a;
  return { filter, a, b };
}

async function refresh() {
  const { filter, a, b } = formFilter();
  state.filter = filter;
  state.extra = {};
  const by = $("by").value;
  $("status").textContent = "Loading...";
  $("status").className = "";
  try {
    const [timeline, total] = await Promise.all([
      api("/timeline", { ...filter, dyad: undefined, actor: undefined, a: a || undefined,
                         b: a && b ? b : undefined, by }),
      api("/events", { ...filter, limit: 1 }),
    ]);
    if (total.total === 0) {
      const none = !a && !filter.since && !filter.until;
      $("status").textContent = none
        ? "No events stored yet: run `dyad ingest` on a corpus, then reload."
        : "No events match these filters.";
      $("status").className = "empty";
    } else {
      $("status").textContent = `${total.total} events`;
    }
    $("timeline-title").textContent = a ? `Events per ${by}: ${a}${b ? " and " + b : ""}`
                                        : `Events per ${by}`;
    drawTimeline(timeline.periods, by);
    await Promise.all([loadTable(true), drawMap(), loadRankings()]);
  } catch (error) {
    $("status").textContent = `Error: ${error.message}`;
    $("status").className = "empty";
  }
}

function drawTimeline(periods, by) {
  const box = $("timeline");
  box.innerHTML = "";
  const width = 900, height = 220, pad = 30;
  const svg = element("svg", { viewBox: `0 0 ${width} ${height}`, id: "timeline-svg" }, box);
  if (!periods.length) {
    element("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, svg).textContent = "no dated events";
    return;
  }
  const most = Math.max(...periods.map((p) => p.events));
  const step = (width - 2 * pad) / periods.length;
  const scale = (height - 2 * pad) / most;
  periods.forEach((period, i) => {
    const x = pad + i * step;
    let y = height - pad;
    const group = element("g", { class: "bar", "data-period": period.period }, svg);
    [["q1", "verbal_cooperation"], ["q2", "material_cooperation"],
     ["q3", "verbal_conflict"], ["q4", "material_conflict"]].forEach(([cls, key]) => {
      const h = period[key] * scale;
      if (h > 0) {
        y -= h;
        element("rect", { class: cls, x, y, width: Math.max(step - 1, 1), height: h }, group);
      }
    });
    element("title", {}, group).textContent =
      `${period.period}: ${period.events} events, Goldstein mean ${period.goldstein_mean}`;
    group.addEventListener("click", () => filterPeriod(period.period, by));
  });
  // The Goldstein mean (-10..10) as a line over the bars, zero in the middle.
  const mid = height / 2, g = (height - 2 * pad) / 20;
  const points = periods.map((p, i) => `${pad + i * step + step / 2},${mid - p.goldstein_mean * g}`);
  element("polyline", { points: points.join(" "), fill: "none", stroke: "#333", "stroke-width": 1.5 }, svg);
  element("line", { x1: pad, x2: width - pad, y1: mid, y2: mid, stroke: "#ccc", "stroke-dasharray": 4 }, svg);
  element("text", { x: pad, y: height - 8, "font-size": 11 }, svg).textContent = periods[0].period;
  element("text", { x: width - pad, y: height - 8, "font-size": 11, "text-anchor": "end" }, svg)
    .textContent = periods[periods.length - 1].period;
  element("text", { x: 2, y: pad, "font-size": 11 }, svg).textContent = String(most);
}

function periodEnd(start, by) {
  const d = new Date(`${start}T00:00:00Z`);
  if (by === "day") return start;
  if (by === "week") d.setUTCDate(d.getUTCDate() + 6);
  else { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

function filterPeriod(start, by) {
  state.extra = { since: start, until: periodEnd(start, by) };
  $("table-filter").textContent = `Showing ${state.extra.since} to ${state.extra.until} (click "Show" to clear)`;
  loadTable(true);
}

async function drawMap() {
  const box = $("map");
  if (!state.world) state.world = await (await fetch("/static/world.json")).json();
  const { locations } = await api("/locations", { ...state.filter, limit: 1000 });
  box.innerHTML = "";
  const svg = element("svg", { viewBox: "0 0 360 180", id: "map-svg" }, box);
  for (const country of state.world.countries) {
    element("path", { d: country.d, class: "country" }, svg).appendChild(
      element("title")).textContent = country.name;
  }
  const most = Math.max(1, ...locations.map((l) => l.events));
  for (const place of locations) {
    const marker = element("circle", {
      class: "marker", cx: place.lon + 180, cy: 90 - place.lat,
      r: 0.8 + 3 * Math.sqrt(place.events / most), "data-name": place.name,
    }, svg);
    element("title", {}, marker).textContent = `${place.name} (${place.country}): ${place.events} events`;
    marker.addEventListener("click", () => {
      const d = 0.01;
      state.extra = { bbox: [place.lon - d, place.lat - d, place.lon + d, place.lat + d].join(",") };
      $("table-filter").textContent = `Showing events in ${place.name} (click "Show" to clear)`;
      loadTable(true);
    });
  }
}

async function loadRankings() {
  const [actors, dyads] = await Promise.all([
    api("/actors", { ...state.filter, limit: 10 }), api("/dyads", { ...state.filter, limit: 10 }),
  ]);
  $("actors").innerHTML = actors.actors.map((a) =>
    `<li data-code="${esc(a.code)}">${esc(a.code)} <small>${esc(a.name ?? "")}</small> — ${a.events}</li>`).join("");
  $("dyads").innerHTML = dyads.dyads.map((d) =>
    `<li data-a="${esc(d.source)}" data-b="${esc(d.target)}">${esc(d.source)} → ${esc(d.target)} — ${d.events}</li>`).join("");
  for (const li of $("actors").children) {
    li.addEventListener("click", () => { $("a").value = li.dataset.code; $("b").value = ""; refresh(); });
  }
  for (const li of $("dyads").children) {
    li.addEventListener("click", () => { $("a").value = li.dataset.a; $("b").value = li.dataset.b; refresh(); });
  }
}

// The sentence with its source, trigger and target spans marked.
function highlighted(record) {
  const text = record.sentence;
  const spans = [["src", record.spans.source], ["trg", record.spans.trigger], ["tgt", record.spans.target]]
    .filter(([, s]) => s && s[1] > s[0] && s[0] >= 0 && s[1] <= text.length)
    .sort((x, y) => x[1][0] - y[1][0]);
  let html = "", at = 0;
  for (const [cls, [start, end]] of spans) {
    if (start < at) continue;  // overlapping spans: the first wins
    html += esc(text.slice(at, start)) + `<span class="${cls}">${esc(text.slice(start, end))}</span>`;
    at = end;
  }
  return html + esc(text.slice(at));
}

async function loadTable(fresh) {
  if (fresh) { state.offset = 0; $("events").tBodies[0].innerHTML = ""; }
  if (!Object.keys(state.extra).length) $("table-filter").textContent = "";
  const page = await api("/events", { ...state.filter, ...state.extra, limit: state.page, offset: state.offset });
  const body = $("events").tBodies[0];
  for (const record of page.events) {
    const row = body.insertRow();
    row.dataset.id = record.event_id;
    row.innerHTML = `<td>${esc(record.date)}</td><td>${esc(record.source.code)}</td>
      <td title="${esc(record.plover.type ?? "")}">${esc(record.cameo)}</td>
      <td>${esc(record.target ? record.target.code : "—")}</td>
      <td class="sentence">${highlighted(record)}</td><td>${record.num_mentions}</td>`;
    row.addEventListener("click", () => showEvent(record.event_id, row));
  }
  state.offset += page.events.length;
  $("more").hidden = state.offset >= page.total;
  $("table-title").textContent = `Events (${page.total})`;
}

async function showEvent(id, row) {
  for (const other of $("events").tBodies[0].rows) other.classList.remove("selected");
  row.classList.add("selected");
  const event = await api(`/events/${encodeURIComponent(id)}`);
  const article = event.article || {};
  const text = article.text || "";
  let body;
  if (article.sentence_span) {
    const [start, end] = article.sentence_span;
    body = esc(text.slice(0, start)) + `<mark>${esc(text.slice(start, end))}</mark>` + esc(text.slice(end));
  } else {
    body = esc(text);
  }
  const title = article.title && article.title === event.sentence
    ? `<mark>${esc(article.title)}</mark>` : esc(article.title || "(no headline)");
  const mentions = event.mention_list.map((m) =>
    `<li>${esc(m.date ?? "")} ${esc(m.publisher ?? "")} ${esc(m.title ?? m.doc_id)}, sentence ${m.sentence_index}</li>`).join("");
  $("article").innerHTML = `<h3>${title}</h3>
    <p class="meta">${esc(article.date ?? "")} · ${esc(article.publisher ?? "")}
    ${article.url ? `· <a href="${esc(article.url)}" rel="noreferrer">source</a>` : ""}
    · ${esc(event.source.code)} ${esc(event.cameo)} ${esc(event.target ? event.target.code : "")}
    · confidence ${event.confidence}</p>
    <div class="text">${body}</div>
    <p class="meta">Reported ${event.num_mentions} times in ${event.num_articles} articles:</p><ul class="meta">${mentions}</ul>`;
  $("detail").hidden = false;
  $("detail").scrollIntoView({ block: "nearest" });
}

$("controls").addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
$("reset").addEventListener("click", () => {
  for (const id of ["a", "b", "since", "until"]) $(id).value = "";
  refresh();
});
$("more").addEventListener("click", () => loadTable(false));
$("close").addEventListener("click", () => { $("detail").hidden = true; });
refresh();
