"""The HTML report: one self-contained page (inline style, script and data; no network), sortable and filterable.

The page embeds the report data (`normcheck.report.data`, the same as `--format json`) as a JSON script
block and builds its tables and charts from it in the browser: totals per rule, per entity a table of
renderings and a bar chart of them over time, the look-alike clusters, and per article the findings with
their context highlighted and the proposed fix. Nothing is fetched: it works offline and from a file.
"""

from __future__ import annotations

import html
import json
from typing import Any

_STYLE = """
:root { --ink:#1d2433; --muted:#5b6477; --line:#d9dee7; --bg:#f6f7f9; --accent:#1f5fbf; --mark:#ffe08a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--bg); }
header { background: #16233b; color: #fff; padding: 18px 28px; }
header h1 { margin: 0 0 4px; font-size: 20px; font-weight: 600; }
header p { margin: 0; color: #c9d3e6; }
main { padding: 12px 28px 40px; max-width: 1280px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 16px 0; padding: 14px 18px; }
h2 { font-size: 16px; margin: 0 0 10px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; min-width: 150px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); white-space: nowrap; user-select: none; }
th[data-sort] { cursor: pointer; }
th[data-sort]::after { content: " \\2195"; color: #aab2c0; }
th.asc::after { content: " \\2191"; color: var(--ink); }
th.desc::after { content: " \\2193"; color: var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody.group > tr.main { cursor: pointer; }
tbody.group > tr.main:hover { background: #f0f4fb; }
tr.detail > td { background: #fafbfc; padding: 10px 14px; }
.controls { display: flex; gap: 10px; margin: 0 0 10px; flex-wrap: wrap; align-items: center; }
input[type=search], select { font: inherit; padding: 5px 8px; border: 1px solid var(--line); border-radius: 4px; }
input[type=search] { min-width: 260px; }
.status { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; background: #eef1f5; }
.status.canonical, .status.short, .status.accepted { background: #dff3e4; }
.status.variant, .status.spacing { background: #fde2e1; }
.status.near-miss { background: #fff0cc; }
mark { background: var(--mark); padding: 0 1px; border-radius: 2px; }
.context { font-family: ui-serif, Georgia, serif; }
.fix { color: #126b2f; white-space: nowrap; }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.chart { margin-top: 8px; }
.legend { display: flex; gap: 12px; flex-wrap: wrap; margin-top: 4px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
.empty { color: var(--muted); font-style: italic; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("nc-data").textContent);
  var COLORS = ["#1f5fbf", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#30638e", "#c36f09"];
  var nf = new Intl.NumberFormat("en-US");

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function num(value) { return el("td", {"class": "num", "data-value": String(value), text: nf.format(value)}); }
  function statusClass(status) { return "status " + status.replace(/ /g, "-"); }
  function span(first, last) { return first ? (first === last ? first : first + " to " + last) : "undated"; }

  // -- summary -----------------------------------------------------------------------------------
  var s = data.summary;
  [["articles", "articles"], ["dated", "dated"], ["findings", "findings"],
   ["articles_with_findings", "articles with findings"], ["errors", "errors"]].forEach(function (pair) {
    var card = el("div", {"class": "card", id: "sum-" + pair[0], "data-value": String(s[pair[0]])},
      el("b", {text: nf.format(s[pair[0]])}), el("span", {text: pair[1]}));
    document.getElementById("summary").appendChild(card);
  });
  document.getElementById("sources").textContent = data.sources.join(", ") + " \u00b7 normcheck " + data.tool.version;

  // -- totals per rule ---------------------------------------------------------------------------
  var totals = document.querySelector("#totals tbody");
  data.totals.forEach(function (row) {
    var tr = el("tr", {"data-code": row.code}, el("td", {"class": "code", text: row.code}),
      el("td", {text: row.rule}), num(row.count));
    totals.appendChild(tr);
  });
  if (!data.totals.length) { totals.appendChild(el("tr", {}, el("td", {colspan: "3", "class": "empty", text: "No findings."}))); }

  // -- entities: a table, and per entity its renderings and a chart over time ----------------------
  function chart(entity) {
    var periods = {};
    entity.renderings.forEach(function (r) { Object.keys(r.months).forEach(function (m) { periods[m] = true; }); });
    var months = Object.keys(periods).sort();
    if (!months.length) { return el("p", {"class": "empty", text: "No dated articles: nothing to chart."}); }
    var byYear = months.length > 36;
    var keyOf = function (month) { return byYear ? month.slice(0, 4) : month; };
    var keys = [];
    months.forEach(function (m) { var k = keyOf(m); if (keys.indexOf(k) < 0) { keys.push(k); } });
    var stacks = keys.map(function () { return entity.renderings.map(function () { return 0; }); });
    entity.renderings.forEach(function (r, ri) {
      Object.keys(r.months).forEach(function (m) { stacks[keys.indexOf(keyOf(m))][ri] += r.months[m]; });
    });
    var max = Math.max.apply(null, stacks.map(function (st) { return st.reduce(function (a, b) { return a + b; }, 0); }));
    var W = 760, H = 160, left = 36, bottom = 22, top = 8;
    var bw = (W - left) / keys.length;
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("width", String(W));
    svg.setAttribute("height", String(H));
    svg.setAttribute("class", "chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", entity.canonical + ": renderings per " + (byYear ? "year" : "month"));
    function svgEl(tag, attrs, text) {
      var node = document.createElementNS(ns, tag);
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
      if (text !== undefined) { node.textContent = text; }
      svg.appendChild(node);
      return node;
    }
    svgEl("line", {x1: left, y1: H - bottom, x2: W, y2: H - bottom, stroke: "#aab2c0"});
    svgEl("text", {x: left - 4, y: top + 9, "text-anchor": "end", "font-size": 10, fill: "#5b6477"}, nf.format(max));
    svgEl("text", {x: left - 4, y: H - bottom, "text-anchor": "end", "font-size": 10, fill: "#5b6477"}, "0");
    keys.forEach(function (key, ki) {
      var y = H - bottom;
      stacks[ki].forEach(function (count, ri) {
        if (!count) { return; }
        var h = (H - bottom - top) * count / max;
        y -= h;
        var rect = svgEl("rect", {x: left + ki * bw + 1, y: y, width: Math.max(1, bw - 2), height: h,
          fill: COLORS[ri % COLORS.length], "class": "bar", "data-period": key,
          "data-spelling": entity.renderings[ri].spelling, "data-count": count});
        var title = document.createElementNS(ns, "title");
        title.textContent = key + ": " + entity.renderings[ri].spelling + " " + nf.format(count);
        rect.appendChild(title);
      });
      if (ki === 0 || ki === keys.length - 1 || keys.length <= 12) {
        svgEl("text", {x: left + ki * bw + bw / 2, y: H - 6, "text-anchor": "middle", "font-size": 10, fill: "#5b6477"}, key);
      }
    });
    var legend = el("div", {"class": "legend"});
    entity.renderings.forEach(function (r, ri) {
      legend.appendChild(el("span", {}, el("i", {style: "background:" + COLORS[ri % COLORS.length]}), r.spelling));
    });
    return el("div", {}, svg, legend);
  }

  function renderingsTable(entity) {
    var body = el("tbody");
    entity.renderings.forEach(function (r) {
      body.appendChild(el("tr", {"data-spelling": r.spelling}, el("td", {text: r.spelling}),
        el("td", {}, el("span", {"class": statusClass(r.status), text: r.status})), num(r.count), num(r.articles),
        el("td", {text: span(r.first, r.last)}), el("td", {"class": "code", text: r.examples.join("  ")})));
    });
    return el("table", {"class": "renderings"},
      el("thead", {}, el("tr", {}, el("th", {text: "Spelling"}), el("th", {text: "Status"}),
        el("th", {"class": "num", text: "Count"}), el("th", {"class": "num", text: "Articles"}),
        el("th", {text: "Dates"}), el("th", {text: "Examples"}))), body);
  }

  var entityTable = document.getElementById("entities");
  data.entities.forEach(function (entity) {
    var group = el("tbody", {"class": "group", "data-id": entity.id});
    var spellings = entity.renderings.map(function (r) { return r.spelling + " " + nf.format(r.count); }).join(" \u00b7 ");
    var main = el("tr", {"class": "main", title: "Show renderings and chart"},
      el("td", {text: entity.canonical}), el("td", {text: entity.type}), num(entity.total), num(entity.off_style),
      num(entity.renderings.length), el("td", {text: spellings}));
    var detail = el("tr", {"class": "detail", hidden: "hidden"});
    var cell = el("td", {colspan: "6"});
    detail.appendChild(cell);
    main.addEventListener("click", function () {
      if (!cell.firstChild) { cell.appendChild(renderingsTable(entity)); cell.appendChild(chart(entity)); }
      if (detail.hasAttribute("hidden")) { detail.removeAttribute("hidden"); } else { detail.setAttribute("hidden", "hidden"); }
    });
    group.appendChild(main);
    group.appendChild(detail);
    entityTable.appendChild(group);
  });
  if (!data.entities.length) { entityTable.appendChild(el("tbody", {}, el("tr", {}, el("td", {colspan: "6", "class": "empty", text: "No gazetteer entity mentioned."})))); }

  // -- clusters ------------------------------------------------------------------------------------
  var clusterBody = document.querySelector("#clusters tbody");
  data.clusters.forEach(function (cluster) {
    var members = cluster.members.map(function (m) { return m.spelling + " " + nf.format(m.count); }).join(" \u00b7 ");
    var first = cluster.members.map(function (m) { return m.first; }).filter(Boolean).sort()[0] || "";
    var last = cluster.members.map(function (m) { return m.last; }).filter(Boolean).sort().pop() || "";
    clusterBody.appendChild(el("tr", {"data-canonical": cluster.canonical}, el("td", {text: cluster.canonical}),
      el("td", {text: members}), num(cluster.total), num(cluster.members.length), el("td", {text: span(first, last)}),
      el("td", {"class": "code", text: cluster.members[0].examples[0] || ""})));
  });
  if (!data.clusters.length) { clusterBody.appendChild(el("tr", {}, el("td", {colspan: "6", "class": "empty", text: "No look-alike names outside the gazetteer."}))); }
  var heldBack = document.getElementById("held-back");
  data.held_back.forEach(function (item) {
    heldBack.appendChild(el("li", {}, item.spelling + " (" + nf.format(item.count) + "): " + item.reason));
  });

  // -- articles and their findings -------------------------------------------------------------------
  var articleTable = document.getElementById("articles");
  var ruleSelect = document.getElementById("rule-filter");
  data.totals.forEach(function (row) { ruleSelect.appendChild(el("option", {value: row.code, text: row.code + " " + row.rule})); });
  data.articles.forEach(function (article) {
    var group = el("tbody", {"class": "group article", "data-path": article.path});
    group.appendChild(el("tr", {"class": "main"}, el("td", {"class": "code", text: article.path}),
      el("td", {text: article.date || ""}), num(article.findings.length), el("td", {})));
    article.findings.forEach(function (f) {
      var fix = f.replacement === null ? el("span", {"class": "muted", text: "no fix"}) :
        el("span", {"class": "fix", text: "\u2192 " + f.replacement + " (" + f.applicability + ")"});
      group.appendChild(el("tr", {"class": "finding", "data-code": f.code},
        el("td", {"class": "code", text: f.line + ":" + f.column + " " + f.code}),
        el("td", {colspan: "2", "class": "context"}, f.before, el("mark", {text: f.text}), f.after),
        el("td", {}, el("div", {text: f.message}), fix)));
    });
    articleTable.appendChild(group);
  });
  var listed = document.getElementById("listed-note");
  if (s.articles_listed < s.articles_with_findings) {
    listed.textContent = "Showing the first " + nf.format(s.articles_listed) + " of " + nf.format(s.articles_with_findings) +
      " articles with findings (raise --max-articles to list more).";
  }

  // -- sorting and filtering ---------------------------------------------------------------------------
  function groupsOf(table) { return Array.prototype.slice.call(table.tBodies); }
  function sortValue(body, column, numeric) {
    var cell = body.rows[0] && body.rows[0].cells[column];
    if (!cell) { return numeric ? 0 : ""; }
    return numeric ? Number(cell.getAttribute("data-value") || 0) : cell.textContent.toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll("th[data-sort]"), function (th) {
    th.addEventListener("click", function () {
      var table = th.closest("table");
      var numeric = th.getAttribute("data-sort") === "number";
      var column = th.cellIndex;
      var ascending = !th.classList.contains("asc");
      Array.prototype.forEach.call(table.querySelectorAll("th"), function (other) { other.classList.remove("asc", "desc"); });
      th.classList.add(ascending ? "asc" : "desc");
      var grouped = table.tBodies.length > 1 || table.classList.contains("grouped");
      var items = grouped ? groupsOf(table) : Array.prototype.slice.call(table.tBodies[0].rows);
      items.sort(function (a, b) {
        var x = grouped ? sortValue(a, column, numeric) : sortValue({rows: [a]}, column, numeric);
        var y = grouped ? sortValue(b, column, numeric) : sortValue({rows: [b]}, column, numeric);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      var parent = grouped ? table : table.tBodies[0];
      items.forEach(function (item) { parent.appendChild(item); });
    });
  });
  function applyFilter(table) {
    var query = (document.querySelector("input[data-filter='" + table.id + "']").value || "").toLowerCase();
    var rule = table.id === "articles" ? ruleSelect.value : "";
    var grouped = table.tBodies.length > 1 || table.classList.contains("grouped");
    var items = grouped ? groupsOf(table) : Array.prototype.slice.call(table.tBodies[0].rows);
    var shown = 0;
    items.forEach(function (item) {
      var visible = item.textContent.toLowerCase().indexOf(query) >= 0;
      if (visible && rule) {
        var any = false;
        Array.prototype.forEach.call(item.querySelectorAll("tr.finding"), function (row) {
          var match = row.getAttribute("data-code") === rule;
          row.hidden = !match;
          any = any || match;
        });
        visible = any;
      } else if (table.id === "articles") {
        Array.prototype.forEach.call(item.querySelectorAll("tr.finding"), function (row) { row.hidden = false; });
      }
      item.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    var counter = document.querySelector("[data-count-for='" + table.id + "']");
    if (counter) { counter.textContent = nf.format(shown) + " shown"; }
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    input.addEventListener("input", function () { applyFilter(table); });
    applyFilter(table);
  });
  ruleSelect.addEventListener("change", function () { applyFilter(articleTable); });
  document.documentElement.setAttribute("data-ready", "true");
})();
"""

