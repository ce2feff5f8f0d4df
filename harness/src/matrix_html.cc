#include "matrix_html.h"

#include <cstdio>
#include <string_view>

#include "report_text.h"

namespace jwtconf::harness {
namespace {

constexpr std::string_view kHead = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>jwtconf interop matrix</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1em; color: #222; }
h1 { font-size: 1.4em; }
table.matrix { border-collapse: collapse; }
table.matrix th, table.matrix td { border: 1px solid #ccc; padding: 1px 4px; }
table.matrix thead th { position: sticky; top: 0; background: #f4f4f4; }
table.matrix th.vector { text-align: left; font-weight: normal;
  font-family: ui-monospace, monospace; white-space: nowrap; }
tr.group th { text-align: left; background: #e8e8f0; }
td.cell { text-align: center; padding: 0; }
td.cell a { display: block; min-width: 2.2em; color: inherit;
  text-decoration: none; font-family: ui-monospace, monospace; }
td.cell a:target, td.cell a.selected { outline: 3px solid #000; }
.o-pass { background: #8fd18f; }
.o-fail { background: #e46a6a; }
.o-warn { background: #f2d15c; }
.o-acceptable { background: #b9e4c9; }
.o-skip { background: #dddddd; }
.o-error { background: #b58ad6; }
.o-timeout { background: #f0a050; }
.o-crash { background: #8b1e1e; color: #fff; }
.o-unavailable { background: repeating-linear-gradient(45deg, #eee, #eee 4px,
  #fff 4px, #fff 8px); color: #888; }
.o-none, .o-unknown { background: #fff; color: #888; }
.legend span { display: inline-block; padding: 2px 8px; margin: 2px;
  border: 1px solid #ccc; }
#detail { position: fixed; right: 1em; bottom: 1em; width: 34em;
  max-height: 70vh; overflow: auto; background: #fff; border: 2px solid #444;
  padding: 0.6em 1em; box-shadow: 0 2px 12px #0004; }
#detail[hidden] { display: none; }
#detail pre { white-space: pre-wrap; word-break: break-all;
  background: #f6f6f6; padding: 4px; }
#detail dt { font-weight: bold; }
</style>
</head>
<body>
<h1>jwtconf interop matrix</h1>
<p id="facts"></p>
<noscript><p>The matrix is drawn by the page's inline script; the summary
below is all there is without it. Every result is in matrix.json.</p>
)html";

constexpr std::string_view kBody = R"html(</noscript>
<div class="legend" id="legend"></div>
<table class="matrix" id="matrix"></table>
<aside id="detail" hidden></aside>
)html";

constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  function fail(message) {
    document.documentElement.setAttribute('data-script-error', message);
    var marker = document.createElement('p');
    marker.id = 'script-error';
    marker.textContent = 'script error: ' + message;
    document.body.appendChild(marker);
  }
  window.onerror = function (message) { fail(String(message)); };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  // A CSS class from an outcome name: only known-safe characters.
  function outcomeClass(name) {
    return /^[a-z]+$/.test(name || '') ? 'o-' + name : 'o-unknown';
  }
  function letter(name) {
    return name ? name.charAt(0).toUpperCase() : '-';
  }
  function percent(score) {
    if (!score || score.value === null) return 'n/a';
    return (score.value * 100).toFixed(1) + ' %';
  }
  function group(vector) {
    var requirement = vector.requirements.length ? vector.requirements[0] : '';
    var dash = requirement.lastIndexOf('-');
    return dash < 0 ? requirement : requirement.slice(0, dash);
  }

  var data = JSON.parse(document.getElementById('matrix-data').textContent);
  var implementations = data.implementations;

  document.getElementById('facts').textContent =
      'jwtconf ' + data.tool_version + ', generated ' + data.generated_at +
      ', ' + data.vectors.length + ' vectors, ' + implementations.length +
      ' implementations' + (data.partial ? ' (partial)' : '') +
      '. Score: (pass + acceptable) / vectors not skipped. ' +
      'Click a cell for its details.';

  var legend = document.getElementById('legend');
  data.outcomes.concat(['unavailable']).forEach(function (name) {
    legend.appendChild(el('span', letter(name) + ' ' + name,
                          outcomeClass(name)));
  });

  var table = document.getElementById('matrix');
  var head = el('thead');
  var names = el('tr');
  names.appendChild(el('th', 'vector'));
  implementations.forEach(function (implementation) {
    var th = el('th', implementation.name);
    th.title = [implementation.library, implementation.language,
                implementation.versions, implementation.availability,
                implementation.reason].filter(Boolean).join('\n');
    names.appendChild(th);
  });
  head.appendChild(names);
  var scores = el('tr');
  scores.appendChild(el('th', 'score'));
  implementations.forEach(function (implementation) {
    var text = implementation.availability === 'available' ?
        percent(implementation.score) : implementation.availability;
    scores.appendChild(el('th', text, 'score'));
  });
  head.appendChild(scores);
  table.appendChild(head);

  var rows = 0;
  var body = null;
  var current = null;
  data.vectors.forEach(function (vector, row) {
    if (group(vector) !== current) {
      current = group(vector);
      body = el('tbody');
      var header = el('tr', null, 'group');
      var th = el('th', current || '(no requirement)');
      th.colSpan = implementations.length + 1;
      th.id = 'group-' + row;
      header.appendChild(th);
      body.appendChild(header);
      table.appendChild(body);
    }
    var tr = el('tr', null, 'vector-row');
    var name = el('th', vector.id, 'vector');
    name.title = vector.title + ' [' + vector.requirements.join(', ') + ']';
    tr.appendChild(name);
    implementations.forEach(function (implementation, column) {
      var result = vector.results[implementation.name];
      var outcome = result ? result.outcome :
          (implementation.availability === 'available' ? 'none' :
                                                          'unavailable');
      var td = el('td', null, 'cell ' + outcomeClass(outcome));
      var link = el('a', letter(outcome));
      link.href = '#c-' + row + '-' + column;
      link.id = 'c-' + row + '-' + column;
      link.title = implementation.name + ': ' + outcome;
      td.appendChild(link);
      tr.appendChild(td);
    });
    body.appendChild(tr);
    rows += 1;
  });

  function add(list, term, value) {
    if (value === undefined || value === null || value === '') return;
    list.appendChild(el('dt', term));
    var dd = el('dd');
    dd.appendChild(el('pre', typeof value === 'string' ? value :
                                 JSON.stringify(value)));
    list.appendChild(dd);
  }
  var detail = document.getElementById('detail');
  var selected = null;
  function show() {
    var match = /^#c-(\d+)-(\d+)$/.exec(window.location.hash);
    if (selected) selected.classList.remove('selected');
    if (!match) { detail.hidden = true; return; }
    var vector = data.vectors[Number(match[1])];
    var implementation = implementations[Number(match[2])];
    if (!vector || !implementation) { detail.hidden = true; return; }
    selected = document.getElementById('c-' + match[1] + '-' + match[2]);
    if (selected) selected.classList.add('selected');
    var result = vector.results[implementation.name];
    detail.textContent = '';
    var close = el('a', 'close');
    close.href = '#';
    detail.appendChild(close);
    detail.appendChild(el('h2', vector.id));
    var list = el('dl');
    add(list, 'title', vector.title);
    add(list, 'requirements', vector.requirements.join(', ') + ' (' +
        vector.level + ')');
    add(list, 'rationale', vector.rationale);
    add(list, 'implementation', implementation.name + ' — ' +
        implementation.library + ' ' + implementation.versions);
    if (!result) {
      add(list, 'outcome', implementation.availability === 'available' ?
          'not run' : implementation.availability + ': ' +
          implementation.reason);
    } else {
      add(list, 'outcome', result.outcome);
      add(list, 'skip reason', result.skip_reason);
    }
    detail.appendChild(list);
    vector.expected.forEach(function (expected, index) {
      var step = result ? result.steps[index] : null;
      detail.appendChild(el('h3', 'step ' + (index + 1) +
                            (step ? ': ' + step.outcome : '')));
      var facts = el('dl');
      add(facts, 'expected', expected.verdict +
          (expected.reasons.length ? ' (' + expected.reasons.join(' or ') +
                                         ')' : ''));
      if (step) {
        add(facts, 'observed', step.observed === null ? 'no verdict' :
                                                        step.observed);
        add(facts, 'reason', step.reason);
        add(facts, 'HTTP status', step.http_status || '');
        add(facts, 'response', step.detail);
        if (Object.keys(step.fetches).length) {
          add(facts, 'fetches', step.fetches);
        }
      }
      detail.appendChild(facts);
    });
    detail.hidden = false;
  }
  window.addEventListener('hashchange', show);
  show();
  document.documentElement.setAttribute('data-rendered-rows', String(rows));
})();
)js";

std::string NoScriptSummary(const Matrix& matrix) {
  std::string text = "<table><tr><th>implementation</th><th>score</th></tr>\n";
  for (const Implementation& implementation : matrix.implementations) {
    std::string score(AvailabilityName(implementation.availability));
    if (implementation.run) {
      const Score value = ScoreOf(*implementation.run);
      score =
          std::to_string(value.passed) + " / " + std::to_string(value.tested);
    }
    text += "<tr><td>" + HtmlEscape(implementation.name) + "</td><td>" +
            HtmlEscape(score) + "</td></tr>\n";
  }
  return text + "</table>\n";
}

}  // namespace

std::string JsonForScript(const nlohmann::json& document) {
  const std::string text =
      document.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  std::string safe;
  safe.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        safe += "\\u003c";
        break;
      case '>':
        safe += "\\u003e";
        break;
      case '&':
        safe += "\\u0026";
        break;
      default:
        safe += c;
    }
  }
  return safe;
}

std::string MatrixToHtml(const Matrix& matrix) {
  nlohmann::json data = MatrixToJson(matrix);
  return std::string(kHead) + NoScriptSummary(matrix) + std::string(kBody) +
         "<script type=\"application/json\" id=\"matrix-data\">" +
         JsonForScript(data) + "</script>\n<script>" + std::string(kScript) +
         "</script>\n</body>\n</html>\n";
}

}  // namespace jwtconf::harness
