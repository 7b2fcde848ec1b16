// The project page: draws the edit from /workspace/claim/data and keeps it live by polling /status.
// Every string from the project goes through textContent or setAttribute, never through markup.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const params = new URLSearchParams(location.search);
  const ct = params.get("ct") || "";
  const base = "/workspace/claim";
  const q = "?ct=" + encodeURIComponent(ct);
  let rev = null;
  let words = {};
  let active = false;
  let failures = 0;
  let waitingFor = null;
  let hasEdit = false;

  function $(id) { return document.getElementById(id); }

  function say(key, fields) {
    let s = words[key] || key;
    for (const [k, v] of Object.entries(fields || {})) s = s.split("{" + k + "}").join(String(v));
    return s;
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }

  function secs(s) {
    const v = Math.round(s * 100) / 100;
    return String(v);
  }

  function clock(s) {
    const t = Math.max(0, Math.round(s));
    return Math.floor(t / 60) + ":" + String(t % 60).padStart(2, "0");
  }

  function pct(t, total) { return (total > 0 ? Math.max(0, Math.min(100, (t / total) * 100)) : 0) + "%"; }

  // ------------------------------------------------------------------------------------ header
  function drawHeader(d) {
    const p = d.project;
    words = d.labels;
    document.documentElement.lang = p.lang;
    const name = p.name || words.untitled;
    $("name").textContent = name;
    document.title = say("page_title", { name: name });
    $("lang").textContent = p.lang_name;
    $("lang").setAttribute("title", words.language);
    $("project").textContent = words.project + " " + p.id;
    $("project").hidden = !p.id;
    const e = d.edit;
    $("summary").textContent = e
      ? say("summary", {
          duration: say("seconds", { n: secs(e.duration_s) }),
          aspect: e.aspect || e.width + "×" + e.height,
          bpm: e.song && e.song.bpm ? Math.round(e.song.bpm) : "–",  // the state's song.bpm
          shots: e.shots.length,
        })
      : "";
  }

  // ------------------------------------------------------------------------------------ video
  function drawVideo(d) {
    const player = $("player");
    const v = d.video;
    const current = $("video");
    if (!v) {
      if (current) current.remove();
      if (!$("no-video")) player.appendChild(el("p", "muted", words.no_video)).id = "no-video";
      player.classList.remove("has-video");
    } else if (!current || current.dataset.id !== v.id) {
      player.textContent = "";
      const video = document.createElement("video");
      video.id = "video";
      video.controls = true;
      video.preload = "metadata";
      video.playsInline = true;
      video.dataset.id = v.id;
      video.setAttribute("poster", v.poster);
      video.setAttribute("width", v.width);
      video.setAttribute("height", v.height);
      video.src = v.src;
      player.appendChild(video);
      player.classList.add("has-video");
    }
    const shown = $("video");
    if (v && shown) shown.style.setProperty("--ar", String(v.width / v.height));  // no bars beside a tall video
    const link = $("download");
    if (v) {
      link.href = v.download;
      link.setAttribute("download", v.filename);
      link.hidden = false;
    } else {
      link.hidden = true;
    }
    link.textContent = words.download;
    $("export").textContent = v ? words.export_again : words.export;
    hasEdit = !!d.edit;
    $("export").disabled = active || !hasEdit;
  }

  function drawJob(job) {
    const box = $("job");
    active = !!job && (job.status === "pending" || job.status === "processing");
    $("export").disabled = active || !hasEdit;
    if (!job) {
      if (waitingFor) {
        box.hidden = false;
        box.className = "job done";
        $("job-text").textContent = words.export_done;
        $("job-fill").style.width = "100%";
        waitingFor = null;
      }
      return;
    }
    box.hidden = false;
    if (active) {
      waitingFor = job.id;
      box.className = "job running";
      const n = Math.max(0, Math.min(100, job.progress | 0));
      $("job-fill").style.width = n + "%";
      $("job-bar").setAttribute("aria-valuenow", n);
      $("job-text").textContent = job.status === "pending" && n === 0 ? words.queued : say("exporting", { n: n });
    } else {
      box.className = "job failed";
      $("job-fill").style.width = "0%";
      $("job-text").textContent = say("export_failed", { reason: job.error || "" });
      waitingFor = null;
    }
  }

  // ------------------------------------------------------------------------------------ the edit
  function wavePath(peaks, height) {
    if (!peaks.length) return "";
    const w = 1000 / peaks.length;
    const mid = height / 2;
    let top = "M0 " + mid;
    let bottom = "";
    peaks.forEach((p, i) => {
      const h = Math.max(0.5, p * (mid - 1));
      top += " L" + (i * w).toFixed(1) + " " + (mid - h).toFixed(1) + " L" + ((i + 1) * w).toFixed(1) + " " + (mid - h).toFixed(1);
      bottom = " L" + ((i + 1) * w).toFixed(1) + " " + (mid + h).toFixed(1) + " L" + (i * w).toFixed(1) + " " + (mid + h).toFixed(1) + bottom;
    });
    return top + bottom + " Z";
  }

  function lane(cls, label) {
    const row = el("div", "lane " + cls);
    if (label) row.appendChild(el("span", "lane-label", label));
    const body = el("div", "lane-body");
    row.appendChild(body);
    return [row, body];
  }

  function span(cls, start, end, total, text) {
    const node = el("div", cls, text);
    node.style.left = pct(start, total);
    node.style.width = "calc(" + pct(end - start, total) + " - 1px)";
    return node;
  }

  function drawOverview(e) {
    const song = e.song;
    const total = song.duration_s || song.end_s;
    const [row, body] = lane("overview", words.song);
    const pic = svg("svg", { viewBox: "0 0 1000 40", preserveAspectRatio: "none", class: "wave", "aria-hidden": "true" });
    pic.appendChild(svg("path", { d: wavePath(e.song_wave, 40), class: "wave-fill" }));
    body.appendChild(pic);
    for (const s of e.sections) {
      body.appendChild(span("section song-section s-" + s.label, song.start_s + s.start_s, song.start_s + s.end_s, total));
    }
    const chosen = span("excerpt", song.start_s, song.end_s, total);
    chosen.dataset.mark = "excerpt";
    chosen.setAttribute("title", words.excerpt + " " + clock(song.start_s) + "–" + clock(song.end_s));
    body.appendChild(chosen);
    const times = el("div", "times");
    times.appendChild(el("span", "", clock(0)));
    times.appendChild(el("span", "chosen-time", words.excerpt + " " + clock(song.start_s) + "–" + clock(song.end_s)));
    times.appendChild(el("span", "", clock(total)));
    body.appendChild(times);
    return row;
  }

  function drawStrip(e) {
    const total = e.duration_s;
    const strip = el("div", "strip");

    if (e.sections.length) {
      const [row, body] = lane("sections", words.sections);
      for (const s of e.sections) {
        const node = span("section s-" + s.label, s.start_s, s.end_s, total, say("section_" + s.label));
        node.dataset.mark = "section";
        body.appendChild(node);
      }
      strip.appendChild(row);
    }

    const [beatRow, beatBody] = lane("beats", words.beats);
    const ticks = svg("svg", { viewBox: "0 0 1000 20", preserveAspectRatio: "none", class: "ticks", "aria-hidden": "true" });
    const downs = new Set(e.downbeats_s.map((t) => t.toFixed(3)));
    for (const t of e.beats_s) {
      const x = (t / total) * 1000;
      const down = downs.has(t.toFixed(3));
      ticks.appendChild(svg("line", { x1: x, x2: x, y1: down ? 0 : 8, y2: 20, class: down ? "beat down" : "beat", "data-mark": "beat" }));
    }
    for (const t of e.downbeats_s) {
      const x = (t / total) * 1000;
      ticks.appendChild(svg("circle", { cx: x, cy: 3, r: 3, class: "downbeat", "data-mark": "downbeat" }));
    }
    beatBody.appendChild(ticks);
    strip.appendChild(beatRow);

    const [waveRow, waveBody] = lane("music", words.song);
    const pic = svg("svg", { viewBox: "0 0 1000 60", preserveAspectRatio: "none", class: "wave", "aria-hidden": "true" });
    pic.appendChild(svg("path", { d: wavePath(e.wave, 60), class: "wave-fill" }));
    if (e.fade_in_s > 0) {
      const w = (e.fade_in_s / total) * 1000;
      pic.appendChild(svg("polygon", { points: "0,0 " + w + ",0 0,60", class: "fade", "data-mark": "fade-in" }));
    }
    if (e.fade_out_s > 0) {
      const w = (e.fade_out_s / total) * 1000;
      pic.appendChild(svg("polygon", { points: 1000 - w + ",0 1000,0 1000,60", class: "fade", "data-mark": "fade-out" }));
    }
    if (e.ducking) {
      for (const [a, b] of e.ducking.spans) {
        const node = svg("rect", { x: (a / total) * 1000, width: ((b - a) / total) * 1000, y: 0, height: 60, class: "duck", "data-mark": "duck" });
        pic.appendChild(node);
      }
    }
    waveBody.appendChild(pic);
    strip.appendChild(waveRow);

    const [shotRow, shotBody] = lane("shots", words.shots);
    if (e.shots.length > 16) shotRow.classList.add("dense");
    e.shots.forEach((s, i) => {
      const node = span("shot", s.start_s, s.end_s, total);
      node.dataset.mark = "shot";
      node.setAttribute("title", say("shot", { n: i + 1 }) + " · " + (s.kind === "generated" ? words.generated : s.source) + " · " + secs(s.start_s) + "–" + secs(s.end_s) + " s");
      if (s.thumb) {
        const img = document.createElement("img");
        img.alt = "";
        img.loading = "lazy";
        img.decoding = "async";
        img.src = s.thumb;
        img.addEventListener("error", () => img.remove());
        node.appendChild(img);
      }
      node.appendChild(el("span", "shot-n", i + 1));
      shotBody.appendChild(node);
    });
    strip.appendChild(shotRow);

    // the title first, then the other texts (a title given as plain text is already among the texts)
    const spans = [e.title, ...e.texts].filter((t) => t && typeof t === "object");
    if (spans.length) {
      const [row, body] = lane("texts", spans.length > 1 ? words.texts : words.title);
      for (const t of spans) {
        const node = span("text-span", t.start_s, t.end_s, total, t.text);
        node.dataset.mark = "text";
        node.setAttribute("title", t.text);
        body.appendChild(node);
      }
      strip.appendChild(row);
    }

    // cut marks run through every lane, drawn last so they sit on top
    const cuts = el("div", "cuts");
    for (const t of e.cuts_s) {
      const mark = el("div", "cut");
      mark.style.left = pct(t, total);
      mark.dataset.mark = "cut";
      cuts.appendChild(mark);
    }
    strip.appendChild(cuts);

    const axis = el("div", "axis");
    const step = total > 60 ? 10 : total > 20 ? 5 : total > 8 ? 2 : 1;
    for (let t = 0; t <= total + 1e-6; t += step) {
      const tick = el("span", "", secs(t));
      tick.style.left = pct(t, total);
      axis.appendChild(tick);
    }
    strip.appendChild(axis);
    return strip;
  }

  function drawLegend(e) {
    const legend = el("ul", "legend");
    legend.setAttribute("aria-label", words.legend);
    const items = [
      ["beat", words.beats + " " + e.beats_s.length],
      ["downbeat", words.downbeats + " " + e.downbeats_s.length],
      ["cut", words.cuts + " " + e.cuts_s.length],
      ["excerpt", words.excerpt],
    ];
    if (e.fade_in_s > 0) items.push(["fade", words.fade_in + " " + say("seconds", { n: secs(e.fade_in_s) })]);
    if (e.fade_out_s > 0) items.push(["fade", words.fade_out + " " + say("seconds", { n: secs(e.fade_out_s) })]);
    if (e.ducking) items.push(["duck", words.ducking + " (−" + secs(e.ducking.duck_db) + " dB)"]);
    for (const [cls, text] of items) {
      const li = el("li", "");
      li.appendChild(el("i", "key key-" + cls));
      li.appendChild(document.createTextNode(text));
      legend.appendChild(li);
    }
    return legend;
  }

  function drawShotList(e) {
    const box = el("details", "shot-list");
    box.appendChild(el("summary", "", words.shots + " (" + e.shots.length + ")"));
    const list = el("ol", "");
    for (const s of e.shots) {
      const name = s.kind === "generated" ? words.generated : s.source;
      list.appendChild(el("li", "", secs(s.start_s) + "–" + secs(s.end_s) + " s · " + name));
    }
    box.appendChild(list);
    return box;
  }

  function drawEdit(d) {
    const box = $("edit");
    box.textContent = "";
    const e = d.edit;
    $("empty").textContent = e ? "" : words.empty;
    $("empty").hidden = !!e;
    $("song").textContent = e ? e.song.name + " · " + clock(e.song.start_s) + "–" + clock(e.song.end_s) : "";
    if (!e) return;
    box.appendChild(drawOverview(e));
    box.appendChild(drawStrip(e));
    box.appendChild(drawLegend(e));
    box.appendChild(drawShotList(e));
  }

  // ------------------------------------------------------------------------------------ live
  function offline(on) {
    let note = $("offline");
    if (on && !note) {
      note = el("p", "offline", words.offline || "");
      note.id = "offline";
      note.setAttribute("role", "alert");
      document.body.insertBefore(note, document.body.firstChild);
    } else if (!on && note) {
      note.remove();
    }
  }

  async function load() {
    const r = await fetch(base + "/data" + q, { cache: "no-store", credentials: "same-origin" });
    if (!r.ok) throw new Error("data " + r.status);
    const d = await r.json();
    rev = d.rev;
    drawHeader(d);
    drawVideo(d);
    drawEdit(d);
    drawJob(d.job);
    document.body.dataset.ready = "1";
  }

  async function poll() {
    let delay = active ? 700 : 3000;
    try {
      const r = await fetch(base + "/status" + q, { cache: "no-store", credentials: "same-origin" });
      if (!r.ok) throw new Error("status " + r.status);
      const s = await r.json();
      failures = 0;
      offline(false);
      if (s.rev !== rev) await load();
      else drawJob(s.job);
      delay = active ? 700 : 3000;
    } catch (err) {
      failures += 1;
      if (failures >= 2) offline(true);
      delay = Math.min(15000, 2000 * failures);
    }
    setTimeout(poll, delay);
  }

  async function exportAgain() {
    const button = $("export");
    button.disabled = true;
    try {
      const r = await fetch(base + "/export" + q, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
        credentials: "same-origin",
      });
      if (!r.ok) {
        $("job").hidden = false;
        $("job").className = "job failed";
        $("job-text").textContent = words.export_refused;
        button.disabled = false;
        return;
      }
      const started = await r.json();
      waitingFor = started.id;
      drawJob({ id: started.id, status: "pending", progress: 0 });
    } catch (err) {
      offline(true);
      button.disabled = false;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("export").addEventListener("click", exportAgain);
    load()
      .catch(() => offline(true))
      .finally(() => setTimeout(poll, 1000));
  });
})();