_BODY = """
<header><h1>normcheck report</h1><p id="sources"></p></header>
<main>
<div class="cards" id="summary"></div>
<section>
  <h2>Findings per rule</h2>
  <table id="totals">
    <thead><tr><th data-sort="text">Code</th><th data-sort="text">Rule</th><th class="num" data-sort="number">Findings</th></tr></thead>
    <tbody></tbody>
  </table>
</section>
<section>
  <h2>Entities: how each is spelled across the archive</h2>
  <div class="controls"><input type="search" data-filter="entities" placeholder="Filter entities or spellings">
    <span class="muted" data-count-for="entities"></span><span class="muted">Click an entity for its renderings and chart.</span></div>
  <table id="entities" class="grouped">
    <thead><tr><th data-sort="text">Entity</th><th data-sort="text">Type</th><th class="num" data-sort="number">Mentions</th>
      <th class="num" data-sort="number">Off-style</th><th class="num" data-sort="number">Spellings</th><th>Renderings</th></tr></thead>
  </table>
</section>
<section>
  <h2>Look-alike names in no gazetteer</h2>
  <div class="controls"><input type="search" data-filter="clusters" placeholder="Filter clusters">
    <span class="muted" data-count-for="clusters"></span></div>
  <table id="clusters">
    <thead><tr><th data-sort="text">Most frequent</th><th>Spellings</th><th class="num" data-sort="number">Total</th>
      <th class="num" data-sort="number">Spellings</th><th data-sort="text">Dates</th><th>Example</th></tr></thead>
    <tbody></tbody>
  </table>
  <details><summary class="muted">Held back from clustering, and why</summary><ul id="held-back"></ul></details>
</section>
<section>
  <h2>Findings per article</h2>
  <div class="controls"><input type="search" data-filter="articles" placeholder="Filter by path, text or message">
    <select id="rule-filter"><option value="">All rules</option></select>
    <span class="muted" data-count-for="articles"></span></div>
  <p class="muted" id="listed-note"></p>
  <table id="articles" class="grouped">
    <thead><tr><th data-sort="text">Article / finding</th><th data-sort="text">Date / context</th>
      <th class="num" data-sort="number">Findings</th><th>Message and proposed fix</th></tr></thead>
  </table>
</section>
</main>
"""


def _script_json(data: dict[str, Any]) -> str:
    # Inside a <script> block, "</" could close it early and "<!--" open a comment: escape both.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("</", "<\\/").replace("<!--", "<\\!--").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def render_html(data: dict[str, Any]) -> str:
    title = html.escape(f"normcheck report: {', '.join(data['sources'])}")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{_BODY}\n"
        f'<script type="application/json" id="nc-data">{_script_json(data)}</script>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
