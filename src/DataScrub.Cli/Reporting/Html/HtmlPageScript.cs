namespace DataScrub.Cli.Reporting.Html;

/// <summary>
/// The report's one script, inline and without a framework: the findings filters (kind, severity, text). It reads
/// only the page (rows' <c>data-kind</c> and <c>data-severity</c>), never data pasted into the script, so nothing
/// from a dataset can end up in script context. A URL hash presets the filters (<c>#kind=nan,inf&amp;severity=error&amp;q=cat</c>),
/// which the kind names in the counts table link to. What the script did is written back into the page
/// (<c>data-visible-rows</c> on each table; <c>data-script-ready</c>, <c>data-filter-panels</c>, <c>data-script-errors</c> and, once
/// the thumbnails are decoded, <c>data-images-decoded</c> and <c>data-images-broken</c> on the body), so a
/// headless browser's DOM dump shows that it ran and what it computed.
/// </summary>
public static class HtmlPageScript
{
    public const string JavaScript = """
        (function () {
          'use strict';
          var body = document.body, errors = [];
          window.addEventListener('error', function (e) {
            errors.push(String(e.message || e));
            body.setAttribute('data-script-errors', errors.join('\n'));
          });

          function parseHash(hash) {
            var wanted = { kind: null, severity: null, q: null };
            if (!hash || hash.indexOf('=') < 0) return null;
            hash.replace(/^#/, '').split('&').forEach(function (part) {
              var eq = part.indexOf('=');
              if (eq < 0) return;
              var name = decodeURIComponent(part.slice(0, eq)), value = decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
              if (name === 'kind' || name === 'severity') wanted[name] = value.split(',').filter(Boolean);
              else if (name === 'q') wanted.q = value;
            });
            return wanted;
          }

          function setUp(panel) {
            var table = panel.querySelector('table.findings');
            var rows = Array.prototype.slice.call(table.tBodies[0].rows);
            var boxes = Array.prototype.slice.call(panel.querySelectorAll('input[data-filter]'));
            var search = panel.querySelector('input[type=search]');
            var shown = panel.querySelector('.shown');

            function apply() {
              var on = { kind: {}, severity: {} };
              boxes.forEach(function (b) { if (b.checked) on[b.getAttribute('data-filter')][b.value] = true; });
              var text = search.value.trim().toLowerCase(), visible = 0;
              rows.forEach(function (row) {
                var show = on.kind[row.getAttribute('data-kind')] === true
                  && on.severity[row.getAttribute('data-severity')] === true
                  && (text === '' || row.textContent.toLowerCase().indexOf(text) >= 0);
                row.hidden = !show;
                if (show) visible++;
              });
              table.setAttribute('data-visible-rows', String(visible));
              shown.textContent = visible + ' of ' + rows.length + ' listed findings shown';
            }

            function set(group, values) {
              boxes.forEach(function (b) {
                if (b.getAttribute('data-filter') === group) b.checked = values === null || values.indexOf(b.value) >= 0;
              });
            }

            boxes.forEach(function (b) { b.addEventListener('change', apply); });
            search.addEventListener('input', apply);
            Array.prototype.slice.call(panel.querySelectorAll('button[data-all]')).forEach(function (button) {
              button.addEventListener('click', function () {
                var group = button.getAttribute('data-all');
                boxes.forEach(function (b) { if (b.getAttribute('data-filter') === group) b.checked = button.value === 'all'; });
                apply();
              });
            });
            return function (wanted) {
              if (wanted) {
                set('kind', wanted.kind);
                set('severity', wanted.severity);
                search.value = wanted.q || '';
              }
              apply();
            };
          }

          var panels = Array.prototype.slice.call(document.querySelectorAll('.findings-panel')).map(setUp);
          function fromHash() {
            var wanted = parseHash(location.hash);
            panels.forEach(function (applyWanted) { applyWanted(wanted); });
          }
          window.addEventListener('hashchange', fromHash);
          fromHash();
          body.setAttribute('data-filter-panels', String(panels.length));
          body.setAttribute('data-script-ready', '1');
          window.addEventListener('load', function () {
            var images = Array.prototype.slice.call(document.images);
            body.setAttribute('data-images-decoded', String(images.filter(function (i) { return i.naturalWidth > 0; }).length));
            body.setAttribute('data-images-broken', String(images.filter(function (i) { return i.naturalWidth === 0; }).length));
          });
        })();
        """;
}
