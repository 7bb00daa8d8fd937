// storyline explorer: progressive enhancement only. Every page reads fine without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var QUADS = ["verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"];
  var COLORS = {
    "verbal-cooperation": "#7fb3d5", "material-cooperation": "#1f5f99",
    "verbal-conflict": "#f2a65a", "material-conflict": "#c0392b"
  };

  // What storyline understood in an article, for the mouse (hover), the keyboard (focus or
  // Enter on an annotation) and screen readers (the tip describes the focused annotation).
  // The server's `title`s become the tip's text (text only, never HTML).
  function tooltips() {
    var body = document.querySelector(".article-body");
    if (!body) return;
    var tip = document.createElement("div");
    tip.className = "tip";
    tip.id = "annotation-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var KIND = { ent: "Entity", timex: "Date", trigger: "Event" };
    function kind(el) {
      for (var name in KIND) if (el.classList.contains(name)) return KIND[name];
      return "Note";
    }
    body.querySelectorAll("[title]").forEach(function (el) {
      el.dataset.tip = kind(el) + ": " + el.getAttribute("title");
      el.removeAttribute("title");
    });
    // The outermost annotations take the focus (an inner one is told with its outer one).
    body.querySelectorAll("[data-tip]").forEach(function (el) {
      if (el.parentElement.closest("[data-tip]")) return;
      el.tabIndex = 0;
      el.setAttribute("role", "button");
      el.setAttribute("aria-describedby", "annotation-tip");
    });
    function show(lines, x, y) {
      if (!lines.length) { tip.hidden = true; return; }
      tip.textContent = "";
      lines.forEach(function (line, i) {
        if (i) tip.appendChild(document.createElement("br"));
        tip.appendChild(document.createTextNode(line));
      });
      tip.hidden = false;
      tip.style.left = Math.max(8, Math.min(x, window.innerWidth - tip.offsetWidth - 8)) + "px";
      tip.style.top = y + "px";
    }
    function around(el) {  // the element's own tip, then those inside it
      var lines = [el.dataset.tip];
      el.querySelectorAll("[data-tip]").forEach(function (inner) { lines.push(inner.dataset.tip); });
      return lines;
    }
    function showFor(el) {
      var box = el.getBoundingClientRect();
      show(around(el), box.left, box.bottom + 6);
    }
    body.addEventListener("mousemove", function (ev) {
      var lines = [];
      for (var el = ev.target; el && el !== body; el = el.parentElement) {
        if (el.dataset && el.dataset.tip) lines.push(el.dataset.tip);
      }
      show(lines, ev.clientX + 14, ev.clientY + 18);
    });
    body.addEventListener("mouseleave", function () { tip.hidden = true; });
    body.addEventListener("focusin", function (ev) { if (ev.target.dataset.tip) showFor(ev.target); });
    body.addEventListener("focusout", function () { tip.hidden = true; });
    body.addEventListener("keydown", function (ev) {
      if (!ev.target.dataset || !ev.target.dataset.tip) return;
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        if (tip.hidden) showFor(ev.target); else tip.hidden = true;
      } else if (ev.key === "Escape") {
        tip.hidden = true;
      }
    });
    window.addEventListener("scroll", function () { tip.hidden = true; }, { passive: true });
  }

  // The time strip: drag to pan; hovering a mark lights up its entry.
  function strips() {
    document.querySelectorAll(".strip-scroll").forEach(function (box) {
      var startX = null, startScroll = 0, moved = false;
      box.addEventListener("pointerdown", function (ev) {
        if (ev.button !== 0 || ev.pointerType !== "mouse") return;  // a finger pans natively
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
      entry.addEventListener("mouseenter", function () { link.querySelector(".mark").classList.add("hot"); });
      entry.addEventListener("mouseleave", function () { link.querySelector(".mark").classList.remove("hot"); });
    });
  }

  // Relations: cooperation up, conflict down, one stack per direction; a bar opens its events.
  function relationCharts() {
    if (!window.Chart) return;
    document.querySelectorAll("canvas.relations-chart").forEach(function (canvas) {
      var script = canvas.closest("figure").querySelector("script.relations-data");
      if (!script) return;
      var data = JSON.parse(script.textContent);
      // A cut over periods without events is a slot of its own ("2010–2016", no bars), so the
      // axis never puts 2009 beside 2017; a zero draws nothing (not a stub).
      var slots = [];
      data.periods.forEach(function (p) {
        slots.push({ label: p.period, period: p });
        if (data.gaps[p.period]) slots.push({ label: "⋯ " + data.gaps[p.period] + " ⋯", period: null });
      });
      var labels = slots.map(function (s) { return s.label; });
      var datasets = [];
      [["a_to_b", data.a + " → " + data.b], ["b_to_a", data.b + " → " + data.a]].forEach(function (dir, d) {
        QUADS.forEach(function (quad) {
          var sign = quad.indexOf("conflict") >= 0 ? -1 : 1;
          datasets.push({
            label: dir[1] + ": " + quad.replace("-", " "),
            data: slots.map(function (s) { return s.period && s.period[dir[0]][quad] ? sign * s.period[dir[0]][quad] : null; }),
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
            x: { stacked: true, grid: { display: false },
                 ticks: { color: function (c) { return slots[c.index] && !slots[c.index].period ? "#5f6b76" : "#1c232b"; } } },
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
            if (!items.length || !slots[items[0].index].period) return;
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
