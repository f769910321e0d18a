// The script of every HTML report, inline in the page (the Content Security Policy names it by its
// hash). The page reads completely without it; with it, tables filter and sort, a click on the
// picture highlights the element and can narrow the findings to it, and the picture zooms. It
// only reads the page's own markup and writes text with textContent: data never becomes markup.
export const pageScript = `
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.className += ' js';
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  var tables = {};
  all(doc, 'table[data-table]').forEach(function (table) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = all(body, 'tr');
    var state = { filters: {}, search: '', element: '', column: -1, direction: 1 };
    var controls = doc.querySelector('[data-controls="' + table.id + '"]');
    var shown = controls && controls.querySelector('[data-shown]');
    var elementNote = controls && controls.querySelector('[data-element]');
    function apply() {
      var count = 0;
      rows.forEach(function (row) {
        var visible = true;
        Object.keys(state.filters).forEach(function (key) {
          if (state.filters[key] && row.getAttribute('data-' + key) !== state.filters[key]) visible = false;
        });
        if (visible && state.element) {
          visible = (' ' + (row.getAttribute('data-el') || '') + ' ').indexOf(' ' + state.element + ' ') >= 0;
        }
        if (visible && state.search) visible = row.textContent.toLowerCase().indexOf(state.search) >= 0;
        row.hidden = !visible;
        if (visible) count += 1;
      });
      if (shown) shown.textContent = count + ' of ' + rows.length;
      if (elementNote) elementNote.hidden = !state.element;
    }
    if (controls) {
      controls.hidden = false;
      all(controls, 'select[data-filter]').forEach(function (select) {
        var key = select.getAttribute('data-filter');
        var values = {};
        rows.forEach(function (row) { var value = row.getAttribute('data-' + key); if (value) values[value] = true; });
        Object.keys(values).sort().forEach(function (value) {
          var option = doc.createElement('option');
          option.value = value;
          option.textContent = value;
          select.appendChild(option);
        });
        select.addEventListener('change', function () { state.filters[key] = select.value; apply(); });
      });
      all(controls, 'input[data-search]').forEach(function (input) {
        input.addEventListener('input', function () { state.search = input.value.trim().toLowerCase(); apply(); });
      });
      all(controls, 'button[data-clear-element]').forEach(function (button) {
        button.addEventListener('click', function () { state.element = ''; apply(); });
      });
    }
    all(table, 'th button[data-sort]').forEach(function (button) {
      var column = button.parentNode.cellIndex;
      button.addEventListener('click', function () {
        state.direction = state.column === column ? -state.direction : 1;
        state.column = column;
        all(table, 'th button[data-sort]').forEach(function (other) { other.removeAttribute('aria-sort'); });
        button.setAttribute('aria-sort', state.direction > 0 ? 'ascending' : 'descending');
        var numeric = button.getAttribute('data-sort') === 'number';
        var key = function (row) {
          var cell = row.cells[column];
          var value = cell ? (cell.getAttribute('data-sort') || cell.textContent) : '';
          return numeric ? Number(value) : value.toLowerCase();
        };
        var order = rows.map(function (row, index) { return { row: row, key: key(row), index: index }; });
        order.sort(function (a, b) {
          var c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
          return c * state.direction || a.index - b.index;
        });
        var fragment = doc.createDocumentFragment();
        order.forEach(function (item) { fragment.appendChild(item.row); });
        body.appendChild(fragment);
      });
    });
    tables[table.id] = { byElement: function (element) { state.element = element; apply(); } };
    apply();
  });
  all(doc, 'button[data-show-findings]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var target = tables[button.getAttribute('data-table-id')];
      if (!target) return;
      target.byElement(button.getAttribute('data-show-findings'));
      var table = doc.getElementById(button.getAttribute('data-table-id'));
      if (table) table.scrollIntoView();
    });
  });
  function select() {
    all(doc, 'svg .selected').forEach(function (node) { node.classList.remove('selected'); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    all(doc, 'svg [data-el]').forEach(function (node) {
      if (node.getAttribute('data-el') === id) node.classList.add('selected');
    });
  }
  window.addEventListener('hashchange', select);
  select();
  // A click on the picture opens the element's panel below it without jumping away from the picture.
  all(doc, 'svg a[data-el]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      var id = link.getAttribute('data-el');
      var panel = doc.getElementById(id);
      if (!panel) return;
      event.preventDefault();
      history.replaceState(null, '', '#' + id);
      all(doc, '.panel.open').forEach(function (open) { open.classList.remove('open'); });
      panel.classList.add('open');
      select();
      panel.scrollIntoView({ block: 'nearest' });
    });
  });
  all(doc, '[data-zoom-for]').forEach(function (bar) {
    var svg = doc.querySelector('#' + bar.getAttribute('data-zoom-for') + ' svg');
    if (!svg) return;
    bar.hidden = false;
    var width = Number(svg.getAttribute('width'));
    var height = Number(svg.getAttribute('height'));
    var scale = 1;
    function zoom(next) {
      scale = Math.max(0.05, Math.min(4, next));
      svg.setAttribute('width', String(Math.round(width * scale)));
      svg.setAttribute('height', String(Math.round(height * scale)));
    }
    all(bar, 'button[data-zoom]').forEach(function (button) {
      button.addEventListener('click', function () {
        var how = button.getAttribute('data-zoom');
        if (how === 'in') zoom(scale * 1.25);
        else if (how === 'out') zoom(scale / 1.25);
        else zoom(Math.min(1, (svg.parentNode.clientWidth - 2) / width));
      });
    });
    // A picture wider than the page starts fitted, down to a size where labels stay readable.
    var fit = (svg.parentNode.clientWidth - 2) / width;
    if (fit < 1) zoom(Math.max(0.6, fit));
  });
})();
`;
