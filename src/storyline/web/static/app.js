// storyline explorer: progressive enhancement only. Every page reads fine without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var QUADS = ["verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"];
  var COLORS = {
    "verbal-cooperation": "#7fb3d5", "material-cooperation": "#1f5f99",
    "verbal-conflict": "#f2a65a", "material-conflict": "#c0392b"
  };

  // Hover tooltips for what storyline understood in an article (text only, never HTML).
  function tooltips() {
    var body = document.querySelector(".article-body");
    if (!body) return;
    var tip = document.createElement("div");
    tip.className = "tip";
    tip.hidden = true;
    document.body.appendChild(tip);
    body.querySelectorAll("[title]").forEach(function (el) {
      el.dataset.tip = el.getAttribute("title");
      el.removeAttribute("title");
    });
    body.addEventListener("mousemove", function (ev) {
      var lines = [];
      for (var el = ev.target; el && el !== body; el = el.parentElement) {
        if (el.dataset && el.dataset.tip) {
          var kind = el.classList.contains("ent") ? "Entity" : el.classList.contains("timex") ? "Date" : "Event";
          lines.push(kind + ": " + el.dataset.tip);
        }
      }
      if (!lines.length) { tip.hidden = true; return; }
      tip.textContent = "";
      lines.forEach(function (line, i) {
        if (i) tip.appendChild(document.createElement("br"));
        tip.appendChild(document.createTextNode(line));
      });
      tip.hidden = false;
      var x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
      tip.style.left = x + "px";
      tip.style.top = (ev.clientY + 18) + "px";
    });
    body.addEventListener("mouseleave", function () { tip.hidden = true; });
  }

  // The time strip: drag to pan; hovering a mark lights up its entry.
  function strips() {
    document.querySelectorAll(".strip-scroll").forEach(function (box) {
      var startX = null, startScroll = 0, moved = false;
      box.addEventListener("pointerdown", function (ev) {
        if (ev.button !== 0) return;
        startX = ev.clientX; startScroll = box.scrollLeft; moved = false;
      });
      box.addEventListener("pointermove", function (ev) {
        if (startX === null) return;
        var dx = ev.clientX - startX;
        if (Math.abs(dx) > 4) { moved = true; box.scrollLeft = startScroll - dx; }
      });
      ["pointerup", "pointerleave"].forEach(function (name) {
        box.addEventListener(name, function () { startX = null; });
      });
      box.addEventListener("click", function (ev) { if (moved) { ev.preventDefault(); moved = false; } }, true);
      // Zoomed in: start on the requested date, else where the dates are densest (the median).
      var target = location.hash && box.querySelector('.mark-link[href="' + CSS.escape(location.hash) + '"]');
      var xs = Array.prototype.map.call(box.querySelectorAll(".mark-link"), function (a) { return a.getBBox().x; });
      xs.sort(function (a, b) { return a - b; });
      var focus = target ? target.getBBox().x : xs[Math.floor(xs.length / 2)];
      if (focus !== undefined && box.scrollWidth > box.clientWidth) box.scrollLeft = Math.max(0, focus - box.clientWidth / 2);
    });
    document.querySelectorAll(".mark-link").forEach(function (link) {
      var entry = document.getElementById(link.getAttribute("href").slice(1));
      if (!entry) return;
      link.addEventListener("mouseenter", function () { entry.classList.add("hot"); });
      link.addEventListener("mouseleave", function () { entry.classList.remove("hot"); });
      entry.addEventListener("mouseenter", function () { link.firstElementChild.classList.add("hot"); });
      entry.addEventListener("mouseleave", function () { link.firstElementChild.classList.remove("hot"); });
    });
  }

  // Relations: cooperation up, conflict down, one stack per direction; a bar opens its events.
  function relationCharts() {
    if (!window.Chart) return;
    document.querySelectorAll("canvas.relations-chart").forEach(function (canvas) {
      var script = canvas.closest("figure").querySelector("script.relations-data");
      if (!script) return;
      var data = JSON.parse(script.textContent);
      var labels = data.periods.map(function (p) { return p.period; });
      var datasets = [];
      [["a_to_b", data.a + " → " + data.b], ["b_to_a", data.b + " → " + data.a]].forEach(function (dir, d) {
        QUADS.forEach(function (quad) {
          var sign = quad.indexOf("conflict") >= 0 ? -1 : 1;
          datasets.push({
            label: dir[1] + ": " + quad.replace("-", " "),
            data: data.periods.map(function (p) { return sign * p[dir[0]][quad]; }),
            backgroundColor: COLORS[quad] + (d ? "99" : ""),
            borderColor: COLORS[quad], borderWidth: d ? 1 : 0,
            stack: dir[0]
          });
        });
      });
      new window.Chart(canvas, {
        type: "bar",
        data: { labels: labels, datasets: datasets },
        options: {
          maintainAspectRatio: false,
          interaction: { mode: "nearest", intersect: true },
          scales: {
            x: { stacked: true, grid: { display: false } },
            y: { stacked: true, ticks: { precision: 0, callback: function (v) { return Math.abs(v); } },
                 title: { display: true, text: "conflict ↓   events   ↑ cooperation" } }
          },
          plugins: {
            legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 },
                      filter: function (item, chart) { return chart.datasets[item.datasetIndex].data.some(Boolean); } } },
            tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + Math.abs(ctx.raw); } } }
          },
          onHover: function (ev, items) { canvas.style.cursor = items.length ? "pointer" : "default"; },
          onClick: function (ev, items) {
            if (!items.length) return;
            location.href = canvas.dataset.href + "&period=" + encodeURIComponent(labels[items[0].index]) + "#events";
          }
        }
      });
    });
  }

  function ready() { tooltips(); strips(); relationCharts(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
